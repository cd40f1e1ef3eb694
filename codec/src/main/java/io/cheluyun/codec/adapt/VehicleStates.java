package io.cheluyun.codec.adapt;

import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.util.HexFormat;

/**
 * Vehicle reports of every family to the canonical {@link VehicleState} (SI units, epoch microseconds). The wire
 * units and "unavailable" codes are those of the schemas: J2735-2016 clause 7 data elements, the same elements in
 * T/CSAE 53-2017, and ETSI TS 102 894-2 V1.3.1.
 *
 * <p>Time: BSMs carry only the millisecond within the UTC minute ({@code DSecond}/{@code secMark}) and CAMs only
 * the generation time modulo 65 536 ms; both are resolved against the time the message was received, to the
 * candidate nearest to it (valid while clocks and latency are within half the wrap period: 30 s and 32.7 s).
 */
public final class VehicleStates {

    /** Latitude/longitude resolution of all three families: 1/10 microdegree. */
    static final double DEG_PER_LSB = 1e-7;
    static final int LAT_UNAVAILABLE = 900_000_001;
    static final int LON_UNAVAILABLE = 1_800_000_001;
    /** Speed: 0.02 m/s, 8191 unavailable (J2735 DE_Speed, CSAE Speed). */
    static final double MPS_PER_SPEED_LSB = 0.02;
    static final int SPEED_UNAVAILABLE = 8191;
    /** Heading: 0.0125°, 28800 unavailable (J2735 DE_Heading, CSAE Heading). */
    static final double DEG_PER_HEADING_LSB = 0.0125;
    static final int HEADING_UNAVAILABLE = 28800;
    /** Acceleration: 0.01 m/s², 2001 unavailable; yaw rate 0.01 °/s (DE_Acceleration, DE_YawRate). */
    static final int ACCEL_UNAVAILABLE = 2001;
    /** Elevation: 0.1 m, −4096 unavailable (DE_Elevation). */
    static final int ELEVATION_UNAVAILABLE = -4096;
    /** ITS epoch 2004-01-01T00:00:00Z in Unix milliseconds, and the leap seconds since (TimestampIts is TAI-based). */
    static final long ITS_EPOCH_UNIX_MS = 1_072_915_200_000L;
    static final long LEAP_SECONDS_SINCE_2004 = 5;
    /** J2735 DE_DSRCmsgID of the BasicSafetyMessage. */
    static final int J2735_BSM_ID = 20;
    /** DE_SteeringWheelAngle 127: unavailable. */
    static final int STEERING_ANGLE_UNAVAILABLE = 127;
    /** DF_PositionalAccuracy with every part unavailable (DE_SemiMajorAxisAccuracy 255, orientation 65535). */
    static final io.cheluyun.codec.j2735v2016.PositionalAccuracy UNAVAILABLE_ACCURACY =
            new io.cheluyun.codec.j2735v2016.PositionalAccuracy(255, 255, 65535);

    private VehicleStates() {
    }

    /** A J2735 BSM's core data; {@code receivedMicros} resolves the minute of its secMark. */
    public static VehicleState fromJ2735(io.cheluyun.codec.j2735v2016.BasicSafetyMessage bsm, long receivedMicros) {
        var c = bsm.coreData();
        var b = c.brakes();
        BrakeState brakes = new BrakeState((c.brakes().wheelBrakes() & 0b11110) != 0,
                b.abs() == io.cheluyun.codec.j2735v2016.AntiLockBrakeStatus.engaged,
                b.traction() == io.cheluyun.codec.j2735v2016.TractionControlStatus.engaged,
                b.scs() == io.cheluyun.codec.j2735v2016.StabilityControlStatus.engaged);
        return new VehicleState(HexFormat.of().formatHex(c.id()), secMarkTime(c.secMark(), receivedMicros),
                position(c.lat(), c.long_()), elevation(c.elev()), heading(c.heading()), speed(c.speed()),
                accel(c.accelSet().long_()), yawRate(c.accelSet().yaw()), cm(c.size().length()), cm(c.size().width()),
                VehicleClass.UNKNOWN, brakes, ExteriorLights.NONE);
    }

