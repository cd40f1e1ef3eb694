package io.cheluyun.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cheluyun.model.GeoPoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TraCI client against a real Debian {@code sumo} (1.15) running the Changchun grid, started here: the values
 * are those of the scenario's own TraCI check (scenarios/changchun-grid/traci-check.md), made with SUMO's Python
 * client on the same seeded run.
 */
@Timeout(60)
class TraciClientTest {

    @TempDir
    Path dir;

    @Test
    void stepsReadsAndSlowsVehiclesAndReadsSignalsLikeSumosOwnClient() throws Exception {
        Path sumo = Path.of("/usr/bin/sumo");
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isExecutable(sumo), "Debian sumo is not installed (.ci/run installs it)");
        }
        SumoScenario.open(SumoReplayTest.SCENARIO).copyInto(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(sumo.toString(), "-c", "changchun-grid.sumocfg", "--remote-port",
                Integer.toString(port), "--duration-log.statistics", "false").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out/sumo.log").toFile());
        pb.environment().put("SUMO_HOME", "/usr/share/sumo");
        Process process = pb.start();
        try {
            SumoNet net = SumoNet.read(dir.resolve("net.xml"));
            try (TraciClient traci = TraciClient.connect("127.0.0.1", port, Duration.ofSeconds(20))) {
                assertThat(traci.version()).isEqualTo(new TraciClient.Version(20, "SUMO 1.15.0"));
                for (int k = 0; k < 50; k++) {
                    traci.step();
                }
                assertThat(traci.time()).isCloseTo(5.0, within(1e-9));
                assertThat(traci.vehicleIds()).containsExactlyInAnyOrder("car0", "car1", "car2", "car3", "car4",
                        "truck0");
                assertThat(traci.vehicleSpeed("car0")).isCloseTo(13.1, within(0.005));
                assertThat(traci.vehicleSpeed("truck0")).isCloseTo(14.99, within(0.005));
                assertThat(traci.vehicleType("truck0")).isEqualTo("truck");
                assertThat(traci.trafficLightIds()).hasSize(9).contains("B1");
                assertThat(traci.trafficLightState("B1")).isEqualTo("gGGggrrrrrgGGggrrrrrrGrG");
                assertThat(traci.trafficLightPhase("B1")).isZero();

                traci.slowDown("truck0", 2.0, 3.0);
                double[] expected = {12.99, 10.99, 8.99, 6.99, 4.99, 2.99}; // 4 m/s²: the truck type's decel
                for (double speed : expected) {
                    for (int k = 0; k < 5; k++) {
                        traci.step();
                    }
                    assertThat(traci.vehicleSpeed("truck0")).isCloseTo(speed, within(0.005));
                }
                double[] xy = traci.vehiclePosition("truck0");
                GeoPoint at = net.toGeo(xy[0], xy[1]);
                assertThat(at.lonDeg()).isCloseTo(125.197520, within(1e-6));
                assertThat(at.latDeg()).isCloseTo(43.840747, within(1e-6));
                traci.setType("car0", "truck");
                assertThat(traci.vehicleType("car0")).isEqualTo("truck");
                assertThatThrownBy(() -> traci.setType("car1", "no-such-type"))
                        .isInstanceOf(TraciClient.TraciException.class).hasMessageContaining("no-such-type");
                assertThat(traci.collidingVehicleIds()).isEmpty();
                assertThatThrownBy(() -> traci.vehicleSpeed("no-such-car")).isInstanceOf(TraciClient.TraciException.class)
                        .hasMessageContaining("no-such-car");
            }
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void noServerIsAClearErrorAfterTheTimeout() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> TraciClient.connect("127.0.0.1", port, Duration.ofMillis(200)))
                .hasMessageContaining("no TraCI server on 127.0.0.1:" + port);
    }
}
