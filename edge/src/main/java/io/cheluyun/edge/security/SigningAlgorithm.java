package io.cheluyun.edge.security;

/**
 * The signature algorithms Cheluyun signs and verifies, each with the IEEE 1609.2 {@code HashAlgorithm} it pairs
 * with and its {@code Signature} CHOICE alternative.
 */
public enum SigningAlgorithm {
    /**
     * ECDSA over NIST P-256 with SHA-256 (1609.2 5.3.1; {@code hashId sha256 (0)}, {@code Signature
     * ecdsaNistP256Signature}, CHOICE index 0: tag 0x80).
     */
    ECDSA_P256(0, "SHA-256"),
    /**
     * SM2 (GB/T 32918.2) with SM3, the Chinese option that IEEE 1609.2-2022 added ({@code hashId sm3 (2)},
     * {@code Signature sm2Signature EcsigP256Signature}: the fifth alternative, an extension addition, so tag 0x84
     * and an open type). The signature input is Cheluyun's reading of 5.3.1 with SM3 in place of SHA-256; see
     * {@link SignatureInput}.
     */
    SM2(2, "SM3");

    private final int hashId;
    private final String hashName;

    SigningAlgorithm(int hashId, String hashName) {
        this.hashId = hashId;
        this.hashName = hashName;
    }

    /** The 1609.2 {@code HashAlgorithm} enumeration value: sha256 = 0, sha384 = 1, sm3 = 2. */
    public int hashId() {
        return hashId;
    }

    /** The hash's name, for messages. */
    public String hashName() {
        return hashName;
    }
}
