package io.cheluyun.codec.adapt;

import io.cheluyun.codec.csae2017.ParticipantType;
import io.cheluyun.codec.csae2017.PositionConfidence;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.VehicleClass;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * T/CSAE 53 RSM (road-side safety message: participants a roadside sensor detected), J2735 PSM and ETSI CPM to the
 * canonical {@link PerceivedObject}, and perceived objects back out as RSM or CPM for sensor sharing. Positions are offsets from the RSM's reference position; times are the participants' own
 * secMark resolved against receipt; a participant the RSU relays from a vehicle's own BSM keeps that vehicle's id,
 * so the twin can associate the two reports.
 */
public final class PerceivedObjects {

    /** PositionConfidence enumeration (T/CSAE 53 DE_PositionConfidence): the 95 % bound of each item, metres. */
    private static final double[] CONFIDENCE_M = {Double.NaN, 500, 200, 100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05,
        0.02, 0.01};

    /** DE_SemiMajorAxisAccuracy / DE_SemiMinorAxisAccuracy: 0.05 m, 255 unavailable. */
    static final double M_PER_SEMI_AXIS_LSB = 0.05;
    static final int SEMI_AXIS_UNAVAILABLE = 255;
    /** J2735 DE_DSRCmsgID of the PersonalSafetyMessage. */
    static final int J2735_PSM_ID = 32;

    private PerceivedObjects() {
    }

    /** Every participant of an RSM; the RSU itself ({@code ptcType rsu}) is left out. */
    public static List<PerceivedObject> fromCsae2017(io.cheluyun.codec.csae2017.RoadsideSafetyMessage rsm,
                                                     long receivedMicros) {
        String rsu = HexFormat.of().formatHex(rsm.id());
        GeoPoint ref = new GeoPoint(rsm.refPos().lat() * VehicleStates.DEG_PER_LSB,
                rsm.refPos().long_() * VehicleStates.DEG_PER_LSB);
        List<PerceivedObject> out = new ArrayList<>();
        for (var p : rsm.participants()) {
            if (p.ptcType() == ParticipantType.rsu) {
                continue;
            }
            ObjectClass cls = objectClass(p.ptcType(), p.vehicleClass());
            String id = p.id() != null ? HexFormat.of().formatHex(p.id()) : rsu + ":" + p.ptcId();
            double speed = p.speed() == VehicleStates.SPEED_UNAVAILABLE ? Double.NaN
                    : p.speed() * VehicleStates.MPS_PER_SPEED_LSB;
            double heading = p.heading() == VehicleStates.HEADING_UNAVAILABLE ? Double.NaN
                    : p.heading() * VehicleStates.DEG_PER_HEADING_LSB;
            PositionConfidence conf = p.posConfidence().pos();
            // the enumeration gives a 95 % bound; 1-sigma of a 2-D normal error is about half of it
            double sigma = conf.ordinal() < CONFIDENCE_M.length ? CONFIDENCE_M[conf.ordinal()] / 2.0 : Double.NaN;
            out.add(new PerceivedObject(id, rsu, cls, VehicleStates.secMarkTime(p.secMark(), receivedMicros),
                    MapIntersections.offset(p.pos().offsetLL(), ref), heading, speed,
                    p.size().length() > 0 ? p.size().length() / 100.0 : Double.NaN,
                    p.size().width() > 0 ? p.size().width() / 100.0 : Double.NaN, sigma));
        }
        return out;
    }

