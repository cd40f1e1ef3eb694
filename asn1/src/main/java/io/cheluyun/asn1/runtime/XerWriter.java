package io.cheluyun.asn1.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * XML text in basic XER (X.693) as asn1c writes it, without indentation: components and alternatives are
 * elements named by their identifiers, list elements and open-type values by their type names, ENUMERATED and
 * BOOLEAN values empty elements ({@code <unavailable/>}, {@code <true/>}), OCTET STRING hex, BIT STRING binary
 * digits.
 */
public final class XerWriter implements ValueWriter {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private final StringBuilder sb;
    private final Deque<String> open = new ArrayDeque<>();

    public XerWriter(StringBuilder sb) {
        this.sb = sb;
    }

    /** Starts the document element (the top-level type's name). */
    public XerWriter root(String typeName) {
        start(typeName);
        return this;
    }

    /** Closes the document element. */
    public void end() {
        stop();
    }

    private void start(String tag) {
        sb.append('<').append(tag).append('>');
        open.push(tag);
    }

    private void stop() {
        sb.append("</").append(open.pop()).append('>');
    }

    @Override
    public void beginSequence() {
    }

    @Override
    public void endSequence() {
    }

    @Override
    public void field(String name) {
        start(name);
    }

    @Override
    public void endField() {
        stop();
    }

    @Override
    public void beginList() {
    }

    @Override
    public void endList() {
    }

    /** A null tag: an ENUMERATED, BOOLEAN or CHOICE item, written without a wrapping element (X.693). */
    @Override
    public void item(String xerTag) {
        if (xerTag == null) {
            open.push("");
        } else {
            start(xerTag);
        }
    }

    @Override
    public void endItem() {
        if (open.peek() != null && open.peek().isEmpty()) {
            open.pop();
        } else {
            stop();
        }
    }

    @Override
    public void beginChoice(String alternative) {
        start(alternative);
    }

    @Override
    public void endChoice() {
        stop();
    }

    @Override
    public void beginOpen(String typeName) {
        start(typeName);
    }

    @Override
    public void endOpen() {
        stop();
    }

    @Override
    public void integer(long v) {
        sb.append(v);
    }

    @Override
    public void bool(boolean v) {
        sb.append(v ? "<true/>" : "<false/>");
    }

    @Override
    public void nul() {
    }

    @Override
    public void enumerated(String item) {
        sb.append('<').append(item).append("/>");
    }

    @Override
    public void octets(byte[] v) {
        sb.append(HEX.formatHex(v));
    }

    @Override
    public void bits(BitString v, boolean fixedSize, boolean namedBits) {
        sb.append(v.toBinary());
    }

    @Override
    public void string(String v) {
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                default -> sb.append(c);
            }
        }
    }

    @Override
    public void unknown(byte[] octets) {
        sb.append(HEX.formatHex(octets));
    }
}
