package io.cheluyun.edge.security;

import io.cheluyun.edge.security.SecuredMessage.HeaderInfo;
import io.cheluyun.edge.security.SecuredMessage.SignerId;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/**
 * Signs payloads into IEEE 1609.2 signed Data (COER) with one device's key and certificate: the tests, the load
 * generator and the downlink use it. The algorithm follows the certificate's key (P-256: ECDSA with SHA-256; SM2:
 * SM2 with SM3); the signature input is 1609.2 5.3.1 (see {@link SignatureInput}).
 *
 * <p>Thread-safe: immutable; each call creates its own signature engine.
 */
public final class MessageSigner {

    private final ECPrivateKeyParameters key;
    private final SigningAlgorithm algorithm;
    private final HashedId8 id;
    private final byte[] certificateHash;
    private final byte[] selfHash;

    private MessageSigner(PrivateKey privateKey, SigningAlgorithm algorithm, byte[] certificateDer) {
        this.key = SignatureInput.ecPrivateKey(privateKey);
        this.algorithm = algorithm;
        this.id = HashedId8.ofEncoded(certificateDer);
        this.certificateHash = SignatureInput.certificateHash(algorithm, certificateDer);
        this.selfHash = SignatureInput.certificateHash(algorithm, null);
    }

    /**
     * A signer for the key of {@code certificate}.
     *
     * @throws IllegalArgumentException the certificate's key is neither P-256 nor SM2
     */
    public static MessageSigner create(PrivateKey privateKey, X509Certificate certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
        TrustStore.ParsedKey key = TrustStore.parseKey(der);
        if (key == null) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal()
                    + " holds neither a P-256 nor an SM2 key");
        }
        MessageSigner signer = new MessageSigner(privateKey, key.algorithm(), der);
        // A key from the wrong file would make every message fail at the verifiers: catch it here, once.
        byte[] probe = SignatureInput.message(key.algorithm(), new byte[0], signer.certificateHash);
        byte[] rs = signer.rawSign(probe);
        boolean matches = switch (key.algorithm()) {
            case ECDSA_P256 -> SignatureInput.verifyEcdsa(key.key(), probe, Arrays.copyOfRange(rs, 0, 32),
                    Arrays.copyOfRange(rs, 32, 64));
            case SM2 -> SignatureInput.verifySm2(key.key(), probe, Arrays.copyOfRange(rs, 0, 32),
                    Arrays.copyOfRange(rs, 32, 64));
        };
        if (!matches) {
            throw new IllegalArgumentException("the private key does not belong to certificate "
                    + certificate.getSubjectX500Principal());
        }
        return signer;
    }

    /** A signer from a {@link Pki} credential. */
    public static MessageSigner create(Pki.Credential credential) {
        return create(credential.privateKey(), credential.certificate());
    }

    private byte[] rawSign(byte[] message) {
        return switch (algorithm) {
            case ECDSA_P256 -> SignatureInput.signEcdsa(key, message);
            case SM2 -> SignatureInput.signSm2(key, message);
        };
    }

    /** The HashedId8 of the certificate: what {@code digest}-signed messages carry. */
    public HashedId8 id() {
        return id;
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Signs with a {@code digest} signer (the usual case).
     *
     * @param psid                 the application's PSID (e.g. {@link SecuredMessage#PSID_BSM})
     * @param generationTimeMicros UTC epoch µs, or {@link SecuredMessage#NO_TIME}
     */
    public byte[] sign(byte[] payload, long psid, long generationTimeMicros) {
        return sign(payload, HeaderInfo.of(psid, generationTimeMicros), false);
    }

    /**
     * Signs with the given header.
     *
     * @param self {@code self} signer (no identifier: the verifier takes the key from the channel) instead of
     *             {@code digest}
     */
    public byte[] sign(byte[] payload, HeaderInfo header, boolean self) {
        byte[] tbs = SecuredMessage.encodeTbs(payload, header);
        byte[] message = SignatureInput.message(algorithm, tbs, self ? selfHash : certificateHash);
        byte[] rs = rawSign(message);
        SignerId signer = self ? SecuredMessage.Self.INSTANCE : new SecuredMessage.Digest(id);
        return SecuredMessage.encodeSigned(algorithm, tbs, signer, Arrays.copyOfRange(rs, 0, 32),
                Arrays.copyOfRange(rs, 32, 64));
    }
}
