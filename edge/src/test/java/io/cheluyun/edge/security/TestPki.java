package io.cheluyun.edge.security;

import java.time.Duration;

/** Credentials shared by the tests of this package, made once per JVM (P-256 keys take about a millisecond). */
final class TestPki {

    static final Pki.Credential CA = Pki.newCa("Cheluyun test CA", Duration.ofDays(30));
    static final Pki.Credential OTHER_CA = Pki.newCa("Somebody else's CA", Duration.ofDays(30));
    static final Pki.Credential OBU_1 = Pki.issueClient(CA, "obu-1", Duration.ofDays(7));
    static final Pki.Credential OBU_2 = Pki.issueClient(CA, "obu-2", Duration.ofDays(7));
    static final Pki.Credential RSU_SM2 = Pki.issueClient(CA, "rsu-sm2", Duration.ofDays(7), SigningAlgorithm.SM2);
    static final Pki.Credential SERVER = Pki.issueLocalServer(CA, Duration.ofDays(7));

    /** 2024-01-01T00:00:00Z in UTC epoch µs. */
    static final long JAN_2024_MICROS = 1_704_067_200_000_000L;

    private TestPki() {
    }

    /** A verifier trusting OBU_1, OBU_2 and RSU_SM2, with the default time checks. */
    static SignatureVerifier verifier() {
        SignatureVerifier v = SignatureVerifier.create(SignatureVerifier.Config.defaults());
        v.trustStore().register("obu-1", OBU_1.certificate());
        v.trustStore().register("obu-2", OBU_2.certificate());
        v.trustStore().register("rsu-sm2", RSU_SM2.certificate());
        return v;
    }

    static byte[] hex(String spaced) {
        return java.util.HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
