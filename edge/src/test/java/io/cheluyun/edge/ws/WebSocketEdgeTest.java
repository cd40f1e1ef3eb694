package io.cheluyun.edge.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.cheluyun.edge.json.WarningJson;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.Severity;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WebSocket endpoints over a real Jetty server and client on loopback. */
@Timeout(30)
public class WebSocketEdgeTest {

    private static final String STATE = "{\"vehicleId\":\"car-1\",\"timeMicros\":1763884800000000,\"latDeg\":43.8868,"
            + "\"lonDeg\":125.3245,\"headingDeg\":90,\"speedMps\":12.5}";

    private final List<Object> admitted = new CopyOnWriteArrayList<>();
    private final EdgeMetrics metrics = EdgeMetrics.standalone();
    private Server server;
    private WebSocketClient client;
    private WebSocketEdge ws;
    private int port;

    @BeforeEach
    void start() throws Exception {
        DeviceRegistry registry = new DeviceRegistry();
        registry.register(new Device("app-1", Device.Kind.APP, DeviceRegistry.tokenSha256("app-secret"), null, null,
                null, null, Double.NaN, null, 0, List.of()));
        registry.register(new Device("obu-1", Device.Kind.OBU, DeviceRegistry.tokenSha256("obu-secret"), null, null,
                null, null, Double.NaN, null, 0, List.of("car-1")));
        EdgeConfig config = EdgeConfig.defaults().withWebSocket(new EdgeConfig.WebSocket(true, 3, 16));
        Gate gate = new Gate(config, metrics, record -> {
            admitted.add(record);
            return Admission.ACCEPTED;
        }, Envelope.BARE, Plausibility.NONE, () -> System.currentTimeMillis() * 1_000L);
        ws = new WebSocketEdge(config, gate, registry);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(ws.handler(server, new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
        }));
        server.start();
        port = connector.getLocalPort();
        client = new WebSocketClient();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.stop();
    }

    @Test
    void aRegisteredOnboardUnitSendsItsStateAsJson() throws Exception {
        Frames frames = connect("/ws/v1/ingest?device=obu-1", "obu-secret");
        frames.session.sendText(STATE, org.eclipse.jetty.websocket.api.Callback.NOOP);
        awaitAdmitted(1);
        assertThat(((VehicleState) admitted.getFirst()).vehicleId()).isEqualTo("car-1");
        assertThat(metrics.acceptedCount(Transport.WEBSOCKET, "BSM")).isEqualTo(1);
    }

    @Test
    void badJsonIsAnsweredWithItsReasonAndTheSessionKeepsWorking() throws Exception {
        Frames frames = connect("/ws/v1/ingest?device=app-1", "app-secret");
        frames.session.sendText("{\"vehicleId\": ", org.eclipse.jetty.websocket.api.Callback.NOOP);
        assertThat(frames.texts.poll(5, TimeUnit.SECONDS)).startsWith("{\"rejected\":\"malformed_json\"");
        frames.session.sendText("{\"vehicleId\":\"car-2\",\"wrong\":1}", org.eclipse.jetty.websocket.api.Callback.NOOP);
        assertThat(frames.texts.poll(5, TimeUnit.SECONDS)).startsWith("{\"rejected\":\"unknown_field\"");
        frames.session.sendText(STATE, org.eclipse.jetty.websocket.api.Callback.NOOP);
        awaitAdmitted(1);
        assertThat(metrics.rejectedCount(Transport.WEBSOCKET, InputProblem.MALFORMED_JSON)).isEqualTo(1);
    }

    @Test
    void anOnboardUnitMayNotReportAnotherVehicle() throws Exception {
        Frames frames = connect("/ws/v1/ingest?device=obu-1", "obu-secret");
        frames.session.sendText(STATE.replace("car-1", "car-9"), org.eclipse.jetty.websocket.api.Callback.NOOP);
        assertThat(frames.texts.poll(5, TimeUnit.SECONDS)).startsWith("{\"rejected\":\"unauthorised\"");
        assertThat(admitted).isEmpty();
    }

    @Test
    void upgradesWithoutAValidTokenAreRefused() {
        assertThatThrownBy(() -> connect("/ws/v1/ingest?device=app-1", "wrong")).hasMessageContaining("401");
        assertThatThrownBy(() -> connect("/ws/v1/ingest", null)).hasMessageContaining("401");
        assertThat(metrics.rejectedCount(Transport.WEBSOCKET, InputProblem.UNAUTHORISED)).isEqualTo(1);
        assertThat(metrics.rejectedCount(Transport.WEBSOCKET, InputProblem.UNKNOWN_SENDER)).isEqualTo(1);
    }

    @Test
    void subscribersGetTheWarningsForTheirVehicleOrArea() throws Exception {
        Frames mine = connect("/ws/v1/warnings?vehicle=car-1&device=obu-1", "obu-secret");
        Frames area = connect("/ws/v1/warnings?bbox=43.88,125.32,43.89,125.33&device=app-1", "app-secret");
        awaitSubscribers(2);

        Warning forCar1 = warning("car-1", new GeoPoint(43.8868, 125.3245));
        Warning elsewhere = warning("car-7", new GeoPoint(44.0, 125.0));
        ws.deliver(elsewhere, WarningJson.toJson(elsewhere));
        ws.deliver(forCar1, WarningJson.toJson(forCar1));

        assertThat(WarningJson.fromJson(mine.texts.poll(5, TimeUnit.SECONDS))).isEqualTo(forCar1);
        assertThat(WarningJson.fromJson(area.texts.poll(5, TimeUnit.SECONDS))).isEqualTo(forCar1);
        assertThat(mine.texts.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(area.texts.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void anOnboardUnitMayNotFollowAnotherVehicle() {
        assertThatThrownBy(() -> connect("/ws/v1/warnings?vehicle=car-9&device=obu-1", "obu-secret"))
                .hasMessageContaining("403");
    }

    @Test
    void sessionsBeyondTheLimitAreRefusedAndCounted() throws Exception {
        for (int k = 0; k < 3; k++) {
            connect("/ws/v1/ingest?device=app-1", "app-secret");
        }
        assertThatThrownBy(() -> connect("/ws/v1/ingest?device=app-1", "app-secret")).hasMessageContaining("503");
        assertThat(metrics.rejectedCount(Transport.WEBSOCKET, InputProblem.SHED)).isEqualTo(1);
    }

    private static Warning warning(String target, GeoPoint at) {
        return new Warning("w-" + target, WarningType.FCW, Severity.WARNING, target, List.of("lead"),
                1_763_884_800_000_000L, 1_763_884_801_000_000L, 2.1, 18.0, at);
    }

    /** A client session collecting the text frames it receives. */
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

    private Frames connect(String path, String token) throws Exception {
        Frames frames = new Frames();
        ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create("ws://127.0.0.1:" + port + path));
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        client.connect(frames, request).get(5, TimeUnit.SECONDS);
        return frames;
    }

    private void awaitAdmitted(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (admitted.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(admitted).hasSize(n);
    }

    private void awaitSubscribers(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (ws.sessionCount() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50); // the session is counted at upgrade; it subscribes when it opens
    }
}
