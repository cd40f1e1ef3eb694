package io.cheluyun.asn1.runtime;

/**
 * A BIT STRING value of variable or large size (fixed sizes up to 64 bits are generated as {@code long}). Bit
 * {@code i} (ASN.1 numbering, the first bit on the wire is 0) is {@code bytes[i / 8] & (0x80 >>> (i % 8))}.
 */
public record BitString(byte[] bytes, int length) {

    public BitString {
        if (length < 0 || bytes.length < (length + 7) / 8) {
            throw new IllegalArgumentException("BIT STRING of " + length + " bits needs " + (length + 7) / 8
                    + " bytes, got " + bytes.length);
        }
    }

    public boolean get(int bit) {
        return bit < length && (bytes[bit >>> 3] & (0x80 >>> (bit & 7))) != 0;
    }

    /**
     * The canonical form of a value of a BIT STRING type with named bits (X.691 16.3, X.680 22.7): trailing 0 bits
     * removed, then 0 bits appended up to the lower size bound {@code lb}. Text views drop trailing zeros, so this
     * makes a value read back from JSON encode as the one decoded.
     */
    public BitString namedBitsNormalised(int lb) {
        int n = length;
        while (n > 0 && !get(n - 1)) {
            n--;
        }
        int target = Math.max(n, lb);
        if (target == length) {
            return this;
        }
        byte[] b = new byte[(target + 7) / 8];
        for (int i = 0; i < n; i++) {
            if (get(i)) {
                b[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
        }
        return new BitString(b, target);
    }

    /** Bits as ASN.1 value notation digits, first bit first: {@code "10010"}. */
    public String toBinary() {
        StringBuilder sb = new StringBuilder(length);
        for (int b = 0; b < length; b++) {
            sb.append(get(b) ? '1' : '0');
        }
        return sb.toString();
    }

    public static BitString ofBinary(String digits) {
        byte[] bytes = new byte[(digits.length() + 7) / 8];
        for (int b = 0; b < digits.length(); b++) {
            char c = digits.charAt(b);
            if (c == '1') {
                bytes[b >>> 3] |= (byte) (0x80 >>> (b & 7));
            } else if (c != '0') {
                throw new IllegalArgumentException("not a binary digit: '" + c + "'");
            }
        }
        return new BitString(bytes, digits.length());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitString b && b.length == length && toBinary().equals(b.toBinary());
    }

    @Override
    public int hashCode() {
        return toBinary().hashCode();
    }

    @Override
    public String toString() {
        return "BitString[" + toBinary() + "]";
    }

}
