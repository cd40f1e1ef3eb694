package io.cheluyun.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.cheluyun.asn1.runtime.BitString;
import io.cheluyun.asn1.runtime.ValueReader;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads the JSON written by {@link io.cheluyun.asn1.runtime.JerWriter} (X.697 style) from a Jackson tree. */
final class JerReader implements ValueReader {

    private final JsonNode node;
    private final String path;

    JerReader(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    @Override
    public ValueReader field(String name) {
        if (!node.isObject()) {
            throw error("expected an object with component " + name + ", found " + node.getNodeType());
        }
        JsonNode f = node.get(name);
        return f == null ? null : new JerReader(f, path + "/" + name);
    }

    @Override
    public List<ValueReader> items(String xerTag) {
        if (!node.isArray()) {
            throw error("expected an array, found " + node.getNodeType());
        }
        List<ValueReader> out = new ArrayList<>(node.size());
        for (int k = 0; k < node.size(); k++) {
            out.add(new JerReader(node.get(k), path + "/" + k));
        }
        return out;
    }

    @Override
    public String alternative() {
        return only().getKey();
    }

    @Override
    public ValueReader alternativeValue() {
        Map.Entry<String, JsonNode> e = only();
        return new JerReader(e.getValue(), path + "/" + e.getKey());
    }

    private Map.Entry<String, JsonNode> only() {
        if (!node.isObject() || node.size() != 1) {
            throw error("a CHOICE is an object with exactly one member, found " + node);
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        return it.next();
    }

    @Override
    public ValueReader open(String typeName) {
        return this;
    }

    @Override
    public boolean isUnknown() {
        return node.isObject() && node.size() == 1 && node.has("unknownOctets");
    }

    @Override
    public byte[] unknownOctets() {
        return hex(node.get("unknownOctets"));
    }

    @Override
    public long integer() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("expected an integer, found " + node);
        }
        return node.longValue();
    }

    @Override
    public boolean bool() {
        if (!node.isBoolean()) {
            throw error("expected true or false, found " + node);
        }
        return node.booleanValue();
    }

    @Override
    public String enumerated() {
        return text(node);
    }

    @Override
    public byte[] octets() {
        return hex(node);
    }

    @Override
    public BitString bits(boolean fixedSize, int fixedLength) {
        if (fixedSize) {
            byte[] b = hex(node);
            if (b.length != (fixedLength + 7) / 8) {
                throw error("a BIT STRING of " + fixedLength + " bits takes " + (fixedLength + 7) / 8 + " hex octets");
            }
            return new BitString(b, fixedLength);
        }
        JsonNode length = node.get("length");
        JsonNode value = node.get("value");
        if (length == null || value == null || !length.isIntegralNumber()) {
            throw error("expected {\"length\": n, \"value\": hex} for a BIT STRING, found " + node);
        }
        byte[] b = hex(value);
        int n = length.intValue();
        if (n < 0 || b.length != (n + 7) / 8) {
            throw error("BIT STRING length " + n + " does not match " + b.length + " octets of value");
        }
        return new BitString(b, n);
    }

    @Override
    public String string() {
        return text(node);
    }

    @Override
    public String path() {
        return path.isEmpty() ? "/" : path;
    }

    private String text(JsonNode n) {
        if (!n.isTextual()) {
            throw error("expected a string, found " + n);
        }
        return n.textValue();
    }

    private byte[] hex(JsonNode n) {
        try {
            return HexFormat.of().parseHex(text(n));
        } catch (IllegalArgumentException e) {
            throw error("expected hex octets: " + e.getMessage());
        }
    }
}
