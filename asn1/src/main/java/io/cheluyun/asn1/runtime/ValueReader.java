package io.cheluyun.asn1.runtime;

import java.util.List;

/**
 * A value in a text view, read back: the mirror of {@link ValueWriter}, so one generated {@code read} method per
 * type serves JSON (JER) and XER. Implementations wrap a parsed tree; a wrong shape or value is a
 * {@link TextValueException} naming where it is.
 */
public interface ValueReader {

    /** The component {@code name} of this SEQUENCE, or null when it is absent. */
    ValueReader field(String name);

    /** The elements of this SEQUENCE OF; {@code xerTag} is their type's name, as {@link ValueWriter#item} wrote. */
    List<ValueReader> items(String xerTag);

    /** The identifier of the alternative this CHOICE holds. */
    String alternative();

    /** The value of that alternative. */
    ValueReader alternativeValue();

    /** The value of an open type of the named type. */
    ValueReader open(String typeName);

    /** True when this open type or alternative holds undecoded octets ({@link ValueWriter#unknown}). */
    boolean isUnknown();

    byte[] unknownOctets();

    long integer();

    boolean bool();

    String enumerated();

    byte[] octets();

    /** A BIT STRING; a fixed-size one is read at its schema size {@code fixedLength}. */
    BitString bits(boolean fixedSize, int fixedLength);

    String string();

    /** Where this value is, for error messages (a JSON pointer or an XML element path). */
    String path();

    /** A wrong shape or value here. */
    default TextValueException error(String message) {
        return new TextValueException(path() + ": " + message);
    }

    /** A fixed-size BIT STRING as {@code long}: bit i of the string at Java bit i. */
    static long bitsToLong(BitString b) {
        long v = 0;
        for (int i = 0; i < b.length() && i < 64; i++) {
            if (b.get(i)) {
                v |= 1L << i;
            }
        }
        return v;
    }
}
