package io.cheluyun.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpatialIndexTest {

    @Test
    void theCellsOfACityHaveDistinctKeysSpreadOverTheHashCodes() {
        // 200 x 200 cells of 50 m around Changchun: 10 km square. Packed without mixing, Long.hashCode (the XOR of
        // row and column) takes only a few hundred values here, and HashMap degrades to tree-bin lookups.
        SpatialIndex<SpatialIndex.Entry> index = new SpatialIndex<>(50);
        java.util.Set<Long> keys = new java.util.HashSet<>();
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int r = 0; r < 200; r++) {
            for (int c = 0; c < 200; c++) {
                long key = index.cellKey(43.80 + r * 50 / 111_320.0 + 1e-9, 125.10 + c * 50 / 111_320.0 + 1e-9);
                keys.add(key);
                hashes.add(Long.hashCode(key));
            }
        }
        assertThat(keys).hasSize(40_000);
        assertThat(hashes.size()).isGreaterThan(39_900);
        assertThat(SpatialIndex.key(5, 7)).isNotEqualTo(SpatialIndex.key(7, 5));
    }

    @Test
    void findsExactlyTheVehiclesWithinTheRadiusAsABruteForceScanDoes() {
        TwinShard shard = TwinShard.standalone(10_000);
        LocalEnu frame = new LocalEnu(PipelineTest.LAT, PipelineTest.LON);
        Random random = new Random(7);
        List<VehicleState> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            VehicleState v = PipelineTest.car("v" + i, PipelineTest.T0, random.nextDouble(-1500, 1500),
                    random.nextDouble(-1500, 1500));
            all.add(v);
            shard.apply(v);
        }
        for (int q = 0; q < 50; q++) {
            double e = random.nextDouble(-1500, 1500);
            double n = random.nextDouble(-1500, 1500);
            double lat = frame.latDeg(e, n);
            double lon = frame.lonDeg(e, n);
            double radius = random.nextDouble(10, 300);
            List<VehicleState> found = new ArrayList<>();
            shard.vehiclesNear(lat, lon, radius, found);
            LocalEnu local = new LocalEnu(lat, lon);
            List<VehicleState> expected = all.stream()
                    .filter(v -> Math.hypot(local.eastM(v.latDeg(), v.lonDeg()),
                            local.northM(v.latDeg(), v.lonDeg())) <= radius - 0.01)
                    .toList();
            assertThat(found).containsAll(expected);
            assertThat(found).allSatisfy(v -> assertThat(Math.hypot(local.eastM(v.latDeg(), v.lonDeg()),
                    local.northM(v.latDeg(), v.lonDeg()))).isLessThanOrEqualTo(radius + 0.01));
        }
    }

    @Test
    void followsVehiclesAcrossCellsAndForgetsEvictedOnes() {
        TwinShard shard = TwinShard.standalone(100);
        shard.apply(PipelineTest.car("mover", PipelineTest.T0, 0, 0));
        shard.apply(PipelineTest.car("mover", PipelineTest.T0 + 1_000_000, 400, 0));
        LocalEnu frame = new LocalEnu(PipelineTest.LAT, PipelineTest.LON);

        List<VehicleState> nearOld = new ArrayList<>();
        shard.vehiclesNear(frame.latDeg(0, 0), frame.lonDeg(0, 0), 100, nearOld);
        List<VehicleState> nearNew = new ArrayList<>();
        shard.vehiclesNear(frame.latDeg(400, 0), frame.lonDeg(400, 0), 100, nearNew);
        assertThat(nearOld).isEmpty();
        assertThat(nearNew).extracting(VehicleState::vehicleId).containsExactly("mover");

        assertThat(shard.evictOlderThan(PipelineTest.T0 + 2_000_000)).isEqualTo(1);
        nearNew.clear();
        shard.vehiclesNear(frame.latDeg(400, 0), frame.lonDeg(400, 0), 100, nearNew);
        assertThat(nearNew).isEmpty();
        assertThat(shard.vehicle("mover")).isNull();
    }
}
