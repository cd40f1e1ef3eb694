package io.cheluyun.asn1.runtime;

import java.util.HexFormat;

/**
 * JSON text in the style of X.697 JER (as Erlang/OTP's {@code jer} writes it): SEQUENCE → object with the present
 * components, CHOICE → {@code {"alternative": value}}, ENUMERATED → its identifier, OCTET STRING → hex, BIT STRING →
 * hex when its size is fixed else {@code {"length": n, "value": hex}}, NULL → {@code null}. Unknown open-type
 * content is {@code {"unknownOctets": hex}}.
 */
public final class JerWriter implements ValueWriter {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private final StringBuilder sb;
    /** Per nesting level: has something been written at this level yet (for commas). */
    private final boolean[] started = new boolean[256];
    private int depth;

    public JerWriter(StringBuilder sb) {
        this.sb = sb;
    }

    private void comma() {
        if (started[depth]) {
            sb.append(',');
        }
        started[depth] = true;
    }

    private void open(char c) {
        sb.append(c);
        depth++;
        if (depth >= started.length) {
            throw new IllegalStateException("value nested deeper than " + started.length);
        }
        started[depth] = false;
    }

    private void close(char c) {
        depth--;
        sb.append(c);
    }

    @Override
    public void beginSequence() {
        open('{');
    }

    @Override
    public void endSequence() {
        close('}');
    }

    @Override
    public void field(String name) {
        comma();
        quote(name);
        sb.append(':');
    }

    @Override
    public void endField() {
    }

    @Override
    public void beginList() {
        open('[');
    }

    @Override
    public void endList() {
        close(']');
    }

    @Override
    public void item(String xerTag) {
        comma();
    }

    @Override
    public void endItem() {
    }

    @Override
    public void beginChoice(String alternative) {
        open('{');
        field(alternative);
    }

    @Override
    public void endChoice() {
        close('}');
    }

    @Override
    public void beginOpen(String typeName) {
    }

    @Override
    public void endOpen() {
    }

    @Override
    public void integer(long v) {
        sb.append(v);
    }

    @Override
    public void bool(boolean v) {
        sb.append(v);
    }

    @Override
    public void nul() {
        sb.append("null");
    }

    @Override
    public void enumerated(String item) {
        quote(item);
    }

    @Override
    public void octets(byte[] v) {
        quote(HEX.formatHex(v));
    }

    @Override
    public void bits(BitString v, boolean fixedSize, boolean namedBits) {
        int length = v.length();
        if (fixedSize) {
            quote(HEX.formatHex(v.bytes(), 0, (length + 7) / 8));
            return;
        }
        if (namedBits) {
            while (length > 0 && !v.get(length - 1)) {
                length--;
            }
        }
        sb.append("{\"length\":").append(length).append(",\"value\":");
        quote(HEX.formatHex(v.bytes(), 0, (length + 7) / 8));
        sb.append('}');
    }

    @Override
    public void string(String v) {
        quote(v);
    }

    @Override
    public void unknown(byte[] octets) {
        sb.append("{\"unknownOctets\":");
        quote(HEX.formatHex(octets));
        sb.append('}');
    }

    private void quote(String s) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
