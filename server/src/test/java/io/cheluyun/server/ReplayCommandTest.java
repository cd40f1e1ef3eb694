package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.edge.json.VehicleStateJson;
import io.cheluyun.model.VehicleState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code cheluyun replay} in-process through the real command line. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> warningLines() {
            return out.lines().filter(l -> l.startsWith("{")).toList();
        }
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A leader at 60 km/h brakes at −6 m/s² at 3 s; the follower 30 m behind reacts 1.9 s later. */
    static RoadScript leaderBrakes() {
        RoadScript road = RoadScript.straight(43.8868, 125.3245, 90.0, 10.0);
        road.vehicle("leader").at(130).speedKmh(60).accel(3.0, -6.0).sendPhase(0.00);
        road.vehicle("follower").at(100).speedKmh(60).accel(4.9, -7.0).sendPhase(0.02);
        road.vehicle("overtaker").lateral(-3.5).at(80).speedKmh(70).sendPhase(0.04);
        road.vehicle("truck").lateral(-7.0).oncoming().at(420).speedKmh(50)
                .size(io.cheluyun.model.VehicleClass.TRUCK, 12.0, 2.5).sendPhase(0.06);
        road.vehicle("ahead").at(220).speedKmh(75).sendPhase(0.08);
        return road;
    }

    /** A braking cycle as replay lines, with bad lines mixed in at known line numbers. */
    private Path scenarioWithBadLines() throws IOException {
        VehicleStateJson json = new VehicleStateJson();
        List<String> lines = new ArrayList<>();
        lines.add("# demo cycle with defects");
        for (VehicleState s : leaderBrakes().messages(1_790_000_000_000_000L, 12.0)) {
            lines.add(json.write(s));
            if (lines.size() == 10) {
                lines.add("{\"vehicleId\":\"x\",");                                              // line 11
                lines.add(json.write(s).replace(",\"speedMps\"", ",\"speedMPS\""));             // line 12
                lines.add(json.write(s).replaceFirst("\"speedMps\":[0-9.]+", "\"speedMps\":NaN")); // line 13
                lines.add("x".repeat(70_000));                                                  // line 14
                lines.add("");
            }
        }
        Path file = dir.resolve("demo.jsonl");
        Files.write(file, lines);
        return file;
    }

    @Test
    void replaysTheFileReportingBadLinesByNumberAndReason() throws IOException {
        Run run = cli("replay", "--input", scenarioWithBadLines().toString());

        assertThat(run.exit()).isZero();
        // the whole suite runs: the hard braking is also an emergency brake warning for the follower
        assertThat(run.warningLines()).anySatisfy(line -> assertThat(line).contains("\"type\":\"EBW\"")
                .contains("\"targetId\":\"follower\""));
        assertThat(run.warningLines().stream().filter(l -> l.contains("\"type\":\"FCW\""))).singleElement()
                .satisfies(line -> assertThat(line)
                .contains("\"type\":\"FCW\"").contains("\"targetId\":\"follower\"")
                .contains("\"relatedIds\":[\"leader\"]"));
        assertThat(run.err()).contains(":11: malformed_json")
                .contains(":12: unknown_field: unknown field \"speedMPS\"")
                .contains(":13: invalid_value: \"speedMps\" must be finite")
                .contains(":14: oversized")
                .contains("600 replayed, 4 rejected");
    }

    @Test
    void sameFileGivesByteIdenticalWarnings() throws IOException {
        Path file = scenarioWithBadLines();
        Run first = cli("replay", "--input", file.toString());
        Run second = cli("replay", "--input", file.toString());
        assertThat(first.warningLines()).isNotEmpty();
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void strictModeFailsOnRejectedLines() throws IOException {
        assertThat(cli("replay", "--strict", "--input", scenarioWithBadLines().toString()).exit()).isEqualTo(3);
    }

    @Test
    void missingInputIsAClearError() {
        Run run = cli("replay", "--input", dir.resolve("nope.jsonl").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("nope.jsonl").contains("not a readable file");
    }

    @Test
    void badConfigurationStopsWithTheKeyName() throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "pipeline:\n  shards: 0\n");
        Run run = cli("replay", "--config", config.toString(), "--input", scenarioWithBadLines().toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("pipeline.shards");
    }

    @Test
    void versionAndUsage() {
        assertThat(cli("version").out()).startsWith("cheluyun ");
        Run usage = cli("demo", "--duration", "soon");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("not a duration");
    }
}
