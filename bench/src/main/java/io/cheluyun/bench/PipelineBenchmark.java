package io.cheluyun.bench;

import io.cheluyun.apps.AppHost;
import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.fcw.FcwConfig;
import io.cheluyun.apps.fcw.ForwardCollisionWarning;
import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.OfferResult;
import io.cheluyun.twin.Pipeline;
import io.cheluyun.twin.PipelineConfig;
import io.cheluyun.twin.ShardObserver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Events per second through one shard, stepped on the benchmark thread: ingest (validate, route, queue) → twin
 * apply (track update, spatial index) → applications. {@code apps=none} measures the twin alone and {@code apps=fcw}
 * adds Forward Collision Warning, so the ratio of the two is FCW's cost.
 *
 * <p>Traffic: an 8-lane road (4 each way) of {@code vehicles} cars 25 m apart at 40–60 km/h, every 20th braking
 * hard, reporting at 10 Hz for 5 s of message time, replayed in passes shifted by 5 s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBenchmark {

    private static final int BATCH = 1_000;
    private static final double DURATION_S = 5.0;
    private static final long T0 = 1_790_000_000_000_000L;

    @Param({"1000", "5000"})
    int vehicles;

    @Param({"none", "fcw"})
    String apps;

    private VehicleState[] messages;
    private Pipeline pipeline;
    private int next;
    private long pass;
    private long warnings;

    @Setup(Level.Trial)
    public void setUp() {
        RoadScript road = RoadScript.straight(43.80, 125.20, 90.0, 10.0);
        int perLane = (int) Math.ceil(vehicles / 8.0);
        for (int i = 0; i < vehicles; i++) {
            int lane = i % 8;
            double along = (i / 8) * 25.0 + lane * 3.0;
            RoadScript.Vehicle v = road.vehicle("v" + i).lateral(lane < 4 ? lane * 3.5 : -(lane - 3) * 3.5)
                    .speedKmh(40 + (i * 7) % 21).sendPhase((i % 10) / 100.0);
            if (lane < 4) {
                v.at(along);
            } else {
                v.oncoming().at(perLane * 25.0 - along);
            }
            if (i % 20 == 0) {
                v.accel(1.0 + (i % 30) / 10.0, -6.0);
            }
        }
        List<VehicleState> list = road.messages(T0, DURATION_S);
        messages = list.toArray(new VehicleState[0]);
        ShardObserver observer = apps.equals("fcw")
                ? new AppHost(List.<CooperativeApp>of(new ForwardCollisionWarning(FcwConfig.defaults())),
                        (w, nanos) -> warnings++)
                : (state, nanos, twin) -> { };
        pipeline = Pipeline.create(PipelineConfig.defaults().withShards(1), shard -> observer, System::nanoTime);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void events(Blackhole bh) {
        long shift = pass * (long) (DURATION_S * 1_000_000);
        for (int i = 0; i < BATCH; i++) {
            VehicleState m = messages[next];
            VehicleState shifted = shift == 0 ? m
                    : m.movedTo(m.timeMicros() + shift, m.position(), m.headingDeg(), m.speedMps(), m.accelMps2());
            if (pipeline.ingest().offer(shifted) != OfferResult.ACCEPTED) {
                throw new IllegalStateException("benchmark queue overflow");
            }
            if (++next == messages.length) {
                next = 0;
                pass++;
                shift = pass * (long) (DURATION_S * 1_000_000);
            }
        }
        pipeline.drain();
        bh.consume(warnings);
    }
}
