package io.cheluyun.edge.mqtt;

import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.EdgeConfig;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MQTT broker (Moquette, in this JVM): what {@code ./cheluyun demo} and a single-site deployment use
 * without installing anything. Devices authenticate with their registry token (username = device id, password =
 * token); each may publish only its own uplinks and read only its own downlinks ({@link Topics#owns}); the platform
 * connects with a random password made at start. With {@code edge.tls} the broker also listens for MQTT over TLS,
 * asking for (or, with {@code clientAuth: need}, requiring) a client certificate signed by {@code edge.tls.ca}.
 *
 * <p>Why Moquette: Apache-2.0, embeddable in a few lines, small (Netty and H2's MVStore), pluggable authenticator
 * and authoriser, TLS with client certificates. HiveMQ CE embedded is the alternative and better maintained, but
 * brings RocksDB's native library, Guice and Logback into the platform's one jar. Moquette's telemetry is turned
 * off and nothing is persisted (QoS 0 V2X traffic is stale in a second anyway).
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Server server = new Server();
    private final String platformClient;
    private final byte[] platformPassword;
    private int port;
    private int tlsPort = -1;

    private EmbeddedBroker(String platformClient) {
        this.platformClient = platformClient;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.platformPassword = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    public static EmbeddedBroker start(EdgeConfig config, DeviceRegistry registry) throws IOException {
        EmbeddedBroker broker = new EmbeddedBroker(config.mqtt().clientId());
        Properties p = new Properties();
        p.setProperty("host", config.mqtt().host());
        broker.port = portOrFree(config.mqtt().port());
        p.setProperty("port", Integer.toString(broker.port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("allow_anonymous", "false");
        p.setProperty("allow_zero_byte_client_id", "false");
        // the broker takes well over edge.maxPayloadOctets so the gate sees an oversized message and counts it; at
        // the broker's own limit it would only drop the connection
        p.setProperty("netty.mqtt.message_size", Integer.toString(Math.max(256 * 1024, 4 * config.maxPayloadOctets())));
        SslContext ssl = null;
        if (config.mqtt().tlsPort() >= 0) {
            broker.tlsPort = portOrFree(config.mqtt().tlsPort());
            p.setProperty("ssl_port", Integer.toString(broker.tlsPort));
            p.setProperty("need_client_auth", Boolean.toString(config.tls().clientAuth().equals("need")));
            ssl = sslContext(config.tls());
        }
        SslContext sslContext = ssl;
        broker.server.startServer(new MemoryConfig(p), List.of(), sslContext == null ? null : () -> sslContext,
                broker.authenticator(registry, config.openDemo()), broker.authorizer(registry, config.openDemo()));
        LOG.info("mqtt embedded broker port={} tlsPort={} clientAuth={}", broker.port(),
                config.mqtt().tlsPort() >= 0 ? broker.tlsPort() : "off", config.tls().clientAuth());
        return broker;
    }

    /** Moquette reports a configured 0 rather than the port it bound: pick a free one first. */
    private static int portOrFree(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static SslContext sslContext(EdgeConfig.Tls tls) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forServer(new File(tls.certificate()), new File(tls.privateKey()));
        if (tls.ca() != null && !tls.ca().isBlank()) {
            b.trustManager(new File(tls.ca()));
        }
        b.clientAuth(switch (tls.clientAuth()) {
            case "need" -> ClientAuth.REQUIRE;
            case "want" -> ClientAuth.OPTIONAL;
            default -> ClientAuth.NONE;
        });
        return b.build();
    }

    /** The plain MQTT port bound. */
    public int port() {
        return port;
    }

    /** The MQTT over TLS port, -1 when TLS is off. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The platform's own client id and password at this broker. */
    public String platformClientId() {
        return platformClient;
    }

    public byte[] platformPassword() {
        return platformPassword.clone();
    }

    private IAuthenticator authenticator(DeviceRegistry registry, boolean open) {
        return (clientId, username, password) -> {
            if (platformClient.equals(username)) {
                return password != null && MessageDigest.isEqual(platformPassword, password);
            }
            if (registry.authenticate(username, password) != null) {
                return true;
            }
            return open && registry.byId(username) == null; // open demo: unregistered names, never a registered one
        };
    }

    private IAuthorizatorPolicy authorizer(DeviceRegistry registry, boolean open) {
        return new IAuthorizatorPolicy() {
            @Override
            public boolean canWrite(Topic topic, String user, String client) {
                return allowed(topic.toString(), user, true);
            }

            @Override
            public boolean canRead(Topic topic, String user, String client) {
                return allowed(topic.toString(), user, false);
            }

            private boolean allowed(String topic, String user, boolean write) {
                if (platformClient.equals(user)) {
                    return true;
                }
                Device d = registry.byId(user);
                if (d == null) {
                    return open;
                }
                return switch (d.kind()) {
                    case RSU -> Topics.owns("rsu", d.id(), d.vehicleIds(), topic, write);
                    case OBU -> Topics.owns("obu", d.id(), d.vehicleIds(), topic, write);
                    case APP -> !write && topic.startsWith("v2x/");
                };
            }
        };
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
