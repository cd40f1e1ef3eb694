package io.cheluyun.twin;

import static io.cheluyun.twin.PipelineTest.LAT;
import static io.cheluyun.twin.PipelineTest.LON;
import static io.cheluyun.twin.PipelineTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.RoadEventType;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.TileGrid;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prediction, geofences, signal states, object fusion, halo copies and snapshots. */
class TwinLayersTest {

    static final LocalEnu FRAME = new LocalEnu(LAT, LON);

    static GeoPoint at(double east, double north) {
        return FRAME.toGeo(east, north);
    }

    static VehicleState moving(String id, long t, double east, double north, double headingDeg, double speed,
                               double accel, double yawRate) {
        GeoPoint p = at(east, north);
        return new VehicleState(id, t, p, Double.NaN, headingDeg, speed, accel, yawRate, 4.6, 1.8,
                VehicleClass.PASSENGER_CAR, io.cheluyun.model.BrakeState.NONE, io.cheluyun.model.ExteriorLights.NONE);
    }

    @Test
    void predictsConstantAccelerationAndStopsABrakingVehicle() {
        double[] pose = new double[4];
        Prediction.predict(moving("a", T0, 0, 0, 90, 10, 1.0, 0), T0 + 2_000_000, FRAME, pose);
        assertThat(pose[Prediction.EAST]).isCloseTo(10 * 2 + 0.5 * 1 * 4, within(0.01));
        assertThat(pose[Prediction.NORTH]).isCloseTo(0.0, within(0.01));
        assertThat(pose[Prediction.SPEED]).isCloseTo(12.0, within(1e-9));

        Prediction.predict(moving("b", T0, 0, 0, 0, 10, -5.0, 0), T0 + 5_000_000, FRAME, pose);
        assertThat(pose[Prediction.NORTH]).isCloseTo(10.0, within(0.01)); // v²/2a, then stays
        assertThat(pose[Prediction.SPEED]).isZero();
    }

    @Test
    void predictsAConstantTurnOnItsCircle() {
        // 10 m/s turning right at 18°/s: radius v/ω = 31.83 m; after 5 s the heading has turned 90°
        double[] pose = new double[4];
        Prediction.predict(moving("c", T0, 0, 0, 0, 10, 0, 18), T0 + 5_000_000, FRAME, pose);
        double r = 10 / Math.toRadians(18);
        assertThat(pose[Prediction.HEADING]).isCloseTo(90.0, within(1e-6));
        assertThat(pose[Prediction.EAST]).isCloseTo(r, within(0.05));
        assertThat(pose[Prediction.NORTH]).isCloseTo(r, within(0.05));
    }

    static RoadEvent zone(String id, double e0, double n0, double e1, double n1, long start, long end) {
        return new RoadEvent(id, "op", RoadEventType.WORK_ZONE, -1,
                List.of(at(e0, n0), at(e1, n0), at(e1, n1), at(e0, n1)), 8.33, start, end, "lane closed");
    }

    @Test
    void geofencesAnswerInsideDistanceAndDistanceAlongAPath() {
        GeofencedEvent fence = GeofencedEvent.of(zone("wz", 100, -5, 200, 5, T0, T0 + 60_000_000));
        assertThat(fence.contains(at(150, 0).latDeg(), at(150, 0).lonDeg())).isTrue();
        assertThat(fence.contains(at(90, 0).latDeg(), at(90, 0).lonDeg())).isFalse();
        assertThat(fence.distanceM(at(90, 0).latDeg(), at(90, 0).lonDeg())).isCloseTo(10.0, within(0.01));
        assertThat(fence.distanceAheadM(at(0, 0).latDeg(), at(0, 0).lonDeg(), 90, 500)).isCloseTo(100, within(0.01));
        assertThat(fence.distanceAheadM(at(0, 0).latDeg(), at(0, 0).lonDeg(), 270, 500)).isInfinite();
        assertThat(fence.distanceAheadM(at(0, 20).latDeg(), at(0, 20).lonDeg(), 90, 500)).isInfinite();
    }

