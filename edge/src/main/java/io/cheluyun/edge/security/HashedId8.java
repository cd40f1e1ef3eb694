package io.cheluyun.edge.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * A certificate's 8-octet identifier (IEEE 1609.2 6.4.3 {@code HashedId8}): the low-order eight octets, i.e. the
 * last eight, of the SHA-256 hash of the certificate. 1609.2 hashes the certificate's COER encoding; Cheluyun's
 * registry holds X.509 certificates, so the hash is over the X.509 DER encoding (the "1609.2-style" part).
 *
 * @param bits the eight octets, big-endian (octet 0 of the HashedId8 is the most significant byte)
 */
public record HashedId8(long bits) {

    /** Octets in the encoding. */
    public static final int OCTETS = 8;

    /** The HashedId8 of a certificate's DER encoding. */
    public static HashedId8 of(X509Certificate certificate) {
        try {
            return ofEncoded(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** The HashedId8 of an encoded certificate (SHA-256, last eight octets). */
    public static HashedId8 ofEncoded(byte[] certificateEncoding) {
        byte[] h = sha256(certificateEncoding);
        return fromOctets(h, h.length - OCTETS);
    }

    /** The eight octets at {@code offset}, big-endian. */
    public static HashedId8 fromOctets(byte[] octets, int offset) {
        long v = 0;
        for (int k = 0; k < OCTETS; k++) {
            v = v << 8 | (octets[offset + k] & 0xff);
        }
        return new HashedId8(v);
    }

    /** Writes the eight octets at {@code offset}. */
    public void writeTo(byte[] out, int offset) {
        for (int k = 0; k < OCTETS; k++) {
            out[offset + k] = (byte) (bits >>> (8 * (OCTETS - 1 - k)));
        }
    }

    public byte[] toOctets() {
        byte[] out = new byte[OCTETS];
        writeTo(out, 0);
        return out;
    }

    /** Sixteen lower-case hex digits, as logs and the registry print it. */
    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(bits);
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
