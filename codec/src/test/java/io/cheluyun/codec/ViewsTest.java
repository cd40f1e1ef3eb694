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

    /** Whitespace is not significant in these XER documents; {@code <a></a>} and {@code <a/>} are the same. */
    static String normalise(String xer) {
        return xer.replaceAll("\\s+", "").replaceAll("<([A-Za-z0-9-]+)></\\1>", "<$1/>");
    }
}
