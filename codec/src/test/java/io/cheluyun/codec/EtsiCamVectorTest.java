package io.cheluyun.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.asn1.per.BitWriter;
import io.cheluyun.asn1.per.DecodeException;
import io.cheluyun.codec.etsi.AltitudeConfidence;
import io.cheluyun.codec.etsi.BasicVehicleContainerHighFrequency;
import io.cheluyun.codec.etsi.CAM;
import io.cheluyun.codec.etsi.DriveDirection;
import io.cheluyun.codec.etsi.HighFrequencyContainer;
import org.junit.jupiter.api.Test;

/**
 * The real CAM of the vector set (vanetza, a passenger car near Wolfsburg) decodes to the values of its expected
 * JER decode and re-encodes to the same bytes.
 */
class EtsiCamVectorTest {

    @Test
    void decodesTheRealCamToItsExpectedValues() throws Exception {
        CAM cam = CAM.decode(new BitReader(Vectors.bytes("etsi-lgpl/CAM/vanetza-cam.uper")));

        assertThat(cam.header().protocolVersion()).isEqualTo(2);
        assertThat(cam.header().messageID()).isEqualTo(2);
        assertThat(cam.header().stationID()).isEqualTo(1289795728L);
        assertThat(cam.cam().generationDeltaTime()).isEqualTo(13681);
        var basic = cam.cam().camParameters().basicContainer();
        assertThat(basic.stationType()).isEqualTo(5);
        assertThat(basic.referencePosition().latitude()).isEqualTo(524625967);
        assertThat(basic.referencePosition().longitude()).isEqualTo(107220452);
        assertThat(basic.referencePosition().altitude().altitudeValue()).isEqualTo(9850);
        assertThat(basic.referencePosition().altitude().altitudeConfidence())
                .isEqualTo(AltitudeConfidence.alt_020_00);
        HighFrequencyContainer hf = cam.cam().camParameters().highFrequencyContainer();
        assertThat(hf).isInstanceOf(HighFrequencyContainer.BasicVehicleContainerHighFrequency.class);
        BasicVehicleContainerHighFrequency v =
                ((HighFrequencyContainer.BasicVehicleContainerHighFrequency) hf).value();
        assertThat(v.heading().headingValue()).isEqualTo(958);
        assertThat(v.speed().speedValue()).isEqualTo(513);
        assertThat(v.driveDirection()).isEqualTo(DriveDirection.forward);
        assertThat(v.curvature().curvatureValue()).isEqualTo(-15);
        assertThat(v.yawRate().yawRateValue()).isEqualTo(-88);
        assertThat(v.hasLanePosition()).isFalse();
        assertThat(v.verticalAcceleration()).isNull();
        assertThat(cam.cam().camParameters().lowFrequencyContainer()).isNull();
    }

    @Test
    void reEncodesTheRealCamToTheSameBytes() throws Exception {
        byte[] wire = Vectors.bytes("etsi-lgpl/CAM/vanetza-cam.uper");
        BitWriter w = new BitWriter();
        CAM.encode(w, CAM.decode(new BitReader(wire)));
        assertThat(w.toByteArray()).isEqualTo(wire);
    }

    @Test
    void everyTruncationOfTheRealCamIsACheckedDecodeError() throws Exception {
        byte[] wire = Vectors.bytes("etsi-lgpl/CAM/vanetza-cam.uper");
        for (int len = 0; len < wire.length - 1; len++) {
            byte[] cut = java.util.Arrays.copyOf(wire, len);
            try {
                CAM.decode(new BitReader(cut));
                throw new AssertionError("a CAM cut to " + len + " bytes decoded");
            } catch (DecodeException expected) {
                assertThat(expected.bitOffset()).isLessThanOrEqualTo(8L * len);
            }
        }
    }
}
