package io.cheluyun.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.codec.etsi.CAM;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every framing of the vector set yields exactly its messages, detected without being told. */
class MessagesTest {

    static List<Messages.Result> auto(byte[] input, Family f) {
        return Messages.decodeAll(input, Messages.Encoding.AUTO, Messages.Framing.AUTO, f);
    }

    @Test
    void wydotLogsYieldTheFramesCutOutOfThemBefore() throws Exception {
        // framing A (1609.2 directly) and B (WSMP header, 0x0A after each record, all signed)
        for (String log : List.of("wydot-bsmLogDuringEvent", "wydot-commsignia-bsmTx")) {
            List<Messages.Result> results = auto(Vectors.bytes("j2735/" + log + ".log.bin"), Family.J2735_2016);
            List<byte[]> expected = Vectors.hexLines("j2735/" + log + ".mf.hex");
            assertThat(results).as(log).hasSize(expected.size()).allSatisfy(r -> assertThat(r.ok()).as(r.where())
                    .isTrue());
            for (int k = 0; k < expected.size(); k++) {
                assertThat(Family.J2735_2016.encode(results.get(k).message())).isEqualTo(expected.get(k));
            }
        }
    }

    @Test
    void aCutLogReportsTheRecordAndOctetWhereItBreaks() throws Exception {
        byte[] log = Vectors.bytes("j2735/wydot-commsignia-bsmTx.log.bin");
        List<Messages.Result> results = auto(Arrays.copyOf(log, log.length - 40), Family.J2735_2016);
        Messages.Result last = results.getLast();
        assertThat(last.ok()).isFalse();
        assertThat(last.where()).contains("record 33 at octet");
        assertThat(results.subList(0, results.size() - 1)).allSatisfy(r -> assertThat(r.ok()).isTrue());
    }

    @Test
    void aSecuredGeoNetworkingPacketYieldsItsCam() throws Exception {
        List<Messages.Result> results = auto(Vectors.bytes("etsi-lgpl/CAM/vanetza-cam.gn-secured.bin"), Family.ETSI);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.message()).isInstanceOf(CAM.class);
            assertThat(Family.ETSI.encode(r.message())).isEqualTo(Vectors.bytes("etsi-lgpl/CAM/vanetza-cam.uper"));
        });
    }

    @Test
    void csaeRsuFramesAreDetectedOnlyForCsae() throws Exception {
        byte[] frame = HexFormat.of().parseHex(Vectors.text("csae53-2017/rsu-bsm.framed.hex").strip());
        List<Messages.Result> results = auto(frame, Family.CSAE53_2017);
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(Family.CSAE53_2017.encode(results.get(0).message())).isEqualTo(Vectors.bytes("csae53-2017/rsu-bsm-1.uper"));
        assertThat(Family.CSAE53_2017.encode(results.get(1).message())).isEqualTo(Vectors.bytes("csae53-2017/rsu-bsm-2.uper"));
    }

    @Test
    void aBareTypeDecodesWhenNamed() throws Exception {
        byte[] bare = Vectors.bytes("j2735/pojos2024-bsm-bare-noext-02.uper");
        List<Messages.Result> results = Messages.decodeAll(bare, Messages.Encoding.BINARY, Messages.Framing.NONE,
                Family.J2735_2016, "BasicSafetyMessage");
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
            assertThat(r.message()).isInstanceOf(io.cheluyun.codec.j2735v2016.BasicSafetyMessage.class);
            assertThat(Family.J2735_2016.toJson(r.message())).startsWith("{\"coreData\":{\"msgCnt\":");
        });
    }
}
