package io.cheluyun.bench;

import io.cheluyun.apps.AppHost;
import io.cheluyun.apps.AppSuite;
import io.cheluyun.apps.AppsConfig;
import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.fcw.FcwConfig;
import io.cheluyun.apps.fcw.ForwardCollisionWarning;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.OfferResult;
import io.cheluyun.twin.Pipeline;
import io.cheluyun.twin.PipelineConfig;
import io.cheluyun.twin.ShardObserver;
import java.util.ArrayList;
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
 * Vehicle updates per second through one shard with the twin's MAP lane matching, signal table and the whole
 * application suite, in a city of {@code vehicles} cars ({@link CityTraffic}: a grid of signalised intersections,
 * 10 Hz BSMs and SPATs). {@code apps=none} is the twin alone (with lane matching), {@code apps=fcw} adds FCW,
 * {@code apps=all} all sixteen Day-1 applications. Stepped on the benchmark thread, so the figure is per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CityBenchmark {

    private static final int BATCH = 1_000;
    private static final double DURATION_S = 6.0;
    private static final long T0 = 1_790_000_000_000_000L;

    @Param({"10000"})
    int vehicles;

    @Param({"none", "fcw", "all"})
    String apps;

    private Object[] messages;
    private Pipeline pipeline;
    private int next;
    private long pass;
    private long warnings;

    @Setup(Level.Trial)
    public void setUp() {
        CityTraffic city = new CityTraffic(43.80, 125.20, vehicles, DURATION_S, T0);
        messages = city.messages.toArray();
        ShardObserver observer = switch (apps) {
            case "none" -> (state, nanos, twin) -> { };
            case "fcw" -> new AppHost(List.<CooperativeApp>of(new ForwardCollisionWarning(FcwConfig.defaults())),
                    (w, nanos) -> warnings++);
            default -> new AppHost(AppSuite.create(AppsConfig.defaults()), (w, nanos) -> warnings++);
        };
        pipeline = Pipeline.create(PipelineConfig.defaults().withShards(1), shard -> observer, System::nanoTime);
        for (MapIntersection map : city.maps) {
            pipeline.ingest().offer(map);
        }
        pipeline.drain();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void vehicleUpdates(Blackhole bh) {
        long shift = pass * (long) (DURATION_S * 1_000_000);
        int done = 0;
        while (done < BATCH) {
            Object m = messages[next];
            OfferResult result;
            if (m instanceof VehicleState v) {
                VehicleState shifted = shift == 0 ? v
                        : v.movedTo(v.timeMicros() + shift, v.position(), v.headingDeg(), v.speedMps(), v.accelMps2());
                result = pipeline.ingest().offer(shifted);
                done++;
            } else {
                result = pipeline.ingest().offer(shift((SignalState) m, shift));
            }
            if (result != OfferResult.ACCEPTED) {
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

    private static SignalState shift(SignalState s, long shift) {
        if (shift == 0) {
            return s;
        }
        List<MovementState> movements = new ArrayList<>(s.movements().size());
        for (MovementState m : s.movements()) {
            List<MovementEvent> events = new ArrayList<>(m.events().size());
            for (MovementEvent e : m.events()) {
                events.add(new MovementEvent(e.phase(), e.startMicros() + shift, e.minEndMicros() + shift,
                        e.maxEndMicros() + shift, e.likelyEndMicros() + shift));
            }
            movements.add(new MovementState(m.signalGroup(), events));
        }
        return new SignalState(s.intersection(), s.timeMicros() + shift, movements);
    }
}
