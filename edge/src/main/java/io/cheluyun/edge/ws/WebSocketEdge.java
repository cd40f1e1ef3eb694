package io.cheluyun.edge.ws;

import io.cheluyun.codec.Family;
import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.Gate;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Transport;
import io.cheluyun.edge.downlink.Downlink;
import io.cheluyun.model.Warning;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.security.auth.x500.X500Principal;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * WebSocket on the platform's HTTP port, for vehicles, phones and applications that speak JSON:
 * <ul>
 *   <li>{@code /ws/v1/ingest}: each text frame is one canonical JSON message (a vehicle state, or a signal / map /
 *       roadEvent / object line, docs/replay-format.md); each binary frame one UPER message of the device's family
 *       (or {@code ?family=}). A refused message is answered with {@code {"rejected":reason,"detail":...}}.</li>
 *   <li>{@code /ws/v1/warnings?vehicle=ID} or {@code ?bbox=minLat,minLon,maxLat,maxLon}: the warnings for that
 *       vehicle or area as JSON text frames. An OBU may follow only its own vehicle ids.</li>
 * </ul>
 * Who is talking: the CN of a verified client certificate (HTTPS with {@code edge.tls}), or a registered device's
 * token ({@code Authorization: Bearer <token>} with {@code ?device=<id>}, or {@code ?device=&token=} for browsers,
 * which cannot set headers on a WebSocket). Refused: 401, or 403 for a vehicle that is not the device's own;
 * beyond {@code edge.websocket.maxClients} sessions, 503. A subscriber too slow to take its frames loses them
 * (at most {@code sendQueue} frames wait per session) and that is counted.
 */
public final class WebSocketEdge implements Downlink.Subscribers {

    private final EdgeConfig config;
    private final Gate gate;
    private final DeviceRegistry registry;
    private final AtomicInteger sessions = new AtomicInteger();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder droppedSlow = new LongAdder();

    public WebSocketEdge(EdgeConfig config, Gate gate, DeviceRegistry registry) {
        this.config = config;
        this.gate = gate;
        this.registry = registry;
    }