    /**
     * A J2735 PSM (a pedestrian's, cyclist's or worker's own device) as a perceived object with the device as its
     * source: position, speed (0.02 m/s) and heading (0.0125°) as in the BSM; accuracy from the error ellipse's
     * semi-major axis (DE_SemiMajorAxisAccuracy, 0.05 m, 1-sigma; 255 unavailable).
     */
    public static PerceivedObject fromPsm(io.cheluyun.codec.j2735v2016.PersonalSafetyMessage psm,
                                          long receivedMicros) {
        String id = HexFormat.of().formatHex(psm.id());
        ObjectClass cls = switch (psm.basicType()) {
            case aPEDESTRIAN, aPUBLICSAFETYWORKER -> ObjectClass.PEDESTRIAN;
            case aPEDALCYCLIST -> ObjectClass.CYCLIST;
            case anANIMAL -> ObjectClass.ANIMAL;
            default -> ObjectClass.UNKNOWN;
        };
        var p = psm.position();
        double speed = psm.speed() == VehicleStates.SPEED_UNAVAILABLE ? Double.NaN
                : psm.speed() * VehicleStates.MPS_PER_SPEED_LSB;
        double heading = psm.heading() == VehicleStates.HEADING_UNAVAILABLE ? Double.NaN
                : psm.heading() * VehicleStates.DEG_PER_HEADING_LSB;
        int semiMajor = psm.accuracy().semiMajor();
        return new PerceivedObject(id, id, cls, VehicleStates.secMarkTime(psm.secMark(), receivedMicros),
                new GeoPoint(p.lat() * VehicleStates.DEG_PER_LSB, p.long_() * VehicleStates.DEG_PER_LSB), heading,
                speed, Double.NaN, Double.NaN,
                semiMajor >= SEMI_AXIS_UNAVAILABLE ? Double.NaN : semiMajor * M_PER_SEMI_AXIS_LSB);
    }

    /**
     * A vulnerable road user as a J2735-2016 MessageFrame holding a PersonalSafetyMessage (DE_DSRCmsgID 32), as the
     * person's own device would send it: the inverse of {@link #fromPsm}.
     * <ul>
     *   <li>{@code basicType} (DE_PersonalDeviceUserType): pedestrian {@code aPEDESTRIAN}, cyclist
     *       {@code aPEDALCYCLIST}, animal {@code anANIMAL}, unknown {@code unavailable}. Motor vehicles (cars,
     *       trucks, buses, motorcycles) have no user type: they send BSMs, and asking for their PSM is an
     *       error.</li>
     *   <li>{@code id} (DE_TemporaryID): as a BSM's, {@link VehicleStates#temporaryId} (8 hex digits are kept,
     *       other ids hashed); {@code secMark} (DE_DSecond) the millisecond of the object's minute.</li>
     *   <li>{@code position} (DF_Position3D) without elevation, {@code speed} (DE_Velocity, 0.02 m/s) and
     *       {@code heading} (DE_Heading, 0.0125°) rounded and clamped, unknown as 8191 and 28800.</li>
     *   <li>{@code accuracy} (DF_PositionalAccuracy): the model's 1-sigma horizontal accuracy as both semi-axes
     *       (a circle; DE_SemiMajorAxisAccuracy, 0.05 m, clamped to 254 = 12.7 m or more, 255 unavailable), the
     *       orientation 65535, unavailable, since a circle has none.</li>
     * </ul>
     * The object's size has no PSM field and is not sent.
     */
    public static io.cheluyun.codec.j2735v2016.MessageFrame toPsm(PerceivedObject o, int msgCnt) {
        var type = switch (o.objectClass()) {
            case PEDESTRIAN -> io.cheluyun.codec.j2735v2016.PersonalDeviceUserType.aPEDESTRIAN;
            case CYCLIST -> io.cheluyun.codec.j2735v2016.PersonalDeviceUserType.aPEDALCYCLIST;
            case ANIMAL -> io.cheluyun.codec.j2735v2016.PersonalDeviceUserType.anANIMAL;
            case UNKNOWN -> io.cheluyun.codec.j2735v2016.PersonalDeviceUserType.unavailable;
            case VEHICLE, TRUCK, BUS, MOTORCYCLE -> throw new IllegalArgumentException(
                    "a PSM is for persons and animals; " + o.objectId() + " is a " + o.objectClass());
        };
        int axis = Double.isNaN(o.positionAccuracyM()) ? SEMI_AXIS_UNAVAILABLE
                : VehicleStates.clamp(Math.round(o.positionAccuracyM() / M_PER_SEMI_AXIS_LSB), 0,
                        SEMI_AXIS_UNAVAILABLE - 1);
        var psm = new io.cheluyun.codec.j2735v2016.PersonalSafetyMessage(type, VehicleStates.secMark(o.timeMicros()),
                msgCnt & 127, VehicleStates.temporaryId(o.objectId()),
                new io.cheluyun.codec.j2735v2016.Position3D(VehicleStates.latLsb(o.position().latDeg()),
                        VehicleStates.lonLsb(o.position().lonDeg()), io.cheluyun.asn1.runtime.Absent.INT, null),
                new io.cheluyun.codec.j2735v2016.PositionalAccuracy(axis, axis, 65535),
                VehicleStates.speedLsb(o.speedMps()), VehicleStates.headingLsb(o.headingDeg()), null, null, null,
                null, null, null, null, null, io.cheluyun.asn1.runtime.Absent.INT, null, null, null, null, null, null,
                io.cheluyun.asn1.runtime.Absent.INT, null, null);
        return new io.cheluyun.codec.j2735v2016.MessageFrame(J2735_PSM_ID, psm);
    }

