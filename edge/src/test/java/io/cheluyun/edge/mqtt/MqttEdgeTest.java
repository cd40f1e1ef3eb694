package io.cheluyun.edge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.VehicleStates;
import io.cheluyun.edge.Admission;
import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.Edge;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.Envelope;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Plausibility;
import io.cheluyun.edge.Transport;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT uplinks through the embedded broker (Moquette) and a real external broker (Debian mosquitto, started here):
 * registered devices publish UPER on their own topics and are decoded; strangers, other devices' topics, unknown
 * message types and bad payloads are refused and counted.
 */
@Timeout(60)
class MqttEdgeTest {

    private static final String RSU_TOKEN = "rsu-7-secret";

    private final List<Object> admitted = new CopyOnWriteArrayList<>();
    private Edge edge;
    private Process mosquitto;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Edge start(EdgeConfig.Mqtt mqtt, boolean open) throws Exception {
        DeviceRegistry registry = new DeviceRegistry();
        registry.register(new Device("rsu-7", Device.Kind.RSU, DeviceRegistry.tokenSha256(RSU_TOKEN), null,
                "0000000000000007", "csae53-2017", new GeoPoint(39.9764, 116.3509), 1000, null, 0, List.of()));
        registry.register(new Device("rsu-8", Device.Kind.RSU, DeviceRegistry.tokenSha256("rsu-8-secret"), null,
                "0000000000000008", "csae53-2017", new GeoPoint(39.9764, 116.3509), 1000, null, 0, List.of()));
        EdgeConfig config = EdgeConfig.defaults().withOpenDemo(open).withMqtt(mqtt);
        edge = Edge.create(config, registry, record -> {
            admitted.add(record);
            return Admission.ACCEPTED;
        }, Envelope.BARE, Plausibility.NONE, new SimpleMeterRegistry(), () -> System.currentTimeMillis() * 1_000L,
                System::nanoTime);
        edge.start();
        return edge;
    }

    private static EdgeConfig.Mqtt embedded() {
        return new EdgeConfig.Mqtt("embedded", "127.0.0.1", 0, -1, "uper", "csae53-2017", "csae53-2017", "cheluyun",
                "", 1024);
    }

    @Test
    void aRegisteredRsuPublishesBsmsThroughTheEmbeddedBroker() throws Exception {
        start(embedded(), false);
        try (Device7 rsu = Device7.connect(edge.broker().port(), "rsu-7", RSU_TOKEN)) {
            rsu.publish("v2x/rsu/rsu-7/up/BSM", bsm("00000000000000e1"));
            awaitAdmitted(1);
            assertThat(((VehicleState) admitted.getFirst()).vehicleId()).isEqualTo("00000000000000e1");
            assertThat(edge.metrics().acceptedCount(Transport.MQTT, "BSM")).isEqualTo(1);
        }
    }

    @Test
    void theEmbeddedBrokerRefusesStrangersAndWrongTokens() throws Exception {
        start(embedded(), false);
        assertThatThrownBy(() -> Device7.connect(edge.broker().port(), "rsu-7", "guess")).isNotNull();
        assertThatThrownBy(() -> Device7.connect(edge.broker().port(), "somebody", "anything")).isNotNull();
    }

    @Test
    void anRsuCannotPublishUnderAnotherRsusTopic() throws Exception {
        start(embedded(), false);
        try (Device7 rsu = Device7.connect(edge.broker().port(), "rsu-7", RSU_TOKEN)) {
            rsu.publish("v2x/rsu/rsu-8/up/BSM", bsm("00000000000000e2")); // the broker's ACL drops it
            rsu.publish("v2x/rsu/rsu-7/up/BSM", bsm("00000000000000e3"));
            awaitAdmitted(1);
            Thread.sleep(200);
            assertThat(admitted).extracting(r -> ((VehicleState) r).vehicleId()).containsExactly("00000000000000e3");
        }
    }

    @Test
    void badPayloadsAndUnknownTypesAreCountedAndTheNextMessageStillArrives() throws Exception {
        start(embedded(), false);
        try (Device7 rsu = Device7.connect(edge.broker().port(), "rsu-7", RSU_TOKEN)) {
            rsu.publish("v2x/rsu/rsu-7/up/FOO", bsm("00000000000000e4"));
            rsu.publish("v2x/rsu/rsu-7/up/SPAT", bsm("00000000000000e5"));
            rsu.publish("v2x/rsu/rsu-7/up/BSM", new byte[] {(byte) 0xff, (byte) 0xff, 0x00});
            rsu.publish("v2x/rsu/rsu-7/up/BSM", new byte[20_000]);
            rsu.publish("v2x/rsu/rsu-7/up/BSM", bsm("00000000000000e6"));
            awaitAdmitted(1);
            assertThat(((VehicleState) admitted.getFirst()).vehicleId()).isEqualTo("00000000000000e6");
            assertThat(edge.metrics().rejectedCount(Transport.MQTT, InputProblem.UNKNOWN_MESSAGE_TYPE)).isEqualTo(2);
            assertThat(edge.metrics().rejectedCount(Transport.MQTT, InputProblem.MALFORMED_UPER)
                    + edge.metrics().rejectedCount(Transport.MQTT, InputProblem.TRUNCATED)).isEqualTo(1);
            assertThat(edge.metrics().rejectedCount(Transport.MQTT, InputProblem.OVERSIZED)).isEqualTo(1);
        }
    }

