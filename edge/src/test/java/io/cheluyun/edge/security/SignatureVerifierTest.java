package io.cheluyun.edge.security;

import static io.cheluyun.edge.security.TestPki.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.Envelope;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.security.SecuredMessage.HeaderInfo;
import io.cheluyun.edge.security.SignatureVerifier.Status;
import io.cheluyun.edge.security.SignatureVerifier.Valid;
import io.cheluyun.edge.security.SignatureVerifier.Verification;
import io.cheluyun.edge.security.TrustStore.Registration;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign → verify, and every way a signed message is refused. */
class SignatureVerifierTest {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureVerifierTest.class);

    private static final MessageSigner OBU_1 = MessageSigner.create(TestPki.OBU_1);
    private static final MessageSigner OBU_2 = MessageSigner.create(TestPki.OBU_2);
    private static final MessageSigner RSU_SM2 = MessageSigner.create(TestPki.RSU_SM2);
    private static final byte[] PAYLOAD = hex("00 14 25 01 02 03 04 05 06 07");
    /**
     * When the messages are signed: the real clock, because the verifier also checks the signer certificate's
     * validity period, which starts at its issue (a few minutes back-dated).
     */
    private static final long T0 = System.currentTimeMillis() * 1000;
    /** "Now" a moment after the messages below were signed. */
    private static final long NOW = T0 + 250_000;

    private final SignatureVerifier verifier = TestPki.verifier();

    @Test
    void p256SignedMessageVerifiesAsItsDevice() {
        Verification v = verifier.verify(OBU_1.sign(PAYLOAD, SecuredMessage.PSID_BSM, T0), NOW);
        assertThat(v).isInstanceOf(Valid.class);
        Valid ok = (Valid) v;
        assertThat(ok.payload()).isEqualTo(PAYLOAD);
        assertThat(ok.deviceId()).isEqualTo("obu-1");
        assertThat(ok.header()).isEqualTo(HeaderInfo.of(0x20, T0));
        assertThat(ok.certificate()).isEqualTo(OBU_1.id());
        assertThat(v.problem()).isNull();
    }

    @Test
    void sm2SignedMessageVerifiesAsItsDevice() {
        Verification v = verifier.verify(RSU_SM2.sign(PAYLOAD, SecuredMessage.PSID_BSM, T0), NOW);
        assertThat(v).isInstanceOf(Valid.class);
        assertThat(((Valid) v).deviceId()).isEqualTo("rsu-sm2");
        assertThat(((Valid) v).payload()).isEqualTo(PAYLOAD);
    }

    @Test
    void unsecuredDataIsUnsignedWithItsPayload() {
        Verification v = verifier.verify(SecuredMessage.encodeUnsecured(PAYLOAD), NOW);
        assertThat(v.status()).isEqualTo(Status.UNSIGNED);
        assertThat(((SignatureVerifier.Unsigned) v).payload()).isEqualTo(PAYLOAD);
        assertThat(v.problem()).isNull();
    }

    @Test
    void ecdsaSignatureIsTheJdksSha256WithEcdsaOverBothHashes() throws Exception {
        // 1609.2 5.3.1 as the JDK would compute it: SHA256withECDSA over SHA-256(tbs) || SHA-256(certificate DER)
        byte[] m = OBU_1.sign(PAYLOAD, SecuredMessage.PSID_BSM, T0);
        SecuredMessage.Signed s = (SecuredMessage.Signed) SecuredMessage.decode(m);
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        byte[] input = concat(sha.digest(s.tbsOctets()), sha.digest(TestPki.OBU_1.certificate().getEncoded()));
        java.security.Signature jdk = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        jdk.initVerify(TestPki.OBU_1.certificate().getPublicKey());
        jdk.update(input);
        assertThat(jdk.verify(concat(s.signature().r(), s.signature().s()))).isTrue();
    }

    @Test
    void sm2SignatureIsBouncyCastlesSm3WithSm2OverBothSm3Hashes() throws Exception {
        byte[] m = RSU_SM2.sign(PAYLOAD, SecuredMessage.PSID_BSM, T0);
        SecuredMessage.Signed s = (SecuredMessage.Signed) SecuredMessage.decode(m);
        org.bouncycastle.crypto.digests.SM3Digest sm3 = new org.bouncycastle.crypto.digests.SM3Digest();
        byte[] input = concat(digest(sm3, s.tbsOctets()), digest(sm3, TestPki.RSU_SM2.certificate().getEncoded()));
        // the JCA form, default distinguishing identifier 1234567812345678, DER-encoded (r, s)
        java.security.Signature bc = java.security.Signature.getInstance("SM3withSM2", Pki.BC);
        bc.initVerify(TestPki.RSU_SM2.certificate().getPublicKey());
        bc.update(input);
        byte[] der = new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new org.bouncycastle.asn1.ASN1Integer(new BigInteger(1, s.signature().r())),
            new org.bouncycastle.asn1.ASN1Integer(new BigInteger(1, s.signature().s()))}).getEncoded();
        assertThat(bc.verify(der)).isTrue();
    }

    private static byte[] digest(org.bouncycastle.crypto.Digest d, byte[] in) {
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void tamperedPayloadIsABadSignature() {
        for (MessageSigner signer : new MessageSigner[] {OBU_1, RSU_SM2}) {
            byte[] m = signer.sign(PAYLOAD, SecuredMessage.PSID_BSM, T0);
            m[7 + 3] ^= 0x01; // a payload octet: the speed, say
            Verification v = verifier.verify(m, NOW);
            assertThat(v.status()).as("%s", signer.algorithm()).isEqualTo(Status.BAD_SIGNATURE);
            assertThat(v.problem()).isEqualTo(InputProblem.BAD_SIGNATURE);
        }
    }

    @Test
    void tamperedHeaderIsABadSignature() {
        byte[] m = OBU_1.sign(PAYLOAD, SecuredMessage.PSID_BSM, T0);
        m[7 + PAYLOAD.length + 2] = 0x21; // psid 0x20 → 0x21
        assertThat(verifier.verify(m, NOW).status()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void tamperedSignatureIsABadSignature() {
        for (MessageSigner signer : new MessageSigner[] {OBU_1, RSU_SM2}) {
            byte[] m = signer.sign(PAYLOAD, SecuredMessage.PSID_BSM, T0);
            byte[] r = m.clone();
            r[m.length - 40] ^= 0x10;
            byte[] s = m.clone();
            s[m.length - 1] ^= 0x01;
            assertThat(verifier.verify(r, NOW).status()).as("r of %s", signer.algorithm())
                    .isEqualTo(Status.BAD_SIGNATURE);
            assertThat(verifier.verify(s, NOW).status()).as("s of %s", signer.algorithm())
                    .isEqualTo(Status.BAD_SIGNATURE);
        }
    }

    @Test
    void signatureByAnotherDevicesKeyIsABadSignature() {
        // obu-2 signs, but the message names obu-1's certificate
        byte[] m = OBU_2.sign(PAYLOAD, SecuredMessage.PSID_BSM, T0);
        int digestAt = m.length - 66 - 8;
        assertThat(Arrays.copyOfRange(m, digestAt, digestAt + 8)).isEqualTo(OBU_2.id().toOctets());
        OBU_1.id().writeTo(m, digestAt);
        Verification v = verifier.verify(m, NOW);
        assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
        assertThat(((SignatureVerifier.BadSignature) v).detail()).contains("obu-1");
    }

    @Test
    void sm2SignatureNamingAP256CertificateIsABadSignature() {
        byte[] m = RSU_SM2.sign(PAYLOAD, SecuredMessage.PSID_BSM, T0);
        OBU_1.id().writeTo(m, m.length - 66 - 8);
        Verification v = verifier.verify(m, NOW);
        assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
        assertThat(((SignatureVerifier.BadSignature) v).detail()).contains("SM2 signature but certificate")
                .contains("ECDSA_P256 key");
    }

    @Test
    void unregisteredSignerIsUnknown() {
        Pki.Credential stranger = Pki.issueClient(TestPki.CA, "stranger", Duration.ofDays(1));
        Verification v = verifier.verify(MessageSigner.create(stranger).sign(PAYLOAD, 0x20, T0), NOW);
        assertThat(v.status()).isEqualTo(Status.UNKNOWN_SIGNER);
        assertThat(v.problem()).isEqualTo(InputProblem.UNKNOWN_SIGNER);
        assertThat(((SignatureVerifier.UnknownSigner) v).detail()).contains(HashedId8.of(stranger.certificate())
                .toString());
    }

    @Test
    void unregisteringADeviceStopsItsMessages() {
        byte[] m = OBU_1.sign(PAYLOAD, 0x20, T0);
        assertThat(verifier.verify(m, NOW).status()).isEqualTo(Status.VALID);
        assertThat(verifier.trustStore().unregister("obu-1")).isEqualTo(1);
        assertThat(verifier.verify(m, NOW).status()).isEqualTo(Status.UNKNOWN_SIGNER);
        assertThat(verifier.trustStore().register("obu-1", TestPki.OBU_1.certificate())).isEqualTo(Registration.ADDED);
        assertThat(verifier.trustStore().unregister("obu-2", TestPki.OBU_1.certificate())).isFalse();
        assertThat(verifier.trustStore().unregister("obu-1", TestPki.OBU_1.certificate())).isTrue();
        assertThat(verifier.verify(m, NOW).status()).isEqualTo(Status.UNKNOWN_SIGNER);
    }

    @Test
    void selfSignedMessageVerifiesWithTheChannelsDevice() {
        byte[] m = OBU_1.sign(PAYLOAD, HeaderInfo.of(0x20, T0), true);
        Verification ok = verifier.verify(m, "obu-1", NOW);
        assertThat(ok.status()).isEqualTo(Status.VALID);
        assertThat(((Valid) ok).deviceId()).isEqualTo("obu-1");
        assertThat(verifier.verify(m, "obu-2", NOW).status()).isEqualTo(Status.BAD_SIGNATURE);
        assertThat(verifier.verify(m, NOW).status()).isEqualTo(Status.UNKNOWN_SIGNER);
        assertThat(verifier.verify(m, "nobody", NOW).status()).isEqualTo(Status.UNKNOWN_SIGNER);
        // the self input hashes the empty string, not the certificate: a digest-signed message re-tagged as self
        // does not verify
        byte[] digest = OBU_1.sign(PAYLOAD, 0x20, T0);
        byte[] retagged = new byte[digest.length - 8];
        int signerAt = digest.length - 66 - 9;
        System.arraycopy(digest, 0, retagged, 0, signerAt);
        retagged[signerAt] = (byte) 0x82;
        System.arraycopy(digest, signerAt + 9, retagged, signerAt + 1, 66);
        assertThat(verifier.verify(retagged, "obu-1", NOW).status()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void staleAndFutureMessagesAreRefusedByTime() {
        byte[] m = OBU_1.sign(PAYLOAD, 0x20, T0);
        assertThat(verifier.verify(m, T0 + 30_000_000).status()).as("exactly maxAge")
                .isEqualTo(Status.VALID);
        Verification old = verifier.verify(m, T0 + 30_000_001);
        assertThat(old.status()).isEqualTo(Status.TOO_OLD);
        assertThat(old.problem()).isEqualTo(InputProblem.IMPLAUSIBLE);
        assertThat(verifier.verify(m, T0 - 2_000_000).status()).as("exactly maxFuture")
                .isEqualTo(Status.VALID);
        Verification future = verifier.verify(m, T0 - 2_000_001);
        assertThat(future.status()).isEqualTo(Status.NOT_YET_VALID);
        assertThat(((SignatureVerifier.NotYetValid) future).detail()).contains("edge.signing.maxFutureMs 2000");
        assertThat(verifier.verify(m, SignatureVerifier.NO_NOW).status()).as("no clock").isEqualTo(Status.VALID);
    }

    @Test
    void expiryTimeInThePastIsTooOld() {
        byte[] m = OBU_1.sign(PAYLOAD, new HeaderInfo(0x20, SecuredMessage.NO_TIME, T0, null), false);
        assertThat(verifier.verify(m, T0).status()).isEqualTo(Status.VALID);
        assertThat(verifier.verify(m, T0 + 1).status()).isEqualTo(Status.TOO_OLD);
    }

    @Test
    void disabledTimeChecksAcceptAnyGenerationTime() {
        SignatureVerifier lenient = new SignatureVerifier(verifier.trustStore(), new SignatureVerifier.Config(0, 0,
                10));
        byte[] m = OBU_1.sign(PAYLOAD, 0x20, T0);
        assertThat(lenient.verify(m, T0 + 3_600_000_000L).status()).as("an hour old").isEqualTo(Status.VALID);
        // four minutes ahead (not more: the certificate is back-dated five minutes from its issue)
        assertThat(lenient.verify(m, T0 - 240_000_000L).status()).isEqualTo(Status.VALID);
    }

    @Test
    void certificateOutsideItsValidityIsAnUnknownSigner() {
        long afterExpiry = TestPki.OBU_1.certificate().getNotAfter().getTime() * 1000 + 1_000_000;
        byte[] m = OBU_1.sign(PAYLOAD, 0x20, afterExpiry);
        Verification v = verifier.verify(m, afterExpiry);
        assertThat(v.status()).isEqualTo(Status.UNKNOWN_SIGNER);
        assertThat(((SignatureVerifier.UnknownSigner) v).detail()).contains("is not valid now");
    }

    @Test
    void malformedMessageIsRefusedAsBadSignature() {
        Verification v = verifier.verify(hex("03 81 00 40"), NOW);
        assertThat(v.status()).isEqualTo(Status.MALFORMED);
        assertThat(v.problem()).isEqualTo(InputProblem.BAD_SIGNATURE);
        assertThat(((SignatureVerifier.MalformedMessage) v).reason()).contains("needs 1 octets at octet 4");
    }

    @Test
    void trustStoreRefusesConflictsDuplicatesAndOverflow() throws Exception {
        TrustStore store = new TrustStore(5);
        assertThat(store.register("obu-1", TestPki.OBU_1.certificate())).isEqualTo(Registration.ADDED);
        assertThat(store.register("obu-1", TestPki.OBU_1.certificate())).isEqualTo(Registration.ALREADY_REGISTERED);
        assertThat(store.register("obu-9", TestPki.OBU_1.certificate())).isEqualTo(Registration.CONFLICT);
        for (int k = 1; k < TrustStore.MAX_PER_DEVICE; k++) {
            assertThat(store.register("obu-1", Pki.issueClient(TestPki.CA, "obu-1", Duration.ofDays(1))
                    .certificate())).isEqualTo(Registration.ADDED);
        }
        assertThat(store.register("obu-1", Pki.issueClient(TestPki.CA, "obu-1", Duration.ofDays(1)).certificate()))
                .isEqualTo(Registration.DEVICE_FULL);
        assertThat(store.ofDevice("obu-1")).hasSize(4).first().extracting(TrustStore.TrustedSigner::id)
                .isEqualTo(OBU_1.id());
        assertThat(store.register("obu-2", TestPki.OBU_2.certificate())).isEqualTo(Registration.ADDED);
        assertThat(store.register("rsu-sm2", TestPki.RSU_SM2.certificate())).as("the 6th of 5")
                .isEqualTo(Registration.STORE_FULL);
        assertThat(store.register("rsa", rsaCertificate())).isEqualTo(Registration.UNSUPPORTED_KEY);
        assertThat(store.size()).isEqualTo(5);
        assertThat(store.lookup(OBU_1.id()).orElseThrow().algorithm()).isEqualTo(SigningAlgorithm.ECDSA_P256);
        assertThat(verifier.trustStore().lookup(RSU_SM2.id()).orElseThrow().algorithm())
                .isEqualTo(SigningAlgorithm.SM2);
    }

    @Test
    void signerRefusesAKeyThatIsNotTheCertificates() {
        assertThatThrownBy(() -> MessageSigner.create(TestPki.OBU_2.privateKey(), TestPki.OBU_1.certificate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
    }

    @Test
    void configNamesTheBadKey() {
        assertThatThrownBy(() -> new SignatureVerifier.Config(-1, 0, 1).conclude())
                .hasMessageContaining("edge.signing.maxAgeMs");
        assertThatThrownBy(() -> new SignatureVerifier.Config(0, -1, 1).conclude())
                .hasMessageContaining("edge.signing.maxFutureMs");
        assertThatThrownBy(() -> new SignatureVerifier.Config(0, 0, 0).conclude())
                .hasMessageContaining("edge.signing.maxCertificates");
        assertThat(SignatureVerifier.Config.defaults().conclude()).isEqualTo(new SignatureVerifier.Config(30_000,
                2_000, 100_000));
    }

    @Test
    void envelopeUnwrapsSignedAndPassesBareUper() {
        Envelope optional = new SignedEnvelope(verifier, EdgeConfig.SignaturePolicy.OPTIONAL);
        Envelope required = new SignedEnvelope(verifier, EdgeConfig.SignaturePolicy.REQUIRED);
        byte[] signed = OBU_1.sign(PAYLOAD, 0x20, T0);

        assertThat(optional.unwrap(signed, null, NOW)).isInstanceOfSatisfying(Envelope.Payload.class, p -> {
            assertThat(p.octets()).isEqualTo(PAYLOAD);
            assertThat(p.signerId()).isEqualTo("obu-1");
        });
        assertThat(optional.unwrap(PAYLOAD, null, NOW)).isInstanceOfSatisfying(Envelope.Payload.class, p -> {
            assertThat(p.octets()).isSameAs(PAYLOAD);
            assertThat(p.signerId()).isNull();
        });
        assertThat(optional.unwrap(SecuredMessage.encodeUnsecured(PAYLOAD), null, NOW))
                .isInstanceOfSatisfying(Envelope.Payload.class, p -> assertThat(p.octets()).isEqualTo(PAYLOAD));

        byte[] lookalike = hex("03 81 07 55"); // starts like an envelope, is not one
        assertThat(optional.unwrap(lookalike, null, NOW)).isInstanceOfSatisfying(Envelope.Payload.class,
                p -> assertThat(p.octets()).isSameAs(lookalike));
        assertThat(required.unwrap(lookalike, null, NOW)).isInstanceOfSatisfying(Envelope.Refused.class,
                r -> assertThat(r.problem()).isEqualTo(InputProblem.BAD_SIGNATURE));

        byte[] tampered = signed.clone();
        tampered[8] ^= 1;
        assertThat(optional.unwrap(tampered, null, NOW)).isInstanceOfSatisfying(Envelope.Refused.class,
                r -> assertThat(r.problem()).isEqualTo(InputProblem.BAD_SIGNATURE));
        assertThat(optional.unwrap(signed, null, NOW + 60_000_000)).isInstanceOfSatisfying(Envelope.Refused.class,
                r -> assertThat(r.problem()).isEqualTo(InputProblem.IMPLAUSIBLE));
        byte[] stranger = MessageSigner.create(Pki.issueClient(TestPki.CA, "x", Duration.ofDays(1)))
                .sign(PAYLOAD, 0x20, T0);
        assertThat(required.unwrap(stranger, null, NOW)).isInstanceOfSatisfying(Envelope.Refused.class,
                r -> assertThat(r.problem()).isEqualTo(InputProblem.UNKNOWN_SIGNER));
        assertThatThrownBy(() -> new SignedEnvelope(verifier, EdgeConfig.SignaturePolicy.OFF))
                .hasMessageContaining("Envelope.BARE");
    }

    @Test
    void measuresOneVerification() {
        for (MessageSigner signer : new MessageSigner[] {OBU_1, RSU_SM2}) {
            byte[] m = signer.sign(new byte[40], 0x20, T0);
            int n = 300;
            for (int k = 0; k < n; k++) { // warm-up: JIT the curve arithmetic
                verifier.verify(m, NOW);
            }
            int valid = 0;
            long t0 = System.nanoTime();
            for (int k = 0; k < n; k++) {
                valid += verifier.verify(m, NOW) instanceof Valid ? 1 : 0;
            }
            long perVerifyNs = (System.nanoTime() - t0) / n;
            long t1 = System.nanoTime();
            for (int k = 0; k < n; k++) {
                signer.sign(new byte[40], 0x20, T0);
            }
            long perSignNs = (System.nanoTime() - t1) / n;
            LOG.info("verify algorithm={} iterations={} perVerifyMicros={} perSignMicros={}", signer.algorithm(), n,
                    perVerifyNs / 1000.0, perSignNs / 1000.0);
            assertThat(valid).isEqualTo(n);
        }
    }

    private static X509Certificate rsaCertificate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=rsa");
        long now = System.currentTimeMillis();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, new Date(now), new Date(now + 86_400_000L), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }
}
