package io.cheluyun.asn1.schema;

/** Wrong or unsupported ASN.1 notation, or a schema that does not resolve; the message starts with file:line. */
public final class SchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }

    static SchemaException at(String file, int line, int column, String message) {
        return new SchemaException(file + ":" + line + ":" + column + ": " + message);
    }
}
