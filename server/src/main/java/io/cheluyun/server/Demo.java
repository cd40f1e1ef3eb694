package io.cheluyun.server;

import io.cheluyun.apps.scenario.CityScenario;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.edge.json.InfrastructureJson;
import io.cheluyun.edge.json.VehicleStateJson;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.OfferResult;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Plays {@link CityScenario} in real time into a running {@link Platform}: each cycle's messages carry the wall
 * clock's time (message time = now), are paced to it, and go through the real pipeline. Clock and sleep are
 * injected, so tests run the same loop without waiting.
 */
final class Demo {

    /** Waits until a clock time; real implementations sleep, test ones advance a fake clock. */
    interface Pacer {
        void waitUntil(Instant time) throws InterruptedException;
    }

    record Result(long messages, long shed, int cycles) {
    }

    private final Platform platform;
    private final InstantSource clock;
    private final Pacer pacer;
    private final PrintStream log;
    private final PrintStream record;
    private final VehicleStateJson json = new VehicleStateJson();

    Demo(Platform platform, InstantSource clock, Pacer pacer, PrintStream log, PrintStream record) {
        this.platform = platform;
        this.clock = clock;
        this.pacer = pacer;
        this.log = log;
        this.record = record;
    }

    /** Real time: sleeps until each message is due. */
    static Pacer sleeping(InstantSource clock) {
        return time -> {
            long millis = Duration.between(clock.instant(), time).toMillis();
            if (millis > 0) {
                Thread.sleep(millis);
            }
        };
    }

    /**
     * Plays cycles until {@code duration} (null: until {@code stop} says so) has passed on the clock.
     */
    Result run(Duration duration, BooleanSupplier stop) throws InterruptedException {
        Instant start = clock.instant();
        Instant end = duration == null ? Instant.MAX : start.plus(duration);
        long startMicros = start.getEpochSecond() * 1_000_000L + start.getNano() / 1_000L;
        long messages = 0;
        long shed = 0;
        int cycle = 0;
        while (!stop.getAsBoolean()) {
            long cycleStart = startMicros + cycle * Units.secondsToMicros(CityScenario.DURATION_S);
            List<Object> batch = CityScenario.timeline(CityScenario.ORIGIN_LAT_DEG, CityScenario.ORIGIN_LON_DEG,
                    cycleStart).inputs();
            cycle++;
            log.printf("cheluyun demo: cycle %d of the %.0f s city scenario: every Day-1 hazard once "
                    + "(FCW, ICW, LTA, BSW/LCW, DNPW, EBW, AVW, CLW, HLW, SLW, RLVW, VRUCW, GLOSA, IVS, TJW, EVW); "
                    + "warnings go to stdout%n", cycle, CityScenario.DURATION_S);
            for (Object message : batch) {
                long time = Math.max(cycleStart, CityScenario.timeOf(message));
                Instant due = Instant.ofEpochSecond(0, time * 1_000L);
                if (!due.isBefore(end) || stop.getAsBoolean()) {
                    return new Result(messages, shed, cycle);
                }
                pacer.waitUntil(due);
                if (record != null) {
                    record.println(message instanceof VehicleState v ? json.write(v) : InfrastructureJson.write(message));
                }
                if (ScenarioRunner.offer(platform.ingest(), message) != OfferResult.ACCEPTED) {
                    shed++;
                }
                messages++;
            }
        }
        return new Result(messages, shed, cycle);
    }
}
