package io.cheluyun.asn1.runtime;

import java.io.ByteArrayOutputStream;

/**
 * OBJECT IDENTIFIER and RELATIVE-OID values as dotted text ({@code "1.3.6.1"}) and their contents octets, which PER
 * sends as a length-prefixed octet string (X.691 24–25, contents as X.690 8.19/8.20: base-128 subidentifiers, the
 * first two arcs of an absolute OID combined as 40 × first + second).
 */
public final class Oids {

    private Oids() {
    }

    public static byte[] encode(String dotted, boolean relative) {
        String[] parts = dotted.split("\\.");
        long[] arcs = new long[parts.length];
        try {
            for (int k = 0; k < parts.length; k++) {
                arcs[k] = Long.parseLong(parts[k]);
                if (arcs[k] < 0) {
                    throw new NumberFormatException("negative arc");
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a dotted object identifier: '" + dotted + "'");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int k = 0;
        if (!relative) {
            if (arcs.length < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) {
                throw new IllegalArgumentException("an object identifier needs two valid first arcs: '" + dotted + "'");
            }
            subidentifier(out, arcs[0] * 40 + arcs[1]);
            k = 2;
        }
        for (; k < arcs.length; k++) {
            subidentifier(out, arcs[k]);
        }
        return out.toByteArray();
    }

    private static void subidentifier(ByteArrayOutputStream out, long v) {
        int groups = 1;
        for (long x = v >>> 7; x != 0; x >>>= 7) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int b = (int) (v >>> (7 * g)) & 0x7f;
            out.write(g == 0 ? b : b | 0x80);
        }
    }

    /** Dotted text of contents octets; throws IllegalArgumentException on a malformed encoding. */
    public static String decode(byte[] octets, boolean relative) {
        StringBuilder sb = new StringBuilder();
        long v = 0;
        int bits = 0;
        boolean first = !relative;
        for (int k = 0; k < octets.length; k++) {
            int b = octets[k] & 0xff;
            if (bits == 0 && b == 0x80) {
                throw new IllegalArgumentException("object identifier subidentifier with a leading 0x80 at octet " + k);
            }
            v = v << 7 | (b & 0x7f);
            bits += 7;
            if (bits > 63) {
                throw new IllegalArgumentException("object identifier arc longer than 63 bits at octet " + k);
            }
            if ((b & 0x80) == 0) {
                if (first) {
                    long a = Math.min(2, v / 40);
                    sb.append(a).append('.').append(v - 40 * a);
                    first = false;
                } else {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(v);
                }
                v = 0;
                bits = 0;
            }
        }
        if (bits != 0 || (octets.length == 0 && !relative)) {
            throw new IllegalArgumentException("object identifier ends inside a subidentifier");
        }
        return sb.toString();
    }
}
