package io.cheluyun.edge.security;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.BigIntegers;

/**
 * The signature input of IEEE 1609.2 5.3.1 and the raw sign/verify primitives.
 *
 * <p>ECDSA (1609.2 5.3.1): e = H(H(data input) || H(signer identifier input)) with H = SHA-256, the data input being the
 * COER of {@code tbsData} and the signer identifier input the signer's certificate encoding ({@code digest}: here
 * the X.509 DER, see {@link HashedId8}) or the empty string ({@code self}). {@link #message} builds the 64-octet
 * {@code H(tbs) || H(cert)}; signing and verifying hash it once more, exactly what the JDK's
 * {@code SHA256withECDSAinP1363Format} would do with it. The arithmetic is BouncyCastle's lightweight
 * {@link ECDSASigner}: measured 8× faster than the JDK 25 SunEC verify on the build machine (~130 µs against
 * ~1 ms), because it caches the WNAF precomputation on the registered public-key point between verifications.
 *
 * <p>SM2 (Cheluyun's option, documented here because the 1609.2-2022 clause was not available to check): the same
 * construction with SM3, M = SM3(tbs) || SM3(cert); M is signed with SM2 (GB/T 32918.2), which itself hashes
 * SM3(Z_A || M) with the default distinguishing identifier "1234567812345678" (GM/T 0009). Done with BouncyCastle's
 * lightweight {@link SM2Signer}.
 *
 * <p>Stateless and thread-safe: signer objects are created per call (a few hundred ns, against ~100 µs for the
 * curve arithmetic); BouncyCastle guards the precomputation it caches on a key's point.
 */
final class SignatureInput {

    /** GM/T 0009 default SM2 distinguishing identifier. */
    static final byte[] SM2_DEFAULT_ID = "1234567812345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The P-256 group order n (FIPS 186-4 D.1.2.3). */
    private static final BigInteger P256_N =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final byte[] EMPTY = new byte[0];
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignatureInput() {
    }

    /** H(signer identifier input): of the certificate encoding, or of the empty string for {@code self}. */
    static byte[] certificateHash(SigningAlgorithm algorithm, byte[] certificateEncoding) {
        return hash(algorithm, certificateEncoding == null ? EMPTY : certificateEncoding);
    }

    /** H(tbs) || certificateHash: 64 octets, what the ECDSA or SM2 signer is given. */
    static byte[] message(SigningAlgorithm algorithm, byte[] tbs, byte[] certificateHash) {
        byte[] out = Arrays.copyOf(hash(algorithm, tbs), 64);
        System.arraycopy(certificateHash, 0, out, 32, 32);
        return out;
    }

    static byte[] hash(SigningAlgorithm algorithm, byte[] input) {
        return switch (algorithm) {
            case ECDSA_P256 -> sha256(input);
            case SM2 -> {
                SM3Digest d = new SM3Digest();
                d.update(input, 0, input.length);
                byte[] out = new byte[32];
                d.doFinal(out, 0);
                yield out;
            }
        };
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** r||s, 64 octets; k per RFC 6979 (deterministic: no dependence on the random source's quality). */
    static byte[] signEcdsa(ECPrivateKeyParameters key, byte[] message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(sha256(message));
        byte[] out = new byte[64];
        BigIntegers.asUnsignedByteArray(rs[0], out, 0, 32);
        BigIntegers.asUnsignedByteArray(rs[1], out, 32, 32);
        return out;
    }

    /**
     * Whether x and s verify. 1609.2 carries x(R); ECDSA's r is x(R) mod n (different only when x ≥ n, which
     * p - n ≈ 2^128 makes all but impossible). Out-of-range values verify false.
     */
    static boolean verifyEcdsa(ECPublicKeyParameters key, byte[] message, byte[] x, byte[] s) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(sha256(message), new BigInteger(1, x).mod(P256_N), new BigInteger(1, s));
    }

    /** The lightweight form of a JCA EC private key (JDK or BouncyCastle), for either algorithm. */
    static ECPrivateKeyParameters ecPrivateKey(PrivateKey key) {
        if (key.getEncoded() == null) {
            throw new IllegalArgumentException("the private key cannot be exported (a hardware key?): signing here "
                    + "needs its PKCS#8 encoding");
        }
        try {
            return (ECPrivateKeyParameters) PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(key.getEncoded()));
        } catch (IOException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an EC private key: " + e.getMessage(), e);
        }
    }

    /** r||s, 64 octets. */
    static byte[] signSm2(ECPrivateKeyParameters key, byte[] message) {
        SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        signer.init(true, new ParametersWithID(new ParametersWithRandom(key, RANDOM), SM2_DEFAULT_ID));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalArgumentException("cannot sign with SM2: " + e.getMessage(), e);
        }
    }

    static boolean verifySm2(ECPublicKeyParameters key, byte[] message, byte[] r, byte[] s) {
        byte[] rs = new byte[64];
        System.arraycopy(r, 0, rs, 0, 32);
        System.arraycopy(s, 0, rs, 32, 32);
        SM2Signer verifier = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        verifier.init(false, new ParametersWithID(key, SM2_DEFAULT_ID));
        verifier.update(message, 0, message.length);
        try {
            return verifier.verifySignature(rs);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false; // r or s outside 1..n-1 in a form the decoder rejects: not a valid signature
        }
    }
}
