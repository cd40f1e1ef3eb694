package io.cheluyun.edge.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.VehicleStates;
import io.cheluyun.edge.Admission;
import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.EdgeMetrics;
import io.cheluyun.edge.Envelope;
import io.cheluyun.edge.Gate;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Plausibility;
import io.cheluyun.edge.Transport;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad UDP input, sent over real loopback sockets to the three framings: each is counted under its
 * reason, and a good message right after it still gets through.
 */
class UdpIngressTest {

    /** The RSU id in the real framed capture's header: ASCII "u_id_123". */
    private static final String CAPTURE_RSU_ID = "755f69645f313233";

    private final List<Object> admitted = new CopyOnWriteArrayList<>();
    private final EdgeMetrics metrics = EdgeMetrics.standalone();
    private DeviceRegistry registry;
    private UdpIngress ingress;
    private DatagramChannel client;
    private int framedPort;
    private int barePort;
    private int hexPort;

    @BeforeEach
    void start() throws IOException {
        registry = new DeviceRegistry();
        registry.register(new Device("rsu-beijing", Device.Kind.RSU, null, null, CAPTURE_RSU_ID, "csae53-2017",
                new GeoPoint(39.9764, 116.3509), 1000, null, 0, List.of()));
        EdgeConfig config = EdgeConfig.defaults().withUdp(new EdgeConfig.Udp(true, "127.0.0.1", List.of(
                new EdgeConfig.UdpPort(0, "csae53-2017", "csae-rsu"),
                new EdgeConfig.UdpPort(0, "csae53-2017", "none"),
                new EdgeConfig.UdpPort(0, "csae53-2017", "hex"))));
        Gate gate = new Gate(config, metrics, record -> {
            admitted.add(record);
            return Admission.ACCEPTED;
        }, Envelope.BARE, Plausibility.NONE, () -> System.currentTimeMillis() * 1_000L);
        ingress = UdpIngress.start(config.udp(), gate, registry);
        framedPort = ingress.ports().get(0);
        barePort = ingress.ports().get(1);
        hexPort = ingress.ports().get(2);
        client = DatagramChannel.open();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        ingress.close();
    }

    @Test
    void decodesTheRealRsuCaptureInFramingEAsTwoBsmsFromTheRegisteredRsu() throws Exception {
        send(framedPort, HexFormat.of().parseHex(resource("rsu-bsm.framed.hex").trim()));

        awaitAdmitted(2);
        assertThat(admitted).allSatisfy(r -> assertThat(r).isInstanceOf(VehicleState.class));
        assertThat(((VehicleState) admitted.get(0)).vehicleId()).isEqualToIgnoringCase("BEA9423838383838");
        assertThat(metrics.acceptedCount(Transport.UDP, "BSM")).isEqualTo(2);
    }

    @Test
    void countsEveryBadFramedInputByReasonAndKeepsServing() throws Exception {
        byte[] bsm = bsm("00000000000000b1", 0);
        sendAndExpect(framedPort, frame("u_id_999", bsm, bsm.length), InputProblem.UNKNOWN_SENDER);
        sendAndExpect(framedPort, Arrays.copyOf(frame("u_id_123", bsm, bsm.length), 12), InputProblem.MALFORMED_FRAME);
        sendAndExpect(framedPort, frame("u_id_123", bsm, bsm.length + 7), InputProblem.WRONG_LENGTH);
        byte[] cut = Arrays.copyOf(bsm, bsm.length / 2);
        sendAndExpect(framedPort, frame("u_id_123", cut, cut.length), InputProblem.TRUNCATED);
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0xff);
        sendAndExpect(framedPort, frame("u_id_123", garbage, garbage.length), InputProblem.MALFORMED_UPER);
        byte[] huge = new byte[9_000];
        sendAndExpect(framedPort, frame("u_id_123", huge, huge.length), InputProblem.OVERSIZED);

