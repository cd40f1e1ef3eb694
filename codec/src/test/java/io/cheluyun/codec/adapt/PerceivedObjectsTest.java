package io.cheluyun.codec.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.asn1.runtime.Absent;
import io.cheluyun.codec.Family;
import io.cheluyun.codec.csae2017.MessageFrame;
import io.cheluyun.codec.csae2017.ParticipantData;
import io.cheluyun.codec.csae2017.ParticipantType;
import io.cheluyun.codec.csae2017.Position3D;
import io.cheluyun.codec.csae2017.PositionConfidence;
import io.cheluyun.codec.csae2017.PositionConfidenceSet;
import io.cheluyun.codec.csae2017.PositionLL24B;
import io.cheluyun.codec.csae2017.PositionOffsetLL;
import io.cheluyun.codec.csae2017.PositionOffsetLLV;
import io.cheluyun.codec.csae2017.RoadsideSafetyMessage;
import io.cheluyun.codec.csae2017.SourceType;
import io.cheluyun.codec.csae2017.VehicleClassification;
import io.cheluyun.codec.csae2017.VehicleSize;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.PerceivedObject;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A roadside camera's pedestrian and a radar's truck, sent as RSM, become perceived objects in WGS84 and SI. */
class PerceivedObjectsTest {

    static ParticipantData participant(ParticipantType type, int id, SourceType source, int dLon, int dLat,
                                       int speed, int heading, int widthCm, int lengthCm, Integer vehicleClass) {
        return new ParticipantData(type, id, source, null, 12_300,
                new PositionOffsetLLV(new PositionOffsetLL.PositionLL1(new PositionLL24B(dLon, dLat)), null),
                new PositionConfidenceSet(PositionConfidence.a1m, null), null, speed, heading, Absent.INT, null, null,
                new VehicleSize(widthCm, lengthCm, Absent.INT),
                vehicleClass == null ? null : new VehicleClassification(vehicleClass, Absent.INT));
    }

    @Test
    void participantsBecomePerceivedObjects() throws Exception {
        var rsm = new RoadsideSafetyMessage(3, HexFormat.of().parseHex("5253553030303031"),
                new Position3D(438868000, 1253245000, Absent.INT), List.of(
                        participant(ParticipantType.pedestrian, 7, SourceType.video, 120, -80, 70, 7200, 50, 50, null),
                        participant(ParticipantType.motor, 8, SourceType.microwaveRadar, -500, 300, 600, 14400, 250,
                                1200, 30),
                        participant(ParticipantType.rsu, 0, SourceType.selfinfo, 0, 0, 0, 0, 0, 0, null)));
        var decoded = ((MessageFrame.RsmFrame) Family.CSAE53_2017.decode(
                Family.CSAE53_2017.encode(new MessageFrame.RsmFrame(rsm)))).value();
        long received = Instant.parse("2026-11-23T08:00:13Z").toEpochMilli() * 1_000;

        List<PerceivedObject> objects = PerceivedObjects.fromCsae2017(decoded, received);

        assertThat(objects).hasSize(2); // the RSU itself is not an object
        PerceivedObject ped = objects.getFirst();
        assertThat(ped.objectClass()).isEqualTo(ObjectClass.PEDESTRIAN);
        assertThat(ped.objectId()).isEqualTo("5253553030303031:7");
        assertThat(ped.position().latDeg()).isCloseTo(43.8868 - 80e-7, within(1e-10));
        assertThat(ped.position().lonDeg()).isCloseTo(125.3245 + 120e-7, within(1e-10));
        assertThat(ped.speedMps()).isCloseTo(1.4, within(1e-9));
        assertThat(ped.headingDeg()).isCloseTo(90.0, within(1e-9));
        assertThat(ped.positionAccuracyM()).isEqualTo(0.5);
        assertThat(ped.timeMicros()).isEqualTo(Instant.parse("2026-11-23T08:00:12.300Z").toEpochMilli() * 1_000);
        PerceivedObject truck = objects.get(1);
        assertThat(truck.objectClass()).isEqualTo(ObjectClass.TRUCK); // BasicVehicleClass 30: truck
        assertThat(truck.lengthM()).isEqualTo(12.0);
        assertThat(truck.widthM()).isEqualTo(2.5);
        assertThat(truck.speedMps()).isCloseTo(12.0, within(1e-9));
    }

