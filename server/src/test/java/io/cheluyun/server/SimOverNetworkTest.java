package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Transport;
import io.cheluyun.model.Warning;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cheluyun sim --target}: 20 s of the Changchun grid (a real sumo run) sent in real time as a roadside unit
 * would, into two running platforms at once — T/CSAE 53-2017 as bare UPER datagrams to a UDP port, SAE J2735 as MQTT
 * publishes to the embedded broker with the RSU's token. Every message the sim sent is accepted (none refused by the
 * gate, the plausibility or the misbehaviour checks: real traffic is honest traffic) and warnings come out.
 */
@Timeout(120)
class SimOverNetworkTest {

    private static final Pattern SENT = Pattern.compile("as (\\S+) messages \\{([^}]*)}");

    @TempDir
    Path dir;

    @Test
    void theSimulationReachesRunningServersOverUdpAndMqttInBothFamilies() throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/sumo")), "Debian sumo is not installed (.ci/run does)");
        }
        Path devices = dir.resolve("devices.yaml");
        Files.writeString(devices, """
                devices:
                  - id: grid-rsu
                    kind: rsu
                    tokenSha256: %s
                    rsuId: "00000000000000c1"
                    family: csae53-2017
                    udpAddress: 127.0.0.1
                  - id: grid-rsu-j
                    kind: rsu
                    tokenSha256: %s
                    family: j2735
                """.formatted(DeviceRegistry.tokenSha256("c1-secret"), DeviceRegistry.tokenSha256("j-secret")),
                StandardCharsets.UTF_8);
        Path token = Files.writeString(dir.resolve("token"), "j-secret\n");
        CheluyunConfig defaults = CheluyunConfig.defaults();
        EdgeConfig edge = defaults.edge().withRegistryFile(devices.toString());
        EdgeConfig udpEdge = edge.withUdp(new EdgeConfig.Udp(true, "127.0.0.1",
                List.of(new EdgeConfig.UdpPort(0, "csae53-2017", "none"))));
        EdgeConfig mqttEdge = edge.withMqtt(new EdgeConfig.Mqtt("embedded", "127.0.0.1", 0, -1, "uper",
                "j2735", "j2735", "cheluyun", "", 1024));
        List<Warning> udpWarnings = new CopyOnWriteArrayList<>();
        List<Warning> mqttWarnings = new CopyOnWriteArrayList<>();
        try (Platform udp = new Platform(defaults.withEdge(udpEdge), List.of((w, l) -> udpWarnings.add(w)),
                System::nanoTime);
             Platform mqtt = new Platform(defaults.withEdge(mqttEdge), List.of((w, l) -> mqttWarnings.add(w)),
                     System::nanoTime)) {
            for (Platform p : List.of(udp, mqtt)) {
                p.start();
                p.startEdge();
            }
            SimCommandTest.Run overUdp;
            SimCommandTest.Run overMqtt;
            try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
                Future<SimCommandTest.Run> csae = senders.submit(() -> sim("--target", "udp://127.0.0.1:"
                        + udp.edge().udp().ports().getFirst(), "--family", "csae53-2017", "--device", "grid-rsu"));
                Future<SimCommandTest.Run> j2735 = senders.submit(() -> sim("--target", "mqtt://127.0.0.1:"
                        + mqtt.edge().broker().port(), "--family", "j2735", "--device", "grid-rsu-j", "--token-file",
                        token.toString()));
                overUdp = csae.get();
                overMqtt = j2735.get();
            }
            assertThat(overUdp.exit()).as(overUdp.err()).isZero();
            assertThat(overMqtt.exit()).as(overMqtt.err()).isZero();

            Map<String, Long> sentUdp = sent(overUdp.err(), "csae53-2017");
            Map<String, Long> sentMqtt = sent(overMqtt.err(), "j2735");
            assertThat(sentUdp).containsEntry("MAP", 9L * 20).containsEntry("SPAT", 9L * 200)
                    .containsKeys("BSM", "RSM");
            assertThat(sentMqtt).containsEntry("MAP", 9L * 20).containsEntry("SPAT", 9L * 200)
                    .containsKeys("BSM", "PSM");
            assertThat(sentMqtt.get("BSM")).isEqualTo(sentUdp.get("BSM")).isGreaterThan(500);

            assertThat(awaitAccepted(udp, Transport.UDP, sentUdp)).isEqualTo(sentUdp);
            assertThat(awaitAccepted(mqtt, Transport.MQTT, sentMqtt)).isEqualTo(sentMqtt);
            for (InputProblem problem : InputProblem.values()) {
                assertThat(udp.inputRejectedCount(Transport.UDP, problem)).as(problem.label()).isZero();
                assertThat(mqtt.inputRejectedCount(Transport.MQTT, problem)).as(problem.label()).isZero();
            }
            udp.awaitProcessed(Duration.ofSeconds(5));
            mqtt.awaitProcessed(Duration.ofSeconds(5));
            System.out.printf("sim over UDP as csae53-2017: sent %s, %d warning(s); over MQTT as j2735: sent %s, %d "
                    + "warning(s)%n", sentUdp, udpWarnings.size(), sentMqtt, mqttWarnings.size());
            assertThat(udpWarnings).isNotEmpty();
            assertThat(mqttWarnings).isNotEmpty();
        }
    }

    /** What the sim says it sent, by message type. */
    private static Map<String, Long> sent(String err, String family) {
        Matcher m = SENT.matcher(err);
        assertThat(m.find()).as(err).isTrue();
        assertThat(m.group(1)).isEqualTo(family);
        Map<String, Long> sent = new TreeMap<>();
        for (String entry : m.group(2).split(", ")) {
            String[] kv = entry.split("=");
            sent.put(kv[0], Long.parseLong(kv[1]));
        }
        return sent;
    }

    /** The platform's accepted counts for the types sent, once they stop growing (or 10 s). */
    private static Map<String, Long> awaitAccepted(Platform p, Transport transport, Map<String, Long> sent)
            throws InterruptedException {
        Map<String, Long> accepted = new TreeMap<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            accepted.clear();
            sent.keySet().forEach(type -> accepted.put(type, p.edge().metrics().acceptedCount(transport, type)));
            if (accepted.equals(sent)) {
                break;
            }
            Thread.sleep(50);
        }
        return accepted;
    }

    private static SimCommandTest.Run sim(String... target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("sim", "--scenario", Path.of("..", "scenarios", "changchun-grid")
                .toString(), "--duration", "20s", "--speed", "1x", "--sumo", "/usr/bin/sumo"));
        args.addAll(List.of(target));
        int exit = Main.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new SimCommandTest.Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
