package io.cheluyun.twin;

import static io.cheluyun.twin.PipelineTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.LaneType;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * The memory target, ≤ 1 KiB of heap per tracked vehicle, measured on the object graph (JOL) of a shard
 * holding 10,000 vehicles, each with a full position history and a lane match on a MAP, as a BSM-fed twin holds them.
 */
class TrackMemoryTest {

    static final int VEHICLES = 10_000;

    static {
        // JDK 25 hides field offsets from JOL's default path; this one reads them from a probe object instead
        System.setProperty("jol.magicFieldOffset", "true");
    }

    @Test
    void aTrackedVehicleCostsLessThanOneKibibyte() {
        LocalEnu frame = new LocalEnu(PipelineTest.LAT, PipelineTest.LON);
        List<Lane> lanes = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            // 20 eastbound egress lanes, 2 km long, 3.5 m apart
            lanes.add(new Lane(k + 1, LaneType.VEHICLE, false, List.of(frame.toGeo(0, -k * 3.5),
                    frame.toGeo(2000, -k * 3.5)), 3.5, Set.of(Maneuver.STRAIGHT), List.of()));
        }
        MapIntersection map = new MapIntersection(new IntersectionId(0, 1), "strip", 1, frame.toGeo(0, 0), lanes);

        TwinShard shard = TwinShard.standalone(VEHICLES + 1);
        shard.applyMap(map);
        long empty = GraphLayout.parseInstance(shard).totalSize();
        for (int step = 0; step < 12; step++) { // 12 updates 200 ms apart: the history ring is full
            for (int i = 0; i < VEHICLES; i++) {
                double east = (i / 20) * 4.0 + step * 2.0;
                GeoPoint p = frame.toGeo(east, -(i % 20) * 3.5);
                shard.apply(VehicleState.of(String.format("%08x", i), T0 + step * 200_000L, p.latDeg(), p.lonDeg(),
                        90.0, 10.0));
            }
        }
        assertThat(shard.vehicleCount()).isEqualTo(VEHICLES);
        assertThat(shard.laneMatch("00000000")).isNotNull();
        long full = GraphLayout.parseInstance(shard).totalSize();
        long perVehicle = (full - empty) / VEHICLES;
        System.out.printf("twin heap per tracked vehicle: %d bytes (%d vehicles)%n", perVehicle, VEHICLES);
        assertThat(perVehicle).isLessThanOrEqualTo(1024);
    }
}