    @Test
    void aRoadsideCpmPedestrianIsPlacedEastAndNorthOfTheReference() throws Exception {
        long its = io.cheluyun.codec.adapt.VehicleStates.epochMicrosToIts(
                Instant.parse("2026-11-23T08:00:00Z").toEpochMilli() * 1_000);
        var e = new Object() {
            io.cheluyun.codec.etsi.CartesianCoordinateWithConfidence coord(int cm) {
                return new io.cheluyun.codec.etsi.CartesianCoordinateWithConfidence(cm, 4096);
            }
        };
        var ref = new io.cheluyun.codec.etsi.ETSIITSCDDReferencePosition(438868000, 1253245000,
                new io.cheluyun.codec.etsi.ETSIITSCDDPosConfidenceEllipse(4095, 4095, 3601),
                new io.cheluyun.codec.etsi.ETSIITSCDDAltitude(800001,
                        io.cheluyun.codec.etsi.ETSIITSCDDAltitudeConfidence.unavailable));
        var pedestrian = new io.cheluyun.codec.etsi.PerceivedObject(3, 10,
                new io.cheluyun.codec.etsi.CartesianPosition3dWithConfidence(e.coord(1000), e.coord(-500), null),
                new io.cheluyun.codec.etsi.Velocity3dWithConfidence.PolarVelocity(
                        new io.cheluyun.codec.etsi.VelocityPolarWithZ(new io.cheluyun.codec.etsi.ETSIITSCDDSpeed(150, 127),
                                new io.cheluyun.codec.etsi.CartesianAngle(900, 127), null)),
                null, null, null, null, null, null, null, Absent.INT, Absent.INT, null,
                List.of(new io.cheluyun.codec.etsi.ObjectClassWithConfidence(
                        new io.cheluyun.codec.etsi.ObjectClass.VruSubClass(
                                new io.cheluyun.codec.etsi.VruProfileAndSubprofile.Pedestrian(
                                        io.cheluyun.codec.etsi.VruSubProfilePedestrian.ordinary_pedestrian)), 80)),
                null);
        var cpm = new io.cheluyun.codec.etsi.CollectivePerceptionMessage(
                new io.cheluyun.codec.etsi.ETSIITSCDDItsPduHeader(2, 14, 77L),
                new io.cheluyun.codec.etsi.CpmPayload(new io.cheluyun.codec.etsi.ManagementContainer(its, ref, null, null),
                        List.of(new io.cheluyun.codec.etsi.WrappedCpmContainer(5,
                                new io.cheluyun.codec.etsi.PerceivedObjectContainer(1, List.of(pedestrian))))));
        var decoded = (io.cheluyun.codec.etsi.CollectivePerceptionMessage) Family.ETSI.decode(Family.ETSI.encode(cpm));

        List<PerceivedObject> objects = PerceivedObjects.fromCpm(decoded);

        assertThat(objects).singleElement().satisfies(o -> {
            assertThat(o.objectId()).isEqualTo("77:3");
            assertThat(o.objectClass()).isEqualTo(ObjectClass.PEDESTRIAN);
            assertThat(o.speedMps()).isCloseTo(1.5, within(1e-9));
            assertThat(o.timeMicros()).isEqualTo(Instant.parse("2026-11-23T08:00:00.010Z").toEpochMilli() * 1_000);
            var frame = new io.cheluyun.model.LocalEnu(43.8868, 125.3245);
            assertThat(frame.eastM(o.position().latDeg(), o.position().lonDeg())).isCloseTo(10.0, within(0.01));
            assertThat(frame.northM(o.position().latDeg(), o.position().lonDeg())).isCloseTo(-5.0, within(0.01));
        });
    }

    @Test
    void aPersonalSafetyMessageIsTheDevicesOwnObject() throws Exception {
        var psm = io.cheluyun.codec.j2735v2016.PersonalSafetyMessage.decode(new io.cheluyun.asn1.per.BitReader(
                VehicleStatesTest.vector("j2735-2024/pojos2024-psm-human-bare.uper")));
        long received = Instant.parse("2026-11-23T08:00:13Z").toEpochMilli() * 1_000;
        PerceivedObject o = PerceivedObjects.fromPsm(psm, received);
        // values of the vector's XER decode (a synthetic public-safety worker)
        assertThat(o.objectId()).isEqualTo("4f435445");
        assertThat(o.sourceId()).isEqualTo(o.objectId());
        assertThat(o.objectClass()).isEqualTo(ObjectClass.PEDESTRIAN);
        assertThat(o.position().latDeg()).isCloseTo(-77.0648241, within(1e-9));
        assertThat(o.position().lonDeg()).isCloseTo(116.3780874, within(1e-9));
        assertThat(o.speedMps()).isCloseTo(3794 * 0.02, within(1e-9));
        assertThat(o.headingDeg()).isCloseTo(16492 * 0.0125, within(1e-9));
        assertThat(o.positionAccuracyM()).isCloseTo(87 * 0.05, within(1e-9));
        assertThat(o.timeMicros()).isEqualTo(received); // secMark 64691: a leap second / unavailable
    }

