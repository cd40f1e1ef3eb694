package io.cheluyun.server;

import io.cheluyun.apps.scenario.RoadScript;
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
 * Plays {@link DemoScenario} in real time into a running {@link Platform}: each cycle's messages carry the wall
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
        RoadScript road = DemoScenario.road();
        long messages = 0;
        long shed = 0;
        int cycle = 0;
        while (!stop.getAsBoolean()) {
            long cycleStart = startMicros + cycle * Units.secondsToMicros(DemoScenario.CYCLE_S);
            List<VehicleState> batch = road.messages(cycleStart, DemoScenario.CYCLE_S);
            cycle++;
            log.printf("cheluyun demo: cycle %d: the leader brakes hard at +3 s; FCW warnings go to stdout%n", cycle);
            for (VehicleState message : batch) {
                Instant due = Instant.ofEpochSecond(0, message.timeMicros() * 1_000L);
                if (!due.isBefore(end) || stop.getAsBoolean()) {
                    return new Result(messages, shed, cycle);
                }
                pacer.waitUntil(due);
                if (record != null) {
                    record.println(json.write(message));
                }
                if (platform.ingest().offer(message) != OfferResult.ACCEPTED) {
                    shed++;
                }
                messages++;
            }
        }
        return new Result(messages, shed, cycle);
    }
}