    /** A T/CSAE 53-2017 BSM. */
    public static VehicleState fromCsae2017(io.cheluyun.codec.csae2017.BasicSafetyMessage bsm, long receivedMicros) {
        var b = bsm.brakes();
        boolean applied = b.brakePadel() == io.cheluyun.codec.csae2017.BrakePedalStatus.on
                || (b.wheelBrakes() != io.cheluyun.asn1.runtime.Absent.LONG && (b.wheelBrakes() & 0b11110) != 0);
        BrakeState brakes = new BrakeState(applied,
                b.abs() == io.cheluyun.codec.csae2017.AntiLockBrakeStatus.engaged,
                b.traction() == io.cheluyun.codec.csae2017.TractionControlStatus.engaged,
                b.scs() == io.cheluyun.codec.csae2017.StabilityControlStatus.engaged);
        var pos = bsm.pos();
        return new VehicleState(HexFormat.of().formatHex(bsm.id()), secMarkTime(bsm.secMark(), receivedMicros),
                position(pos.lat(), pos.long_()),
                pos.elevation() == io.cheluyun.asn1.runtime.Absent.INT ? Double.NaN : elevation(pos.elevation()),
                heading(bsm.heading()), speed(bsm.speed()), accel(bsm.accelSet().long_()),
                yawRate(bsm.accelSet().yaw()), cm(bsm.size().length()), cm(bsm.size().width()),
                basicVehicleClass(bsm.vehicleClass().classification()), brakes, ExteriorLights.NONE);
    }

    /**
     * A vehicle state as a T/CSAE 53-2017 BSM frame (the uplink an OBU or an RSU relaying it sends): the inverse of
     * {@link #fromCsae2017} for the fields the model has, each rounded to its LSB and clamped to its range, unknown
     * values as the standard's "unavailable"; the id is the vehicle id's 16 hex digits (other ids: the first 8
     * octets of their UTF-8, zero-padded); secMark is the millisecond of the state's minute.
     */
    public static io.cheluyun.codec.csae2017.MessageFrame toCsae2017(VehicleState s, int msgCnt) {
        byte[] id = s.vehicleId().matches("[0-9a-fA-F]{16}") ? HexFormat.of().parseHex(s.vehicleId())
                : java.util.Arrays.copyOf(s.vehicleId().getBytes(java.nio.charset.StandardCharsets.UTF_8), 8);
        var pos = new io.cheluyun.codec.csae2017.Position3D(latLsb(s.position().latDeg()),
                lonLsb(s.position().lonDeg()), Double.isNaN(s.elevationM())
                ? io.cheluyun.asn1.runtime.Absent.INT : elevationLsb(s.elevationM()));
        var brakes = new io.cheluyun.codec.csae2017.BrakeSystemStatus(s.brakes().brakeApplied()
                ? io.cheluyun.codec.csae2017.BrakePedalStatus.on : io.cheluyun.codec.csae2017.BrakePedalStatus.off,
                io.cheluyun.asn1.runtime.Absent.LONG,
                s.brakes().tractionControlActive() ? io.cheluyun.codec.csae2017.TractionControlStatus.engaged : null,
                s.brakes().absActive() ? io.cheluyun.codec.csae2017.AntiLockBrakeStatus.engaged : null,
                s.brakes().stabilityControlActive() ? io.cheluyun.codec.csae2017.StabilityControlStatus.engaged : null,
                null, null);
        var size = new io.cheluyun.codec.csae2017.VehicleSize(centimetres(s.widthM(), 1023),
                centimetres(s.lengthM(), 4095), io.cheluyun.asn1.runtime.Absent.INT);
        var bsm = new io.cheluyun.codec.csae2017.BasicSafetyMessage(msgCnt & 127, id, secMark(s.timeMicros()), null,
                pos, null, null, io.cheluyun.codec.csae2017.TransmissionState.unavailable, speedLsb(s.speedMps()),
                headingLsb(s.headingDeg()), io.cheluyun.asn1.runtime.Absent.INT, null,
                new io.cheluyun.codec.csae2017.AccelerationSet4Way(accelLsb(s.accelMps2()), ACCEL_UNAVAILABLE, -127,
                        yawRateLsb(s.yawRateDegPerS())), brakes, size,
                new io.cheluyun.codec.csae2017.VehicleClassification(basicVehicleClassCode(s.vehicleClass()),
                        io.cheluyun.asn1.runtime.Absent.INT), null, null);
        return new io.cheluyun.codec.csae2017.MessageFrame.BsmFrame(bsm);
    }

