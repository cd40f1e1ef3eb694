package io.cheluyun.codec.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.codec.csae2017.MessageFrame;
import io.cheluyun.codec.Family;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.io.InputStream;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Each family's vehicle report in SI units, checked against the expected decodes of the real captures. */
class VehicleStatesTest {

    static byte[] vector(String path) throws Exception {
        try (InputStream in = VehicleStatesTest.class.getResourceAsStream("/vectors/" + path)) {
            return in.readAllBytes();
        }
    }

    static final long RECEIVED = Instant.parse("2026-11-23T08:15:10.250Z").toEpochMilli() * 1_000;

    @Test
    void csaeBsmInSiUnits() throws Exception {
        var bsm = ((MessageFrame.BsmFrame) MessageFrame.decode(new BitReader(vector("csae53-2017/rsu-bsm-1.uper"))))
                .value();
        VehicleState v = VehicleStates.fromCsae2017(bsm, RECEIVED);
        assertThat(v.vehicleId()).isEqualTo("bea9423838383838");
        assertThat(v.latDeg()).isCloseTo(39.9764645, within(1e-9));
        assertThat(v.lonDeg()).isCloseTo(116.3509503, within(1e-9));
        assertThat(v.elevationM()).isCloseTo(37.5, within(1e-9));
        assertThat(v.headingDeg()).isCloseTo(6161 * 0.0125, within(1e-9));
        assertThat(v.speedMps()).isZero();
        assertThat(v.accelMps2()).isNaN(); // 2001: unavailable
        assertThat(v.lengthM()).isEqualTo(4.5);
        assertThat(v.widthM()).isEqualTo(1.5);
        assertThat(v.vehicleClass()).isEqualTo(VehicleClass.PASSENGER_CAR);
        assertThat(v.brakes().brakeApplied()).isFalse();
        // secMark 9500: 9.5 s into the minute of receipt (08:15:09.500)
        assertThat(v.timeMicros()).isEqualTo(Instant.parse("2026-11-23T08:15:09.500Z").toEpochMilli() * 1_000);
        assertThat(v.problem()).isNull();
    }

    @Test
    void j2735BsmInSiUnits() throws Exception {
        var f = io.cheluyun.codec.j2735v2016.MessageFrame.decode(new BitReader(vector("j2735/asn1codec-bsm.uper")));
        VehicleState v = VehicleStates.fromJ2735((io.cheluyun.codec.j2735v2016.BasicSafetyMessage) f.value(),
                RECEIVED);
        assertThat(v.vehicleId()).isEqualTo("bea10000");
        assertThat(v.latDeg()).isCloseTo(41.1642143, within(1e-9));
        assertThat(v.lonDeg()).isCloseTo(-104.8434120, within(1e-9));
        assertThat(v.elevationM()).isCloseTo(1882.2, within(1e-9));
        assertThat(v.headingDeg()).isCloseTo(191.125, within(1e-9));
        assertThat(v.lengthM()).isNaN(); // 0: unavailable
        // secMark 59299 while receiving at second 10 of the minute: the previous minute's 59.299 s
        assertThat(v.timeMicros()).isEqualTo(Instant.parse("2026-11-23T08:14:59.299Z").toEpochMilli() * 1_000);
    }

    @Test
    void etsiCamInSiUnits() throws Exception {
        var cam = io.cheluyun.codec.etsi.CAM.decode(new BitReader(vector("etsi-lgpl/CAM/vanetza-cam.uper")));
        VehicleState v = VehicleStates.fromCam(cam, RECEIVED);
        assertThat(v.vehicleId()).isEqualTo("1289795728");
        assertThat(v.latDeg()).isCloseTo(52.4625967, within(1e-9));
        assertThat(v.lonDeg()).isCloseTo(10.7220452, within(1e-9));
        assertThat(v.elevationM()).isCloseTo(98.5, within(1e-9));
        assertThat(v.headingDeg()).isCloseTo(95.8, within(1e-9));
        assertThat(v.speedMps()).isCloseTo(5.13, within(1e-9));
        assertThat(v.accelMps2()).isCloseTo(1.1, within(1e-9));
        assertThat(v.yawRateDegPerS()).as("ETSI −0.88 °/s (right turn) is +0.88 clockwise").isCloseTo(0.88, within(1e-9));
        assertThat(v.lengthM()).isCloseTo(4.2, within(1e-9));
        assertThat(v.widthM()).isCloseTo(1.8, within(1e-9));
        assertThat(v.vehicleClass()).isEqualTo(VehicleClass.PASSENGER_CAR);
        assertThat(Math.abs(v.timeMicros() - RECEIVED)).isLessThanOrEqualTo(32_768_000L);
        assertThat(Math.floorMod((v.timeMicros() / 1_000 - VehicleStates.ITS_EPOCH_UNIX_MS
                + VehicleStates.LEAP_SECONDS_SINCE_2004 * 1_000), 65_536L)).isEqualTo(13681);
    }

