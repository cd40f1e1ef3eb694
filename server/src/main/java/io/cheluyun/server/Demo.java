package io.cheluyun.server;

import io.cheluyun.apps.scenario.CityScenario;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.edge.json.InfrastructureJson;
import io.cheluyun.edge.json.VehicleStateJson;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.sim.SumoReplay;
import io.cheluyun.sim.SumoRun;
import io.cheluyun.sim.SumoScenario;
import io.cheluyun.twin.OfferResult;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Plays a scenario in real time into a running {@link Platform}, cycle after cycle: {@link CityScenario} (every
 * Day-1 hazard once in 30 s) or a SUMO scenario's outputs ({@link #runSumo}: real traffic on a signalised grid).
 * Each cycle's messages carry the wall clock's time (message time = now), are paced to it, and go through the real
 * pipeline. Clock and sleep are injected, so tests run the same loop without waiting.
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
    private long messages;
    private long shed;

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
        long startMicros = micros(start);
        messages = 0;
        shed = 0;
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
                if (!deliver(message, Math.max(cycleStart, CityScenario.timeOf(message)), end, stop)) {
                    return new Result(messages, shed, cycle);
                }
            }
        }
        return new Result(messages, shed, cycle);
    }

    /**
     * Plays a SUMO run's first {@code cycleS} seconds (FCD and signal states: MAP, SPaT, BSMs, pedestrians) again
     * and again, each cycle on the wall clock from its start.
     */
    Result runSumo(SumoScenario scenario, SumoRun outputs, double cycleS, Duration duration, BooleanSupplier stop)
            throws InterruptedException, IOException {
        Instant start = clock.instant();
        Instant end = duration == null ? Instant.MAX : start.plus(duration);
        long startMicros = micros(start);
        messages = 0;
        shed = 0;
        int cycle = 0;
        while (!stop.getAsBoolean()) {
            long cycleStart = startMicros + cycle * Math.round(cycleS * 1e6);
            cycle++;
            log.printf("cheluyun demo: cycle %d of %.0f s of SUMO traffic (%s); warnings go to stdout%n", cycle,
                    cycleS, scenario.directory().getFileName());
            try {
                new SumoReplay(scenario, cycleStart, 1.0).run(outputs.fcd(), outputs.tls(), cycleS, step -> {
                    long time = cycleStart + Math.round(step.timeS() * 1e6);
                    for (Object record : step.records()) {
                        try {
                            if (!deliver(record, time, end, stop)) {
                                throw new Finished();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new Finished();
                        }
                    }
                });
            } catch (Finished f) {
                break;
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
        return new Result(messages, shed, cycle);
    }

    /** Ends a SUMO cycle from inside the replay's listener (the demo's time is up or it was stopped). */
    private static final class Finished extends IOException {
        private static final long serialVersionUID = 1L;

        Finished() {
            super("demo finished", null);
        }
    }

    /** Waits until {@code timeMicros}, then offers the message; false (and nothing offered) once the demo is over. */
    private boolean deliver(Object message, long timeMicros, Instant end, BooleanSupplier stop)
            throws InterruptedException {
        Instant due = Instant.ofEpochSecond(0, timeMicros * 1_000L);
        if (!due.isBefore(end) || stop.getAsBoolean()) {
            return false;
        }
        pacer.waitUntil(due);
        if (record != null) {
            record.println(message instanceof VehicleState v ? json.write(v) : InfrastructureJson.write(message));
        }
        if (ScenarioRunner.offer(platform.ingest(), message) != OfferResult.ACCEPTED) {
            shed++;
        }
        messages++;
        return true;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000L;
    }
}
