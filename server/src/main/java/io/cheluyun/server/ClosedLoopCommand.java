package io.cheluyun.server;

import io.cheluyun.model.Warning;
import io.cheluyun.sim.SumoReplay;
import io.cheluyun.sim.SumoRun;
import io.cheluyun.sim.SumoScenario;
import io.cheluyun.sim.TraciClient;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cheluyun closed-loop}: SUMO and the platform in one loop over TraCI, once with vehicles ignoring the
 * warnings (baseline) and once obeying them, on the same seed; prints both runs' safety and efficiency measures as
 * a Markdown table (docs/closed-loop.md).
 */
@Command(name = "closed-loop", mixinStandardHelpOptions = true,
        description = {"Run a SUMO scenario with the platform in the loop over TraCI, apps ignored vs obeyed, and "
                + "compare conflicts, hard brakes, stops, red-light violations and travel time (docs/closed-loop.md)."})
final class ClosedLoopCommand implements Callable<Integer> {

    @Mixin
    Main.ConfigOptions configOptions;

    @Option(names = "--scenario", required = true, paramLabel = "DIR", description = "SUMO scenario folder")
    Path scenarioDir;

    @Option(names = "--duration", converter = DurationConverter.class, defaultValue = "120s",
            description = "Simulation time of each run (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--sumo", defaultValue = "sumo", paramLabel = "FILE", description = "The sumo binary")
    String sumo;

    @Option(names = "--inattentive", defaultValue = "0.2", paramLabel = "SHARE",
            description = "Share of drivers (0..1) who run late reds, fail to yield, follow close and speed until a "
                    + "warning gets their attention (default ${DEFAULT-VALUE})")
    double inattentiveShare = 0.2;

    @Override
    public Integer call() throws Exception {
        PrintStream out = Main.Streams.OUT.get();
        if (!(inattentiveShare >= 0 && inattentiveShare <= 1)) {
            Main.Streams.ERR.get().println("closed-loop: --inattentive is a share within 0..1, got "
                    + inattentiveShare);
            return 2;
        }
        SumoScenario scenario = SumoScenario.open(scenarioDir);
        ClosedLoop.Metrics off = run(scenario, false);
        ClosedLoop.Metrics on = run(scenario, true);
        out.println(table(off, on));
        return 0;
    }

    static String table(ClosedLoop.Metrics off, ClosedLoop.Metrics on) {
        StringBuilder b = new StringBuilder();
        b.append("| measure | apps ignored | apps obeyed |\n|---|---:|---:|\n");
        row(b, "simulated s", "%.1f", off.seconds(), on.seconds());
        row(b, "vehicles seen", "%.0f", off.vehicles(), on.vehicles());
        row(b, "finished trips", "%.0f", off.finished(), on.finished());
        row(b, "mean travel time of finished trips, s", "%.1f", off.meanTravelTimeS(), on.meanTravelTimeS());
        row(b, "inattentive drivers", "%.0f", off.inattentiveDrivers(), on.inattentiveDrivers());
        row(b, "conflicts (TTC < 1.5 s episodes)", "%.0f", off.conflicts(), on.conflicts());
        row(b, "vehicles in collisions", "%.0f", off.collisions(), on.collisions());
        row(b, "hard brakes (≤ −4 m/s²)", "%.0f", off.hardBrakes(), on.hardBrakes());
        row(b, "stops on signalised approaches", "%.0f", off.stopsAtSignals(), on.stopsAtSignals());
        row(b, "red-light violations", "%.0f", off.redLightViolations(), on.redLightViolations());
        row(b, "… of them after an RLVW (≤ 10 s before)", "%.0f", off.violationsAnticipated(),
                on.violationsAnticipated());
        row(b, "RLVW episodes", "%.0f", off.rlvwEpisodes(), on.rlvwEpisodes());
        row(b, "… followed by a violation (≤ 10 s)", "%.0f", off.rlvwEpisodesConfirmed(),
                on.rlvwEpisodesConfirmed());
        row(b, "warnings raised", "%.0f", off.warnings(), on.warnings());
        row(b, "driver actions on warnings", "%.0f", off.actions(), on.actions());
        row(b, "inattentive drivers alerted by a warning", "%.0f", off.driversAlerted(), on.driversAlerted());
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String format, double off, double on) {
        b.append("| ").append(name).append(" | ").append(String.format(format, off)).append(" | ")
                .append(String.format(format, on)).append(" |\n");
    }

    ClosedLoop.Metrics run(SumoScenario scenario, boolean obey) throws Exception {
        Path dir = Files.createTempDirectory("cheluyun-closed-loop-");
        try {
            scenario.copyInto(dir);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(sumo, "-c", scenario.config().getFileName().toString(),
                    "--remote-port", Integer.toString(port), "--duration-log.statistics", "false",
                    "--collision.check-junctions", "true"));
            if (inattentiveShare > 0) {
                scenario.writeTypeVariants(dir, "inattentive.add.xml", ClosedLoop.inattentiveTypes(scenario),
                        ClosedLoop.INATTENTIVE_SUFFIX, ClosedLoop.INATTENTIVE);
                List<String> additional = new ArrayList<>(scenario.additionalFiles());
                additional.add("inattentive.add.xml");
                command.addAll(List.of("--additional-files", String.join(",", additional)));
            }
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out/sumo.log").toFile());
            SumoRun.withSumoHome(pb);
            Process process = pb.start();
            List<Warning> pending = new ArrayList<>();
            Platform platform = new Platform(configOptions.load(), List.of((w, latency) -> {
                synchronized (pending) {
                    pending.add(w);
                }
            }), System::nanoTime);
            try (TraciClient traci = TraciClient.connect("127.0.0.1", port, Duration.ofSeconds(30))) {
                SumoReplay mapping = new SumoReplay(scenario, Instant.parse("2026-11-23T08:00:00Z").toEpochMilli()
                        * 1_000L, 1.0);
                return new ClosedLoop(scenario, mapping, platform, pending, obey, inattentiveShare).run(traci,
                        duration.toMillis() / 1000.0);
            } finally {
                platform.close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } finally {
            SumoRun.deleteTree(dir);
        }
    }
}
