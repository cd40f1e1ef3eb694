package io.cheluyun.codec.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.codec.csae2017.MessageFrame;
import io.cheluyun.model.Lane;
import io.cheluyun.model.MapIntersection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real CSAE MAP as canonical intersections, cross-checked against its expected JER decode. */
class MapIntersectionsTest {

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
}
