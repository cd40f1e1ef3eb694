package io.cheluyun.edge;

import io.cheluyun.codec.Family;
import io.cheluyun.edge.misbehaviour.MisbehaviourConfig;
import java.util.List;
import java.util.Locale;

/**
 * The {@code edge} section: transports in and out, who may talk, limits. Every key has a default
 * (config/cheluyun.example.yaml documents them); {@link #conclude()} names the bad key.
 *
 * @param openDemo         accept senders the registry does not know (as anonymous devices). Off by default: a
 *                         deployment rejects unknown senders; {@code ./cheluyun demo} turns it on
 * @param registryFile     YAML file of registered devices (docs/edge.md); empty: none
 * @param maxPayloadOctets largest message taken on any transport; larger ones are rejected as {@code oversized}
 *                         (a MAP of a big intersection is a few kB in UPER; 64 kB is the UDP limit)
 * @param signing          IEEE 1609.2 signed messages: policy and limits
 * @param udp              UDP ingress ports
 * @param mqtt             MQTT broker (embedded or external) and topics
 * @param websocket        WebSocket ingress and warning subscriptions on the HTTP port
 * @param tls              certificates for MQTT over TLS and HTTPS/WSS with client certificates
 * @param downlink         warnings back to RSUs, OBUs and subscribers
 * @param misbehaviour     plausibility checks and quarantine (docs/security.md)
 */
