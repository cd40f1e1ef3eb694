package io.cheluyun.asn1.runtime;

/** A JSON or XER value that does not fit its ASN.1 type; the message starts with where it is. */
public final class TextValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TextValueException(String message) {
        super(message);
    }
}