    @Test
    void withJsonPayloadsAnOnboardUnitPublishesItsStateAsCanonicalJson() throws Exception {
        start(new EdgeConfig.Mqtt("embedded", "127.0.0.1", 0, -1, "json", "csae53-2017", "csae53-2017", "cheluyun",
                "", 1024), true);
        try (Device7 obu = Device7.connect(edge.broker().port(), "car-9", "any")) {
            obu.publish("v2x/obu/car-9/up/BSM", "{\"vehicleId\":\"car-9\",\"timeMicros\":1763884800000000,"
                    .concat("\"latDeg\":39.9764,\"lonDeg\":116.3509,\"headingDeg\":0,\"speedMps\":8}")
                    .getBytes(StandardCharsets.UTF_8));
            obu.publish("v2x/obu/car-9/up/BSM", "{not json".getBytes(StandardCharsets.UTF_8));
            awaitAdmitted(1);
            assertThat(((VehicleState) admitted.getFirst()).speedMps()).isEqualTo(8.0);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (edge.metrics().rejectedCount(Transport.MQTT, InputProblem.MALFORMED_JSON) == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(edge.metrics().rejectedCount(Transport.MQTT, InputProblem.MALFORMED_JSON)).isEqualTo(1);
        }
    }

    @Test
    void uplinksThroughARealMosquittoBroker() throws Exception {
        Path binary = Path.of("/usr/sbin/mosquitto");
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeTrue(Files.isExecutable(binary), "Debian mosquitto is not installed (.ci/run installs it)");
        }
        int port = freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n",
                StandardCharsets.US_ASCII);
        mosquitto = new ProcessBuilder(binary.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        awaitPort(port);
        start(new EdgeConfig.Mqtt("external", "127.0.0.1", port, -1, "uper", "csae53-2017", "csae53-2017",
                "cheluyun", "", 1024), false);
        try (Device7 rsu = Device7.connect(port, "rsu-7", RSU_TOKEN);
             Device7 stranger = Device7.connect(port, "rsu-99", "x")) {
            stranger.publish("v2x/rsu/rsu-99/up/BSM", bsm("00000000000000f0"));
            rsu.publish("v2x/rsu/rsu-7/up/BSM", bsm("00000000000000f1"));
            awaitAdmitted(1);
            assertThat(((VehicleState) admitted.getFirst()).vehicleId()).isEqualTo("00000000000000f1");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (edge.metrics().rejectedCount(Transport.MQTT, InputProblem.UNKNOWN_SENDER) == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(edge.metrics().rejectedCount(Transport.MQTT, InputProblem.UNKNOWN_SENDER)).isEqualTo(1);
        }
    }

    /** A device's MQTT connection (HiveMQ client, MQTT 3.1.1). */
    record Device7(Mqtt3BlockingClient client) implements AutoCloseable {

        static Device7 connect(int port, String user, String token) {
            Mqtt3BlockingClient c = MqttClient.builder().useMqttVersion3().identifier(user + "-" + System.nanoTime())
                    .serverHost("127.0.0.1").serverPort(port).buildBlocking();
            c.connectWith().simpleAuth().username(user).password(token.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().send();
            return new Device7(c);
        }

        void publish(String topic, byte[] payload) {
            client.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(payload).send();
        }

        @Override
        public void close() {
            client.disconnect();
        }
    }

    static byte[] bsm(String id) {
        VehicleState s = new VehicleState(id, System.currentTimeMillis() * 1_000L, new GeoPoint(39.9764, 116.3509),
                40, 0, 10, 0, 0, 4.5, 1.8, VehicleClass.PASSENGER_CAR, new BrakeState(false, false, false, false),
                ExteriorLights.NONE);
        return Family.CSAE53_2017.encode(VehicleStates.toCsae2017(s, 1));
    }

    private void awaitAdmitted(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (admitted.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(admitted).hasSize(n);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                assertThat(s.isConnected()).isTrue();
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("mosquitto did not open port " + port);
    }
}
