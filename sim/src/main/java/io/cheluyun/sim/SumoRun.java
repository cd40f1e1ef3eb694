package io.cheluyun.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A scenario's FCD and signal-state outputs, from wherever they are: the scenario's {@code out/} when a run left
 * them there, else a fresh run of Debian's {@code sumo} on a copy of the scenario (deleted on {@link #close()}), else
 * (no sumo installed) the scenario's 10-second samples.
 *
 * @param fcd    the FCD output ({@code --fcd-output.geo})
 * @param tls    the SaveTLSStates output
 * @param ranSumo whether sumo ran for these outputs
 * @param copy   the folder sumo ran in, deleted on close; null when the outputs are the scenario's own
 */
public record SumoRun(Path fcd, Path tls, boolean ranSumo, Path copy) implements AutoCloseable {

    /** The outputs for {@code seconds} of simulation; progress and fallbacks are told on {@code log}. */
    public static SumoRun outputs(SumoScenario scenario, double seconds, String sumo, String who, PrintStream log)
            throws IOException, InterruptedException {
        Path dir = scenario.directory();
        Path fcd = dir.resolve("out/fcd.xml");
        Path tls = dir.resolve("out/tls.xml");
        if (Files.isRegularFile(fcd) && Files.isRegularFile(tls)) {
            log.println(who + ": using " + fcd + " and " + tls);
            return new SumoRun(fcd, tls, false, null);
        }
        Path run = Files.createTempDirectory("cheluyun-sumo-");
        scenario.copyInto(run);
        ProcessBuilder pb = new ProcessBuilder(sumo, "-c", scenario.config().getFileName().toString(), "--end",
                Double.toString(Math.ceil(seconds)), "--no-step-log", "true").directory(run.toFile())
                .redirectErrorStream(true).redirectOutput(run.resolve("out/sumo.log").toFile());
        withSumoHome(pb);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            log.println(who + ": no sumo (" + e.getMessage() + "); playing the scenario's 10 s samples instead. "
                    + "Install it with: apt-get install -y sumo");
            deleteTree(run);
            return new SumoRun(dir.resolve("fcd-sample.xml"), dir.resolve("tls-sample.xml"), false, null);
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(sumo + " failed; see " + run.resolve("out/sumo.log"));
        }
        log.println(who + ": ran " + sumo + " for " + seconds + " s of simulation");
        return new SumoRun(run.resolve("out/fcd.xml"), run.resolve("out/tls.xml"), true, run);
    }

    /** Whether {@code sumo} starts here ({@code sumo --version} exits 0). */
    public static boolean available(String sumo) {
        try {
            Process p = new ProcessBuilder(List.of(sumo, "--version")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Points sumo at Debian's data (XML schemas for offline validation) when SUMO_HOME is not set. */
    public static void withSumoHome(ProcessBuilder pb) {
        if (System.getenv("SUMO_HOME") == null && Files.isDirectory(Path.of("/usr/share/sumo"))) {
            pb.environment().put("SUMO_HOME", "/usr/share/sumo");
        }
    }

    /** Deletes a folder and everything under it. */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (copy != null) {
            deleteTree(copy);
        }
    }
}