    /**
     * A vehicle state as a J2735-2016 MessageFrame holding a BasicSafetyMessage (DE_DSRCmsgID 20): the inverse of
     * {@link #fromJ2735}, with the rounding, clamping and "unavailable" rules of {@link #toCsae2017}. Part I only
     * (DF_BSMcoreData): the vehicle class has no place there (it is Part II supplemental data), so it is not sent.
     * <ul>
     *   <li>{@code id} (DE_TemporaryID, 4 octets): an id of 8 hex digits, as {@link #fromJ2735} makes them, is its
     *       own octets, so it comes back (in lower case); any other id is hashed with {@link #temporaryId}.</li>
     *   <li>{@code elev} (DE_Elevation, 0.1 m): unknown is −4096, else clamped to −4095..61439.</li>
     *   <li>{@code accuracy} (DF_PositionalAccuracy): 255, 255, 65535, unavailable; {@code transmission}
     *       unavailable (DE_TransmissionState 7); {@code angle} 127, unavailable (DE_SteeringWheelAngle).</li>
     *   <li>{@code accelSet} (DF_AccelerationSet4Way): lateral 2001 and vertical −127, unavailable; yaw rate 0 when
     *       unknown (DE_YawRate has no "unavailable").</li>
     *   <li>{@code brakes} (DF_BrakeSystemStatus): applied brakes set all four wheels of DE_BrakeAppliedStatus
     *       (what {@link #fromJ2735} reads as applied), released ones none; traction control, ABS and stability
     *       control are {@code engaged} when active, otherwise {@code unavailable} (the model does not know whether
     *       an idle system is on or off); brake boost and auxiliary brakes unavailable.</li>
     *   <li>{@code size} (DF_VehicleSize): centimetres, 0 when unknown (DE_VehicleWidth / DE_VehicleLength).</li>
     * </ul>
     */
    public static io.cheluyun.codec.j2735v2016.MessageFrame toJ2735(VehicleState s, int msgCnt) {
        var brakes = new io.cheluyun.codec.j2735v2016.BrakeSystemStatus(s.brakes().brakeApplied() ? 0b11110L : 0L,
                s.brakes().tractionControlActive() ? io.cheluyun.codec.j2735v2016.TractionControlStatus.engaged
                        : io.cheluyun.codec.j2735v2016.TractionControlStatus.unavailable,
                s.brakes().absActive() ? io.cheluyun.codec.j2735v2016.AntiLockBrakeStatus.engaged
                        : io.cheluyun.codec.j2735v2016.AntiLockBrakeStatus.unavailable,
                s.brakes().stabilityControlActive() ? io.cheluyun.codec.j2735v2016.StabilityControlStatus.engaged
                        : io.cheluyun.codec.j2735v2016.StabilityControlStatus.unavailable,
                io.cheluyun.codec.j2735v2016.BrakeBoostApplied.unavailable,
                io.cheluyun.codec.j2735v2016.AuxiliaryBrakeStatus.unavailable);
        var core = new io.cheluyun.codec.j2735v2016.BSMcoreData(msgCnt & 127, temporaryId(s.vehicleId()),
                secMark(s.timeMicros()), latLsb(s.position().latDeg()), lonLsb(s.position().lonDeg()),
                Double.isNaN(s.elevationM()) ? ELEVATION_UNAVAILABLE : elevationLsb(s.elevationM()),
                UNAVAILABLE_ACCURACY, io.cheluyun.codec.j2735v2016.TransmissionState.unavailable,
                speedLsb(s.speedMps()), headingLsb(s.headingDeg()), STEERING_ANGLE_UNAVAILABLE,
                new io.cheluyun.codec.j2735v2016.AccelerationSet4Way(accelLsb(s.accelMps2()), ACCEL_UNAVAILABLE, -127,
                        yawRateLsb(s.yawRateDegPerS())), brakes,
                new io.cheluyun.codec.j2735v2016.VehicleSize(centimetres(s.widthM(), 1023),
                        centimetres(s.lengthM(), 4095)));
        return new io.cheluyun.codec.j2735v2016.MessageFrame(J2735_BSM_ID,
                new io.cheluyun.codec.j2735v2016.BasicSafetyMessage(core, null, null));
    }