    @Test
    void perceivedObjectsGoOutAsAnRsmAndComeBack() throws Exception {
        long t = Instant.parse("2026-11-23T08:00:12.300Z").toEpochMilli() * 1_000;
        var ped = new PerceivedObject("cam1:7", "cam1", ObjectClass.PEDESTRIAN, t,
                new io.cheluyun.model.GeoPoint(43.88671, 125.32461), 90.0, 1.4, 0.5, 0.5, 0.4);
        var rsm = PerceivedObjects.toCsae2017(List.of(ped), HexFormat.of().parseHex("5253553030303031"), 4,
                new io.cheluyun.model.GeoPoint(43.8868, 125.3245));
        var decoded = ((MessageFrame.RsmFrame) Family.CSAE53_2017.decode(
                Family.CSAE53_2017.encode(new MessageFrame.RsmFrame(rsm)))).value();
        PerceivedObject back = PerceivedObjects.fromCsae2017(decoded, t + 200_000).getFirst();
        assertThat(back.objectClass()).isEqualTo(ObjectClass.PEDESTRIAN);
        assertThat(back.position().latDeg()).isCloseTo(43.88671, within(1e-7));
        assertThat(back.position().lonDeg()).isCloseTo(125.32461, within(1e-7));
        assertThat(back.speedMps()).isCloseTo(1.4, within(0.01));
        assertThat(back.headingDeg()).isCloseTo(90.0, within(0.0125));
        assertThat(back.timeMicros()).isEqualTo(t);
        assertThat(back.positionAccuracyM()).isLessThanOrEqualTo(0.5).isGreaterThanOrEqualTo(0.4); // class a1m
    }

    @Test
    void perceivedObjectsGoOutAsACpmAndComeBack() throws Exception {
        long ref = Instant.parse("2026-11-23T08:00:12Z").toEpochMilli() * 1_000;
        var rsu = new io.cheluyun.model.GeoPoint(43.8868, 125.3245);
        var frame = new io.cheluyun.model.LocalEnu(43.8868, 125.3245);
        var truck = new PerceivedObject("radar:4", "radar", ObjectClass.TRUCK, ref + 120_000, frame.toGeo(35.2, -12.7),
                Double.NaN, 13.9, 12.0, 2.5, 0.5);
        var far = new PerceivedObject("radar:5", "radar", ObjectClass.VEHICLE, ref, frame.toGeo(2000, 0), Double.NaN,
                10, 4.5, 1.8, 0.5);
        var cpm = PerceivedObjects.toCpm(List.of(truck, far), 77L, rsu, ref);
        var decoded = (io.cheluyun.codec.etsi.CollectivePerceptionMessage) Family.ETSI.decode(Family.ETSI.encode(cpm));
        List<PerceivedObject> back = PerceivedObjects.fromCpm(decoded);
        assertThat(back).singleElement().satisfies(o -> { // the far one is beyond the CPM's 1.31 km range
            assertThat(o.objectClass()).isEqualTo(ObjectClass.TRUCK);
            assertThat(frame.eastM(o.position().latDeg(), o.position().lonDeg())).isCloseTo(35.2, within(0.01));
            assertThat(frame.northM(o.position().latDeg(), o.position().lonDeg())).isCloseTo(-12.7, within(0.01));
            assertThat(o.speedMps()).isCloseTo(13.9, within(0.01));
            assertThat(o.timeMicros()).isEqualTo(ref + 120_000);
            assertThat(o.lengthM()).isEqualTo(12.0);
            assertThat(o.widthM()).isEqualTo(2.5);
        });
    }

    static io.cheluyun.codec.j2735v2016.PersonalSafetyMessage psmWire(PerceivedObject o, int msgCnt)
            throws Exception {
        var frame = (io.cheluyun.codec.j2735v2016.MessageFrame) Family.J2735_2016.decode(
                Family.J2735_2016.encode(PerceivedObjects.toPsm(o, msgCnt)));
        assertThat(frame.messageId()).isEqualTo(32);
        return (io.cheluyun.codec.j2735v2016.PersonalSafetyMessage) frame.value();
    }

