package io.cheluyun.edge;

import io.cheluyun.edge.downlink.Downlink;
import io.cheluyun.edge.misbehaviour.MisbehaviourDetector;
import io.cheluyun.edge.misbehaviour.Verdict;
import io.cheluyun.edge.mqtt.EmbeddedBroker;
import io.cheluyun.edge.mqtt.MqttEdge;
import io.cheluyun.edge.security.Pki;
import io.cheluyun.edge.security.SignatureVerifier;
import io.cheluyun.edge.security.SignedEnvelope;
import io.cheluyun.edge.security.TrustStore;
import io.cheluyun.edge.udp.UdpIngress;
import io.cheluyun.edge.ws.WebSocketEdge;
import io.cheluyun.model.Warning;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole edge of one platform: the registry, the {@link Gate}, the configured transports (UDP ports, the
 * embedded or an external MQTT broker) and the downlink. The server builds one, hands warnings to
 * {@link #deliver}, and mounts the WebSocket endpoints on its HTTP server.
 */
public final class Edge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Edge.class);

    private final EdgeConfig config;
    private final DeviceRegistry registry;
    private final Gate gate;
    private final Downlink downlink;
    private final WebSocketEdge websocket;
    private UdpIngress udp;
    private EmbeddedBroker broker;
    private MqttEdge mqtt;

    private Edge(EdgeConfig config, DeviceRegistry registry, Gate gate, Downlink downlink) {
        this.config = config;
        this.registry = registry;
        this.gate = gate;
        this.downlink = downlink;
        this.websocket = config.websocket().enabled() ? new WebSocketEdge(config, gate, registry) : null;
        if (websocket != null) {
            downlink.addSubscribers(websocket);
        }
    }

    /**
     * Builds the edge from its configuration without opening any socket yet: the registry from
     * {@code edge.registryFile}, the signed-message envelope per {@code edge.signing} with every registered device's
     * certificate trusted, the misbehaviour detector per {@code edge.misbehaviour} (its verdicts as metrics).
     *
     * @param clockMicros wall clock, UTC epoch µs (receive times)
     * @param nanoClock   the monotonic clock the pipeline stamps ingest with (downlink expiry and latency)
     */
    public static Edge create(EdgeConfig config, EdgeSink sink, MeterRegistry meters, LongSupplier clockMicros,
                              LongSupplier nanoClock) {
        config.conclude();
        DeviceRegistry registry = config.registryFile() == null || config.registryFile().isBlank()
                ? new DeviceRegistry() : DeviceRegistry.load(Path.of(config.registryFile()));
        Plausibility plausibility = Plausibility.NONE;
        if (config.misbehaviour().enabled()) {
            MisbehaviourDetector detector = new MisbehaviourDetector(config.misbehaviour());
            for (Verdict v : Verdict.values()) {
                FunctionCounter.builder("cheluyun.misbehaviour.verdicts", detector, d -> d.count(v))
                        .tag("verdict", v.label()).description("Plausibility verdicts on vehicle states")
                        .register(meters);
            }
            Gauge.builder("cheluyun.misbehaviour.quarantined", detector,
                    d -> d.quarantined(clockMicros.getAsLong()).size())
                    .description("Senders and vehicles in quarantine now").register(meters);
            plausibility = detector.plausibility();
        }
        return create(config, registry, sink, envelope(config, registry), plausibility, meters, clockMicros,
                nanoClock);
    }

    /** The envelope {@code edge.signing} asks for, trusting the certificates of the registry's devices. */
    public static Envelope envelope(EdgeConfig config, DeviceRegistry registry) {
        if (config.signaturePolicy() == EdgeConfig.SignaturePolicy.OFF) {
            return Envelope.BARE;
        }
        EdgeConfig.Signing s = config.signing();
        TrustStore trust = new TrustStore(s.maxCertificates());
        for (Device d : registry.devices()) {
            if (d.certificatePem() == null || d.certificatePem().isBlank()) {
                continue;
            }
            for (var certificate : Pki.readCertificates(Path.of(d.certificatePem()))) {
                TrustStore.Registration r = trust.register(d.id(), certificate);
                if (r != TrustStore.Registration.ADDED && r != TrustStore.Registration.ALREADY_REGISTERED) {
                    throw new IllegalArgumentException("device '" + d.id() + "': certificate " + d.certificatePem()
                            + " cannot sign messages: " + r);
                }
            }
        }
        return new SignedEnvelope(new SignatureVerifier(trust, new SignatureVerifier.Config(s.maxAgeMs(),
                s.maxFutureMs(), s.maxCertificates()).conclude()), config.signaturePolicy());
    }

    /** As {@link #create(EdgeConfig, EdgeSink, MeterRegistry, LongSupplier, LongSupplier)} with a registry,
     *  envelope and plausibility check built by the caller. */
    public static Edge create(EdgeConfig config, DeviceRegistry registry, EdgeSink sink, Envelope envelope,
                              Plausibility plausibility, MeterRegistry meters, LongSupplier clockMicros,
                              LongSupplier nanoClock) {
        config.conclude();
        EdgeMetrics metrics = new EdgeMetrics(meters);
        Gate gate = new Gate(config, metrics, sink, envelope, plausibility, clockMicros);
        Downlink downlink = new Downlink(config.downlink(), registry, meters, nanoClock);
        if (config.openDemo()) {
            LOG.warn("edge in open-demo mode: unregistered senders are accepted (edge.openDemo)");
        }
        return new Edge(config, registry, gate, downlink);
    }

    /** Opens the configured transports: UDP ports, then the broker and the platform's MQTT client. */
    public synchronized void start() throws Exception {
        if (config.udp().enabled()) {
            udp = UdpIngress.start(config.udp(), gate, registry);
        }
        switch (config.mqtt().mode()) {
            case "embedded" -> {
                broker = EmbeddedBroker.start(config, registry);
                mqtt = MqttEdge.connect(config.mqtt(), "127.0.0.1".equals(config.mqtt().host())
                                || "0.0.0.0".equals(config.mqtt().host()) ? "127.0.0.1" : config.mqtt().host(),
                        broker.port(), broker.platformClientId(), broker.platformPassword(), gate, registry);
            }
            case "external" -> mqtt = MqttEdge.connect(config.mqtt(), config.mqtt().host(), config.mqtt().port(),
                    config.mqtt().clientId(), config.mqtt().password().getBytes(StandardCharsets.UTF_8), gate,
                    registry);
            default -> {
            }
        }
        if (mqtt != null) {
            downlink.addPublisher(mqtt::publish);
        }
    }

    /** One line saying what is listening where, for the start-up message. */
    public String describe() {
        StringBuilder b = new StringBuilder(config.openDemo() ? "edge open-demo" : "edge");
        if (udp != null) {
            b.append("; UDP ports ").append(udp.ports());
        }
        if (broker != null) {
            b.append("; MQTT broker mqtt://").append(config.mqtt().host()).append(':').append(broker.port());
            if (broker.tlsPort() >= 0) {
                b.append(" and mqtts://").append(config.mqtt().host()).append(':').append(broker.tlsPort());
            }
        } else if (mqtt != null) {
            b.append("; MQTT client of ").append(config.mqtt().host()).append(':').append(config.mqtt().port());
        }
        if (udp == null && mqtt == null) {
            b.append("; no UDP or MQTT transport configured");
        }
        return b.toString();
    }

    /** A dispatched warning (on the dispatcher thread): to the downlink. */
    public void deliver(Warning warning, long triggerNanos) {
        downlink.offer(warning, triggerNanos);
    }

    public Gate gate() {
        return gate;
    }

    /** Each sender's recent activity, for the operators' device health. */
    public DeviceActivity activity() {
        return gate.activity();
    }

    public EdgeMetrics metrics() {
        return gate.metrics();
    }

    public DeviceRegistry registry() {
        return registry;
    }

    public Downlink downlink() {
        return downlink;
    }

    public EdgeConfig config() {
        return config;
    }

    /** The WebSocket endpoints for the HTTP server to mount, or null when off. */
    public WebSocketEdge websocket() {
        return websocket;
    }

    /** The UDP ports bound, or null when UDP is off. */
    public UdpIngress udp() {
        return udp;
    }

    /** The embedded broker, or null. */
    public EmbeddedBroker broker() {
        return broker;
    }

    /** The platform's MQTT client, or null when MQTT is off. */
    public MqttEdge mqtt() {
        return mqtt;
    }

    /** Closes ingress first (nothing new arrives), then the downlink (what is queued goes out), then the broker. */
    @Override
    public synchronized void close() {
        if (udp != null) {
            udp.close();
        }
        downlink.close();
        if (mqtt != null) {
            mqtt.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
