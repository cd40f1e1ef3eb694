package io.cheluyun.edge.security;

import static io.cheluyun.edge.security.TestPki.JAN_2024_MICROS;
import static io.cheluyun.edge.security.TestPki.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cheluyun.codec.Family;
import io.cheluyun.codec.Messages;
import io.cheluyun.edge.security.SecuredMessage.Digest;
import io.cheluyun.edge.security.SecuredMessage.HeaderInfo;
import io.cheluyun.edge.security.SecuredMessage.Malformed;
import io.cheluyun.edge.security.SecuredMessage.Signed;
import io.cheluyun.edge.security.SecuredMessage.Unsecured;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The COER envelope: exact layouts, a real capture, and a reason for every rejected field. */
class SecuredMessageTest {

    private static final MessageSigner OBU_1 = MessageSigner.create(TestPki.OBU_1);

    /**
     * One signed BSM as a Commsignia OBU sent it in Wyoming in 2023: the Ieee1609Dot2Data of the first record of
     * usdot-jpo-ode/jpo-ode@dfb2e1624213 data/bsmTx_commsignia.gz (Apache-2.0), after its 26-octet log header and
     * 5-octet WSMP header (shared vector j2735/BSM/wydot-commsignia-bsmTx.log.bin, octets 31..196).
     */
    private static final String COMMSIGNIA_SIGNED_BSM = "038100400380490014465944a9ea8c588326e2610f965c6542a5361414"
            + "100070000000fdfa1fa1007fff80005a0fa0007cc040ff45403ccf85fffc0fe85c0498fdffffc0fe923e98ee4ffffcfffec8"
            + "00400120000235da4e89d1f880afc46273f760137e80837314547c8125331d60f0067b7adf083be2dcd2143d478397ac5892"
            + "15a25170700831c044f79407bd914e1bd5432647442bbc0f74c3a2bd9a0efe95a69b1ad243";

    /** The log record's own UTC receive stamp for that message: 1695076885 s + 224 ms (its header). */
    private static final long COMMSIGNIA_LOG_UTC_MICROS = 1_695_076_885_224_000L;

    @Test
    void signedMessageHasTheLayoutTheLogReaderSkips() {
        byte[] payload = {(byte) 0xaa, (byte) 0xbb, (byte) 0xcc};
        byte[] m = OBU_1.sign(payload, SecuredMessage.PSID_BSM, JAN_2024_MICROS);

        // Messages.ieee1609Payload: 03 81 00 40 03 80 <len> payload
        assertThat(Arrays.copyOf(m, 10)).isEqualTo(hex("03 81 00 40 03 80 03 aa bb cc"));
        // headerInfo: generationTime only, psid 0x20, Time64; signer digest; x-only r; s
        assertThat(Arrays.copyOfRange(m, 10, 21)).isEqualTo(hex("40 01 20 00023e07870eab40"));
        assertThat(m[21]).isEqualTo((byte) 0x80);
        assertThat(Arrays.copyOfRange(m, 22, 30)).isEqualTo(OBU_1.id().toOctets());
        assertThat(Arrays.copyOfRange(m, 30, 32)).isEqualTo(hex("80 80"));
        assertThat(m).hasSize(32 + 64);
    }

    @Test
    void longPayloadUsesTheLongLengthForm() {
        byte[] payload = new byte[200];
        byte[] m = OBU_1.sign(payload, SecuredMessage.PSID_BSM, JAN_2024_MICROS);
        assertThat(Arrays.copyOf(m, 8)).isEqualTo(hex("03 81 00 40 03 80 81 c8"));
        assertThat(((Signed) SecuredMessage.decode(m)).payload()).isEqualTo(payload);
    }

