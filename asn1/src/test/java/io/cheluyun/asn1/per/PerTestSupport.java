package io.cheluyun.asn1.per;

import java.util.HexFormat;

/** Helpers for writing expected encodings the way X.691 examples show them: hex octets and bit strings. */
final class PerTestSupport {

    private PerTestSupport() {
    }

    /** Octets from hex, spaces allowed: {@code hex("02 01 00")}. */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** The written bits as a string of '0'/'1', exactly {@link BitWriter#bitLength()} long. */
    static String bits(BitWriter w) {
        StringBuilder sb = new StringBuilder(w.bitLength());
        byte[] b = w.buffer();
        for (int i = 0; i < w.bitLength(); i++) {
            sb.append((b[i >>> 3] >>> (7 - (i & 7)) & 1) == 0 ? '0' : '1');
        }
        return sb.toString();
    }

    /** Octets holding the given '0'/'1' string (spaces ignored), zero-padded: {@code fromBits("101")} is A0. */
    static byte[] fromBits(String s) {
        String t = s.replace(" ", "");
        byte[] out = new byte[Math.max(1, (t.length() + 7) / 8)];
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '1') {
                out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
        }
        return out;
    }

    static byte[] filled(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }
}
