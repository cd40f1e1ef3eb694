package io.cheluyun.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The J2735-2024 vectors (jpo-asn-pojos 2024 test payloads, bare messages and MessageFrames, and the ODE SDSM)
 * decode with the 2024 schema, re-encode to the same bytes, and where an XER decode ships with them our XER view
 * equals it.
 */
class J2735v2024VectorTest {

    static Stream<String> vectors() throws URISyntaxException {
        File dir = new File(J2735v2024VectorTest.class.getResource("/vectors/j2735-2024").toURI());
        return Arrays.stream(dir.list()).filter(n -> n.endsWith(".uper")).sorted();
    }

    /** The message type of a bare vector, from its name (pojos2024-<msg>-bare-...). */
    static String type(String name) {
        if (!name.contains("-bare")) {
            return null;
        }
        return switch (name.split("-")[1]) {
            case "bsm" -> "BasicSafetyMessage";
            case "map" -> "MapData";
            case "spat" -> "SPAT";
            case "tim" -> "TravelerInformation";
            case "psm" -> "PersonalSafetyMessage";
            case "srm" -> "SignalRequestMessage";
            case "ssm" -> "SignalStatusMessage";
            default -> throw new AssertionError(name);
        };
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesAndReEncodesToTheSameBytes(String name) throws Exception {
        byte[] wire = Vectors.bytes("j2735-2024/" + name);
        List<Messages.Result> results = Messages.decodeAll(wire, Messages.Encoding.BINARY, Messages.Framing.NONE,
                Family.J2735_2024, type(name));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
            assertThat(r.unknownExtensions()).isZero();
        });
        Object message = results.getFirst().message();
        byte[] again = encodeAny(message);
        assertThat(again).isEqualTo(wire);
        String xer = name.replace(".uper", ".xer");
        if (J2735v2024VectorTest.class.getResource("/vectors/j2735-2024/" + xer) != null) {
            String ours = Family.J2735_2024.toXer(message);
            if (type(name) != null) { // a bare type's document element is the type itself
                ours = ours.replaceFirst("^<" + "[A-Za-z]+>", "").replaceFirst("</[A-Za-z]+>$", "");
                ours = "<" + type(name) + ">" + ours + "</" + type(name) + ">";
            }
            assertThat(ViewsTest.normalise(ours)).isEqualTo(ViewsTest.normalise(Vectors.text("j2735-2024/" + xer)));
        }
    }

    static byte[] encodeAny(Object message) throws Exception {
        if (message instanceof io.cheluyun.codec.j2735v2024.MessageFrame) {
            return Family.J2735_2024.encode(message);
        }
        var w = new io.cheluyun.asn1.per.BitWriter();
        message.getClass().getMethod("encode", io.cheluyun.asn1.per.BitWriter.class, message.getClass())
                .invoke(null, w, message);
        return w.toByteArray();
    }
}