    @Test
    void codecLogReaderFindsThePayloadOfOurSignedMessage() throws IOException {
        byte[] bsm;
        try (InputStream in = getClass().getResourceAsStream("/vectors/asn1codec-bsm.uper")) {
            bsm = in.readAllBytes();
        }
        byte[] signed = OBU_1.sign(bsm, SecuredMessage.PSID_BSM, JAN_2024_MICROS);
        // a Wyoming log record (framing A): 26-octet header whose last two octets are the little-endian length
        byte[] record = new byte[26 + signed.length];
        record[24] = (byte) signed.length;
        record[25] = (byte) (signed.length >>> 8);
        System.arraycopy(signed, 0, record, 26, signed.length);

        List<Messages.Result> viaLog = Messages.decodeAll(record, Messages.Encoding.BINARY, Messages.Framing.WYDOT_LOG,
                Family.J2735_2016);
        List<Messages.Result> bare = Messages.decodeAll(bsm, Messages.Encoding.BINARY, Messages.Framing.NONE,
                Family.J2735_2016);

        assertThat(viaLog).hasSize(1);
        assertThat(viaLog.getFirst().ok()).as("%s", viaLog.getFirst().error()).isTrue();
        assertThat(viaLog.getFirst().message()).usingRecursiveComparison().isEqualTo(bare.getFirst().message());
    }

    @Test
    void encodesEveryHeaderFieldCanonically() {
        HeaderInfo header = new HeaderInfo(0x20, JAN_2024_MICROS, JAN_2024_MICROS + 10_000_000,
                new ThreeDLocation(312_304_000, 1_214_737_000, 4135));
        byte[] tbs = SecuredMessage.encodeTbs(hex("aa bb"), header);
        assertThat(HexFormat.of().formatHex(tbs)).isEqualTo("40" + "038002aabb" + "70" + "0120"
                + "00023e07870eab40" + "00023e0787a741c0" + "129d6180" + "48676a68" + "1027");
    }

    @ParameterizedTest
    @CsvSource({"0, 0100", "127, 017f", "128, 0180", "255, 01ff", "256, 020100", "32, 0120",
        "270549119, 041020407f", "4294967295, 04ffffffff"})
    void psidIsLengthPlusMinimalUnsignedOctets(long psid, String encoded) {
        byte[] tbs = SecuredMessage.encodeTbs(new byte[0], HeaderInfo.of(psid, SecuredMessage.NO_TIME));
        // 40 03 80 00 | 00 (headerInfo preamble: nothing optional) | psid
        assertThat(HexFormat.of().formatHex(tbs)).isEqualTo("4003800000" + encoded);
        byte[] m = OBU_1.sign(new byte[0], psid, SecuredMessage.NO_TIME);
        assertThat(((Signed) SecuredMessage.decode(m)).psid()).isEqualTo(psid);
    }

    @Test
    void decodedHeaderEqualsTheSignedOne() {
        HeaderInfo header = new HeaderInfo(SecuredMessage.PSID_CAM, JAN_2024_MICROS + 123_456,
                JAN_2024_MICROS + 5_000_000, ThreeDLocation.ofDegrees(-33.6, -70.5, -12.3));
        byte[] m = OBU_1.sign(hex("01 02"), header, false);
        Signed s = (Signed) SecuredMessage.decode(m);
        assertThat(s.header()).isEqualTo(header);
        assertThat(s.header().generationLocation().latitude1e7()).isEqualTo(-336_000_000);
        assertThat(s.header().generationLocation().elevationM()).isCloseTo(-12.3, org.assertj.core.data.Offset
                .offset(1e-9));
        assertThat(s.signer()).isEqualTo(new Digest(OBU_1.id()));
        assertThat(s.signature().algorithm()).isEqualTo(SigningAlgorithm.ECDSA_P256);
        assertThat(s.tbsOctets()).isEqualTo(Arrays.copyOfRange(m, 3, 3 + s.tbsOctets().length));
    }

