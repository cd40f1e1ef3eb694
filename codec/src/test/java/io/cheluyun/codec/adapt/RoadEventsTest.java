package io.cheluyun.codec.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.codec.Family;
import io.cheluyun.codec.csae2017.MessageFrame;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.RoadEventType;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A work zone drawn by an operator goes out as RSI and comes back as the same event, through real UPER bytes. */
class RoadEventsTest {

    static final long NOW = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli() * 1_000;
    static final byte[] RSU = HexFormat.of().parseHex("5253553030303031");

    /** A 60 m × 20 m work zone on Renmin Street, Changchun (a rectangle around 43.8868 N 125.3245 E). */
    static List<GeoPoint> workZone() {
        LocalEnu f = new LocalEnu(43.8868, 125.3245);
        return List.of(f.toGeo(-30, -10), f.toGeo(30, -10), f.toGeo(30, 10), f.toGeo(-30, 10));
    }

    @Test
    void aWorkZoneRoundTripsThroughRsiBytes() throws Exception {
        RoadEvent zone = new RoadEvent("op-17", "operator", RoadEventType.WORK_ZONE, 401, workZone(), Double.NaN,
                NOW, NOW + 7_200_000_000L, "道路施工 请减速慢行");
        var rsi = RoadEvents.toCsae2017(List.of(zone), RSU, 5, NOW);
        byte[] wire = Family.CSAE53_2017.encode(new MessageFrame.RsiFrame(rsi));
        var decoded = ((MessageFrame.RsiFrame) Family.CSAE53_2017.decode(wire)).value();

        List<RoadEvent> back = RoadEvents.fromCsae2017(decoded, NOW + 50_000);
        assertThat(back).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(RoadEventType.HAZARD);
            assertThat(e.typeCode()).isEqualTo(401);
            assertThat(e.sourceId()).isEqualTo("5253553030303031");
            assertThat(e.description()).isEqualTo("道路施工 请减速慢行");
            assertThat(e.startMicros()).isEqualTo(NOW);
            assertThat(e.endMicros()).isEqualTo(NOW + 7_200_000_000L);
            GeoPoint c = RoadEvents.centroid(e.area());
            assertThat(c.latDeg()).isCloseTo(43.8868, within(1e-6));
            assertThat(c.lonDeg()).isCloseTo(125.3245, within(1e-6));
            // the covering circle contains every corner of the zone
            assertThat(RoadEvents.coveringRadiusM(e.area(), c)).isGreaterThanOrEqualTo(Math.hypot(30, 10) - 0.1);
        });
    }

    @Test
    void signsGoOutAsRtsAndAsciiTextAsIa5() throws Exception {
        RoadEvent sign = new RoadEvent("op-18", "operator", RoadEventType.SPEED_LIMIT, 85, workZone(), 30 / 3.6,
                NOW, NOW + 600_000_000L, "limit 30");
        var rsi = RoadEvents.toCsae2017(List.of(sign), RSU, 6, NOW);
        assertThat(rsi.rtes()).isNull();
        assertThat(rsi.rtss()).singleElement().satisfies(s -> {
            assertThat(s.signType()).isEqualTo(85);
            assertThat(s.description()).isEqualTo(new io.cheluyun.codec.csae2017.Description.TextString("limit 30"));
        });
        var back = RoadEvents.fromCsae2017(((MessageFrame.RsiFrame) Family.CSAE53_2017.decode(
                Family.CSAE53_2017.encode(new MessageFrame.RsiFrame(rsi)))).value(), NOW);
        assertThat(back.getFirst().type()).isEqualTo(RoadEventType.TRAFFIC_SIGN);
    }

    @Test
    void aWorkZoneGoesOutAsADenmAndComesBack() throws Exception {
        RoadEvent zone = new RoadEvent("op-19", "operator", RoadEventType.WORK_ZONE, -1, workZone(), Double.NaN,
                NOW, NOW + 3_600_000_000L, "");
        var denm = RoadEvents.toDenm(zone, 4242L, 7, NOW);
        byte[] wire = Family.ETSI.encode(denm);
        var decoded = (io.cheluyun.codec.etsi.DENM) Family.ETSI.decode(wire);
        assertThat(decoded.denm().situation().eventType().causeCode()).isEqualTo(3); // roadworks
        assertThat(decoded.denm().management().relevanceDistance())
                .isEqualTo(io.cheluyun.codec.etsi.RelevanceDistance.lessThan50m); // 60 x 20 m: 31.6 m to a corner
        RoadEvent back = RoadEvents.fromDenm(decoded);
        assertThat(back.eventId()).isEqualTo("denm:4242:7");
        assertThat(back.type()).isEqualTo(RoadEventType.WORK_ZONE);
        assertThat(back.typeCode()).isEqualTo(3 * 256);
        assertThat(back.startMicros()).isEqualTo(NOW);
        assertThat(back.endMicros()).isEqualTo(NOW + 3_600_000_000L);
        GeoPoint c = RoadEvents.centroid(back.area());
        assertThat(c.latDeg()).isCloseTo(43.8868, within(1e-6));
        assertThat(c.lonDeg()).isCloseTo(125.3245, within(1e-6));
        // and the DENM decoded again goes out with its own cause code
        assertThat(RoadEvents.denmCause(back)).containsExactly(3, 0);
    }

    @Test
    void aWydotTimBecomesAnEventAlongItsPath() throws Exception {
        var f = io.cheluyun.codec.j2735v2016.MessageFrame.decode(
                new io.cheluyun.asn1.per.BitReader(VehicleStatesTest.vector("j2735/asn1codec-tim.uper")));
        var tim = (io.cheluyun.codec.j2735v2016.TravelerInformation) f.value();
        List<RoadEvent> events = RoadEvents.fromJ2735(tim, NOW);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(RoadEventType.HAZARD); // an advisory
            assertThat(e.typeCode()).isEqualTo(513);              // its ITIS code
            // startYear 2017, startTime 308065 = minute 308065 of 2017 (Aug 2, 22:25 UTC), durationTime 1 minute
            assertThat(e.startMicros()).isEqualTo(Instant.parse("2017-08-02T22:25:00Z").toEpochMilli() * 1_000);
            assertThat(e.endMicros()).isEqualTo(e.startMicros() + 60_000_000L);
            // the path starts at the anchor on I-80 in Wyoming and runs north-east from it
            GeoPoint anchor = new GeoPoint(41.2500807, -111.0093847);
            assertThat(e.area()).anySatisfy(p -> assertThat(Math.abs(p.latDeg() - anchor.latDeg())).isLessThan(1e-4));
            assertThat(e.area()).allSatisfy(p -> {
                assertThat(p.latDeg()).isBetween(41.2, 41.4);
                assertThat(p.lonDeg()).isBetween(-111.1, -110.9);
            });
            assertThat(e.area().size()).isGreaterThan(4);
        });
    }

    @Test
    void aWorkZoneGoesOutAsAJ2735TimAndComesBack() throws Exception {
        RoadEvent zone = new RoadEvent("op-20", "operator", RoadEventType.WORK_ZONE, 1025, workZone(), Double.NaN,
                NOW, NOW + 7_200_000_000L, "");
        var tim = RoadEvents.toJ2735(List.of(zone), new byte[9], 3, NOW);
        var frame = new io.cheluyun.codec.j2735v2016.MessageFrame(31, tim);
        var decoded = (io.cheluyun.codec.j2735v2016.MessageFrame) Family.J2735_2016.decode(
                Family.J2735_2016.encode(frame));
        List<RoadEvent> back = RoadEvents.fromJ2735(
                (io.cheluyun.codec.j2735v2016.TravelerInformation) decoded.value(), NOW);
        assertThat(back).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(RoadEventType.WORK_ZONE);
            assertThat(e.typeCode()).isEqualTo(1025);
            assertThat(e.startMicros()).isEqualTo(NOW);
            assertThat(e.endMicros()).isEqualTo(NOW + 7_200_000_000L);
            GeoPoint c = RoadEvents.centroid(e.area());
            assertThat(c.latDeg()).isCloseTo(43.8868, within(1e-6));
            assertThat(RoadEvents.coveringRadiusM(e.area(), c)).isGreaterThanOrEqualTo(Math.hypot(30, 10) - 0.1);
        });
    }

    @Test
    void aWarningIsBroadcastAsAShortLivedEventAroundItsLocation() throws Exception {
        var w = new io.cheluyun.model.Warning("FCW:follower>leader@1", io.cheluyun.model.WarningType.FCW,
                io.cheluyun.model.Severity.WARNING, "follower", List.of("leader"), NOW, NOW + 3_000_000L, 2.9, 21.0,
                new GeoPoint(43.8868, 125.3245));
        RoadEvent e = RoadEvents.fromWarning(w, 30.0);
        var rsi = RoadEvents.toCsae2017(List.of(e), RSU, 9, NOW);
        var back = RoadEvents.fromCsae2017(((MessageFrame.RsiFrame) Family.CSAE53_2017.decode(
                Family.CSAE53_2017.encode(new MessageFrame.RsiFrame(rsi)))).value(), NOW);
        assertThat(back).singleElement().satisfies(b -> {
            assertThat(b.description()).isEqualTo("FCW for follower re leader");
            assertThat(RoadEvents.coveringRadiusM(b.area(), RoadEvents.centroid(b.area()))).isCloseTo(30.0,
                    within(0.2));
            assertThat(b.startMicros()).isEqualTo(NOW);
        });
    }

    @Test
    void moreEventsThanRsiCarriesIsAnError() {
        List<RoadEvent> nine = java.util.stream.IntStream.range(0, 9).mapToObj(k -> new RoadEvent("e" + k, "op",
                RoadEventType.HAZARD, 100, workZone(), Double.NaN, NOW, NOW + 1_000_000, "")).toList();
        assertThatThrownBy(() -> RoadEvents.toCsae2017(nine, RSU, 1, NOW))
                .hasMessageContaining("at most 8 events");
    }

    @Test
    void circlesAndPathsBecomePolygons() {
        GeoPoint c = new GeoPoint(43.8868, 125.3245);
        List<GeoPoint> circle = RoadEvents.circle(c, 50);
        assertThat(circle).hasSize(RoadEvents.CIRCLE_VERTICES);
        assertThat(RoadEvents.coveringRadiusM(circle, c)).isCloseTo(50, within(0.01));
        LocalEnu f = new LocalEnu(43.8868, 125.3245);
        List<GeoPoint> band = RoadEvents.buffer(List.of(f.toGeo(0, 0), f.toGeo(100, 0)), 5);
        assertThat(band).hasSize(4);
        assertThat(f.northM(band.get(0).latDeg(), band.get(0).lonDeg())).isCloseTo(5, within(0.01));
        assertThat(f.northM(band.get(2).latDeg(), band.get(2).lonDeg())).isCloseTo(-5, within(0.01));
    }
}