    @Test
    void rejectsASelfIntersectingAreaAndCountsIt() {
        RoadEvent bowTie = new RoadEvent("bad", "op", RoadEventType.HAZARD, -1,
                List.of(at(0, 0), at(10, 10), at(10, 0), at(0, 10)), Double.NaN, T0, T0 + 1_000_000, "");
        assertThatThrownBy(() -> GeofencedEvent.of(bowTie)).hasMessageContaining("not a simple polygon");

        Pipeline p = Pipeline.create(PipelineConfig.defaults().withShards(1), i -> (s, n, t) -> { }, () -> 0L);
        p.ingest().offer(bowTie);
        p.ingest().offer(zone("ok", 0, 0, 10, 10, T0, T0 + 1_000_000));
        p.drain();
        assertThat(p.workers().getFirst().rejectedCount()).isEqualTo(1);
        assertThat(p.workers().getFirst().roadEventCount()).isEqualTo(1);
    }

    @Test
    void eventsAreQueryableOnlyWhileInForceAndExpireWithMessageTime() {
        TwinShard shard = TwinShard.standalone(100);
        shard.applyEvent(zone("later", 100, -5, 200, 5, T0 + 10_000_000, T0 + 20_000_000));
        shard.apply(moving("v", T0, 0, 0, 90, 10, 0, 0));
        List<GeofencedEvent> found = new ArrayList<>();
        assertThat(shard.eventsNear(LAT, LON, 300, found)).isZero();
        shard.apply(moving("v", T0 + 12_000_000, 0, 0, 90, 10, 0, 0));
        assertThat(shard.eventsNear(LAT, LON, 300, found)).isOne();
        assertThat(shard.eventsNear(LAT, LON, 50, found)).isZero(); // 100 m away
        shard.apply(moving("v", T0 + 21_000_000, 0, 0, 90, 10, 0, 0));
        shard.expireInfrastructure();
        assertThat(shard.eventCount()).isZero();
    }

    static SignalState spat(long t) {
        return new SignalState(new IntersectionId(0, 1), t, List.of(new MovementState(1, List.of(
                new MovementEvent(SignalPhase.STOP_AND_REMAIN, T0, T0 + 5_000_000, T0 + 5_000_000,
                        T0 + 5_000_000)))));
    }

    @Test
    void keepsTheNewestSignalStateAndForgetsOneThatTimedOut() {
        TwinShard shard = TwinShard.standalone(100);
        assertThat(shard.applySignal(spat(T0 + 200_000))).isTrue();
        assertThat(shard.applySignal(spat(T0 + 100_000))).isFalse();
        assertThat(shard.signal(new IntersectionId(0, 1)).timeMicros()).isEqualTo(T0 + 200_000);
        shard.apply(moving("v", T0 + 2_300_000, 0, 0, 90, 10, 0, 0)); // 2.1 s later: beyond the 2 s timeout
        assertThat(shard.signal(new IntersectionId(0, 1))).isNull();
    }

    static PerceivedObject seen(String id, String source, ObjectClass cls, long t, double e, double n,
                                double heading, double speed) {
        return new PerceivedObject(id, source, cls, t, at(e, n), heading, speed, 4.5, 1.8, 0.5);
    }

    @Test
    void fusesASensedVehicleWithItsOwnBsmAndPedestriansAcrossSensors() {
        TwinShard shard = TwinShard.standalone(100);
        shard.apply(moving("car", T0, 0, 0, 90, 10, 0, 0));
        // the camera sees the car 50 ms later, 0.8 m off: it is the car, not a second vehicle
        assertThat(shard.applyObject(seen("12", "rsu-1", ObjectClass.VEHICLE, T0 + 50_000, 1.3, 0.3, 92, 9.8), true))
                .isEqualTo(ObjectLayer.Outcome.FUSED_WITH_VEHICLE);
        // an unconnected vehicle in the next lane stays a perceived object
        assertThat(shard.applyObject(seen("13", "rsu-1", ObjectClass.VEHICLE, T0 + 50_000, 0.5, 3.5, 90, 10), true))
                .isEqualTo(ObjectLayer.Outcome.NEW_TRACK);
        // one pedestrian seen by two RSUs, a second one 10 m away
        assertThat(shard.applyObject(seen("p", "rsu-1", ObjectClass.PEDESTRIAN, T0, 30, 10, Double.NaN, 0), true))
                .isEqualTo(ObjectLayer.Outcome.NEW_TRACK);
        assertThat(shard.applyObject(seen("9", "rsu-2", ObjectClass.PEDESTRIAN, T0, 30.6, 10.4, Double.NaN, 0), true))
                .isEqualTo(ObjectLayer.Outcome.UPDATED);
        assertThat(shard.lastObject().objectId()).isEqualTo("obj:rsu-1:p");
        assertThat(shard.applyObject(seen("q", "rsu-2", ObjectClass.PEDESTRIAN, T0, 40, 10, Double.NaN, 0), true))
                .isEqualTo(ObjectLayer.Outcome.NEW_TRACK);
        // a cyclist at the pedestrian's spot is another road user
        assertThat(shard.applyObject(seen("c", "rsu-2", ObjectClass.CYCLIST, T0, 30.2, 10, Double.NaN, 0), true))
                .isEqualTo(ObjectLayer.Outcome.NEW_TRACK);
        assertThat(shard.objectCount()).isEqualTo(4);

        List<PerceivedObject> near = new ArrayList<>();
        shard.objectsNear(at(30, 10).latDeg(), at(30, 10).lonDeg(), 2.0, near);
        assertThat(near).extracting(PerceivedObject::objectId).containsExactly("obj:rsu-1:p", "obj:rsu-2:c");

        shard.apply(moving("car", T0 + 1_500_000, 15, 0, 90, 10, 0, 0));
        shard.expireInfrastructure(); // objects are dropped after 1 s without a report
        assertThat(shard.objectCount()).isZero();
    }