    /**
     * A J2735 DE_TemporaryID (4 octets) for a vehicle id: the id's own octets when it is 8 hex digits (how
     * {@link #fromJ2735} writes a received id, so a relayed J2735 id keeps its value); otherwise the 32-bit FNV-1a
     * hash (offset basis 0x811c9dc5, prime 0x01000193) of its UTF-8 octets, big-endian: deterministic, so one
     * vehicle keeps one id across messages, and cheap enough for every BSM. Distinct ids may collide (1 in 2^32 per
     * pair), as random temporary ids of real OBUs may.
     */
    static byte[] temporaryId(String vehicleId) {
        if (vehicleId.length() == 8 && vehicleId.matches("[0-9a-fA-F]{8}")) {
            return HexFormat.of().parseHex(vehicleId);
        }
        int h = 0x811c9dc5;
        for (byte b : vehicleId.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x01000193;
        }
        return new byte[] {(byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h};
    }

    static int clamp(long v, int lo, int hi) {
        return (int) Math.max(lo, Math.min(hi, v));
    }

    static int centimetres(double m, int max) {
        return Double.isNaN(m) ? 0 : clamp(Math.round(m * 100), 0, max);
    }

    /** DE_DSecond of an epoch time: the millisecond within its UTC minute. */
    static int secMark(long micros) {
        return (int) Math.floorMod(Math.floorDiv(micros, 1_000L), 60_000L);
    }

    /** DE_Latitude in 1/10 microdegree, clamped to ±90°; unknown is 900000001. */
    static int latLsb(double deg) {
        return Double.isNaN(deg) ? LAT_UNAVAILABLE : clamp(Math.round(deg / DEG_PER_LSB), -900_000_000, 900_000_000);
    }

    /** DE_Longitude in 1/10 microdegree, clamped to −179.9999999..180°; unknown is 1800000001. */
    static int lonLsb(double deg) {
        return Double.isNaN(deg) ? LON_UNAVAILABLE
                : clamp(Math.round(deg / DEG_PER_LSB), -1_799_999_999, 1_800_000_000);
    }

    /** DE_Elevation of a known height: 0.1 m, clamped to −4095..61439 (−4096 is "unknown"). */
    static int elevationLsb(double m) {
        return clamp(Math.round(m * 10), -4095, 61439);
    }

    /** DE_Speed / DE_Velocity: 0.02 m/s, clamped to 0..8190; unknown is 8191. */
    static int speedLsb(double mps) {
        return Double.isNaN(mps) ? SPEED_UNAVAILABLE
                : clamp(Math.round(mps / MPS_PER_SPEED_LSB), 0, SPEED_UNAVAILABLE - 1);
    }

    /** DE_Heading: 0.0125°, clamped to 0..28799; unknown is 28800. */
    static int headingLsb(double deg) {
        return Double.isNaN(deg) ? HEADING_UNAVAILABLE
                : clamp(Math.round(deg / DEG_PER_HEADING_LSB), 0, HEADING_UNAVAILABLE - 1);
    }

    /** DE_Acceleration: 0.01 m/s², clamped to ±2000; unknown is 2001. */
    static int accelLsb(double mps2) {
        return Double.isNaN(mps2) ? ACCEL_UNAVAILABLE : clamp(Math.round(mps2 * 100), -2000, 2000);
    }

    /** DE_YawRate: 0.01 °/s, clamped to ±32767; it has no "unavailable", so unknown is sent as 0. */
    static int yawRateLsb(double degPerS) {
        return Double.isNaN(degPerS) ? 0 : clamp(Math.round(degPerS * 100), -32767, 32767);
    }

    /** The first code of each DE_BasicVehicleClass group {@link #basicVehicleClass} reads back as the class. */
    static int basicVehicleClassCode(VehicleClass c) {
        return switch (c) {
            case PASSENGER_CAR -> 10;
            case TRUCK, TRAILER -> 20;
            case MOTORCYCLE -> 40;
            case BUS -> 50;
            case EMERGENCY -> 60;
            case SPECIAL -> 70;
            default -> 0;
        };
    }

    /** An ETSI CAM from a vehicle (its basic vehicle high-frequency container); null for a roadside unit's CAM. */
    public static VehicleState fromCam(io.cheluyun.codec.etsi.CAM cam, long receivedMicros) {
        var p = cam.cam().camParameters();
        if (!(p.highFrequencyContainer()
                instanceof io.cheluyun.codec.etsi.HighFrequencyContainer.BasicVehicleContainerHighFrequency hf)) {
            return null;
        }
        var v = hf.value();
        var ref = p.basicContainer().referencePosition();
        double speed = v.speed().speedValue() == 16383 ? Double.NaN : v.speed().speedValue() * 0.01;
        double heading = v.heading().headingValue() == 3601 ? Double.NaN : v.heading().headingValue() * 0.1 % 360.0;
        int accel = v.longitudinalAcceleration().longitudinalAccelerationValue();
        int yaw = v.yawRate().yawRateValue();
        int length = v.vehicleLength().vehicleLengthValue();
        int width = v.vehicleWidth();
        int altitude = ref.altitude().altitudeValue();
        return new VehicleState(Long.toString(cam.header().stationID()),
                camTime(cam.cam().generationDeltaTime(), receivedMicros), position(ref.latitude(), ref.longitude()),
                altitude == 800001 ? Double.NaN : altitude * 0.01, heading, speed,
                accel == 161 ? Double.NaN : accel * 0.1, yaw == 32767 ? Double.NaN : -yaw * 0.01, // ETSI: + is left
                length >= 1022 ? Double.NaN : length * 0.1, width >= 61 ? Double.NaN : width * 0.1,
                stationType(p.basicContainer().stationType()), BrakeState.NONE, ExteriorLights.NONE);
    }

    /** The epoch time of a millisecond-within-the-minute nearest to the receive time (J2735 DE_DSecond). */
    static long secMarkTime(int secMark, long receivedMicros) {
        if (secMark >= 60_000) { // 60000–60999 leap second, 65535 unavailable: the receive time is the best known
            return receivedMicros;
        }
        long minute = Math.floorDiv(receivedMicros, 60_000_000L) * 60_000_000L;
        long t = minute + secMark * 1_000L;
        if (t - receivedMicros > 30_000_000L) {
            t -= 60_000_000L;
        } else if (receivedMicros - t > 30_000_000L) {
            t += 60_000_000L;
        }
        return t;
    }

    /** The epoch time of a CAM generationDeltaTime (TimestampIts mod 65 536, EN 302 637-2 B.3) nearest to receipt. */
    static long camTime(int generationDeltaTime, long receivedMicros) {
        long itsNow = receivedMicros / 1_000 - ITS_EPOCH_UNIX_MS + LEAP_SECONDS_SINCE_2004 * 1_000;
        long base = itsNow - Math.floorMod(itsNow, 65_536L);
        long its = base + generationDeltaTime;
        if (its - itsNow > 32_768) {
            its -= 65_536;
        } else if (itsNow - its > 32_768) {
            its += 65_536;
        }
        return (its + ITS_EPOCH_UNIX_MS - LEAP_SECONDS_SINCE_2004 * 1_000) * 1_000;
    }

    /** TimestampIts (milliseconds since 2004-01-01, TAI-based) to epoch microseconds. */
    static long itsToEpochMicros(long its) {
        return (its + ITS_EPOCH_UNIX_MS - LEAP_SECONDS_SINCE_2004 * 1_000) * 1_000;
    }

    static long epochMicrosToIts(long micros) {
        return micros / 1_000 - ITS_EPOCH_UNIX_MS + LEAP_SECONDS_SINCE_2004 * 1_000;
    }

    private static GeoPoint position(int lat, int lon) {
        return new GeoPoint(lat == LAT_UNAVAILABLE ? Double.NaN : lat * DEG_PER_LSB,
                lon == LON_UNAVAILABLE ? Double.NaN : lon * DEG_PER_LSB);
    }

    private static double elevation(int elev) {
        return elev == ELEVATION_UNAVAILABLE ? Double.NaN : elev * 0.1;
    }

    private static double heading(int heading) {
        return heading == HEADING_UNAVAILABLE ? Double.NaN : heading * DEG_PER_HEADING_LSB;
    }

    private static double speed(int speed) {
        return speed == SPEED_UNAVAILABLE ? Double.NaN : speed * MPS_PER_SPEED_LSB;
    }

    private static double accel(int accel) {
        return accel == ACCEL_UNAVAILABLE ? Double.NaN : accel * 0.01;
    }

    private static double yawRate(int yaw) {
        return yaw * 0.01;
    }

    /** VehicleWidth / VehicleLength in centimetres, 0 unavailable. */
    private static double cm(int cm) {
        return cm <= 0 ? Double.NaN : cm / 100.0;
    }

    /** J2735 / CSAE BasicVehicleClass groups of ten (DE_BasicVehicleClass). */
    static VehicleClass basicVehicleClass(int c) {
        return switch (c / 10) {
            case 1 -> VehicleClass.PASSENGER_CAR;
            case 2, 3 -> VehicleClass.TRUCK;
            case 4 -> VehicleClass.MOTORCYCLE;
            case 5 -> VehicleClass.BUS;
            case 6 -> VehicleClass.EMERGENCY;
            case 7 -> VehicleClass.SPECIAL;
            default -> VehicleClass.UNKNOWN;
        };
    }

    /** ETSI StationType (TS 102 894-2 A.78). */
    static VehicleClass stationType(int t) {
        return switch (t) {
            case 5 -> VehicleClass.PASSENGER_CAR;
            case 4, 3 -> VehicleClass.MOTORCYCLE;
            case 6 -> VehicleClass.BUS;
            case 7, 8 -> VehicleClass.TRUCK;
            case 9 -> VehicleClass.TRAILER;
            case 10 -> VehicleClass.SPECIAL;
            case 11 -> VehicleClass.TRAM;
            default -> VehicleClass.UNKNOWN;
        };
    }
}
