package io.cheluyun.codec.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.asn1.runtime.Absent;
import io.cheluyun.codec.Family;
import io.cheluyun.codec.csae2017.MessageFrame;
import io.cheluyun.codec.csae2017.PositionOffsetLL;
import io.cheluyun.codec.j2735v2016.NodeOffsetPointXY;
import io.cheluyun.model.Connection;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.LaneType;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The real CSAE and J2735 MAPs as canonical intersections, cross-checked against their expected decodes, and
 * canonical intersections written as either MAP, through UPER and back.
 */
class MapIntersectionsTest {

    static final IntersectionId NODE = new IntersectionId(1, 9);

    /**
     * A crossroads of two four-lane roads in Changchun, driving on the right: arms north, east, south, west (k = 0..3),
     * each with two ingress lanes (ids 1 + 2k inner, 2 + 2k outer) from the stop line 15 m out to 150 m, and two
     * egress lanes (ids 11 + 2k, 12 + 2k). Inner lanes turn left (signal group 1 + 2k) or go straight (2 + 2k);
     * outer lanes go straight or turn right, unsignalised as Chinese right turns often are.
     */
    static MapIntersection crossroads(IntersectionId id) {
        LocalEnu f = new LocalEnu(43.8868, 125.3245);
        List<Lane> lanes = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            double ux = Math.sin(Math.toRadians(90 * k)); // outwards along the arm
            double uy = Math.cos(Math.toRadians(90 * k));
            for (int j = 0; j < 2; j++) {
                double side = 1.6 + 3.4 * j; // lane centre from the road's centre line
                List<GeoPoint> in = new ArrayList<>();
                List<GeoPoint> out = new ArrayList<>();
                for (double d : new double[] {15, 60, 150}) {
                    in.add(f.toGeo(ux * d - uy * side, uy * d + ux * side)); // left of the outward direction
                    out.add(f.toGeo(ux * d + uy * side, uy * d - ux * side));
                }
                int straight = 11 + 2 * ((k + 2) % 4) + j;
                Connection ahead = new Connection(straight, null, 2 + 2 * k, Maneuver.STRAIGHT);
                Connection turn = j == 0
                        ? new Connection(11 + 2 * ((k + 1) % 4), null, 1 + 2 * k, Maneuver.LEFT_TURN)
                        : new Connection(12 + 2 * ((k + 3) % 4), null, -1, Maneuver.RIGHT_TURN);
                lanes.add(new Lane(1 + 2 * k + j, LaneType.VEHICLE, true, in, j == 0 ? 3.25 : 3.5,
                        j == 0 ? Set.of(Maneuver.STRAIGHT, Maneuver.LEFT_TURN)
                                : Set.of(Maneuver.STRAIGHT, Maneuver.RIGHT_TURN, Maneuver.RIGHT_TURN_ON_RED),
                        List.of(ahead, turn)));
                lanes.add(new Lane(11 + 2 * k + j, LaneType.VEHICLE, false, out, 3.5, Set.of(), List.of()));
            }
        }
        return new MapIntersection(id, "Renmin St / Jiefang Rd", 3, new GeoPoint(43.8868, 125.3245), lanes);
    }

    static MapIntersection viaCsae(List<MapIntersection> in, int msgCnt, int index) throws Exception {
        return MapIntersections.fromCsae2017(csaeWire(in, msgCnt)).get(index);
    }

    static io.cheluyun.codec.csae2017.MapData csaeWire(List<MapIntersection> in, int msgCnt) throws Exception {
        byte[] uper = Family.CSAE53_2017.encode(new MessageFrame.MapFrame(MapIntersections.toCsae2017(in, msgCnt)));
        return ((MessageFrame.MapFrame) Family.CSAE53_2017.decode(uper)).value();
    }

    static io.cheluyun.codec.j2735v2016.MapData j2735Wire(List<MapIntersection> in, int msgCnt) throws Exception {
        var frame = (io.cheluyun.codec.j2735v2016.MessageFrame) Family.J2735_2016.decode(
                Family.J2735_2016.encode(MapIntersections.toJ2735(in, msgCnt)));
        assertThat(frame.messageId()).isEqualTo(18);
        return (io.cheluyun.codec.j2735v2016.MapData) frame.value();
    }

    /** Same id, type, width, maneuvers and connections, points within {@code toleranceM} of each other. */
    static void assertSameLane(Lane back, Lane expected, double toleranceM) {
        assertThat(back.laneId()).isEqualTo(expected.laneId());
        assertThat(back.type()).isEqualTo(expected.type());
        assertThat(back.ingress()).isEqualTo(expected.ingress());
        assertThat(back.widthM()).isEqualTo(expected.widthM());
        assertThat(back.allowedManeuvers()).isEqualTo(expected.allowedManeuvers());
        assertThat(back.connections()).isEqualTo(expected.connections());
        assertThat(back.centreline()).hasSameSizeAs(expected.centreline());
        for (int i = 0; i < expected.centreline().size(); i++) {
            assertThat(LocalEnu.distanceM(back.centreline().get(i), expected.centreline().get(i)))
                    .as("lane %d point %d", expected.laneId(), i).isLessThan(toleranceM);
        }
    }

    @Test
    void j2735MapLanesFollowTheirCumulativeNodeOffsets() throws Exception {
        var f = io.cheluyun.codec.j2735v2016.MessageFrame.decode(
                new BitReader(VehicleStatesTest.vector("j2735/jpoode-map.uper")));
        var map = (io.cheluyun.codec.j2735v2016.MapData) f.value();
        List<MapIntersection> out = MapIntersections.fromJ2735(map);
        assertThat(out).hasSize(map.intersections().size());
        MapIntersection m = out.getFirst();
        var ig = map.intersections().getFirst();
        assertThat(m.id().id()).isEqualTo(ig.id().id());
        assertThat(m.lanes()).isNotEmpty();
        assertThat(m.lanes()).anySatisfy(l -> assertThat(l.ingress()).isTrue());
        assertThat(m.lanes()).anySatisfy(l -> assertThat(l.ingress()).isFalse());
        // the first node of each lane is its offset from the reference point, in cm
        var firstLane = ig.laneSet().stream().filter(l -> l.laneID() == m.lanes().getFirst().laneId()).findFirst()
                .orElseThrow();
        var nodes = ((io.cheluyun.codec.j2735v2016.NodeListXY.Nodes) firstLane.nodeList()).value();
        double[] xy = switch (nodes.getFirst().delta()) {
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY1(var v) -> new double[] {v.x(), v.y()};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY2(var v) -> new double[] {v.x(), v.y()};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY3(var v) -> new double[] {v.x(), v.y()};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY4(var v) -> new double[] {v.x(), v.y()};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY5(var v) -> new double[] {v.x(), v.y()};
            case io.cheluyun.codec.j2735v2016.NodeOffsetPointXY.NodeXY6(var v) -> new double[] {v.x(), v.y()};
            default -> throw new AssertionError("absolute first node");
        };
        var frame = new io.cheluyun.model.LocalEnu(m.referencePoint().latDeg(), m.referencePoint().lonDeg());
        var p0 = m.lanes().getFirst().centreline().getFirst();
        assertThat(frame.eastM(p0.latDeg(), p0.lonDeg())).isCloseTo(xy[0] / 100.0, within(0.01));
        assertThat(frame.northM(p0.latDeg(), p0.lonDeg())).isCloseTo(xy[1] / 100.0, within(0.01));
    }

    @Test
    void csaeMapNodesBecomeIntersectionsWithLanesInWgs84() throws Exception {
        var map = ((MessageFrame.MapFrame) MessageFrame.decode(
                new BitReader(VehicleStatesTest.vector("csae53-2017/rsu-map.uper")))).value();
        JsonNode expected = new ObjectMapper().readTree(new String(VehicleStatesTest.vector("csae53-2017/rsu-map.jer.json"),
                StandardCharsets.UTF_8)).get("mapFrame");
        List<MapIntersection> nodes = MapIntersections.fromCsae2017(map);

        assertThat(nodes).hasSize(expected.get("nodes").size());
        MapIntersection first = nodes.getFirst();
        JsonNode node = expected.get("nodes").get(0);
        assertThat(first.id().regionId()).isEqualTo(node.get("id").get("region").asInt());
        assertThat(first.id().id()).isEqualTo(node.get("id").get("id").asInt());
        assertThat(first.referencePoint().latDeg()).isCloseTo(node.get("refPos").get("lat").asLong() * 1e-7, within(1e-12));
        assertThat(first.referencePoint().lonDeg()).isCloseTo(node.get("refPos").get("long").asLong() * 1e-7, within(1e-12));
        // every lane point lies near its node: MAP lanes reach a few hundred metres at most
        for (MapIntersection m : nodes) {
            for (Lane lane : m.lanes()) {
                assertThat(lane.centreline()).allSatisfy(p -> {
                    assertThat(Math.abs(p.latDeg() - m.referencePoint().latDeg())).isLessThan(0.01);
                    assertThat(Math.abs(p.lonDeg() - m.referencePoint().lonDeg())).isLessThan(0.01);
                });
                assertThat(lane.widthM()).isPositive();
                assertThat(lane.ingress()).isTrue();
            }
        }
        assertThat(nodes.stream().mapToInt(m -> m.lanes().size()).sum()).isPositive();
    }

    @Test
    void csaeLanesStartAtTheStopLineThoughTheWireListsThemFromUpstream() throws Exception {
        var map = ((MessageFrame.MapFrame) MessageFrame.decode(
                new BitReader(VehicleStatesTest.vector("csae53-2017/rsu-map.uper")))).value();
        MapIntersection node = MapIntersections.fromCsae2017(map).getFirst();
        // link from node 148: its lane's last point on the wire (28.0988051, 112.9829511) is 31 m from the node
        Lane fromNorth = node.lanes().getFirst();
        assertThat(fromNorth.centreline().getFirst().latDeg()).isCloseTo(28.0988051, within(1e-9));
        assertThat(fromNorth.centreline().getFirst().lonDeg()).isCloseTo(112.9829511, within(1e-9));
        assertThat(fromNorth.centreline().getLast().latDeg()).isCloseTo(28.1010657, within(1e-9));
        for (Lane lane : node.lanes()) {
            assertThat(LocalEnu.distanceM(lane.centreline().getFirst(), node.referencePoint()))
                    .isLessThan(LocalEnu.distanceM(lane.centreline().getLast(), node.referencePoint()));
        }
    }

    @Test
    void csaeMapCarriesTheIngressLanesOfACrossroadsThroughUperAndBack() throws Exception {
        MapIntersection x = crossroads(NODE);
        var wire = csaeWire(List.of(x), 133);
        MapIntersection back = MapIntersections.fromCsae2017(wire).getFirst();

        assertThat(back.id()).isEqualTo(NODE);
        assertThat(back.name()).isEqualTo("Renmin St / Jiefang Rd");
        assertThat(back.revision()).isEqualTo(133 & 127); // the MAP's msgCnt
        assertThat(back.referencePoint()).isEqualTo(new GeoPoint(438_868_000 * 1e-7, 1_253_245_000 * 1e-7));
        List<Lane> ingress = x.lanes().stream().filter(Lane::ingress).toList();
        assertThat(back.lanes()).extracting(Lane::laneId).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        for (Lane expected : ingress) {
            Lane lane = back.lane(expected.laneId());
            assertSameLane(lane, expected, 0.02); // 1e-7° is 1.1 cm of latitude
            for (int i = 0; i < expected.centreline().size(); i++) {
                assertThat(lane.centreline().get(i).latDeg())
                        .isCloseTo(expected.centreline().get(i).latDeg(), within(1e-7));
                assertThat(lane.centreline().get(i).lonDeg())
                        .isCloseTo(expected.centreline().get(i).lonDeg(), within(1e-7));
            }
        }
        // on the wire: one link per approach, each from its own road-end node, 65535 − (32 × 9 + k)
        var node = wire.nodes().getFirst();
        assertThat(node.inLinks()).hasSize(4);
        assertThat(node.inLinks()).extracting(l -> l.upstreamNodeId().id()).containsExactly(65247, 65246, 65245, 65244);
        assertThat(node.inLinks()).allSatisfy(l -> assertThat(l.upstreamNodeId().region()).isEqualTo(1));
        assertThat(node.inLinks()).extracting(l -> l.lanes().stream().map(io.cheluyun.codec.csae2017.Lane::laneID)
                .toList()).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5, 6), List.of(7, 8));
        var lane2 = node.inLinks().getFirst().lanes().get(1);
        assertThat(lane2.laneWidth()).isEqualTo(350);
        assertThat(lane2.maneuvers()).isEqualTo(0b100101L); // straight, right, right on red
        var rightTurn = lane2.connectsTo().get(1);
        assertThat(rightTurn.remoteIntersection()).isEqualTo(new io.cheluyun.codec.csae2017.NodeReferenceID(1, 9));
        assertThat(rightTurn.connectingLane().lane()).isEqualTo(18);
        assertThat(rightTurn.hasPhaseId()).isFalse();
        assertThat(lane2.connectsTo().getFirst().phaseId()).isEqualTo(2);
    }

    @Test
    void csaeLanePointsTakeTheSmallestLatLonOffsetThatFits() throws Exception {
        int[] northLsb = {2047, 2048, 8192, 32768, 131072, 2097152, 8388608}; // each just past the previous size
        List<GeoPoint> line = new ArrayList<>();
        for (int d : northLsb) {
            line.add(new GeoPoint((438_868_000 + d) * 1e-7, 125.3245 - 5e-7));
        }
        var x = new MapIntersection(NODE, "", 0, new GeoPoint(43.8868, 125.3245), List.of(
                new Lane(1, LaneType.VEHICLE, true, line, 3.5, Set.of(), List.of())));
        var wire = csaeWire(List.of(x), 0);
        var points = wire.nodes().getFirst().inLinks().getFirst().lanes().getFirst().points();
        // upstream first: the stop line (2047 north, 5 west) is the last point
        assertThat(points.reversed()).extracting(p -> p.posOffset().offsetLL().getClass().getSimpleName())
                .containsExactly("PositionLL1", "PositionLL2", "PositionLL3", "PositionLL4", "PositionLL5",
                        "PositionLL6", "PositionLatLon");
        assertThat(points.getLast().posOffset().offsetLL())
                .isEqualTo(new PositionOffsetLL.PositionLL1(new io.cheluyun.codec.csae2017.PositionLL24B(-5, 2047)));
        Lane back = MapIntersections.fromCsae2017(wire).getFirst().lane(1);
        for (int i = 0; i < line.size(); i++) {
            assertThat(back.centreline().get(i).latDeg()).isCloseTo(line.get(i).latDeg(), within(1e-9));
            assertThat(back.centreline().get(i).lonDeg()).isCloseTo(line.get(i).lonDeg(), within(1e-9));
        }
    }

    @Test
    void csaeLinkComesFromTheIntersectionThatConnectsIntoItElseFromARoadEnd() throws Exception {
        // A (1/1) lies 200 m west of B (1/2); A's eastbound lane 1 runs on into B's lane 1
        LocalEnu f = new LocalEnu(43.8868, 125.3245);
        var intoB = new Connection(1, new IntersectionId(1, 2), 4, Maneuver.STRAIGHT);
        var a = new MapIntersection(new IntersectionId(1, 1), "A", 0, f.toGeo(-200, 0), List.of(
                new Lane(1, LaneType.VEHICLE, true, List.of(f.toGeo(-215, -2), f.toGeo(-300, -2)), 3.5,
                        Set.of(Maneuver.STRAIGHT), List.of(intoB))));
        var b = new MapIntersection(new IntersectionId(1, 2), "B", 0, f.toGeo(0, 0), List.of(
                new Lane(1, LaneType.VEHICLE, true, List.of(f.toGeo(-15, -2), f.toGeo(-185, -2)), 3.5, Set.of(),
                        List.of()),
                new Lane(2, LaneType.VEHICLE, true, List.of(f.toGeo(15, 2), f.toGeo(150, 2)), 3.5, Set.of(),
                        List.of())));
        var wire = csaeWire(List.of(a, b), 0);

        assertThat(wire.nodes().get(0).inLinks()).extracting(l -> l.upstreamNodeId().id()).containsExactly(65503);
        assertThat(wire.nodes().get(1).inLinks()).extracting(l -> l.upstreamNodeId().id())
                .containsExactly(1, 65535 - (32 * 2 + 1)); // from A; the second approach's road end
        // a connection into another node keeps it
        assertThat(MapIntersections.fromCsae2017(wire).getFirst().lane(1).connections()).containsExactly(intoB);
    }

    @Test
    void csaeRoadEndsStepPastTheIdsOfTheMapsIntersections() {
        var taken = new java.util.HashSet<>(List.of(new IntersectionId(1, 65535 - 32), new IntersectionId(2, 65534)));
        assertThat(MapIntersections.roadEnd(new IntersectionId(1, 1), 0, taken))
                .isEqualTo(new IntersectionId(1, 65502));
        assertThat(MapIntersections.roadEnd(new IntersectionId(1, 1), 0, taken))
                .isEqualTo(new IntersectionId(1, 65501)); // taken by the first call now
        assertThat(MapIntersections.roadEnd(new IntersectionId(2, 0), 1, taken))
                .isEqualTo(new IntersectionId(2, 65533));
    }

    @Test
    void csaeMapLeavesOutEgressLanesAndNamesItCannotCarry() throws Exception {
        MapIntersection x = crossroads(NODE);
        var chinese = new MapIntersection(NODE, "人民大街与解放路", 0, x.referencePoint(), x.lanes());
        var wire = csaeWire(List.of(chinese), 0);
        assertThat(wire.nodes().getFirst().name()).isNull(); // IA5String only
        assertThat(MapIntersections.fromCsae2017(wire).getFirst().lanes()).allSatisfy(l ->
                assertThat(l.ingress()).isTrue()).hasSize(8);
        assertThat(MapIntersections.descriptiveName("x".repeat(70))).hasSize(63);
        assertThat(MapIntersections.descriptiveName("")).isNull();
    }

    @Test
    void csaeSignalGroupsAreClampedAndAConnectionToTheNodeItselfStaysWithinIt() throws Exception {
        LocalEnu f = new LocalEnu(43.8868, 125.3245);
        var lane = new Lane(1, LaneType.VEHICLE, true, List.of(f.toGeo(0, -15), f.toGeo(0, -90)), 0.001,
                Set.of(Maneuver.STRAIGHT), List.of(new Connection(5, NODE, 300, null)));
        var x = new MapIntersection(NODE, "", 0, f.toGeo(0, 0), List.of(lane));
        var wireLane = csaeWire(List.of(x), 0).nodes().getFirst().inLinks().getFirst().lanes().getFirst();
        assertThat(wireLane.connectsTo().getFirst().phaseId()).isEqualTo(255);
        assertThat(wireLane.connectsTo().getFirst().connectingLane().hasManeuver()).isFalse();
        assertThat(wireLane.laneWidth()).isEqualTo(1); // 0 would mean no width
        Lane back = viaCsae(List.of(x), 0, 0).lane(1);
        assertThat(back.connections()).containsExactly(new Connection(5, null, 255, null));
        assertThat(back.widthM()).isEqualTo(0.01);
    }

    @Test
    void csaeRefusesALaneWithMorePointsThanAPointListHolds() {
        LocalEnu f = new LocalEnu(43.8868, 125.3245);
        List<GeoPoint> line = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            line.add(f.toGeo(0, -15 - i));
        }
        var x = new MapIntersection(NODE, "", 0, f.toGeo(0, 0), List.of(
                new Lane(1, LaneType.VEHICLE, true, line, 3.5, Set.of(), List.of())));
        assertThatThrownBy(() -> MapIntersections.toCsae2017(List.of(x), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 to 31 points of lane 1; got 32");
    }

    @Test
    void j2735MapCarriesAllLanesOfACrossroadsThroughUperAndBack() throws Exception {
        MapIntersection x = crossroads(NODE);
        var wire = j2735Wire(List.of(x), 140);
        MapIntersection back = MapIntersections.fromJ2735(wire).getFirst();

        assertThat(wire.msgIssueRevision()).isEqualTo(140 & 127);
        assertThat(back.id()).isEqualTo(NODE);
        assertThat(back.name()).isEqualTo("Renmin St / Jiefang Rd");
        assertThat(back.revision()).isEqualTo(3);
        assertThat(back.lanes()).hasSize(16);
        for (Lane expected : x.lanes()) {
            assertSameLane(back.lane(expected.laneId()), expected, 0.01);
        }
        // 12 of 16 lanes are 3.5 m wide: the intersection's width; the inner ingress lanes are 25 cm narrower
        var ig = wire.intersections().getFirst();
        assertThat(ig.laneWidth()).isEqualTo(350);
        var lane1 = ig.laneSet().getFirst();
        var nodes = ((io.cheluyun.codec.j2735v2016.NodeListXY.Nodes) lane1.nodeList()).value();
        assertThat(nodes.getFirst().attributes().dWidth()).isEqualTo(-25);
        assertThat(nodes.get(1).attributes()).isNull();
        assertThat(ig.laneSet().get(1).laneAttributes().directionalUse()).isEqualTo(0b10L); // lane 11: egress
        // 15.1 m, then 45 m, then 90 m: the 24-, 28- and 32-bit alternatives
        assertThat(nodes).extracting(n -> n.delta().getClass().getSimpleName())
                .containsExactly("NodeXY3", "NodeXY5", "NodeXY6");
        var right = ig.laneSet().get(2).connectsTo().get(1); // lane 2's right turn
        assertThat(right.remoteIntersection()).isNull();
        assertThat(right.hasSignalGroup()).isFalse();
        assertThat(right.connectingLane().maneuver()).isEqualTo(0b100L);
    }

    @Test
    void j2735NodesTakeTheSmallestOffsetThatFitsAndAnAbsoluteNodeBeyond327Metres() throws Exception {
        LocalEnu f = new LocalEnu(43.8868, 125.3245);
        List<GeoPoint> line = List.of(f.toGeo(3, 0), f.toGeo(12, 0), f.toGeo(412, 0), f.toGeo(414, 0.5));
        var x = new MapIntersection(NODE, "", 0, new GeoPoint(43.8868, 125.3245), List.of(
                new Lane(1, LaneType.BIKE_LANE, false, line, 1.5, Set.of(), List.of())));
        var wire = j2735Wire(List.of(x), 0);
        var nodes = ((io.cheluyun.codec.j2735v2016.NodeListXY.Nodes) wire.intersections().getFirst().laneSet()
                .getFirst().nodeList()).value();
        assertThat(nodes.get(0).delta()).isEqualTo(new NodeOffsetPointXY.NodeXY1(
                new io.cheluyun.codec.j2735v2016.NodeXY20b(300, 0)));
        assertThat(nodes.get(1).delta()).isEqualTo(new NodeOffsetPointXY.NodeXY2(
                new io.cheluyun.codec.j2735v2016.NodeXY22b(900, 0)));
        assertThat(nodes.get(2).delta()).isEqualTo(new NodeOffsetPointXY.NodeLatLon(
                new io.cheluyun.codec.j2735v2016.NodeLLmD64b((int) Math.round(line.get(2).lonDeg() * 1e7),
                        (int) Math.round(line.get(2).latDeg() * 1e7))));
        // 2 m east and 0.5 m north of the absolute node, whose 1e-7° rounding may move it by up to a centimetre
        assertThat(nodes.get(3).delta()).isInstanceOfSatisfying(NodeOffsetPointXY.NodeXY1.class, d -> {
            assertThat(d.value().x()).isBetween(199, 201);
            assertThat(d.value().y()).isBetween(49, 51);
        });
        assertSameLane(MapIntersections.fromJ2735(wire).getFirst().lane(1), x.lanes().getFirst(), 0.01);
    }

    @Test
    void j2735LaneWidthsFarFromTheIntersectionsAreClampedToTheWidthOffset() throws Exception {
        LocalEnu f = new LocalEnu(43.8868, 125.3245);
        List<Lane> lanes = new ArrayList<>();
        double[] widths = {3.5, 3.5, 9.0, 0.4};
        for (int i = 0; i < widths.length; i++) {
            lanes.add(new Lane(i + 1, LaneType.VEHICLE, true, List.of(f.toGeo(4 * i, -15), f.toGeo(4 * i, -80)),
                    widths[i], Set.of(), List.of(new Connection(20, new IntersectionId(0, 44), 0, Maneuver.U_TURN))));
        }
        var x = new MapIntersection(new IntersectionId(0, 7), "", 0, f.toGeo(0, 0), lanes);
        var wire = j2735Wire(List.of(x), 0);
        assertThat(wire.intersections().getFirst().id().hasRegion()).isFalse(); // region 0: left out
        MapIntersection back = MapIntersections.fromJ2735(wire).getFirst();
        assertThat(back.lanes()).extracting(Lane::widthM).containsExactly(3.5, 3.5, 8.61, 0.4); // +5.11 m at most
        assertThat(back.lane(1).connections()).containsExactly(
                new Connection(20, new IntersectionId(0, 44), 0, Maneuver.U_TURN));
    }

    @Test
    void j2735RefusesAnIntersectionWithoutLanes() {
        var x = new MapIntersection(NODE, "", 0, new GeoPoint(43.8868, 125.3245), List.of());
        assertThatThrownBy(() -> MapIntersections.toJ2735(List.of(x), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lanes of intersection 1/9");
    }
}