    /**
     * The perceived objects of an ETSI CPM (TS 103 324 V2.1.1). Positions are x/y in 0.01 m from the management
     * container's reference position: east/north for a roadside unit, the vehicle's own axes (x forward, y left,
     * turned by its orientation angle from north) when an originating-vehicle container is present. Times are the
     * reference time plus each object's measurement delta. The travel direction of the CPM frame is left unknown
     * ({@code NaN}); the speed is the polar velocity's magnitude.
     */
    public static List<PerceivedObject> fromCpm(io.cheluyun.codec.etsi.CollectivePerceptionMessage cpm) {
        var payload = cpm.payload();
        var ref = payload.managementContainer().referencePosition();
        GeoPoint origin = new GeoPoint(ref.latitude() * VehicleStates.DEG_PER_LSB,
                ref.longitude() * VehicleStates.DEG_PER_LSB);
        io.cheluyun.model.LocalEnu frame = new io.cheluyun.model.LocalEnu(origin.latDeg(), origin.lonDeg());
        long referenceMicros = VehicleStates.itsToEpochMicros(payload.managementContainer().referenceTime());
        double headingRad = Double.NaN;
        for (var c : payload.cpmContainers()) {
            if (c.containerData() instanceof io.cheluyun.codec.etsi.OriginatingVehicleContainer v
                    && v.orientationAngle().value() < 3600) {
                headingRad = Math.toRadians(v.orientationAngle().value() / 10.0);
            }
        }
        String source = Long.toString(cpm.header().stationId());
        List<PerceivedObject> out = new ArrayList<>();
        for (var c : payload.cpmContainers()) {
            if (!(c.containerData() instanceof io.cheluyun.codec.etsi.PerceivedObjectContainer objects)) {
                continue;
            }
            for (int k = 0; k < objects.perceivedObjects().size(); k++) {
                var o = objects.perceivedObjects().get(k);
                String id = source + ":" + (o.objectId() == io.cheluyun.asn1.runtime.Absent.INT ? "#" + k
                        : Integer.toString(o.objectId()));
                double x = o.position().xCoordinate().value() / 100.0;
                double y = o.position().yCoordinate().value() / 100.0;
                double east = x;
                double north = y;
                if (!Double.isNaN(headingRad)) { // vehicle axes: x forward, y left
                    east = x * Math.sin(headingRad) - y * Math.cos(headingRad);
                    north = x * Math.cos(headingRad) + y * Math.sin(headingRad);
                }
                double speed = o.velocity() instanceof io.cheluyun.codec.etsi.Velocity3dWithConfidence.PolarVelocity(
                        var polar) && polar.velocityMagnitude().speedValue() != 16383
                        ? polar.velocityMagnitude().speedValue() * 0.01 : Double.NaN;
                out.add(new PerceivedObject(id, source, cpmClass(o.classification()),
                        referenceMicros + o.measurementDeltaTime() * 1_000L, frame.toGeo(east, north), Double.NaN,
                        speed, dimension(o.objectDimensionX()), dimension(o.objectDimensionY()), Double.NaN));
            }
        }
        return out;
    }