        send(framedPort, frame("u_id_123", bsm, bsm.length));
        awaitAdmitted(1);
        assertThat(((VehicleState) admitted.getFirst()).vehicleId()).isEqualTo("00000000000000b1");
    }

    @Test
    void bareUperFromAnUnregisteredAddressIsRefusedUntilTheAddressIsRegistered() throws Exception {
        byte[] bsm = bsm("00000000000000c1", 0);
        sendAndExpect(barePort, bsm, InputProblem.UNKNOWN_SENDER);

        registry.register(new Device("rsu-local", Device.Kind.RSU, null, null, null, "csae53-2017",
                new GeoPoint(39.9764, 116.3509), 1000, "127.0.0.1", 0, List.of()));
        send(barePort, bsm);
        awaitAdmitted(1);
        assertThat(metrics.rejectedCount(Transport.UDP, InputProblem.UNKNOWN_SENDER)).isEqualTo(1);
    }

    @Test
    void hexLinesAreDecodedOneMessagePerLineAndABadLineDoesNotLoseTheOthers() throws Exception {
        registry.register(new Device("rsu-local", Device.Kind.RSU, null, null, null, "csae53-2017",
                new GeoPoint(39.9764, 116.3509), 1000, "127.0.0.1", 0, List.of()));
        String text = HexFormat.of().formatHex(bsm("00000000000000d1", 0)) + "\nthis is not hex\n"
                + HexFormat.of().formatHex(bsm("00000000000000d2", 0)) + "\n";
        send(hexPort, text.getBytes(StandardCharsets.US_ASCII));

        awaitAdmitted(2);
        awaitRejected(InputProblem.MALFORMED_FRAME, 1);
        assertThat(admitted).extracting(r -> ((VehicleState) r).vehicleId())
                .containsExactly("00000000000000d1", "00000000000000d2");
    }

    @Test
    void aJ2735MessageOnACsaePortIsRefusedAsMalformedNotMisread() throws Exception {
        send(framedPort, frame("u_id_123", resourceBytes("asn1codec-bsm.uper"), resourceBytes("asn1codec-bsm.uper").length));

        awaitRejectedAny();
        assertThat(metrics.rejectedCount(Transport.UDP)).isEqualTo(1);
        assertThat(admitted).isEmpty();
    }

    @Test
    void aMessageTypeTheEdgeDoesNotTakeIsCountedAsUnknown() throws Exception {
        registry.register(new Device("rsu-local", Device.Kind.RSU, null, null, null, "j2735", null, 1000,
                "127.0.0.1", 0, List.of()));
        EdgeConfig config = EdgeConfig.defaults().withUdp(new EdgeConfig.Udp(true, "127.0.0.1",
                List.of(new EdgeConfig.UdpPort(0, "j2735", "none"))));
        Gate gate = new Gate(config, metrics, r -> Admission.ACCEPTED, Envelope.BARE, Plausibility.NONE,
                () -> System.currentTimeMillis() * 1_000L);
        try (UdpIngress j2735 = UdpIngress.start(config.udp(), gate, registry)) {
            byte[] testMessage = Family.J2735_2016.encode(new io.cheluyun.codec.j2735v2016.MessageFrame(300,
                    new io.cheluyun.asn1.runtime.OpenValue(300, new byte[] {1, 2, 3})));
            sendAndExpect(j2735.ports().getFirst(), testMessage, InputProblem.UNKNOWN_MESSAGE_TYPE);
        }
    }

    private void sendAndExpect(int port, byte[] datagram, InputProblem problem) throws Exception {
        long before = metrics.rejectedCount(Transport.UDP, problem);
        send(port, datagram);
        awaitRejected(problem, before + 1);
        assertThat(admitted).isEmpty();
    }

    private void send(int port, byte[] datagram) throws IOException {
        client.send(ByteBuffer.wrap(datagram), new InetSocketAddress("127.0.0.1", port));
    }

    /** Framing D: 8-octet ASCII RSU id, 8-octet LE UTC ms, 2-octet LE length (as stated, maybe wrong), payload. */
    static byte[] frame(String rsuId, byte[] payload, int statedLength) {
        ByteBuffer b = ByteBuffer.allocate(18 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Arrays.copyOf(rsuId.getBytes(StandardCharsets.US_ASCII), 8));
        b.putLong(System.currentTimeMillis());
        b.putShort((short) statedLength);
        b.put(payload);
        return b.array();
    }

    static byte[] bsm(String id, double northM) {
        VehicleState s = new VehicleState(id, System.currentTimeMillis() * 1_000L,
                new GeoPoint(39.9764 + northM / 111_000.0, 116.3509), 40, 0, 10, 0, 0, 4.5, 1.8,
                VehicleClass.PASSENGER_CAR, new BrakeState(false, false, false, false), ExteriorLights.NONE);
        return Family.CSAE53_2017.encode(VehicleStates.toCsae2017(s, 1));
    }

    private void awaitAdmitted(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (admitted.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(admitted).hasSize(n);
    }

    private void awaitRejected(InputProblem problem, long n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (metrics.rejectedCount(Transport.UDP, problem) < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(metrics.rejectedCount(Transport.UDP, problem)).as(problem.label()).isEqualTo(n);
    }

    private void awaitRejectedAny() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (metrics.rejectedCount(Transport.UDP) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static String resource(String name) throws IOException {
        return new String(resourceBytes(name), StandardCharsets.US_ASCII);
    }

    private static byte[] resourceBytes(String name) throws IOException {
        try (InputStream in = UdpIngressTest.class.getResourceAsStream("/vectors/" + name)) {
            return in.readAllBytes();
        }
    }
}
