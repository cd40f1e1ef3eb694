package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.RoadEvents;
import io.cheluyun.codec.adapt.VehicleStates;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop over real sockets: an RSU forwards UPER BSMs over UDP, FCW fires in the twin, and the warning goes
 * back to the same RSU as a CSAE RSI over MQTT (embedded broker), which a subscribed fake RSU receives and decodes.
 * The latency from the triggering datagram to the RSI's arrival is measured and printed.
 */
@Timeout(60)
class EdgeEndToEndTest {

    private static final GeoPoint ORIGIN = new GeoPoint(43.8868, 125.3245);

    @TempDir
    Path dir;

    @Test
    void uperBsmsOverUdpRaiseFcwThatReachesTheRsuAsRsiOverMqtt() throws Exception {
        Path devices = dir.resolve("devices.yaml");
        Files.writeString(devices, """
                devices:
                  - id: rsu-7
                    kind: rsu
                    tokenSha256: %s
                    rsuId: "0000000000000007"
                    family: csae53-2017
                    position: {latDeg: 43.8868, lonDeg: 125.3245}
                    rangeM: 800
                    udpAddress: 127.0.0.1
                """.formatted(DeviceRegistry.tokenSha256("rsu-7-secret")), StandardCharsets.UTF_8);
        CheluyunConfig defaults = CheluyunConfig.defaults();
        EdgeConfig edge = defaults.edge().withRegistryFile(devices.toString())
                .withUdp(new EdgeConfig.Udp(true, "127.0.0.1", List.of(new EdgeConfig.UdpPort(0, "csae53-2017",
                        "none"))))
                .withMqtt(new EdgeConfig.Mqtt("embedded", "127.0.0.1", 0, -1, "uper", "csae53-2017", "csae53-2017",
                        "cheluyun", "", 1024));
        List<Warning> warnings = new CopyOnWriteArrayList<>();
        try (Platform platform = new Platform(defaults.withEdge(edge),
                List.of((w, latency) -> warnings.add(w)), System::nanoTime)) {
            platform.start();
            platform.startEdge();
            List<RoadEvent> rsi = new CopyOnWriteArrayList<>();
            long[] rsiArrivedNanos = new long[1];
            Mqtt3AsyncClient rsu = MqttClient.builder().useMqttVersion3().identifier("rsu-7-radio")
                    .serverHost("127.0.0.1").serverPort(platform.edge().broker().port()).buildAsync();
            rsu.connectWith().simpleAuth().username("rsu-7").password("rsu-7-secret".getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().send().get(10, TimeUnit.SECONDS);
            rsu.subscribeWith().topicFilter("v2x/rsu/rsu-7/down/RSI").qos(MqttQos.AT_MOST_ONCE).callback(p -> {
                try {
                    var frame = (io.cheluyun.codec.csae2017.MessageFrame.RsiFrame)
                            Family.CSAE53_2017.decode(p.getPayloadAsBytes());
                    List<RoadEvent> events = RoadEvents.fromCsae2017(frame.value(), System.currentTimeMillis() * 1_000L);
                    if (!fcwArrived(rsi) && fcwArrived(events)) {
                        rsiArrivedNanos[0] = System.nanoTime();
                    }
                    rsi.addAll(events);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).send().get(10, TimeUnit.SECONDS);

            int udpPort = platform.edge().udp().ports().getFirst();
            long[] sentNanos = new long[20];
            try (DatagramChannel radio = DatagramChannel.open()) {
                // a slow car (3 m/s) 40 m ahead of one at 15 m/s, 10 Hz: TTC falls through FCW's 3 s
                for (int k = 0; k < 20 && !fcwArrived(rsi); k++) {
                    long now = System.currentTimeMillis() * 1_000L;
                    send(radio, udpPort, car("00000000000000a1", now, 40 + 0.3 * k, 3));
                    sentNanos[k] = System.nanoTime();
                    send(radio, udpPort, car("00000000000000a2", now, 1.5 * k, 15));
                    Thread.sleep(100);
                }
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!fcwArrived(rsi) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            rsu.disconnect();

            assertThat(warnings).extracting(Warning::type).contains(WarningType.FCW);
            Warning fcw = warnings.stream().filter(w -> w.type() == WarningType.FCW).findFirst().orElseThrow();
            assertThat(fcw.targetId()).isEqualTo("00000000000000a2");
            assertThat(rsi).extracting(RoadEvent::description).anySatisfy(d -> assertThat(d)
                    .startsWith("FCW for 00000000000000a2"));
            long triggeredAt = 0;
            for (long s : sentNanos) {
                if (s != 0 && s <= rsiArrivedNanos[0]) {
                    triggeredAt = s;
                }
            }
            double latencyMs = (rsiArrivedNanos[0] - triggeredAt) / 1e6;
            System.out.printf("UDP BSM -> FCW -> RSI over MQTT: %.2f ms from the last datagram before it; "
                    + "downlink ingest to send: max %.2f ms over %d message(s)%n", latencyMs,
                    platform.edge().downlink().latency().max(TimeUnit.MILLISECONDS),
                    platform.edge().downlink().latency().count());
            assertThat(latencyMs).isBetween(0.0, 1_000.0);
            assertThat(platform.edge().downlink().sentCount()).isGreaterThanOrEqualTo(1);
        }
    }

    private static boolean fcwArrived(List<RoadEvent> events) {
        return events.stream().anyMatch(e -> e.description().startsWith("FCW"));
    }

    private static void send(DatagramChannel radio, int port, byte[] uper) throws Exception {
        radio.send(ByteBuffer.wrap(uper), new InetSocketAddress("127.0.0.1", port));
    }

    private static byte[] car(String id, long timeMicros, double northM, double speedMps) {
        VehicleState s = new VehicleState(id, timeMicros, new GeoPoint(ORIGIN.latDeg() + northM / 111_195.0,
                ORIGIN.lonDeg()), 200, 0, speedMps, 0, 0, 4.5, 1.8, VehicleClass.PASSENGER_CAR,
                new BrakeState(false, false, false, false), ExteriorLights.NONE);
        return Family.CSAE53_2017.encode(VehicleStates.toCsae2017(s, 1));
    }
}
