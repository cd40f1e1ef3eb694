package io.cheluyun.asn1.runtime;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The content of an open type whose actual type this schema does not know (an identifier outside the object set,
 * e.g. a regional extension or a message type from a newer version): kept as its octets so it can be reported,
 * forwarded and re-encoded unchanged (X.691 11.2).
 */
public record OpenValue(long id, byte[] octets) {

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenValue v && v.id == id && Arrays.equals(v.octets, octets);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Arrays.hashCode(octets);
    }

    @Override
    public String toString() {
        return "OpenValue[id=" + id + ", " + HexFormat.of().formatHex(octets) + "]";
    }
}
