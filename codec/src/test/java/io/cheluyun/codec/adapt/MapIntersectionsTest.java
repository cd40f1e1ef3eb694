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
