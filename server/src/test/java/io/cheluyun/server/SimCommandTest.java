package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Changchun grid's first 30 s, simulated by a real Debian {@code sumo} started by the command, played through the
 * platform: one MAP per signalised junction per second, one SPaT per junction per step, every vehicle's BSM, and
 * warnings from the real traffic; and the same run again gives the same warnings, byte for byte.
 */
@Timeout(120)
class SimCommandTest {

    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) MAPs, (\\d+) SPaTs, (\\d+) BSMs, (\\d+) pedestrians; (\\d+) not taken; (\\d+) warning");

    record Run(int exit, String out, String err) {
    }

    @Test
    void thirtySecondsOfTheChangchunGridGiveTheExpectedMessagesAndWarnings() {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/sumo")), "Debian sumo is not installed (.ci/run does)");
        }
        Run first = sim();
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("ran /usr/bin/sumo for 30.0 s");
        Matcher m = SUMMARY.matcher(first.err());
        assertThat(m.find()).as(first.err()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(9L * 30);  // 9 junctions, MAP every second
        assertThat(Long.parseLong(m.group(2))).isEqualTo(9L * 300); // 9 signals, every 0.1 s step
        assertThat(Long.parseLong(m.group(3))).isGreaterThan(1_000);
        assertThat(Long.parseLong(m.group(4))).isGreaterThan(0);
        assertThat(Long.parseLong(m.group(5))).isZero();
        long warnings = Long.parseLong(m.group(6));
        assertThat(warnings).isPositive();
        assertThat(first.out().lines().count()).isEqualTo(warnings);
        assertThat(first.out()).contains("\"type\":\"GLOSA\""); // MAP lanes, signal groups and SPaT timing agree

        Run second = sim();
        assertThat(second.out()).isEqualTo(first.out());
    }

    private static Run sim() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.execute(new String[] {"sim", "--scenario", Path.of("..", "scenarios", "changchun-grid")
                        .toString(), "--duration", "30s", "--start", "2026-11-23T08:00:00Z", "--sumo", "/usr/bin/sumo"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
