package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.VehicleStates;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Transport;
import io.cheluyun.edge.security.MessageSigner;
import io.cheluyun.edge.security.Pki;
import io.cheluyun.edge.security.TlsContexts;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may talk, with certificates made here: WSS and MQTT over TLS with client certificates (mutual TLS), and
 * IEEE 1609.2 signed BSMs verified against the sending device's registered certificate.
 */
@Timeout(60)
public class EdgeTlsTest {

    @TempDir
    Path dir;

    private Pki.Credential ca;
    private Pki.Credential obu;
    private Platform platform;

    @BeforeEach
    void start() throws Exception {
        ca = Pki.newCa("cheluyun test CA", Duration.ofDays(1));
        Pki.Credential server = Pki.issueLocalServer(ca, Duration.ofDays(1));
        obu = Pki.issueClient(ca, "obu-1", Duration.ofDays(1));
        Pki.write(server, dir.resolve("server.pem"), dir.resolve("server.key"));
        Pki.write(obu, dir.resolve("obu-1.pem"), dir.resolve("obu-1.key"));
        Files.writeString(dir.resolve("ca.pem"), Pki.pem(List.of(ca.certificate())), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("devices.yaml"), """
                devices:
                  - id: obu-1
                    kind: obu
                    tokenSha256: %s
                    certificatePem: %s
                """.formatted(DeviceRegistry.tokenSha256("obu-secret"), dir.resolve("obu-1.pem")),
                StandardCharsets.UTF_8);
        CheluyunConfig defaults = CheluyunConfig.defaults().withHttpPort(0);
        EdgeConfig edge = defaults.edge().withRegistryFile(dir.resolve("devices.yaml").toString())
                .withSigning(new EdgeConfig.Signing("required", 30_000, 2_000, 1_000))
                .withTls(new EdgeConfig.Tls(dir.resolve("server.pem").toString(), dir.resolve("server.key").toString(),
                        dir.resolve("ca.pem").toString(), "need", 0))
                .withMqtt(new EdgeConfig.Mqtt("embedded", "127.0.0.1", 0, 0, "uper", "csae53-2017", "csae53-2017",
                        "cheluyun", "", 1024));
        platform = new Platform(defaults.withEdge(edge), List.of(), System::nanoTime);
        platform.start();
        platform.startEdge();
        platform.startHttp();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void anOnboardUnitWithItsCertificateSendsSignedBsmsOverWss() throws Exception {
        WebSocketClient client = wssClient(obu);
        try {
            Frames frames = new Frames();
            client.connect(frames, new ClientUpgradeRequest(URI.create("wss://127.0.0.1:" + platform.httpsPort()
                    + "/ws/v1/ingest"))).get(10, TimeUnit.SECONDS);
            MessageSigner signer = MessageSigner.create(obu);
            long now = System.currentTimeMillis() * 1_000L;
            byte[] bsm = bsm("00000000000000b1", now);

            frames.session.sendBinary(ByteBuffer.wrap(signer.sign(bsm, 0x20, now)), Callback.NOOP);
            awaitAccepted(1);

            byte[] tampered = signer.sign(bsm, 0x20, now);
            tampered[12] ^= 0x01;
            frames.session.sendBinary(ByteBuffer.wrap(tampered), Callback.NOOP);
            assertThat(frames.texts.poll(5, TimeUnit.SECONDS)).startsWith("{\"rejected\":\"bad_signature\"");
            frames.session.sendBinary(ByteBuffer.wrap(bsm), Callback.NOOP);
            assertThat(frames.texts.poll(5, TimeUnit.SECONDS)).startsWith("{\"rejected\":\"unauthorised\"");
            assertThat(platform.inputRejectedCount(Transport.WEBSOCKET, InputProblem.BAD_SIGNATURE)).isEqualTo(1);
        } finally {
            client.stop();
        }
    }

    @Test
    void wssWithoutAClientCertificateIsRefusedWhenMutualTlsIsRequired() throws Exception {
        WebSocketClient client = wssClient(null);
        try {
            assertThatThrownBy(() -> client.connect(new Frames(), new ClientUpgradeRequest(URI.create(
                    "wss://127.0.0.1:" + platform.httpsPort() + "/ws/v1/ingest"))).get(10, TimeUnit.SECONDS))
                    .isNotNull();
        } finally {
            client.stop();
        }
    }

    @Test
    void mqttOverTlsTakesSignedBsmsFromACertifiedDeviceAndRefusesOneWithoutACertificate() throws Exception {
        int tlsPort = platform.edge().broker().tlsPort();
        Mqtt3BlockingClient device = MqttClient.builder().useMqttVersion3().identifier("obu-1-radio")
                .serverHost("127.0.0.1").serverPort(tlsPort).sslConfig()
                .keyManagerFactory(TlsContexts.keyManagers(obu))
                .trustManagerFactory(TlsContexts.trustManagers(List.of(ca.certificate())))
                .hostnameVerifier((host, session) -> true).applySslConfig().buildBlocking();
        device.connectWith().simpleAuth().username("obu-1").password("obu-secret".getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        long now = System.currentTimeMillis() * 1_000L;
        device.publishWith().topic("v2x/obu/obu-1/up/BSM").qos(MqttQos.AT_MOST_ONCE)
                .payload(MessageSigner.create(obu).sign(bsm("00000000000000b2", now), 0x20, now)).send();
        awaitAccepted(1);
        device.disconnect();

        Mqtt3BlockingClient stranger = MqttClient.builder().useMqttVersion3().identifier("no-cert")
                .serverHost("127.0.0.1").serverPort(tlsPort).sslConfig()
                .trustManagerFactory(TlsContexts.trustManagers(List.of(ca.certificate())))
                .hostnameVerifier((host, session) -> true).applySslConfig().buildBlocking();
        assertThatThrownBy(() -> stranger.connectWith().simpleAuth().username("obu-1")
                .password("obu-secret".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send()).isNotNull();
    }

    /** A WSS client trusting the test CA, presenting {@code credential} (null: no client certificate). */
    private WebSocketClient wssClient(Pki.Credential credential) throws Exception {
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setSslContext(TlsContexts.client(credential, List.of(ca.certificate())));
        ssl.setEndpointIdentificationAlgorithm(null);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        HttpClient http = new HttpClient(new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(
                connector));
        WebSocketClient client = new WebSocketClient(http);
        client.start();
        return client;
    }

    private void awaitAccepted(long n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (platform.pipeline().ingest().acceptedCount() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(platform.pipeline().ingest().acceptedCount()).isEqualTo(n);
    }

    private static byte[] bsm(String id, long nowMicros) {
        VehicleState s = new VehicleState(id, nowMicros, new GeoPoint(43.8868, 125.3245), 200, 0, 10, 0, 0, 4.5, 1.8,
                VehicleClass.PASSENGER_CAR, new BrakeState(false, false, false, false), ExteriorLights.NONE);
        return Family.CSAE53_2017.encode(VehicleStates.toCsae2017(s, 1));
    }

    /** A client session collecting text frames. */
    public static final class Frames implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        volatile Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            texts.add(message);
        }
    }
}