    /** Records (shard, vehicle, owned) for every vehicle update. */
    record Delivery(int shard, String vehicle, boolean owned) {
    }

    @Test
    void aVehicleNearATileEdgeIsCopiedToTheNeighbourShardWhichDoesNotOwnIt() {
        PipelineConfig config = PipelineConfig.defaults().withShards(4);
        TileGrid grid = new TileGrid(config.tileDeg());
        ShardMap map = new ShardMap(grid, 4, config.haloM());
        // find an east-west tile edge whose two tiles belong to different shards
        double edgeLon = Double.NaN;
        double lat = 43.8855;
        for (int k = 0; k < 100 && Double.isNaN(edgeLon); k++) {
            double lon = -180.0 + (grid.col(125.3) + k) * grid.tileDeg();
            if (map.ownerOf(lat, lon - 1e-6) != map.ownerOf(lat, lon + 1e-6)) {
                edgeLon = lon;
            }
        }
        double mPerDegLon = LocalEnu.metresPerDegreeLon(lat);
        double nearEdgeLon = edgeLon - 50 / mPerDegLon;
        double farLon = edgeLon - 400 / mPerDegLon;
        List<Delivery> deliveries = new ArrayList<>();
        Pipeline p = Pipeline.create(config, i -> (state, nanos, twin) ->
                deliveries.add(new Delivery(i, state.vehicleId(), twin.isOwned(state.vehicleId()))), () -> 0L);
        p.ingest().offer(VehicleState.of("near", T0, lat, nearEdgeLon, 90, 10));
        p.ingest().offer(VehicleState.of("far", T0, lat, farLon, 90, 10));
        p.drain();

        int owner = map.ownerOf(lat, nearEdgeLon);
        int neighbour = map.ownerOf(lat, edgeLon + 1e-6);
        assertThat(deliveries).contains(new Delivery(owner, "near", true), new Delivery(neighbour, "near", false));
        assertThat(deliveries.stream().filter(d -> d.vehicle().equals("far")).toList())
                .containsExactly(new Delivery(map.ownerOf(lat, farLon), "far", true));
        assertThat(p.ingest().haloCopyCount()).isOne();
        assertThat(p.processedCount()).isEqualTo(p.ingest().enqueuedCount()).isEqualTo(3);

        // a snapshot counts the copied vehicle once
        TwinSnapshot snapshot = p.snapshotNow();
        assertThat(snapshot.vehicles()).extracting(VehicleState::vehicleId).containsExactly("far", "near");
    }

    @Test
    void snapshotsMergeInfrastructureOnceAndArePublishedOnMessageTime() {
        Pipeline p = Pipeline.create(PipelineConfig.defaults().withShards(3), i -> (s, n, t) -> { }, () -> 0L);
        p.ingest().offer(spat(T0));
        p.ingest().offer(zone("wz", 0, 0, 50, 50, T0, T0 + 60_000_000));
        for (int k = 0; k <= 12; k++) { // 1.2 s of one car: past the 1 s snapshot interval
            p.ingest().offer(VehicleState.of("car", T0 + k * 100_000L, LAT, LON, 90, 10));
        }
        p.drain();
        TwinSnapshot published = p.snapshot();
        assertThat(published.timeMicros()).isGreaterThanOrEqualTo(T0 + 1_000_000);
        assertThat(published.signals()).hasSize(1);
        assertThat(published.events()).extracting(RoadEvent::eventId).containsExactly("wz");
        assertThat(published.vehicles()).hasSize(1);
    }
}