    /**
     * Perceived objects as a CPM from a roadside unit {@code stationId} at {@code rsuPosition}: an originating-RSU
     * container and a perceived-object container; positions east/north in cm from the RSU (objects more than 1.31 km
     * away are out of range and left out), measurement times relative to {@code referenceMicros} (within ±2 s),
     * speed as the polar magnitude with the direction unavailable, length and width as X/Y dimensions.
     */
    public static io.cheluyun.codec.etsi.CollectivePerceptionMessage toCpm(List<PerceivedObject> objects, long stationId,
                                                                       GeoPoint rsuPosition, long referenceMicros) {
        io.cheluyun.model.LocalEnu frame = new io.cheluyun.model.LocalEnu(rsuPosition.latDeg(), rsuPosition.lonDeg());
        List<io.cheluyun.codec.etsi.PerceivedObject> out = new ArrayList<>();
        for (PerceivedObject o : objects) {
            double east = frame.eastM(o.position().latDeg(), o.position().lonDeg()) * 100;
            double north = frame.northM(o.position().latDeg(), o.position().lonDeg()) * 100;
            long delta = (o.timeMicros() - referenceMicros) / 1_000;
            if (Math.abs(east) > 131_070 || Math.abs(north) > 131_070 || delta < -2048 || delta > 2047
                    || out.size() == 255) {
                continue;
            }
            var velocity = Double.isNaN(o.speedMps()) ? null
                    : new io.cheluyun.codec.etsi.Velocity3dWithConfidence.PolarVelocity(new io.cheluyun.codec.etsi.VelocityPolarWithZ(
                            new io.cheluyun.codec.etsi.ETSIITSCDDSpeed((int) Math.min(16381, Math.round(o.speedMps() * 100)), 127),
                            new io.cheluyun.codec.etsi.CartesianAngle(3601, 127), null));
            out.add(new io.cheluyun.codec.etsi.PerceivedObject(out.size(), (int) delta, new io.cheluyun.codec.etsi.CartesianPosition3dWithConfidence(
                    new io.cheluyun.codec.etsi.CartesianCoordinateWithConfidence((int) Math.round(east), 4096),
                    new io.cheluyun.codec.etsi.CartesianCoordinateWithConfidence((int) Math.round(north), 4096), null),
                    velocity, null, null, null, null, null, cpmDimension(o.widthM()), cpmDimension(o.lengthM()),
                    io.cheluyun.asn1.runtime.Absent.INT, io.cheluyun.asn1.runtime.Absent.INT, null,
                    cpmClassOut(o.objectClass()), null));
        }
        var ref = new io.cheluyun.codec.etsi.ETSIITSCDDReferencePosition(lsb(rsuPosition.latDeg()), lsb(rsuPosition.lonDeg()),
                new io.cheluyun.codec.etsi.ETSIITSCDDPosConfidenceEllipse(4095, 4095, 3601),
                new io.cheluyun.codec.etsi.ETSIITSCDDAltitude(800001, io.cheluyun.codec.etsi.ETSIITSCDDAltitudeConfidence.unavailable));
        var management = new io.cheluyun.codec.etsi.ManagementContainer(VehicleStates.epochMicrosToIts(referenceMicros), ref, null,
                null);
        List<io.cheluyun.codec.etsi.WrappedCpmContainer> containers = new ArrayList<>();
        containers.add(new io.cheluyun.codec.etsi.WrappedCpmContainer(2, new io.cheluyun.codec.etsi.OriginatingRsuContainer(null)));
        if (!out.isEmpty()) {
            containers.add(new io.cheluyun.codec.etsi.WrappedCpmContainer(5, new io.cheluyun.codec.etsi.PerceivedObjectContainer(out.size(), out)));
        }
        return new io.cheluyun.codec.etsi.CollectivePerceptionMessage(new io.cheluyun.codec.etsi.ETSIITSCDDItsPduHeader(2, 14, stationId),
                new io.cheluyun.codec.etsi.CpmPayload(management, containers));
    }

