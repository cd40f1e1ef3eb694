package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.edge.json.InfrastructureJson;
import io.cheluyun.edge.json.VehicleStateJson;
import io.cheluyun.model.WarningType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The threaded platform with real Jetty endpoints on a free port, fed by the demo loop on a fast fake clock. */
class PlatformHttpTest {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A clock that jumps to wherever the demo waits for. */
    static final class FakeClock implements InstantSource {
        Instant now = Instant.parse("2026-11-23T08:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static long count(ByteArrayOutputStream warnings, String type) {
        return warnings.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"type\":\"" + type + "\""))
                .count();
    }

    @Test
    void demoLoopRaisesEveryDayOneWarningAndEndpointsReportThem() throws Exception {
        CheluyunConfig config = CheluyunConfig.defaults().withHttpPort(0);
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        PrintStream warningOut = new PrintStream(warnings, true, StandardCharsets.UTF_8);
        Platform platform = new Platform(config, List.of(new JsonLinesWarningSink(warningOut)), System::nanoTime);
        FakeClock clock = new FakeClock();
        Demo.Result result;
        int port;
        try {
            platform.start();
            port = platform.startHttp();
            result = new Demo(platform, clock, due -> clock.now = due, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(recorded, true, StandardCharsets.UTF_8)).run(Duration.ofSeconds(30), () -> false);
            assertThat(platform.awaitProcessed(Duration.ofSeconds(10))).isTrue();

            HttpResponse<String> health = get(port, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"shards\":2")
                    .contains("\"acceptedEvents\":" + result.messages());

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // the dispatcher thread drains its queue after the shards are done: wait until the count settles
            long seen = -1;
            while ((seen != platform.warningsDispatched()
                    || warnings.toString(StandardCharsets.UTF_8).lines().count() < seen)
                    && System.nanoTime() < deadline) {
                seen = platform.warningsDispatched();
                Thread.sleep(200);
            }
            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("cheluyun_ingest_accepted_total " + result.messages() + ".0")
                    .contains("cheluyun_warnings_total{type=\"FCW\"} " + count(warnings, "FCW") + ".0")
                    .contains("cheluyun_warnings_total{type=\"GLOSA\"} " + count(warnings, "GLOSA") + ".0")
                    .contains("cheluyun_warning_latency_seconds_count " + platform.warningsDispatched())
                    .contains("cheluyun_shard_vehicles{shard=")
                    .contains("jvm_memory_used_bytes");

            HttpResponse<String> missing = get(port, "/nope");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("\"error\":\"not found\"");
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        } finally {
            platform.close();
        }

        // one 30 s cycle of the city scenario (the next one is due just as the duration ends): every Day-1
        // application fires
        assertThat(result.cycles()).isEqualTo(2);
        List<String> lines = warnings.toString(StandardCharsets.UTF_8).lines().toList();
        for (WarningType type : WarningType.values()) {
            assertThat(lines).as(type.name()).anySatisfy(l -> assertThat(l).contains("\"type\":\"" + type + "\""));
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"type\":\"FCW\"")
                .contains("\"targetId\":\"follower\"").contains("\"relatedIds\":[\"leader\"]"));

        // what the demo recorded replays to the same warnings
        VehicleStateJson json = new VehicleStateJson();
        List<Object> inputs = recorded.toString(StandardCharsets.UTF_8).lines()
                .map(l -> InfrastructureJson.handles(l) ? InfrastructureJson.parse(l).input() : json.parse(l).state())
                .toList();
        assertThat(inputs).hasSize((int) result.messages()).doesNotContainNull();
        List<String> replayed = new java.util.ArrayList<>();
        try (Platform p = new Platform(CheluyunConfig.defaults(), List.of((w, latency) ->
                replayed.add(JsonLinesWarningSink.toJson(w))), System::nanoTime)) {
            for (Object input : inputs) {
                ScenarioRunner.offer(p.ingest(), input);
                p.step();
            }
        }
        assertThat(replayed).containsExactlyInAnyOrderElementsOf(lines);
    }
}
