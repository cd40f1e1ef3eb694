package io.cheluyun.server;

import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.codec.Family;
import io.cheluyun.sim.SumoReplay;
import io.cheluyun.sim.SumoRun;
import io.cheluyun.sim.SumoScenario;
import io.cheluyun.sim.WireEncoder;
import io.cheluyun.twin.OfferResult;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cheluyun sim}: a SUMO scenario through the platform — MAP from the net, SPaT from the saved signal states,
 * BSMs and pedestrians from the FCD — with the warnings as JSON lines on stdout. The outputs come from the
 * scenario's {@code out/} when a run left them there, else from running Debian's {@code sumo} on a copy of the
 * scenario for the requested duration, else (no sumo installed) from the scenario's 10-second samples.
 * {@code --speed max} steps the pipeline on this thread after every simulation step (deterministic: the same run
 * gives the same warnings); {@code --speed 1x} (or {@code 10x}, …) runs the threaded platform in real time (or ten
 * times faster).
 *
 * <p>With {@code --target udp://HOST:PORT} or {@code mqtt://HOST:PORT} there is no platform in this process: the
 * records go as UPER messages of {@code --family} ({@link WireEncoder}) through the real transport into a running
 * {@code cheluyun serve}, as a roadside unit would send them, paced by {@code --speed}.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Play a SUMO scenario (net, FCD and signal states) through the platform: MAP, SPaT, BSMs and "
                + "pedestrians; warnings as JSON lines on stdout. Runs Debian's sumo when the scenario has no "
                + "outputs yet (docs/simulation.md)."})
final class SimCommand implements Callable<Integer> {

    @Mixin
    Main.ConfigOptions configOptions;