    @Test
    void selfSignerIsTag82WithNoContent() {
        byte[] m = OBU_1.sign(hex("01"), HeaderInfo.of(0x20, SecuredMessage.NO_TIME), true);
        // 03 81 00 | 40 03 80 01 01 00 01 20 | 82 | 80 80 r s
        assertThat(m[11]).isEqualTo((byte) 0x82);
        assertThat(((Signed) SecuredMessage.decode(m)).signer()).isEqualTo(SecuredMessage.Self.INSTANCE);
    }

    @Test
    void sm2SignatureIsTheOpenTypeExtensionAlternative() {
        MessageSigner sm2 = MessageSigner.create(TestPki.RSU_SM2);
        byte[] m = sm2.sign(hex("01"), 0x20, SecuredMessage.NO_TIME);
        assertThat(m[2]).as("hashId sm3").isEqualTo((byte) 2);
        // ... 80 <HashedId8> | 84 40 r(32) s(32)
        assertThat(Arrays.copyOfRange(m, m.length - 66, m.length - 64)).isEqualTo(hex("84 40"));
        assertThat(((Signed) SecuredMessage.decode(m)).signature().algorithm()).isEqualTo(SigningAlgorithm.SM2);
    }

    @Test
    void decodesUnsecuredDataShortAndLong() {
        assertThat(((Unsecured) SecuredMessage.decode(hex("03 80 03 01 02 03"))).payload())
                .isEqualTo(hex("01 02 03"));
        byte[] big = new byte[300];
        big[299] = 7;
        byte[] encoded = SecuredMessage.encodeUnsecured(big);
        assertThat(Arrays.copyOf(encoded, 5)).isEqualTo(hex("03 80 82 01 2c"));
        assertThat(((Unsecured) SecuredMessage.decode(encoded)).payload()).isEqualTo(big);
    }

    @Test
    void decodesARealSignedBsmFromTheField() {
        Signed s = (Signed) SecuredMessage.decode(HexFormat.of().parseHex(COMMSIGNIA_SIGNED_BSM));
        assertThat(s.psid()).isEqualTo(0x20);
        assertThat(s.payload()).hasSize(0x49);
        assertThat(Arrays.copyOf(s.payload(), 2)).as("MessageFrame messageId 20 (BSM)").isEqualTo(hex("00 14"));
        assertThat(s.signer()).isEqualTo(new Digest(new HashedId8(0xafc46273f760137eL)));
        assertThat(s.signature().algorithm()).isEqualTo(SigningAlgorithm.ECDSA_P256);
        assertThat(s.signature().r()).startsWith(hex("73 14 54 7c"));
        // Time64 0x000235da4e89d1f8 minus 5 leap seconds: 1695076885.219 s, 5 ms before the log stamped it. With
        // the wrong TAI offset this would be 5 s off.
        assertThat(s.generationTimeMicros()).isEqualTo(1_695_076_885_219_000L);
        assertThat(COMMSIGNIA_LOG_UTC_MICROS - s.generationTimeMicros()).isBetween(0L, 10_000L);
        assertThat(s.header().hasExpiryTime()).isFalse();
    }

    @Test
    void refusesTheCertificateSignerOfARealEtsiCam() {
        // vanetza's signed CAM (shared vector etsi/CAM/vanetza-cam.gn-secured.bin, after the 4-octet GeoNetworking
        // basic header) up to its signer: generationTime, psid 36, then signer certificate (0x81).
        String cam = "03810040038056"
                + "20500280003201001400fe384ce0b890bf6b33441f45284006640c7081ae03bd0000a00007d1000002024ce0b8903571"
                + "005a9d4225ee35bbfc824a2446d835a354583be121008302968aaf33f081fe9a103fa0141980"
                + "4001240001c80bbac916ae" + "81";
        byte[] octets = HexFormat.of().parseHex(cam);
        assertThat(SecuredMessage.decode(octets)).isInstanceOf(Malformed.class).extracting(p -> ((Malformed) p)
                .reason()).asString().contains("signer.certificate is not supported");
    }

    /** A signed Data assembled from parts (hex), with a dummy P-256 signature. */
    private static String signed(String hashId, String tbs, String signer, String signature) {
        return "0381" + hashId + tbs + signer + signature;
    }

