package io.cheluyun.asn1.runtime;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads basic XER (as {@link XerWriter} and asn1c write it) from a DOM element: components and alternatives are
 * child elements named by identifier, list elements and open-type values are named by type, ENUMERATED and BOOLEAN
 * values are empty elements, white space inside values is ignored.
 */
public final class XerReader implements ValueReader {

    private final Element element;
    private final String path;
    /**
     * A list item of an ENUMERATED, BOOLEAN or CHOICE type: the element is the value itself ({@code <hydrantPresent/>},
     * or the alternative's element), not wrapped in an element named by the type.
     */
    private final boolean bare;

    public XerReader(Element element) {
        this(element, "/" + element.getTagName(), false);
    }

    private XerReader(Element element, String path, boolean bare) {
        this.element = element;
        this.path = path;
        this.bare = bare;
    }

    private List<Element> children() {
        List<Element> out = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private XerReader child(Element e) {
        return new XerReader(e, path + "/" + e.getTagName(), false);
    }

    @Override
    public ValueReader field(String name) {
        for (Element e : children()) {
            if (e.getTagName().equals(name)) {
                return child(e);
            }
        }
        return null;
    }

    @Override
    public List<ValueReader> items(String xerTag) {
        List<ValueReader> out = new ArrayList<>();
        for (Element e : children()) {
            out.add(xerTag == null ? new XerReader(e, path + "/" + e.getTagName(), true) : child(e));
        }
        return out;
    }

    @Override
    public String alternative() {
        return bare ? element.getTagName() : single().getTagName();
    }

    @Override
    public ValueReader alternativeValue() {
        return bare ? new XerReader(element, path, false) : child(single());
    }

    private Element single() {
        List<Element> c = children();
        if (c.size() != 1) {
            throw error("expected exactly one element (a CHOICE alternative), found " + c.size());
        }
        return c.getFirst();
    }

    @Override
    public ValueReader open(String typeName) {
        Element e = single();
        if (!e.getTagName().equals(typeName)) {
            throw error("expected <" + typeName + ">, found <" + e.getTagName() + ">");
        }
        return child(e);
    }

    @Override
    public boolean isUnknown() {
        return children().isEmpty() && !text().isEmpty() && text().chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    @Override
    public byte[] unknownOctets() {
        return octets();
    }

    @Override
    public long integer() {
        try {
            return Long.parseLong(text());
        } catch (NumberFormatException e) {
            throw error("expected an integer, found '" + text() + "'");
        }
    }

    @Override
    public boolean bool() {
        String v = enumerated();
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error("expected <true/> or <false/>, found <" + v + "/>");
        };
    }

    @Override
    public String enumerated() {
        return bare ? element.getTagName() : single().getTagName();
    }

    @Override
    public byte[] octets() {
        try {
            return HexFormat.of().parseHex(text());
        } catch (IllegalArgumentException e) {
            throw error("expected hex octets: " + e.getMessage());
        }
    }

    @Override
    public BitString bits(boolean fixedSize, int fixedLength) {
        try {
            return BitString.ofBinary(text());
        } catch (IllegalArgumentException e) {
            throw error("expected binary digits: " + e.getMessage());
        }
    }

    @Override
    public String string() {
        return element.getTextContent();
    }

    @Override
    public String path() {
        return path;
    }

    private String text() {
        return element.getTextContent().replaceAll("\\s+", "");
    }
}
