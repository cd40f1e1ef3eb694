package io.cheluyun.asn1.per;

/**
 * A value that violates its PER-visible constraint, met while encoding: an integer outside its range, a string or
 * list whose size is outside its bounds, a character outside the permitted alphabet. Unchecked because it signals a
 * bug in the producer of the value (the model-to-ASN.1 adapter), not a condition the caller can recover from at the
 * call site. The message names the value and the constraint.
 */
public final class EncodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EncodeException(String message) {
        super(message);
    }
}