    @Test
    void secMarkResolvesToTheNearestMinute() {
        long t0 = Instant.parse("2026-11-23T08:15:00Z").toEpochMilli() * 1_000;
        assertThat(VehicleStates.secMarkTime(100, t0 + 500_000)).isEqualTo(t0 + 100_000);
        assertThat(VehicleStates.secMarkTime(59_900, t0 + 200_000)).isEqualTo(t0 - 100_000);
        assertThat(VehicleStates.secMarkTime(200, t0 + 59_800_000)).isEqualTo(t0 + 60_200_000);
        assertThat(VehicleStates.secMarkTime(65_535, t0 + 7)).isEqualTo(t0 + 7);
    }

    @Test
    void csae2017BsmRoundTripsTheStateToItsLsb() throws Exception {
        long t = Instant.parse("2026-11-23T08:15:42.300Z").toEpochMilli() * 1_000L;
        VehicleState s = new VehicleState("00000000000000a1", t, new GeoPoint(43.8868123, 125.3245678), 215.3,
                87.5, 13.37, -4.21, 1.5, 4.6, 1.85, VehicleClass.BUS, new BrakeState(true, true, false, false),
                ExteriorLights.NONE);
        byte[] uper = Family.CSAE53_2017.encode(VehicleStates.toCsae2017(s, 200));
        var frame = (MessageFrame.BsmFrame) Family.CSAE53_2017.decode(uper);
        VehicleState back = VehicleStates.fromCsae2017(frame.value(), t + 20_000);

        assertThat(frame.value().msgCnt()).isEqualTo(200 & 127);
        assertThat(back.vehicleId()).isEqualTo("00000000000000a1");
        assertThat(back.timeMicros()).isEqualTo(t);
        assertThat(back.position().latDeg()).isCloseTo(43.8868123, within(1e-7));
        assertThat(back.position().lonDeg()).isCloseTo(125.3245678, within(1e-7));
        assertThat(back.elevationM()).isCloseTo(215.3, within(0.05));
        assertThat(back.headingDeg()).isCloseTo(87.5, within(0.0125));
        assertThat(back.speedMps()).isCloseTo(13.37, within(0.01));
        assertThat(back.accelMps2()).isCloseTo(-4.21, within(0.005));
        assertThat(back.lengthM()).isCloseTo(4.6, within(0.005));
        assertThat(back.widthM()).isCloseTo(1.85, within(0.005));
        assertThat(back.vehicleClass()).isEqualTo(VehicleClass.BUS);
        assertThat(back.brakes().brakeApplied()).isTrue();
        assertThat(back.brakes().absActive()).isTrue();
    }

    static io.cheluyun.codec.j2735v2016.BasicSafetyMessage j2735Wire(VehicleState s, int msgCnt) throws Exception {
        var frame = (io.cheluyun.codec.j2735v2016.MessageFrame) Family.J2735_2016.decode(
                Family.J2735_2016.encode(VehicleStates.toJ2735(s, msgCnt)));
        assertThat(frame.messageId()).isEqualTo(20);
        return (io.cheluyun.codec.j2735v2016.BasicSafetyMessage) frame.value();
    }

    @Test
    void j2735BsmRoundTripsTheStateToItsLsb() throws Exception {
        long t = Instant.parse("2026-11-23T08:15:42.300Z").toEpochMilli() * 1_000L;
        VehicleState s = new VehicleState("bea10000", t, new GeoPoint(41.1642143, -104.8434120), 1882.2, 191.125,
                13.37, -4.21, 2.5, 4.6, 1.85, VehicleClass.PASSENGER_CAR, new BrakeState(true, true, true, false),
                ExteriorLights.NONE);
        var bsm = j2735Wire(s, 200);
        VehicleState back = VehicleStates.fromJ2735(bsm, t + 20_000);

        var core = bsm.coreData();
        assertThat(core.msgCnt()).isEqualTo(200 & 127);
        assertThat(core.secMark()).isEqualTo(42_300);
        assertThat(core.brakes()).isEqualTo(new io.cheluyun.codec.j2735v2016.BrakeSystemStatus(0b11110L,
                io.cheluyun.codec.j2735v2016.TractionControlStatus.engaged,
                io.cheluyun.codec.j2735v2016.AntiLockBrakeStatus.engaged,
                io.cheluyun.codec.j2735v2016.StabilityControlStatus.unavailable,
                io.cheluyun.codec.j2735v2016.BrakeBoostApplied.unavailable,
                io.cheluyun.codec.j2735v2016.AuxiliaryBrakeStatus.unavailable));
        assertThat(back.vehicleId()).isEqualTo("bea10000");
        assertThat(back.timeMicros()).isEqualTo(t);
        assertThat(back.position().latDeg()).isCloseTo(41.1642143, within(1e-9));
        assertThat(back.position().lonDeg()).isCloseTo(-104.8434120, within(1e-9));
        assertThat(back.elevationM()).isCloseTo(1882.2, within(1e-9));
        assertThat(back.headingDeg()).isEqualTo(191.125);
        assertThat(back.speedMps()).isCloseTo(13.38, within(1e-9)); // 13.37 m/s is 668.5 LSB: rounds up to 669
        assertThat(back.accelMps2()).isCloseTo(-4.21, within(1e-9));
        assertThat(back.yawRateDegPerS()).isCloseTo(2.5, within(1e-9));
        assertThat(back.lengthM()).isEqualTo(4.6);
        assertThat(back.widthM()).isEqualTo(1.85);
        assertThat(back.brakes()).isEqualTo(new BrakeState(true, true, true, false));
        assertThat(back.vehicleClass()).isEqualTo(VehicleClass.UNKNOWN); // BSM Part I has no class
    }

