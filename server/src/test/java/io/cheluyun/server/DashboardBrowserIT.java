package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard end to end in a real browser: {@code ./cheluyun demo --source scripted} on a free port, then the
 * Playwright script {@code web/e2e/dashboard.e2e.mjs} drives Debian's chromium through it — log in, vehicles move,
 * a warning appears, a work zone drawn on the map gets IVS warnings for the vehicles inside it. Screenshots are kept
 * in {@code server/target/browser-screenshots} as the test's artifacts.
 */
class DashboardBrowserIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern DASHBOARD = Pattern.compile("dashboard at (http://[^/\\s]+:\\d+)/");

    @TempDir
    Path dir;

    @Test
    void anOperatorSeesTheLiveCityWarningsAndDrawsAWorkZoneThatWarnsTheVehiclesInsideIt() throws Exception {
        Path screenshots = Path.of("target", "browser-screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        Path demoErr = dir.resolve("demo-err.txt");
        ProcessBuilder demoCommand = new ProcessBuilder("bash", ROOT.resolve("cheluyun").toString(), "demo",
                "--source", "scripted", "--port", "0", "--duration", "600s").directory(dir.toFile())
                .redirectOutput(dir.resolve("demo-out.txt").toFile()).redirectError(demoErr.toFile());
        demoCommand.environment().put("CHELUYUN_NO_BUILD", "1");
        Process demo = demoCommand.start();
        try {
            String base = awaitDashboard(demo, demoErr);
            ProcessBuilder e2e = new ProcessBuilder("node", ROOT.resolve("web/e2e/dashboard.e2e.mjs").toString())
                    .directory(ROOT.resolve("web").toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("e2e.txt").toFile());
            e2e.environment().put("BASE_URL", base);
            e2e.environment().put("SCREENSHOT_DIR", screenshots.toString());
            Process browser = e2e.start();
            boolean finished = browser.waitFor(300, TimeUnit.SECONDS);
            if (!finished) {
                browser.destroyForcibly();
            }
            String log = Files.readString(dir.resolve("e2e.txt"), StandardCharsets.UTF_8);
            Files.writeString(screenshots.resolve("e2e.txt"), log);
            assertThat(finished).as("the browser run ended within 300 s:%n%s", log).isTrue();
            assertThat(browser.exitValue()).as("the browser run:%n%s%n--- demo:%n%s", log, tail(demoErr)).isZero();
            try (var files = Files.list(screenshots)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).toList())
                        .as("screenshots").hasSizeGreaterThanOrEqualTo(4);
            }
        } finally {
            demo.destroy();
            if (!demo.waitFor(20, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    private static String awaitDashboard(Process demo, Path err) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = DASHBOARD.matcher(Files.readString(err, StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1).replace("localhost", "127.0.0.1");
            }
            if (!demo.isAlive()) {
                throw new AssertionError("the demo ended before it served the dashboard:\n" + tail(err));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the demo did not print its dashboard address within 120 s:\n" + tail(err));
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
