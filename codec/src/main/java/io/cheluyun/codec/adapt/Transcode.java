package io.cheluyun.codec.adapt;

import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.asn1.per.BitWriter;
import io.cheluyun.asn1.per.DecodeException;

/**
 * Moves a value between two generated packages whose schemas define the same type (ISO TS 19091's DSRC inside
 * ETSI SPATEM/MAPEM is J2735-2016's DSRC): encode with one, decode with the other. Cheaper to keep right than a
 * second hand-written adapter per type.
 */
final class Transcode {

    @FunctionalInterface
    interface Decoder<T> {
        T decode(BitReader r) throws DecodeException;
    }

    private Transcode() {
    }

    static <T> T to(BitWriter encoded, Decoder<T> decoder) {
        try {
            return decoder.decode(new BitReader(encoded.toByteArray()));
        } catch (DecodeException e) {
            throw new IllegalStateException("the two schemas disagree on this type's encoding: " + e.getMessage(), e);
        }
    }
}
