package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands as a user runs them: the {@code ./cheluyun} script, its JDK selection and the shaded jar
 * built by this build's package phase. {@code CHELUYUN_NO_BUILD} keeps the script from starting a nested build.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(ROOT.resolve("cheluyun").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("CHELUYUN_NO_BUILD", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cheluyun " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void demoPrintsWarningsAndExitsCleanly() throws Exception {
        Result r = launch(Map.of(), "demo", "--source", "scripted", "--duration", "6s", "--port", "0", "--record",
                dir.resolve("demo.jsonl").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("using JDK").contains("/health and /metrics");
        // the first 6 s of the city scenario: among others the emergency brake and the red-light runner
        assertThat(r.out().lines().toList()).anySatisfy(line -> assertThat(line)
                .contains("\"type\":\"EBW\"").contains("\"targetId\":\"follower\""))
                .anySatisfy(line -> assertThat(line).contains("\"type\":\"RLVW\"")
                        .contains("\"targetId\":\"red-runner\""));

        // what the demo saw (BSMs, SPATs, the MAP, road events, a pedestrian) replays to the same warnings; the
        // demo's two shards deliver in their own order, replay in input order
        Result replay = launch(Map.of(), "replay", "--input", dir.resolve("demo.jsonl").toString());
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out().lines().sorted().toList()).isEqualTo(r.out().lines().sorted().toList());
    }

    @Test
    void withSumoInstalledTheDemoPlaysSumoTrafficFromAnyDirectory() throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/sumo")), "Debian sumo is not installed (.ci/run does)");
        }
        Result r = launch(Map.of(), "demo", "--duration", "8s", "--port", "0", "--record",
                dir.resolve("sumo.jsonl").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("sumo is installed: SUMO traffic on " + ROOT.resolve("scenarios/changchun-grid"))
                .contains("ran sumo for 300.0 s of simulation").contains("cycle 1 of 300 s of SUMO traffic");
        List<String> recorded = Files.readAllLines(dir.resolve("sumo.jsonl"));
        assertThat(recorded).anySatisfy(line -> assertThat(line).contains("\"vehicleId\":\"car"))
                .anySatisfy(line -> assertThat(line).startsWith("{\"signal\":"))
                .anySatisfy(line -> assertThat(line).startsWith("{\"map\":"));
        assertThat(r.out().lines()).isNotEmpty();

        Result replay = launch(Map.of(), "replay", "--input", dir.resolve("sumo.jsonl").toString());
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out().lines().sorted().toList()).isEqualTo(r.out().lines().sorted().toList());
    }

    @Test
    void theShippedExampleReplays() throws Exception {
        Result r = launch(Map.of(), "replay", "--input", ROOT.resolve("examples/leader-brakes.jsonl").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"type\":\"FCW\"").contains("\"targetId\":\"follower\"");
        assertThat(r.err()).contains("0 rejected");
    }

    @Test
    void saysClearlyWhenNoSuitableJdkExists() throws Exception {
        Path emptyJdkDir = Files.createDirectories(dir.resolve("jvms"));
        Result r = launch(Map.of("JAVA_HOME", "/nonexistent", "PATH", "/usr/bin:/bin",
                "CHELUYUN_JDK_DIRS", emptyJdkDir.toString()), "version");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no JDK >= 21 found").contains("/nonexistent");
    }

    @Test
    void picksTheNewestJdkFromTheJdkDirectoriesWhenPathHasAnOldOne() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Path jvms = Files.createDirectories(dir.resolve("jvms"));
        Files.createSymbolicLink(jvms.resolve("my-jdk"), jdk);
        Result r = launch(Map.of("JAVA_HOME", "", "PATH", "/usr/bin:/bin", "CHELUYUN_JDK_DIRS", jvms.toString()),
                "version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("using JDK " + Runtime.version().feature());
        assertThat(r.out()).startsWith("cheluyun 0.1.0-SNAPSHOT");
    }
}
