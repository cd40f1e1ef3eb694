package io.cheluyun.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JER view of every capture that ships with an expected JER decode (made with Erlang/OTP's asn1 from the
 * standards' own schemas) equals it field for field, and the XER view equals the asn1c XER decodes (whitespace
 * between and inside elements aside).
 */
class ViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"csae53-2017, csae53-2017/rsu-bsm-1", "csae53-2017, csae53-2017/rsu-bsm-2",
        "csae53-2017, csae53-2017/rsu-map", "csae53-2017, csae53-2017/rsu-spat", "etsi, etsi-lgpl/CAM/vanetza-cam"})
    void jsonViewEqualsTheExpectedJerDecode(String family, String vector) throws Exception {
        Family f = Family.byName(family);
        Object message = f.decode(Vectors.bytes(vector + ".uper"));
        JsonNode ours = JSON.readTree(f.toJson(message));
        JsonNode expected = JSON.readTree(Vectors.text(vector + ".jer.json"));
        assertThat(ours).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"j2735/asn1codec-bsm", "j2735/jpoode-spat"})
    void xerViewEqualsTheAsn1cDecode(String vector) throws Exception {
        Object message = Family.J2735_2016.decode(Vectors.bytes(vector + ".uper"));
        assertThat(normalise(Family.J2735_2016.toXer(message)))
                .isEqualTo(normalise(Vectors.text(vector + ".xer")));
    }

    @ParameterizedTest
    @CsvSource({"csae53-2017, csae53-2017/rsu-bsm-1", "csae53-2017, csae53-2017/rsu-bsm-2",
        "csae53-2017, csae53-2017/rsu-map", "csae53-2017, csae53-2017/rsu-spat", "etsi, etsi-lgpl/CAM/vanetza-cam"})
    void theExpectedJerDecodeEncodesToTheCapturedBytes(String family, String vector) throws Exception {
        Family f = Family.byName(family);
        Object fromErlangsJson = f.fromJson(Vectors.text(vector + ".jer.json"));
        assertThat(f.encode(fromErlangsJson)).isEqualTo(Vectors.bytes(vector + ".uper"));
    }

    @ParameterizedTest
    @CsvSource({"j2735/asn1codec-bsm", "j2735/jpoode-spat"})
    void asn1cXerEncodesToTheCapturedBytes(String vector) throws Exception {
        Object fromAsn1c = Family.J2735_2016.fromXer(Vectors.text(vector + ".xer"));
        assertThat(Family.J2735_2016.encode(fromAsn1c)).isEqualTo(Vectors.bytes(vector + ".uper"));
    }

    @org.junit.jupiter.api.Test
    void everyCaptureRoundTripsThroughBothTextViews() throws Exception {
        java.util.List<Object[]> all = new java.util.ArrayList<>();
        for (String file : java.util.List.of("wydot-rxMsg-BSM-and-TIM.mf.hex", "wydot-commsignia-rxMsg-map.mf.hex",
                "wydot-commsignia-bsmLogDuringEvent.mf.hex")) {
            for (byte[] m : Vectors.hexLines("j2735/" + file)) {
                all.add(new Object[] {Family.J2735_2016, m});
            }
        }
        for (String v : java.util.List.of("jpoode-map", "jpoode-spat", "asn1codec-tim", "mmitss-ecr-page-mill")) {
            all.add(new Object[] {Family.J2735_2016, Vectors.bytes("j2735/" + v + ".uper")});
        }
        for (String v : java.util.List.of("rsu-bsm-1", "rsu-bsm-2", "rsu-map", "rsu-spat")) {
            all.add(new Object[] {Family.CSAE53_2017, Vectors.bytes("csae53-2017/" + v + ".uper")});
        }
        all.add(new Object[] {Family.ETSI, Vectors.bytes("etsi-lgpl/CAM/vanetza-cam.uper")});
        for (Object[] c : all) {
            Family f = (Family) c[0];
            Object message = f.decode((byte[]) c[1]);
            byte[] canonical = f.encode(message);
            assertThat(f.encode(f.fromJson(f.toJson(message)))).as("JSON round trip").isEqualTo(canonical);
            assertThat(f.encode(f.fromXer(f.toXer(message)))).as("XER round trip").isEqualTo(canonical);
        }
        assertThat(all).hasSizeGreaterThan(900);
    }

    @org.junit.jupiter.api.Test
    void aWrongJsonValueSaysWhereItIs() {
        String json = "{\"messageId\":20,\"value\":{\"coreData\":{\"msgCnt\":\"eighty\"}}}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Family.J2735_2016.fromJson(json))
                .isInstanceOf(io.cheluyun.asn1.runtime.TextValueException.class)
                .hasMessageContaining("/value/coreData/msgCnt").hasMessageContaining("expected an integer");
    }

    @org.junit.jupiter.api.Test
    void theXerDocumentElementIsTheFrameTypeEvenForAChoiceFrame() throws Exception {
        Object spat = Family.CSAE53_2017.decode(Vectors.bytes("csae53-2017/rsu-spat.uper"));
        assertThat(Family.CSAE53_2017.toXer(spat)).startsWith("<MessageFrame><spatFrame><msgCnt>48</msgCnt>");
        assertThat(Family.CSAE53_2017.fromXer(Family.CSAE53_2017.toXer(spat))).isEqualTo(spat);
    }

    /** Whitespace is not significant in these XER documents; {@code <a></a>} and {@code <a/>} are the same. */
    static String normalise(String xer) {
        return xer.replaceAll("\\s+", "").replaceAll("<([A-Za-z0-9-]+)></\\1>", "<$1/>");
    }
}