    @Test
    void aPedestrianGoesOutAsItsOwnPsmAndComesBack() throws Exception {
        long t = Instant.parse("2026-11-23T08:00:12.300Z").toEpochMilli() * 1_000;
        var ped = new PerceivedObject("0a0b0c0d", "sumo", ObjectClass.PEDESTRIAN, t,
                new io.cheluyun.model.GeoPoint(43.8867123, 125.3246456), 90.0, 1.4, 0.5, 0.5, 0.4);
        var psm = psmWire(ped, 130);
        PerceivedObject back = PerceivedObjects.fromPsm(psm, t + 150_000);

        assertThat(psm.basicType()).isEqualTo(io.cheluyun.codec.j2735v2016.PersonalDeviceUserType.aPEDESTRIAN);
        assertThat(psm.msgCnt()).isEqualTo(2);
        assertThat(psm.secMark()).isEqualTo(12_300);
        assertThat(psm.accuracy()).isEqualTo(new io.cheluyun.codec.j2735v2016.PositionalAccuracy(8, 8, 65535));
        assertThat(back.objectId()).isEqualTo("0a0b0c0d");
        assertThat(back.sourceId()).isEqualTo("0a0b0c0d");
        assertThat(back.objectClass()).isEqualTo(ObjectClass.PEDESTRIAN);
        assertThat(back.timeMicros()).isEqualTo(t);
        assertThat(back.position().latDeg()).isCloseTo(43.8867123, within(1e-9));
        assertThat(back.position().lonDeg()).isCloseTo(125.3246456, within(1e-9));
        assertThat(back.speedMps()).isCloseTo(1.4, within(1e-9));
        assertThat(back.headingDeg()).isEqualTo(90.0);
        assertThat(back.positionAccuracyM()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void aCyclistsPsmCarriesAHashOfItsIdAndItsBasicType() throws Exception {
        long t = Instant.parse("2026-11-23T08:00:12.300Z").toEpochMilli() * 1_000;
        var bike = new PerceivedObject("sumo.ped_3", "sumo", ObjectClass.CYCLIST, t,
                new io.cheluyun.model.GeoPoint(43.8867, 125.3246), 180.0, 5.0, 1.8, 0.6, 1.0);
        var psm = psmWire(bike, 0);
        assertThat(psm.basicType()).isEqualTo(io.cheluyun.codec.j2735v2016.PersonalDeviceUserType.aPEDALCYCLIST);
        PerceivedObject back = PerceivedObjects.fromPsm(psm, t);
        assertThat(back.objectId()).isEqualTo("42af078c"); // FNV-1a 32 of "sumo.ped_3"
        assertThat(back.objectClass()).isEqualTo(ObjectClass.CYCLIST);
    }

    @Test
    void psmSendsUnknownValuesAsUnavailableAndClampsTheAccuracy() throws Exception {
        long t = Instant.parse("2026-11-23T08:00:12.300Z").toEpochMilli() * 1_000;
        var someone = new PerceivedObject("0a0b0c0d", "sumo", ObjectClass.UNKNOWN, t,
                new io.cheluyun.model.GeoPoint(43.8867, 125.3246), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
        var psm = psmWire(someone, 0);
        assertThat(psm.basicType()).isEqualTo(io.cheluyun.codec.j2735v2016.PersonalDeviceUserType.unavailable);
        assertThat(psm.speed()).isEqualTo(8191);
        assertThat(psm.heading()).isEqualTo(28800);
        assertThat(psm.accuracy().semiMajor()).isEqualTo(255);
        PerceivedObject back = PerceivedObjects.fromPsm(psm, t);
        assertThat(back.objectClass()).isEqualTo(ObjectClass.UNKNOWN);
        assertThat(back.speedMps()).isNaN();
        assertThat(back.headingDeg()).isNaN();
        assertThat(back.positionAccuracyM()).isNaN();

        var vague = new PerceivedObject("0a0b0c0d", "sumo", ObjectClass.ANIMAL, t,
                new io.cheluyun.model.GeoPoint(43.8867, 125.3246), 10, 200, Double.NaN, Double.NaN, 20.0);
        var vaguePsm = psmWire(vague, 0);
        assertThat(vaguePsm.basicType()).isEqualTo(io.cheluyun.codec.j2735v2016.PersonalDeviceUserType.anANIMAL);
        assertThat(vaguePsm.accuracy()).isEqualTo(new io.cheluyun.codec.j2735v2016.PositionalAccuracy(254, 254, 65535));
        assertThat(vaguePsm.speed()).isEqualTo(8190);
        assertThat(PerceivedObjects.fromPsm(vaguePsm, t).positionAccuracyM()).isCloseTo(12.7, within(1e-9));
    }

    @Test
    void aCarHasNoPsm() {
        var car = new PerceivedObject("radar:5", "radar", ObjectClass.VEHICLE, 1, new io.cheluyun.model.GeoPoint(0, 0),
                0, 10, 4.5, 1.8, 0.5);
        assertThatThrownBy(() -> PerceivedObjects.toPsm(car, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("radar:5 is a VEHICLE");
    }
}
