package io.cheluyun.edge.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.cheluyun.codec.Family;
import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.Gate;
import io.cheluyun.edge.Inbound;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.QueueDrainer;
import io.cheluyun.edge.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's MQTT client, for the embedded broker and for any external one (e.g. mosquitto): subscribes to
 * every uplink ({@link Topics#UPLINKS}), hands each publish to a bounded queue (full: shed and counted, the client's
 * network thread never waits), and one worker thread takes them through the {@link Gate}. Publishes downlinks.
 *
 * <p>The sender of an uplink is the topic's id: the embedded broker lets a device publish only under its own id;
 * with an external broker, its ACL must do the same (docs/edge.md shows a mosquitto ACL).
 */
public final class MqttEdge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttEdge.class);

    private record Received(String topic, byte[] payload) {
    }

    private final EdgeConfig.Mqtt config;
    private final Gate gate;
    private final DeviceRegistry registry;
    private final Mqtt3AsyncClient client;
    private final Queue<Received> inbox;
    private QueueDrainer<Received> worker;
    private final LongAdder received = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder publishFailed = new LongAdder();

    private MqttEdge(EdgeConfig.Mqtt config, Gate gate, DeviceRegistry registry, Mqtt3AsyncClient client) {
        this.config = config;
        this.gate = gate;
        this.registry = registry;
        this.client = client;
        this.inbox = new MpscAtomicArrayQueue<>(config.inflightQueue());
    }

    /**
     * Connects to {@code host:port} as {@code clientId}/{@code password}, subscribes to the uplinks and starts the
     * worker; fails (with the broker's reason) when the broker cannot be reached within 10 s.
     */
    public static MqttEdge connect(EdgeConfig.Mqtt config, String host, int port, String clientId, byte[] password,
                                   Gate gate, DeviceRegistry registry) {
        Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3().identifier(clientId + "-platform")
                .serverHost(host).serverPort(port).automaticReconnectWithDefaultConfig().buildAsync();
        var connect = client.connectWith().cleanSession(true).keepAlive(30);
        if (password != null && password.length > 0) {
            connect.simpleAuth().username(clientId).password(password).applySimpleAuth();
        } else {
            connect.simpleAuth().username(clientId).applySimpleAuth();
        }
        MqttEdge edge = new MqttEdge(config, gate, registry, client);
        try {
            connect.send().get(10, TimeUnit.SECONDS);
            client.subscribeWith().topicFilter(Topics.UPLINKS).qos(MqttQos.AT_MOST_ONCE).callback(edge::onPublish)
                    .send().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.disconnect();
            throw new IllegalStateException("MQTT broker " + host + ":" + port + " refused or did not answer: "
                    + e.getMessage(), e);
        }
        edge.worker = QueueDrainer.start("cheluyun-mqtt-in", edge.inbox, edge::work);
        LOG.info("mqtt connected broker={}:{} subscribed={}", host, port, Topics.UPLINKS);
        return edge;
    }

    /** On the client's network thread: never block, never decode here. */
    private void onPublish(Mqtt3Publish publish) {
        received.increment();
        if (!inbox.offer(new Received(publish.getTopic().toString(), publish.getPayloadAsBytes()))) {
            gate.refuse(Transport.MQTT, InputProblem.SHED, "MQTT inbox of " + config.inflightQueue()
                    + " full; newest shed (topic " + publish.getTopic() + ")");
        }
    }

    private void work(Received r) {
        try {
            handle(r.topic(), r.payload());
        } catch (RuntimeException e) { // a bug must not stop the uplink for everyone
            gate.refuse(Transport.MQTT, InputProblem.MALFORMED_FRAME, "unexpected " + e + " on " + r.topic());
            LOG.error("mqtt uplink handling failed topic={}", r.topic(), e);
        }
    }

    /** One uplink publish: topic → sender and type, then the gate. */
    void handle(String topic, byte[] payload) {
        Topics.Uplink up = Topics.uplink(topic);
        if (up == null) {
            gate.refuse(Transport.MQTT, InputProblem.UNKNOWN_MESSAGE_TYPE, "topic " + topic
                    + " is not v2x/{rsu|obu}/{id}/up/{msgType}");
            return;
        }
        String type = Inbound.messageType(up.messageType());
        if (type == null) {
            gate.refuse(Transport.MQTT, InputProblem.UNKNOWN_MESSAGE_TYPE, "message type '" + up.messageType()
                    + "' in " + topic + " is none of " + Inbound.MESSAGE_TYPES);
            return;
        }
        boolean rsu = up.role().equals("rsu");
        Device device = registry.byId(up.id());
        if (device == null) {
            if (!gate.config().openDemo()) {
                gate.refuse(Transport.MQTT, InputProblem.UNKNOWN_SENDER, (rsu ? "RSU " : "OBU ") + up.id()
                        + " is not registered (topic " + topic + ")");
                return;
            }
            device = Device.anonymous(up.id(), rsu ? Device.Kind.RSU : Device.Kind.OBU);
        } else if (device.isRsu() != rsu) {
            gate.refuse(Transport.MQTT, InputProblem.UNAUTHORISED, device.kind().label() + " " + device.id()
                    + " published under " + topic);
            return;
        }
        Gate.Sender sender = rsu ? Gate.Sender.relayedBy(device) : Gate.Sender.direct(device);
        if (config.payload().equals("json")) {
            gate.json(Transport.MQTT, sender, new String(payload, StandardCharsets.UTF_8));
            return;
        }
        String familyName = device.family() != null ? device.family() : rsu ? config.rsuFamily() : config.obuFamily();
        gate.uper(Transport.MQTT, sender, Family.byName(familyName), payload, type);
    }

    /** Publishes a downlink at QoS 0 (V2X warnings are stale before a retry would arrive); never blocks. */
    public void publish(String topic, byte[] payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(payload).send()
                .whenComplete((ack, error) -> {
                    if (error == null) {
                        published.increment();
                    } else {
                        publishFailed.increment();
                    }
                });
    }

    public boolean isConnected() {
        return client.getState().isConnected();
    }

    public long receivedCount() {
        return received.sum();
    }

    public long publishedCount() {
        return published.sum();
    }

    public long publishFailedCount() {
        return publishFailed.sum();
    }

    public int inboxDepth() {
        return inbox.size();
    }

    @Override
    public void close() {
        worker.close();
        try {
            client.disconnect().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("mqtt disconnect: {}", e.toString());
        }
    }
}