    /** The upgrade handler for the two paths, in front of {@code next} (everything else on the HTTP port). */
    public Handler handler(Server server, Handler next) {
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(config.maxPayloadOctets());
            container.setMaxBinaryMessageSize(config.maxPayloadOctets());
            container.setIdleTimeout(Duration.ofMinutes(5));
            container.setMaxOutgoingFrames(config.websocket().sendQueue());
            container.addMapping("/ws/v1/ingest", this::ingest);
            container.addMapping("/ws/v1/warnings", this::warnings);
        });
        ws.setHandler(next);
        return ws;
    }

    private Object ingest(ServerUpgradeRequest request, ServerUpgradeResponse response,
                          org.eclipse.jetty.util.Callback callback) {
        Device device = authenticate(request, response, callback);
        if (device == null || !admitSession(request, response, callback)) {
            return null;
        }
        Fields query = Request.extractQueryParameters(request);
        String familyName = query.getValue("family") != null ? query.getValue("family")
                : device.family() != null ? device.family() : config.mqtt().obuFamily();
        Family family;
        try {
            family = Family.byName(familyName);
        } catch (IllegalArgumentException e) {
            sessions.decrementAndGet();
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
            return null;
        }
        Gate.Sender sender = device.isRsu() ? Gate.Sender.relayedBy(device) : Gate.Sender.direct(device);
        return new IngestSession(sender, family);
    }

    private Object warnings(ServerUpgradeRequest request, ServerUpgradeResponse response,
                            org.eclipse.jetty.util.Callback callback) {
        Device device = authenticate(request, response, callback);
        if (device == null) {
            return null;
        }
        Fields query = Request.extractQueryParameters(request);
        String vehicle = query.getValue("vehicle");
        String bbox = query.getValue("bbox");
        double[] box = null;
        if (vehicle == null && bbox == null || vehicle != null && bbox != null) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                    "subscribe with exactly one of ?vehicle=ID or ?bbox=minLat,minLon,maxLat,maxLon");
            return null;
        }
        if (bbox != null) {
            box = parseBox(bbox);
            if (box == null) {
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                        "bbox is minLat,minLon,maxLat,maxLon in degrees with min <= max");
                return null;
            }
        }
        if (device.kind() == Device.Kind.OBU && (vehicle == null
                || !(device.id().equals(vehicle) || device.vehicleIds().contains(vehicle.toLowerCase(Locale.ROOT))))) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403,
                    "an OBU may follow only its own vehicle's warnings");
            return null;
        }
        if (!admitSession(request, response, callback)) {
            return null;
        }
        return new Subscription(vehicle, box);
    }

    private boolean admitSession(ServerUpgradeRequest request, ServerUpgradeResponse response,
                                 org.eclipse.jetty.util.Callback callback) {
        if (sessions.incrementAndGet() > config.websocket().maxClients()) {
            sessions.decrementAndGet();
            gate.refuse(Transport.WEBSOCKET, InputProblem.SHED, "more than edge.websocket.maxClients "
                    + config.websocket().maxClients() + " sessions");
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "too many WebSocket sessions");
            return false;
        }
        return true;
    }

    /** The device this upgrade comes from, or null after answering 401. */
    private Device authenticate(ServerUpgradeRequest request, ServerUpgradeResponse response,
                                org.eclipse.jetty.util.Callback callback) {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl
                && ssl.peerCertificates() != null && ssl.peerCertificates().length > 0) {
            Device d = registry.byId(commonName(ssl.peerCertificates()[0]));
            if (d != null) {
                return d; // the TLS layer verified the chain against edge.tls.ca
            }
        }
        Fields query = Request.extractQueryParameters(request);
        String id = query.getValue("device");
        String token = query.getValue("token");
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).strip();
        }
        if (id != null && token != null) {
            Device d = registry.authenticate(id, token.getBytes(StandardCharsets.UTF_8));
            if (d != null) {
                return d;
            }
        }
        if (config.openDemo() && (id == null || registry.byId(id) == null)) {
            return Device.anonymous(id == null ? "ws-anonymous" : id, Device.Kind.APP);
        }
        InputProblem problem = id == null || registry.byId(id) == null ? InputProblem.UNKNOWN_SENDER
                : InputProblem.UNAUTHORISED;
        gate.refuse(Transport.WEBSOCKET, problem, "WebSocket upgrade from " + (id == null ? "a client without "
                + "?device=" : "device " + id) + " without a valid token or client certificate");
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"cheluyun\"");
        Response.writeError(request, response, callback, HttpStatus.UNAUTHORIZED_401,
                "a registered device id with its token (Authorization: Bearer) or a client certificate is required");
        return null;
    }

    static String commonName(X509Certificate certificate) {
        String dn = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        for (String part : dn.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return null;
    }

    private static double[] parseBox(String text) {
        String[] p = text.split(",");
        if (p.length != 4) {
            return null;
        }
        try {
            double[] b = {Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                    Double.parseDouble(p[3])};
            boolean ok = b[0] <= b[2] && b[1] <= b[3] && Math.abs(b[0]) <= 90 && Math.abs(b[2]) <= 90
                    && Math.abs(b[1]) <= 180 && Math.abs(b[3]) <= 180;
            return ok ? b : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Warnings to every matching subscriber (the downlink's sender thread). */
    @Override
    public void deliver(Warning warning, String json) {
        for (Subscription s : subscriptions) {
            if (s.matches(warning)) {
                s.send(json);
            }
        }
    }

    public int sessionCount() {
        return sessions.get();
    }

    public long deliveredCount() {
        return delivered.sum();
    }

    public long droppedSlowCount() {
        return droppedSlow.sum();
    }

    /** One ingest session: every frame through the gate, refusals answered. (Public: Jetty calls it reflectively.) */
    public final class IngestSession implements Session.Listener.AutoDemanding {
        private final Gate.Sender sender;
        private final Family family;
        private Session session;

        IngestSession(Gate.Sender sender, Family family) {
            this.sender = sender;
            this.family = family;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            this.session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            answer(gate.json(Transport.WEBSOCKET, sender, message));
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] octets = new byte[payload.remaining()];
            payload.get(octets);
            callback.succeed();
            answer(gate.uper(Transport.WEBSOCKET, sender, family, octets, null));
        }

        private void answer(Gate.Outcome outcome) {
            if (!outcome.ok() && session != null && session.isOpen()) {
                String detail = outcome.detail() == null ? "" : outcome.detail().replace("\\", "\\\\")
                        .replace("\"", "\\\"");
                session.sendText("{\"rejected\":\"" + outcome.problem().label() + "\",\"detail\":\"" + detail + "\"}",
                        Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketClose(int status, String reason, Callback callback) {
            sessions.decrementAndGet();
            callback.succeed();
        }
    }

    /** One warnings subscription. (Public: Jetty calls it reflectively.) */
    public final class Subscription implements Session.Listener.AutoDemanding {
        private final String vehicle;
        private final double[] box;
        private volatile Session session;

        Subscription(String vehicle, double[] box) {
            this.vehicle = vehicle;
            this.box = box;
        }

        boolean matches(Warning w) {
            if (vehicle != null) {
                return vehicle.equalsIgnoreCase(w.targetId());
            }
            double lat = w.location().latDeg();
            double lon = w.location().lonDeg();
            return lat >= box[0] && lat <= box[2] && lon >= box[1] && lon <= box[3];
        }

        void send(String json) {
            Session s = session;
            if (s == null || !s.isOpen()) {
                return;
            }
            s.sendText(json, Callback.from(delivered::increment, failure -> droppedSlow.increment()));
        }

        @Override
        public void onWebSocketOpen(Session s) {
            this.session = s;
            subscriptions.add(this);
        }

        @Override
        public void onWebSocketClose(int status, String reason, Callback callback) {
            subscriptions.remove(this);
            sessions.decrementAndGet();
            callback.succeed();
        }
    }
}
