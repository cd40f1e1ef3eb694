package io.cheluyun.asn1.runtime;

/**
 * Receives a decoded value as a walk over its ASN.1 structure, so one generated {@code write} method per type
 * serves every text view: {@link JerWriter} (JSON, X.697 style) and {@link XerWriter} (XML, X.693 basic XER as
 * asn1c emits it). Calls come in the shape of the value: {@code beginSequence, field, <value>, endField, ...,
 * endSequence}.
 */
public interface ValueWriter {

    void beginSequence();

    void endSequence();

    /** A present component follows, named as in the schema. */
    void field(String name);

    void endField();

    void beginList();

    void endList();

    /**
     * A list element follows; {@code xerTag} is its type's name (XER names list elements by type), or null for an
     * ENUMERATED, BOOLEAN or CHOICE element, which XER writes without a wrapping element (X.693).
     */
    void item(String xerTag);

    void endItem();

    void beginChoice(String alternative);

    void endChoice();

    /** The value of an open type, of the named type. */
    void beginOpen(String typeName);

    void endOpen();

    void integer(long v);

    void bool(boolean v);

    void nul();

    void enumerated(String item);

    void octets(byte[] v);

    /**
     * A BIT STRING; {@code fixedSize}: its size is fixed by the schema (JER writes bare hex then);
     * {@code namedBits}: the type has a NamedBitList, so trailing 0 bits are not significant (X.680 22.7).
     */
    void bits(BitString v, boolean fixedSize, boolean namedBits);

    void string(String v);

    /** The octets of an open type or extension whose type this schema does not know. */
    void unknown(byte[] octets);

    /** A fixed-size BIT STRING held as {@code long} (bit i at Java bit i) as a {@link BitString}. */
    static BitString bitsOf(long v, int size) {
        byte[] bytes = new byte[(size + 7) / 8];
        for (int b = 0; b < size; b++) {
            if ((v >>> b & 1) != 0) {
                bytes[b >>> 3] |= (byte) (0x80 >>> (b & 7));
            }
        }
        return new BitString(bytes, size);
    }
}