public record EdgeConfig(boolean openDemo, String registryFile, int maxPayloadOctets, Signing signing, Udp udp,
                         Mqtt mqtt, WebSocket websocket, Tls tls, DownlinkConfig downlink,
                         MisbehaviourConfig misbehaviour) {

    /** How signed messages are treated. */
    public enum SignaturePolicy { OFF, OPTIONAL, REQUIRED }

    /**
     * @param policy          {@code off}: payloads are bare UPER; {@code optional}: IEEE 1609.2 envelopes are
     *                        verified against the registered certificates and unwrapped, bare UPER is taken too;
     *                        {@code required}: unsigned messages are rejected
     * @param maxAgeMs        a signed message generated longer ago is refused as implausible (Cheluyun default
     *                        30 s: 1609.2 leaves relevance to each application's profile; a BSM is stale in 1 s,
     *                        but a MAP or RSI may be relayed later)
     * @param maxFutureMs     generated further in the future is refused (clock error only: delay makes messages
     *                        older, never newer)
     * @param maxCertificates signer certificates kept (refused beyond, never evicted)
     */
    public record Signing(String policy, long maxAgeMs, long maxFutureMs, int maxCertificates) {
    }

    /**
     * @param enabled listen at all
     * @param host    interface to bind
     * @param ports   one entry per port: the family and framing of what arrives there
     */
    public record Udp(boolean enabled, String host, List<UdpPort> ports) {
    }

    /**
     * A UDP port bound to one family (like jpo-ode's port per message type).
     *
     * @param port    0: a free port (tests)
     * @param family  {@code csae53-2017}, {@code j2735}, {@code etsi}
     * @param framing {@code none}: one bare UPER message per datagram; {@code csae-rsu}: the RSU forwarding frame
     *                (8-octet ASCII RSU id, 8-octet little-endian UTC ms, 2-octet little-endian length, UPER);
     *                {@code hex}: lines of hex text, one message per line
     */
    public record UdpPort(int port, String family, String framing) {
    }

    /**
     * @param mode          {@code embedded}: start a broker in this JVM (Moquette) and subscribe to it;
     *                      {@code external}: subscribe to the broker at {@code host:port}; {@code off}
     * @param host          embedded: interface to bind; external: the broker's host
     * @param port          plain MQTT port (0: a free one, embedded only)
     * @param tlsPort       embedded: MQTT over TLS port with client certificates per {@link Tls} (-1: none)
     * @param payload       {@code uper} or {@code json} (canonical JSON as the replay format)
     * @param obuFamily     family of OBU uplinks ({@code v2x/obu/{vehicleId}/up/{type}}) in UPER
     * @param rsuFamily     family of RSU uplinks of RSUs the registry gives none for
     * @param clientId      the platform's own client id at the broker (external brokers: its username)
     * @param password      the platform's password at an external broker (empty: none)
     * @param inflightQueue messages received but not yet decoded; beyond it, new ones are shed and counted
     */
    public record Mqtt(String mode, String host, int port, int tlsPort, String payload, String obuFamily,
                       String rsuFamily, String clientId, String password, int inflightQueue) {
    }

    /**
     * @param enabled    serve {@code /ws/v1/ingest} (JSON in) and {@code /ws/v1/warnings} (subscriptions)
     * @param maxClients concurrent WebSocket sessions; more are refused (HTTP 503)
     * @param sendQueue  warnings queued per subscriber; a slow subscriber loses the oldest and it is counted
     */
    public record WebSocket(boolean enabled, int maxClients, int sendQueue) {
    }

    /**
     * PEM files; empty: TLS off.
     *
     * @param certificate the server certificate (chain)
     * @param privateKey  its PKCS#8 private key
     * @param ca          CA certificate(s) client certificates must chain to
     * @param clientAuth  {@code none}, {@code want} (token or certificate) or {@code need} (mTLS only)
     * @param httpsPort   HTTPS (and WSS) port of the HTTP endpoints with these certificates; -1: none, 0: a free one
     */
    public record Tls(String certificate, String privateKey, String ca, String clientAuth, int httpsPort) {

        public boolean enabled() {
            return certificate != null && !certificate.isBlank();
        }
    }

    public static EdgeConfig defaults() {
        return new EdgeConfig(false, "", 8192, new Signing("optional", 30_000, 2_000, 100_000),
                new Udp(false, "0.0.0.0", List.of(new UdpPort(30300, "csae53-2017", "csae-rsu"),
                        new UdpPort(30301, "j2735", "none"), new UdpPort(30302, "etsi", "none"))),
                new Mqtt("off", "127.0.0.1", 1883, -1, "uper", "csae53-2017", "csae53-2017", "cheluyun", "", 8192),
                new WebSocket(true, 1024, 256),
                new Tls("", "", "", "want", -1),
                DownlinkConfig.defaults(), MisbehaviourConfig.defaults());
    }

    public SignaturePolicy signaturePolicy() {
        return SignaturePolicy.valueOf(signing.policy().toUpperCase(Locale.ROOT));
    }

    public EdgeConfig withOpenDemo(boolean open) {
        return new EdgeConfig(open, registryFile, maxPayloadOctets, signing, udp, mqtt, websocket, tls, downlink,
                misbehaviour);
    }

    public EdgeConfig withMisbehaviour(MisbehaviourConfig newMisbehaviour) {
        return new EdgeConfig(openDemo, registryFile, maxPayloadOctets, signing, udp, mqtt, websocket, tls, downlink,
                newMisbehaviour);
    }

    public EdgeConfig withSigning(Signing newSigning) {
        return new EdgeConfig(openDemo, registryFile, maxPayloadOctets, newSigning, udp, mqtt, websocket, tls,
                downlink, misbehaviour);
    }

    public EdgeConfig withUdp(Udp newUdp) {
        return new EdgeConfig(openDemo, registryFile, maxPayloadOctets, signing, newUdp, mqtt, websocket, tls,
                downlink, misbehaviour);
    }

    public EdgeConfig withMqtt(Mqtt newMqtt) {
        return new EdgeConfig(openDemo, registryFile, maxPayloadOctets, signing, udp, newMqtt, websocket, tls,
                downlink, misbehaviour);
    }

    public EdgeConfig withRegistryFile(String file) {
        return new EdgeConfig(openDemo, file, maxPayloadOctets, signing, udp, mqtt, websocket, tls, downlink,
                misbehaviour);
    }

    public EdgeConfig withWebSocket(WebSocket newWebSocket) {
        return new EdgeConfig(openDemo, registryFile, maxPayloadOctets, signing, udp, mqtt, newWebSocket, tls,
                downlink, misbehaviour);
    }

    public EdgeConfig withTls(Tls newTls) {
        return new EdgeConfig(openDemo, registryFile, maxPayloadOctets, signing, udp, mqtt, websocket, newTls,
                downlink, misbehaviour);
    }

    public EdgeConfig withDownlink(DownlinkConfig newDownlink) {
        return new EdgeConfig(openDemo, registryFile, maxPayloadOctets, signing, udp, mqtt, websocket, tls,
                newDownlink, misbehaviour);
    }

    public EdgeConfig conclude() {
        require(signing != null && udp != null && mqtt != null && websocket != null && tls != null
                && downlink != null && misbehaviour != null, "edge: sections signing, udp, mqtt, websocket, tls, "
                + "downlink and misbehaviour are required");
        require(maxPayloadOctets >= 64 && maxPayloadOctets <= 65_507, "edge.maxPayloadOctets must be 64..65507, got "
                + maxPayloadOctets);
        require(signing.policy() != null && List.of("off", "optional", "required").contains(signing.policy()),
                "edge.signing.policy must be off, optional or required, got " + signing.policy());
        require(signing.maxAgeMs() >= 100 && signing.maxAgeMs() <= 86_400_000L,
                "edge.signing.maxAgeMs must be 100..86400000");
        require(signing.maxFutureMs() >= 0 && signing.maxFutureMs() <= 60_000,
                "edge.signing.maxFutureMs must be 0..60000");
        require(signing.maxCertificates() >= 1, "edge.signing.maxCertificates must be at least 1");
        require(udp.host() != null && !udp.host().isBlank(), "edge.udp.host must not be empty");
        require(udp.ports() != null, "edge.udp.ports must be a list");
        for (int k = 0; k < udp.ports().size(); k++) {
            UdpPort p = udp.ports().get(k);
            String key = "edge.udp.ports[" + k + "]";
            require(p.port() >= 0 && p.port() <= 65535, key + ".port must be 0..65535, got " + p.port());
            family(key + ".family", p.family());
            require(List.of("none", "csae-rsu", "hex").contains(p.framing()), key
                    + ".framing must be none, csae-rsu or hex, got " + p.framing());
        }
        require(List.of("embedded", "external", "off").contains(mqtt.mode()),
                "edge.mqtt.mode must be embedded, external or off, got " + mqtt.mode());
        require(mqtt.port() >= 0 && mqtt.port() <= 65535, "edge.mqtt.port must be 0..65535, got " + mqtt.port());
        require(mqtt.tlsPort() >= -1 && mqtt.tlsPort() <= 65535, "edge.mqtt.tlsPort must be -1..65535");
        require(mqtt.tlsPort() < 0 || tls.enabled(), "edge.mqtt.tlsPort needs edge.tls.certificate and privateKey");
        require(List.of("uper", "json").contains(mqtt.payload()), "edge.mqtt.payload must be uper or json");
        family("edge.mqtt.obuFamily", mqtt.obuFamily());
        family("edge.mqtt.rsuFamily", mqtt.rsuFamily());
        require(mqtt.clientId() != null && !mqtt.clientId().isBlank(), "edge.mqtt.clientId must not be empty");
        require(mqtt.inflightQueue() >= 16, "edge.mqtt.inflightQueue must be at least 16");
        require(websocket.maxClients() >= 1, "edge.websocket.maxClients must be at least 1");
        require(websocket.sendQueue() >= 1, "edge.websocket.sendQueue must be at least 1");
        require(List.of("none", "want", "need").contains(tls.clientAuth()),
                "edge.tls.clientAuth must be none, want or need, got " + tls.clientAuth());
        require(!tls.enabled() || (tls.privateKey() != null && !tls.privateKey().isBlank()),
                "edge.tls.privateKey is required with edge.tls.certificate");
        require(tls.httpsPort() >= -1 && tls.httpsPort() <= 65535, "edge.tls.httpsPort must be -1..65535");
        require(tls.httpsPort() < 0 || tls.enabled(), "edge.tls.httpsPort needs edge.tls.certificate and privateKey");
        downlink.conclude();
        misbehaviour.conclude();
        return this;
    }

    private static void family(String key, String name) {
        try {
            Family.byName(name == null ? "" : name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