    @Test
    void j2735TemporaryIdKeepsEightHexDigitsAndHashesAnyOtherId() throws Exception {
        long t = Instant.parse("2026-11-23T08:15:42.300Z").toEpochMilli() * 1_000L;
        // FNV-1a 32 of the UTF-8 octets, values from an independent implementation
        assertThat(HexFormat.of().formatHex(VehicleStates.temporaryId("00000000000000a1"))).isEqualTo("a926d13f");
        assertThat(HexFormat.of().formatHex(VehicleStates.temporaryId("veh.12"))).isEqualTo("eabb831d");
        assertThat(VehicleStates.fromJ2735(j2735Wire(VehicleState.of("veh.12", t, 43.8868, 125.3245, 90, 10), 0), t)
                .vehicleId()).isEqualTo("eabb831d");
        assertThat(VehicleStates.fromJ2735(j2735Wire(VehicleState.of("BEA10000", t, 43.8868, 125.3245, 90, 10), 0),
                t).vehicleId()).isEqualTo("bea10000");
    }

    @Test
    void j2735BsmSendsUnknownValuesAsUnavailable() throws Exception {
        long t = Instant.parse("2026-11-23T08:15:42.300Z").toEpochMilli() * 1_000L;
        VehicleState s = new VehicleState("0a0b0c0d", t, new GeoPoint(Double.NaN, Double.NaN), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, VehicleClass.UNKNOWN,
                BrakeState.NONE, ExteriorLights.NONE);
        var bsm = j2735Wire(s, 0);
        var core = bsm.coreData();
        assertThat(core.lat()).isEqualTo(900_000_001);
        assertThat(core.long_()).isEqualTo(1_800_000_001);
        assertThat(core.elev()).isEqualTo(-4096);
        assertThat(core.speed()).isEqualTo(8191);
        assertThat(core.heading()).isEqualTo(28800);
        assertThat(core.angle()).isEqualTo(127);
        assertThat(core.transmission()).isEqualTo(io.cheluyun.codec.j2735v2016.TransmissionState.unavailable);
        assertThat(core.accuracy()).isEqualTo(new io.cheluyun.codec.j2735v2016.PositionalAccuracy(255, 255, 65535));
        assertThat(core.accelSet()).isEqualTo(new io.cheluyun.codec.j2735v2016.AccelerationSet4Way(2001, 2001, -127, 0));
        assertThat(core.size()).isEqualTo(new io.cheluyun.codec.j2735v2016.VehicleSize(0, 0));
        assertThat(core.brakes().wheelBrakes()).isZero();
        VehicleState back = VehicleStates.fromJ2735(bsm, t);
        assertThat(back.elevationM()).isNaN();
        assertThat(back.speedMps()).isNaN();
        assertThat(back.headingDeg()).isNaN();
        assertThat(back.accelMps2()).isNaN();
        assertThat(back.lengthM()).isNaN();
        assertThat(back.widthM()).isNaN();
        assertThat(back.brakes().brakeApplied()).isFalse();
    }

    @Test
    void j2735BsmClampsOutOfRangeValuesToTheirFields() throws Exception {
        long t = Instant.parse("2026-11-23T08:15:42.300Z").toEpochMilli() * 1_000L;
        VehicleState s = new VehicleState("0a0b0c0d", t, new GeoPoint(95, -181), 7000, 359.999, 200, -35, 400, 50,
                12, VehicleClass.TRUCK, BrakeState.NONE, ExteriorLights.NONE);
        var core = j2735Wire(s, 0).coreData();
        assertThat(core.lat()).isEqualTo(900_000_000);
        assertThat(core.long_()).isEqualTo(-1_799_999_999);
        assertThat(core.elev()).isEqualTo(61439);
        assertThat(core.heading()).isEqualTo(28799);
        assertThat(core.speed()).isEqualTo(8190);
        assertThat(core.accelSet().long_()).isEqualTo(-2000);
        assertThat(core.accelSet().yaw()).isEqualTo(32767);
        assertThat(core.size()).isEqualTo(new io.cheluyun.codec.j2735v2016.VehicleSize(1023, 4095));
        VehicleState deep = new VehicleState("0a0b0c0d", t, new GeoPoint(0, 0), -500, 0, 0, 0, 0, 4, 2,
                VehicleClass.TRUCK, BrakeState.NONE, ExteriorLights.NONE);
        assertThat(j2735Wire(deep, 0).coreData().elev()).isEqualTo(-4095); // −4096 would say "unknown"
    }
}
