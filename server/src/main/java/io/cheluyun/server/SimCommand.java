package io.cheluyun.server;

import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.sim.SumoReplay;
import io.cheluyun.sim.SumoScenario;
import io.cheluyun.twin.OfferResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cheluyun sim}: a SUMO scenario through the platform — MAP from the net, SPaT from the saved signal states,
 * BSMs and pedestrians from the FCD — with the warnings as JSON lines on stdout. The outputs come from the
 * scenario's {@code out/} when a run left them there, else from running Debian's {@code sumo} on a copy of the
 * scenario for the requested duration, else (no sumo installed) from the scenario's 10-second samples.
 * {@code --speed max} steps the pipeline on this thread after every simulation step (deterministic: the same run
 * gives the same warnings); {@code --speed 1x} runs the threaded platform in real time.
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

    @Option(names = "--speed", defaultValue = "max", paramLabel = "max|1x",
            description = "max: as fast as possible, deterministic; 1x: real time (default ${DEFAULT-VALUE})")
    String speed;

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
        if (!speed.equals("max") && !speed.equals("1x")) {
            err.println("sim: --speed is max or 1x, got " + speed);
            return 2;
        }
        SumoScenario scenario = SumoScenario.open(scenarioDir);
        double seconds = duration.toMillis() / 1000.0;
        Path[] outputs = outputs(scenario, seconds, err);
        try {
            return play(scenario, seconds, outputs, out, err);
        } finally {
            if (outputs[2] != null) {
                deleteTree(outputs[2]); // the copy sumo ran in
            }
        }
    }

    private int play(SumoScenario scenario, double seconds, Path[] outputs, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        long startMicros = (start == null ? Instant.now() : start).toEpochMilli() * 1_000L;
        CheluyunConfig config = configOptions.load();
        boolean realTime = speed.equals("1x");
        Platform platform = new Platform(config, List.of(new JsonLinesWarningSink(out)), System::nanoTime);
        long[] shed = new long[1];
        long wallStart = System.nanoTime();
        SumoReplay.Counts counts;
        try {
            if (realTime) {
                platform.start();
            }
            counts = new SumoReplay(scenario, startMicros, 1.0).run(outputs[0], outputs[1], seconds, step -> {
                if (realTime) {
                    long wait = wallStart + Math.round(step.timeS() * 1e9) - System.nanoTime();
                    if (wait > 0) {
                        sleep(wait);
                    }
                }
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

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void sleep(long nanos) throws IOException {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {fcd, tls, folder to delete afterwards or null}: the scenario's own outputs, a fresh sumo run, the samples. */
    private Path[] outputs(SumoScenario scenario, double seconds, PrintStream err) throws IOException,
            InterruptedException {
        Path dir = scenario.directory();
        Path fcd = dir.resolve("out/fcd.xml");
        Path tls = dir.resolve("out/tls.xml");
        if (Files.isRegularFile(fcd) && Files.isRegularFile(tls)) {
            err.println("sim: using " + fcd + " and " + tls);
            return new Path[] {fcd, tls, null};
        }
        Path run = Files.createTempDirectory("cheluyun-sumo-");
        scenario.copyInto(run);
        ProcessBuilder pb = new ProcessBuilder(sumo, "-c", scenario.config().getFileName().toString(), "--end",
                Double.toString(Math.ceil(seconds)), "--no-step-log", "true").directory(run.toFile())
                .redirectErrorStream(true).redirectOutput(run.resolve("out/sumo.log").toFile());
        if (System.getenv("SUMO_HOME") == null && Files.isDirectory(Path.of("/usr/share/sumo"))) {
            pb.environment().put("SUMO_HOME", "/usr/share/sumo"); // XML validation offline
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            err.println("sim: no sumo (" + e.getMessage() + "); playing the scenario's 10 s samples instead. "
                    + "Install it with: apt-get install -y sumo");
            deleteTree(run);
            return new Path[] {dir.resolve("fcd-sample.xml"), dir.resolve("tls-sample.xml"), null};
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(sumo + " failed; see " + run.resolve("out/sumo.log"));
        }
        err.println("sim: ran " + sumo + " for " + seconds + " s of simulation");
        return new Path[] {run.resolve("out/fcd.xml"), run.resolve("out/tls.xml"), run};
    }
}
