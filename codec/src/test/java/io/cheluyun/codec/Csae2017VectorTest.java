package io.cheluyun.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.asn1.per.BitWriter;
import io.cheluyun.codec.csae2017.MessageFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real CSAE 53-2017 RSU captures (BSM ×2, MAP, SPAT) decode, re-encode to the same bytes and match their JER. */
class Csae2017VectorTest {

    static MessageFrame decode(byte[] wire) throws Exception {
        return MessageFrame.decode(new BitReader(wire));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsu-bsm-1", "rsu-bsm-2", "rsu-map", "rsu-spat"})
    void capturesDecodeAndReEncodeToTheSameBytes(String name) throws Exception {
        byte[] wire = Vectors.bytes("csae53-2017/" + name + ".uper");
        MessageFrame f = decode(wire);
        BitWriter w = new BitWriter();
        MessageFrame.encode(w, f);
        assertThat(w.toByteArray()).isEqualTo(wire);
        String alternative = switch (name.substring(4, 7)) {
            case "bsm" -> "BsmFrame";
            case "map" -> "MapFrame";
            default -> "SpatFrame";
        };
        assertThat(f.getClass().getSimpleName()).isEqualTo(alternative);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsu-bsm-1", "rsu-bsm-2", "rsu-map", "rsu-spat"})
    void theSameCapturesDecodeWithThe2020SchemaWhoseDay1PartIsTheRevisedLayout(String name) throws Exception {
        byte[] wire = Vectors.bytes("csae53-2017/" + name + ".uper");
        Object f = Family.CSAE53_2020.decode(wire);
        assertThat(Family.CSAE53_2020.encode(f)).isEqualTo(wire);
        assertThat(Family.CSAE53_2020.toJson(f)).isEqualTo(Family.CSAE53_2017.toJson(Family.CSAE53_2017.decode(wire)));
    }

    @Test
    void aDay2FrameExtensionWithAnUnknownIdIsKeptAsOctets() throws Exception {
        var frame = new io.cheluyun.codec.csae2020.MessageFrame.MsgFrameExt(
                new io.cheluyun.codec.csae2020.MessageFrameExt(16, new io.cheluyun.asn1.runtime.OpenValue(16,
                        new byte[] {1, 2, 3})));
        byte[] wire = Family.CSAE53_2020.encode(frame);
        BitReader r = new BitReader(wire);
        assertThat(io.cheluyun.codec.csae2020.MessageFrame.decode(r)).isEqualTo(frame);
        assertThat(r.unknownExtensions()).isEqualTo(1);
    }

    @Test
    void bsmHasTheValuesOfItsExpectedDecode() throws Exception {
        var bsm = ((MessageFrame.BsmFrame) decode(Vectors.bytes("csae53-2017/rsu-bsm-1.uper"))).value();
        assertThat(bsm.msgCnt()).isEqualTo(117);
        assertThat(HexFormat.of().withUpperCase().formatHex(bsm.id())).isEqualTo("BEA9423838383838");
        assertThat(bsm.secMark()).isEqualTo(9500);
        assertThat(bsm.pos().lat()).isEqualTo(399764645);
        assertThat(bsm.pos().long_()).isEqualTo(1163509503);
        assertThat(bsm.pos().elevation()).isEqualTo(375);
        assertThat(bsm.heading()).isEqualTo(6161);
        assertThat(bsm.size().width()).isEqualTo(150);
        assertThat(bsm.size().length()).isEqualTo(450);
        assertThat(bsm.vehicleClass().classification()).isEqualTo(10);
    }

    @Test
    void spatHasTheValuesOfItsExpectedDecode() throws Exception {
        var spat = ((MessageFrame.SpatFrame) decode(Vectors.bytes("csae53-2017/rsu-spat.uper"))).value();
        assertThat(spat.msgCnt()).isEqualTo(48);
        assertThat(spat.moy()).isEqualTo(458335);
        assertThat(spat.timeStamp()).isEqualTo(5238);
        var first = spat.intersections().getFirst();
        assertThat(first.intersectionId().region()).isEqualTo(255);
        assertThat(first.intersectionId().id()).isEqualTo(9);
        assertThat(first.phases().getFirst().id()).isEqualTo(33);
        assertThat(first.phases().getFirst().phaseStates().getFirst().light().name()).isEqualTo("permissive_green");
    }

    @Test
    void rsuFramingDCarriesTheSameMessage() throws Exception {
        // framing D: 8-byte ASCII RSU id, 8-byte LE UTC ms, 2-byte LE length, UPER MessageFrame
        byte[] frame = HexFormat.of().parseHex(Vectors.text("csae53-2017/rsu-map.framed.hex").strip());
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(frame, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("u_id_123");
        int length = Short.toUnsignedInt(b.getShort(16));
        byte[] payload = Arrays.copyOfRange(frame, 18, 18 + length);
        assertThat(payload).isEqualTo(Vectors.bytes("csae53-2017/rsu-map.uper"));
        assertThat(decode(payload)).isInstanceOf(MessageFrame.MapFrame.class);
    }
}
