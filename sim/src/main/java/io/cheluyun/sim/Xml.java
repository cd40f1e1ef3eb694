package io.cheluyun.sim;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** StAX helpers for SUMO's files: no DTDs or external entities (SUMO files reference XSDs by URL only). */
final class Xml {

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private Xml() {
    }

    static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    static String attr(XMLStreamReader r, String name) {
        return r.getAttributeValue(null, name);
    }

    static String required(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        if (v == null) {
            throw new IllegalArgumentException("<" + r.getLocalName() + "> at line " + r.getLocation().getLineNumber()
                    + " has no " + name);
        }
        return v;
    }

    static double number(XMLStreamReader r, String name) {
        String v = required(r, name);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("<" + r.getLocalName() + "> at line "
                    + r.getLocation().getLineNumber() + ": " + name + "=\"" + v + "\" is not a number", e);
        }
    }

    static double number(XMLStreamReader r, String name, double absent) {
        return attr(r, name) == null ? absent : number(r, name);
    }
}
