package io.cheluyun.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelineTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final long T0 = 1_790_000_000_000_000L;

    /** Records what the shard told it, on the shard's thread. */
    static final class Recorder implements ShardObserver {
        final List<VehicleState> seen = new ArrayList<>();
        final List<Long> ticks = new ArrayList<>();
        final List<Integer> countsAtTick = new ArrayList<>();

        @Override
        public void onVehicle(VehicleState state, long ingestNanos, TwinView twin) {
            seen.add(state);
        }

        @Override
        public void onTick(long nowMicros, TwinView twin) {
            ticks.add(nowMicros);
            countsAtTick.add(twin.vehicleCount());
        }
    }

    static VehicleState car(String id, long timeMicros, double eastM, double northM) {
        LocalEnu frame = new LocalEnu(LAT, LON);
        return VehicleState.of(id, timeMicros, frame.latDeg(eastM, northM), frame.lonDeg(eastM, northM), 90.0, 10.0);
    }

    private static Pipeline stepped(int shards, Recorder recorder) {
        return Pipeline.create(PipelineConfig.defaults().withShards(shards), i -> recorder, System::nanoTime);
    }

    @Test
    void appliesNewerStatesAndDropsDuplicatesAndLateArrivals() {
        Recorder recorder = new Recorder();
        Pipeline pipeline = stepped(1, recorder);
        pipeline.ingest().offer(car("a", T0 + 100_000, 0, 0));
        pipeline.ingest().offer(car("a", T0 + 100_000, 1, 0));
        pipeline.ingest().offer(car("a", T0, 2, 0));
        pipeline.ingest().offer(car("a", T0 + 200_000, 3, 0));
        pipeline.drain();

        assertThat(recorder.seen).extracting(VehicleState::timeMicros).containsExactly(T0 + 100_000, T0 + 200_000);
        ShardWorker worker = pipeline.workers().getFirst();
        assertThat(worker.appliedCount()).isEqualTo(2);
        assertThat(worker.staleCount()).isEqualTo(2);
    }

    @Test
    void evictsVehiclesSilentLongerThanTheTrackTimeoutOnMessageTime() {
        Recorder recorder = new Recorder();
        Pipeline pipeline = stepped(1, recorder);
        pipeline.ingest().offer(car("quiet", T0, 0, 0));
        for (int i = 0; i <= 40; i++) {
            pipeline.ingest().offer(car("talker", T0 + i * 100_000L, i, 10));
        }
        pipeline.drain();

        ShardWorker worker = pipeline.workers().getFirst();
        assertThat(worker.evictedCount()).isEqualTo(1);
        assertThat(worker.trackedVehicles()).isEqualTo(1);
        assertThat(recorder.ticks).isNotEmpty().allSatisfy(t -> assertThat(t).isGreaterThan(T0));
        // still two vehicles at 3.0 s, one after the quiet car passed the 3 s timeout
        assertThat(recorder.countsAtTick.getFirst()).isEqualTo(2);
        assertThat(recorder.countsAtTick.getLast()).isEqualTo(1);
    }

    @Test
    void refusesNewVehiclesBeyondCapacityButKeepsUpdatingKnownOnes() {
        Recorder recorder = new Recorder();
        Pipeline pipeline = Pipeline.create(PipelineConfig.defaults().withShards(1).withMaxVehiclesPerShard(2),
                i -> recorder, System::nanoTime);
        pipeline.ingest().offer(car("a", T0, 0, 0));
        pipeline.ingest().offer(car("b", T0, 10, 0));
        pipeline.ingest().offer(car("c", T0, 20, 0));
        pipeline.ingest().offer(car("a", T0 + 100_000, 1, 0));
        pipeline.drain();

        assertThat(recorder.seen).extracting(VehicleState::vehicleId).containsExactly("a", "b", "a");
        assertThat(pipeline.workers().getFirst().overCapacityCount()).isEqualTo(1);
    }

    @Test
    void shedsAndCountsWhenAShardQueueIsFullWithoutBlocking() {
        Recorder recorder = new Recorder();
        Pipeline pipeline = Pipeline.create(PipelineConfig.defaults().withShards(1).withQueueCapacity(8),
                i -> recorder, System::nanoTime);
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            if (pipeline.ingest().offer(car("v" + i, T0, i, 0)) == OfferResult.ACCEPTED) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(8);
        assertThat(pipeline.ingest().shedCount()).isEqualTo(92);
        assertThat(pipeline.ingest().acceptedCount()).isEqualTo(8);

        pipeline.drain();
        assertThat(recorder.seen).hasSize(8);
        assertThat(pipeline.ingest().offer(car("late", T0, 0, 0))).isEqualTo(OfferResult.ACCEPTED);
    }

    @Test
    void rejectsAndCountsInvalidStates() {
        Pipeline pipeline = stepped(1, new Recorder());
        VehicleState bad = car("nan", T0, 0, 0).movedTo(T0, car("nan", T0, 0, 0).position(), 90.0, Double.NaN, 0);
        assertThat(pipeline.ingest().offer(bad)).isEqualTo(OfferResult.REJECTED_INVALID);
        assertThat(pipeline.ingest().invalidCount()).isEqualTo(1);
    }

    @Test
    void aFailingObserverIsCountedAndTheShardGoesOn() {
        List<String> seen = new ArrayList<>();
        ShardObserver flaky = (state, ingestNanos, twin) -> {
            if (state.vehicleId().equals("boom")) {
                throw new IllegalStateException("app bug");
            }
            seen.add(state.vehicleId());
        };
        Pipeline pipeline = Pipeline.create(PipelineConfig.defaults().withShards(1), i -> flaky, System::nanoTime);
        pipeline.ingest().offer(car("a", T0, 0, 0));
        pipeline.ingest().offer(car("boom", T0, 10, 0));
        pipeline.ingest().offer(car("b", T0, 20, 0));
        pipeline.drain();

        assertThat(seen).containsExactly("a", "b");
        assertThat(pipeline.workers().getFirst().observerErrorCount()).isEqualTo(1);
        assertThat(pipeline.workers().getFirst().trackedVehicles()).isEqualTo(3);
    }

    @Test
    void routesATileToOneShardAndSpreadsTilesOverShards() {
        Pipeline pipeline = stepped(4, new Recorder());
        Ingest ingest = pipeline.ingest();
        assertThat(ingest.shardOf(43.88601, 125.32001)).isEqualTo(ingest.shardOf(43.88999, 125.32999));
        java.util.Set<Integer> shards = new java.util.HashSet<>();
        for (int row = 0; row < 10; row++) {
            for (int col = 0; col < 10; col++) {
                shards.add(ingest.shardOf(43.805 + row * 0.01, 125.205 + col * 0.01));
            }
        }
        assertThat(shards).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void threadedWorkersApplyEverythingOfferedFromSeveralThreads() throws Exception {
        int perThread = 5_000;
        java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
        Pipeline pipeline = Pipeline.create(PipelineConfig.defaults().withShards(2),
                i -> (state, ingestNanos, twin) -> {
                    if (twin.isOwned(state.vehicleId())) { // halo copies reach the neighbouring shard as well
                        seen.incrementAndGet();
                    }
                }, System::nanoTime);
        pipeline.start();
        try {
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                int producer = p;
                producers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        while (pipeline.ingest().offer(car("p" + producer + "-" + (i % 50), T0 + i * 1_000L,
                                producer * 500.0 + (i % 50) * 10.0, 0)) == OfferResult.SHED_QUEUE_FULL) {
                            Thread.onSpinWait();
                        }
                    }
                }));
            }
            for (Thread t : producers) {
                t.join();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (seen.get() < 3L * perThread && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(seen.get()).isEqualTo(3L * perThread);
            assertThat(pipeline.isRunning()).isTrue();
            assertThatThrownBy(pipeline::stepAll).isInstanceOf(IllegalStateException.class);
        } finally {
            pipeline.close();
        }
        assertThat(pipeline.isRunning()).isFalse();
    }

    @Test
    void rejectsBadConfigurationNamingTheKey() {
        assertThatThrownBy(() -> Pipeline.create(PipelineConfig.defaults().withShards(0), i -> new Recorder(),
                System::nanoTime)).hasMessageContaining("pipeline.shards");
        assertThatThrownBy(() -> PipelineConfig.defaults().withQueueCapacity(1).conclude())
                .hasMessageContaining("pipeline.queueCapacity");
    }
}