    private static io.cheluyun.codec.etsi.ObjectDimension cpmDimension(double m) {
        return Double.isNaN(m) ? null : new io.cheluyun.codec.etsi.ObjectDimension((int) Math.max(1, Math.min(254, Math.round(m * 10))), 32);
    }

    private static List<io.cheluyun.codec.etsi.ObjectClassWithConfidence> cpmClassOut(ObjectClass c) {
        io.cheluyun.codec.etsi.ObjectClass cls = switch (c) {
            case PEDESTRIAN -> new io.cheluyun.codec.etsi.ObjectClass.VruSubClass(new io.cheluyun.codec.etsi.VruProfileAndSubprofile.Pedestrian(
                    io.cheluyun.codec.etsi.VruSubProfilePedestrian.unavailable));
            case CYCLIST -> new io.cheluyun.codec.etsi.ObjectClass.VehicleSubClass(2);
            case MOTORCYCLE -> new io.cheluyun.codec.etsi.ObjectClass.VehicleSubClass(4);
            case BUS -> new io.cheluyun.codec.etsi.ObjectClass.VehicleSubClass(6);
            case TRUCK -> new io.cheluyun.codec.etsi.ObjectClass.VehicleSubClass(8);
            case VEHICLE -> new io.cheluyun.codec.etsi.ObjectClass.VehicleSubClass(5);
            default -> null;
        };
        return cls == null ? null : List.of(new io.cheluyun.codec.etsi.ObjectClassWithConfidence(cls, 101)); // 101: unavailable
    }

    private static double dimension(io.cheluyun.codec.etsi.ObjectDimension d) {
        return d == null || d.value() >= 255 ? Double.NaN : d.value() / 10.0; // ObjectDimensionValue: 0.1 m, 1..254
    }

    /** The most confident class of a CPM object (TrafficParticipantType for vehicles, the VRU profile otherwise). */
    static ObjectClass cpmClass(List<io.cheluyun.codec.etsi.ObjectClassWithConfidence> classes) {
        if (classes == null || classes.isEmpty()) {
            return ObjectClass.UNKNOWN;
        }
        var best = classes.stream().max(java.util.Comparator.comparingInt(
                io.cheluyun.codec.etsi.ObjectClassWithConfidence::confidence)).orElseThrow();
        return switch (best.objectClass()) {
            case io.cheluyun.codec.etsi.ObjectClass.VehicleSubClass(int t) -> switch (t) {
                case 1 -> ObjectClass.PEDESTRIAN;
                case 2 -> ObjectClass.CYCLIST;
                case 3, 4 -> ObjectClass.MOTORCYCLE;
                case 6 -> ObjectClass.BUS;
                case 7, 8, 9 -> ObjectClass.TRUCK;
                case 5, 10, 11 -> ObjectClass.VEHICLE;
                default -> ObjectClass.UNKNOWN;
            };
            case io.cheluyun.codec.etsi.ObjectClass.VruSubClass(var profile) -> switch (profile) {
                case io.cheluyun.codec.etsi.VruProfileAndSubprofile.Pedestrian p -> ObjectClass.PEDESTRIAN;
                case io.cheluyun.codec.etsi.VruProfileAndSubprofile.BicyclistAndLightVruVehicle b -> ObjectClass.CYCLIST;
                case io.cheluyun.codec.etsi.VruProfileAndSubprofile.Motorcyclist m -> ObjectClass.MOTORCYCLE;
                case io.cheluyun.codec.etsi.VruProfileAndSubprofile.Animal a -> ObjectClass.ANIMAL;
                default -> ObjectClass.UNKNOWN;
            };
            default -> ObjectClass.UNKNOWN;
        };
    }