    private static final String TBS = "40038001aa" + "000120";
    private static final String DIGEST = "80" + "0102030405060708";
    private static final String ECDSA = "8080" + "11".repeat(32) + "22".repeat(32);

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "| protocolVersion needs 1 octets at octet 0 but 0 remain",
        "028000 | protocolVersion 2 is not 3",
        "0380050102 | unsecuredData of 5 octets at octet 3 runs past the end (2 remain)",
        "038081050102030405 | unsecuredData length 5 in long form (not canonical)",
        "038080 | length determinant 0x80 at octet 2 is not supported",
        "0380850000000001 | length determinant 0x85",
        "03808200800102 | leading zero octet",
        "0380847fffffff00 | unsecuredData of 2147483647 octets at octet 7 runs past the end (1 remain)",
        "038200 | content encryptedData is not supported",
        "038300 | content signedCertificateRequest is not supported",
        "038400 | content alternative 4 is unknown or not supported at octet 1",
        "030000 | content tag 0x00 is not a context-specific CHOICE tag",
        "038001aa00 | 1 trailing octets after the Ieee1609Dot2Data at octet 4",
    })
    void rejectsUnsecuredHeadersWithAReason(String hexInput, String reason) {
        assertMalformed(hexInput == null ? "" : hexInput, reason);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "01 | " + TBS + " | hashId sha384 is not supported",
        "07 | " + TBS + " | hashId 7 is unknown",
        "00 | 60038001aa000120 | tbsData.payload.extDataHash is not supported",
        "00 | c0038001aa000120 | tbsData.payload extension additions are not supported",
        "00 | 00000120 | tbsData.payload.data is absent",
        "00 | 41038001aa000120 | has non-zero padding bits",
        "00 | 40028001aa000120 | tbsData.payload.data.protocolVersion 2 is not 3",
        "00 | 40038101aa000120 | nested signedData in tbsData.payload.data is not supported",
        "00 | 40038001aa800120 | headerInfo extension additions are not supported",
        "00 | 40038001aa080120 | headerInfo.p2pcdLearningRequest is not supported",
        "00 | 40038001aa040120 | headerInfo.missingCrlIdentifier is not supported",
        "00 | 40038001aa020120 | headerInfo.encryptionKey is not supported",
        "00 | 40038001aa010120 | has a non-zero padding bit",
        "00 | 40038001aa0000 | headerInfo.psid of 0 octets (1..4 supported)",
        "00 | 40038001aa00050102030405 | headerInfo.psid of 5 octets (1..4 supported)",
        "00 | 40038001aa00020020 | headerInfo.psid has a leading zero octet (not canonical)",
        "00 | 40038001aa400120ffffffffffffffff | headerInfo.generationTime 18446744073709551615 is beyond",
        "00 | 40038001aa10012035a4e902000000000000 | headerInfo.generationLocation.latitude 900000002 is out",
        "00 | 40038001aa100120c0000000000000000000 | latitude -1073741824 is out of range",
        "00 | 40038001aa100120000000006b49d2020000 | longitude 1800000002 is out of range",
    })
    void rejectsSignedDataFieldsWithAReason(String hashId, String tbs, String reason) {
        assertMalformed(signed(hashId, tbs, DIGEST, ECDSA), reason);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "8101 | signer.certificate is not supported",
        "83 | signer alternative 3 is unknown or not supported",
    })
    void rejectsSignersWithAReason(String signer, String reason) {
        assertMalformed(signed("00", TBS, signer, ECDSA), reason);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "81 | signature ecdsaBrainpoolP256r1Signature is not supported",
        "82 | signature ecdsaBrainpoolP384r1Signature is not supported",
        "83 | signature ecdsaNistP384Signature is not supported",
        "85 | signature alternative 5 is unknown",
        "8081 | signature.rSig is fill (NULL)",
        "8085 | signature.rSig alternative 5 is unknown",
        "843f | signature.sm2Signature open type of 63 octets is not 64",
    })
    void rejectsSignaturesWithAReason(String signature, String reason) {
        assertMalformed(signed("00", TBS, DIGEST, signature + "00".repeat(63)), reason);
    }

    @Test
    void rejectsAHashIdThatDoesNotGoWithTheSignature() {
        assertMalformed(signed("02", TBS, DIGEST, ECDSA), "hashId 2 does not go with a ECDSA_P256 signature");
        assertMalformed(signed("00", TBS, DIGEST, "8440" + "11".repeat(64)), "hashId 0 does not go with a SM2");
    }

    @Test
    void acceptsEveryRSigFormAndKeepsTheXCoordinate() {
        String x = "11".repeat(32);
        String s = "22".repeat(32);
        for (String form : List.of("80" + x, "82" + x, "83" + x, "84" + x + "33".repeat(32))) {
            Signed parsed = (Signed) SecuredMessage.decode(HexFormat.of().parseHex(signed("00", TBS, DIGEST,
                    "80" + form + s)));
            assertThat(parsed.signature().r()).isEqualTo(HexFormat.of().parseHex(x));
            assertThat(parsed.signature().s()).isEqualTo(HexFormat.of().parseHex(s));
        }
    }

    @Test
    void decodesASliceAndRefusesOneOutsideTheArray() {
        byte[] framed = hex("ff ff 03 80 01 2a ff");
        assertThat(((Unsecured) SecuredMessage.decode(framed, 2, 4)).payload()).isEqualTo(hex("2a"));
        assertThat(SecuredMessage.decode(framed, 5, 4)).isInstanceOf(Malformed.class);
        assertThat(SecuredMessage.decode(framed, -1, 2)).isInstanceOf(Malformed.class);
    }

    @Test
    void time64CountsTaiMicrosecondsSince2004() {
        assertThat(Time64.fromUtcMicros(Time64.EPOCH_2004_UTC_S * 1_000_000)).isZero();
        assertThat(Time64.fromUtcMicros(1_483_228_800_000_000L)).isEqualTo(410_313_605_000_000L);
        assertThat(Time64.leapSecondsSince2004(1_262_304_000_000_000L)).as("2010-01-01").isEqualTo(2);
        assertThat(Time64.leapSecondsSince2004(JAN_2024_MICROS)).isEqualTo(5);
        for (long utc : new long[] {JAN_2024_MICROS, 1_136_073_599_999_999L, 1_136_073_600_000_000L,
            Time64.EPOCH_2004_UTC_S * 1_000_000}) {
            assertThat(Time64.toUtcMicros(Time64.fromUtcMicros(utc))).isEqualTo(utc);
        }
        assertThatThrownBy(() -> Time64.fromUtcMicros(0)).hasMessageContaining("before 2004-01-01");
        assertThatThrownBy(() -> HeaderInfo.of(0x20, 0)).hasMessageContaining("generationTimeMicros");
        assertThatThrownBy(() -> HeaderInfo.of(-1, SecuredMessage.NO_TIME)).hasMessageContaining("psid");
    }

    @Test
    void hashedId8IsTheLastEightOctetsOfTheDerSha256() throws Exception {
        byte[] der = TestPki.OBU_1.certificate().getEncoded();
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(der);
        assertThat(HashedId8.of(TestPki.OBU_1.certificate()).toOctets()).isEqualTo(Arrays.copyOfRange(sha, 24, 32));
        assertThat(new HashedId8(0x0102030405060708L)).hasToString("0102030405060708");
    }

    private static void assertMalformed(String hexInput, String reasonPart) {
        SecuredMessage.Parsed p = SecuredMessage.decode(HexFormat.of().parseHex(hexInput));
        assertThat(p).isInstanceOf(Malformed.class);
        assertThat(((Malformed) p).reason()).contains(reasonPart);
    }
}