    @Option(names = "--scenario", required = true, paramLabel = "DIR",
            description = "SUMO scenario folder with one .sumocfg (e.g. scenarios/changchun-grid)")
    Path scenarioDir;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION", defaultValue = "60s",
            description = "Simulation time to play (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--speed", defaultValue = "max", paramLabel = "max|1x|Nx",
            description = "max: as fast as possible (in process: deterministic); 1x: real time; Nx: N times real "
                    + "time (default ${DEFAULT-VALUE})")
    String speed;

    @Option(names = "--target", paramLabel = "URI",
            description = "Send to a running server instead: udp://HOST:PORT (its UDP port for the family) or "
                    + "mqtt://HOST:PORT (its broker)")
    URI target;

    @Option(names = "--family", defaultValue = "csae53-2017", paramLabel = "FAMILY",
            description = "Message family on the wire with --target: csae53-2017 or j2735 (default ${DEFAULT-VALUE})")
    String family;

    @Option(names = "--device", defaultValue = "sim-rsu", paramLabel = "ID",
            description = "The RSU the messages come from: its MQTT login and topic, its RSM id (default "
                    + "${DEFAULT-VALUE})")
    String device;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the device's MQTT token (default: the CHELUYUN_DEVICE_TOKEN environment "
                    + "variable; neither: an empty password, which only an open-demo broker accepts)")
    Path tokenFile;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "UTC time of simulation second 0 (default: now), e.g. 2026-11-23T08:00:00Z")
    Instant start;

    @Option(names = "--sumo", paramLabel = "FILE", defaultValue = "sumo",
            description = "The sumo binary (default: sumo on PATH)")
    String sumo;

    @Override
    public Integer call() throws Exception {
        PrintStream out = Main.Streams.OUT.get();
        PrintStream err = Main.Streams.ERR.get();
        double factor = speedFactor(speed);
        if (Double.isNaN(factor)) {
            err.println("sim: --speed is max, 1x or Nx (N > 0), got " + speed);
            return 2;
        }
        Family wire;
        try {
            wire = Family.byName(family);
        } catch (IllegalArgumentException e) {
            err.println("sim: " + e.getMessage());
            return 2;
        }
        if (target != null && !WireEncoder.FAMILIES.contains(wire)) {
            err.println("sim: no simulation encoder for " + wire.cliName() + " (the server reads MAP/SPaT/BSM/"
                    + "pedestrians of csae53-2017 and j2735 only); use --family csae53-2017 or j2735");
            return 2;
        }
        if (target != null && factor != 1) {
            err.println("sim: at --speed " + speed + " the message times (simulation time from --start) run apart "
                    + "from the server's clock; a server that checks timing (edge.misbehaviour, on by default) "
                    + "refuses messages from its future or older than its maxAgeS. Use 1x against a live server.");
        }
        SumoScenario scenario = SumoScenario.open(scenarioDir);
        double seconds = duration.toMillis() / 1000.0;
        try (SumoRun outputs = SumoRun.outputs(scenario, seconds, sumo, "sim", err)) {
            return target == null ? play(scenario, seconds, factor, outputs, out, err)
                    : send(scenario, seconds, factor, wire, outputs, err);
        }
    }

    /** 0 for max, N for Nx, NaN when not a speed. */
    static double speedFactor(String speed) {
        if (speed.equals("max")) {
            return 0;
        }
        try {
            double n = speed.endsWith("x") ? Double.parseDouble(speed.substring(0, speed.length() - 1)) : Double.NaN;
            return n > 0 && Double.isFinite(n) ? n : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The simulation through a real transport into a running server. */
    private int send(SumoScenario scenario, double seconds, double factor, Family wire, SumoRun outputs,
                     PrintStream err) throws IOException {
        long startMicros = (start == null ? Instant.now() : start).toEpochMilli() * 1_000L;
        String token = tokenFile != null ? Files.readString(tokenFile).strip()
                : System.getenv().getOrDefault("CHELUYUN_DEVICE_TOKEN", "");
        WireEncoder encoder = new WireEncoder(wire, device, scenario.net().centre());
        Map<String, Long> sent = new TreeMap<>();
        long wallStart = System.nanoTime();
        SumoReplay.Counts counts;
        try (SimTarget to = SimTarget.open(target, device, token)) {
            counts = new SumoReplay(scenario, startMicros, 1.0).run(outputs.fcd(), outputs.tls(), seconds, step -> {
                pace(wallStart, step.timeS(), factor);
                for (WireEncoder.Message m : encoder.encode(step.records(),
                        startMicros + Math.round(step.timeS() * 1e6))) {
                    to.send(m);
                    sent.merge(m.type(), 1L, Long::sum);
                }
            });
        }
        err.printf("sim: %s, %.1f s of simulation in %.1f s: %d MAPs, %d SPaTs, %d BSMs, %d pedestrians sent to %s "
                        + "as %s messages %s%n", scenario.directory().getFileName(), seconds,
                (System.nanoTime() - wallStart) / 1e9, counts.maps(), counts.spats(), counts.vehicles(),
                counts.objects(), target, wire.cliName(), sent);
        return 0;
    }

    private static void pace(long wallStart, double simSeconds, double factor) throws IOException {
        if (factor > 0) {
            long wait = wallStart + Math.round(simSeconds / factor * 1e9) - System.nanoTime();
            if (wait > 0) {
                sleep(wait);
            }
        }
    }

    private int play(SumoScenario scenario, double seconds, double factor, SumoRun outputs, PrintStream out,
                     PrintStream err) throws IOException, InterruptedException {
        long startMicros = (start == null ? Instant.now() : start).toEpochMilli() * 1_000L;
        CheluyunConfig config = configOptions.load();
        boolean realTime = factor > 0;
        Platform platform = new Platform(config, List.of(new JsonLinesWarningSink(out)), System::nanoTime);
        long[] shed = new long[1];
        long wallStart = System.nanoTime();
        SumoReplay.Counts counts;
        try {
            if (realTime) {
                platform.start();
            }
            counts = new SumoReplay(scenario, startMicros, 1.0).run(outputs.fcd(), outputs.tls(), seconds, step -> {
                pace(wallStart, step.timeS(), factor);
                for (Object record : step.records()) {
                    if (ScenarioRunner.offer(platform.ingest(), record) != OfferResult.ACCEPTED) {
                        shed[0]++;
                    }
                }
                if (!realTime) {
                    platform.step();
                }
            });
            if (realTime) {
                platform.awaitProcessed(Duration.ofSeconds(5));
            }
        } finally {
            platform.close(); // dispatches every warning still queued
        }
        err.printf("sim: %s, %.1f s of simulation in %.1f s: %d MAPs, %d SPaTs, %d BSMs, %d pedestrians; %d not "
                        + "taken; %d warning(s)%n", scenario.directory().getFileName(), seconds,
                (System.nanoTime() - wallStart) / 1e9, counts.maps(), counts.spats(), counts.vehicles(),
                counts.objects(), shed[0], platform.warningsDispatched());
        return 0;
    }

    private static void sleep(long nanos) throws IOException {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