    /**
     * Perceived objects as a CSAE RSM from the RSU {@code rsuId} (8 octets), so vehicles see what roadside sensors
     * see: up to 16 participants (RSM's limit), positions as absolute latitude/longitude, accuracy as the smallest
     * confidence class that covers twice the 1-sigma value.
     */
    public static io.cheluyun.codec.csae2017.RoadsideSafetyMessage toCsae2017(List<PerceivedObject> objects,
                                                                             byte[] rsuId, int msgCnt,
                                                                             GeoPoint rsuPosition) {
        if (objects.isEmpty() || objects.size() > 16) {
            throw new IllegalArgumentException("an RSM carries 1 to 16 participants; got " + objects.size());
        }
        if (rsuId.length != 8) {
            throw new IllegalArgumentException("an RSU id is 8 octets, got " + rsuId.length);
        }
        List<io.cheluyun.codec.csae2017.ParticipantData> participants = new ArrayList<>();
        for (int k = 0; k < objects.size(); k++) {
            PerceivedObject o = objects.get(k);
            var type = switch (o.objectClass()) {
                case PEDESTRIAN -> ParticipantType.pedestrian;
                case CYCLIST -> ParticipantType.non_motor;
                case VEHICLE, TRUCK, BUS, MOTORCYCLE -> ParticipantType.motor;
                default -> ParticipantType.unknown;
            };
            int conf = 0;
            while (conf + 1 < CONFIDENCE_M.length && !Double.isNaN(o.positionAccuracyM())
                    && CONFIDENCE_M[conf + 1] >= 2 * o.positionAccuracyM()) {
                conf++;
            }
            var pos = new io.cheluyun.codec.csae2017.PositionOffsetLLV(
                    new io.cheluyun.codec.csae2017.PositionOffsetLL.PositionLatLon(
                            new io.cheluyun.codec.csae2017.PositionLLmD64b(lsb(o.position().lonDeg()),
                                    lsb(o.position().latDeg()))), null);
            int speed = Double.isNaN(o.speedMps()) ? VehicleStates.SPEED_UNAVAILABLE
                    : (int) Math.min(8190, Math.round(o.speedMps() / VehicleStates.MPS_PER_SPEED_LSB));
            int heading = Double.isNaN(o.headingDeg()) ? VehicleStates.HEADING_UNAVAILABLE
                    : (int) Math.round(o.headingDeg() / VehicleStates.DEG_PER_HEADING_LSB) % 28800;
            int width = Double.isNaN(o.widthM()) ? 0 : (int) Math.min(1023, Math.round(o.widthM() * 100));
            int length = Double.isNaN(o.lengthM()) ? 0 : (int) Math.min(4095, Math.round(o.lengthM() * 100));
            participants.add(new io.cheluyun.codec.csae2017.ParticipantData(type, k + 1,
                    io.cheluyun.codec.csae2017.SourceType.integrated, null,
                    (int) Math.floorMod(o.timeMicros() / 1_000, 60_000L), pos,
                    new io.cheluyun.codec.csae2017.PositionConfidenceSet(PositionConfidence.values()[conf], null),
                    null, speed, heading, io.cheluyun.asn1.runtime.Absent.INT, null, null,
                    new io.cheluyun.codec.csae2017.VehicleSize(width, length, io.cheluyun.asn1.runtime.Absent.INT),
                    null));
        }
        return new io.cheluyun.codec.csae2017.RoadsideSafetyMessage(msgCnt & 127, rsuId.clone(),
                new io.cheluyun.codec.csae2017.Position3D(lsb(rsuPosition.latDeg()), lsb(rsuPosition.lonDeg()),
                        io.cheluyun.asn1.runtime.Absent.INT), participants);
    }

    private static int lsb(double deg) {
        return (int) Math.round(deg / VehicleStates.DEG_PER_LSB);
    }

    static ObjectClass objectClass(ParticipantType type, io.cheluyun.codec.csae2017.VehicleClassification vc) {
        return switch (type) {
            case pedestrian -> ObjectClass.PEDESTRIAN;
            case non_motor -> ObjectClass.CYCLIST;
            case motor -> {
                VehicleClass c = vc == null ? VehicleClass.PASSENGER_CAR
                        : VehicleStates.basicVehicleClass(vc.classification());
                yield switch (c) {
                    case TRUCK, TRAILER -> ObjectClass.TRUCK;
                    case BUS -> ObjectClass.BUS;
                    case MOTORCYCLE -> ObjectClass.MOTORCYCLE;
                    default -> ObjectClass.VEHICLE;
                };
            }
            default -> ObjectClass.UNKNOWN;
        };
    }
}
