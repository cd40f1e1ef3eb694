package io.cheluyun.edge.downlink;

import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.RoadEvents;
import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.DownlinkConfig;
import io.cheluyun.edge.QueueDrainer;
import io.cheluyun.edge.json.WarningJson;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.Warning;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warnings back out to where they are needed. For each warning, on the warning dispatcher's thread (single
 * threaded, so the state below needs no lock): drop it if already expired, suppress a duplicate (same type, target
 * and other parties within {@code dedupWindowMs}), hold the per-target token bucket, then build the messages —
 * the warning as JSON for the target vehicle ({@code v2x/obu/{id}/down/warning}, WebSocket subscribers), and for
 * every RSU whose range covers the hazard the broadcast of its family (CSAE 53-2017 RSI, J2735 TIM, ETSI DENM) on
 * {@code v2x/rsu/{rsuId}/down/{type}} and by UDP to its downlink port. Messages wait in a bounded queue for the
 * sender thread (full: dropped and counted), which checks expiry once more before sending and records the
 * latency from the triggering input's ingest to the send.
 *
 * <p>Expiry is measured on the local monotonic clock from the trigger: a warning valid for {@code validUntil - time}
 * of message time is valid for as long after its input arrived, whatever the senders' clocks say.
 */
public final class Downlink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Downlink.class);

    /** Where an MQTT downlink goes. */
    @FunctionalInterface
    public interface Publisher {
        void publish(String topic, byte[] payload);
    }

    /** WebSocket (or other) subscribers to warnings by vehicle or area. */
    @FunctionalInterface
    public interface Subscribers {
        void deliver(Warning warning, String json);
    }

    /** One message to send. */
    record Outgoing(String topic, byte[] payload, Device rsu, Warning warning, String json, long deadlineNanos,
                    long triggerNanos) {
    }

    /** Per-target state: token bucket and the last time each hazard key was sent. */
    private static final class TargetState {
        double tokens;
        long refilledNanos;
        final Map<String, Long> lastSent = new LinkedHashMap<>();
    }

    private final DownlinkConfig config;
    private final DeviceRegistry registry;
    private final LongSupplier nanoClock;
    private final Queue<Outgoing> queue;
    private final Map<String, TargetState> targets;
    /** Per RSU message count; concurrent: warnings come from the dispatcher, announcements from API threads. */
    private final Map<String, Integer> msgCounts = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Publisher> publishers = new CopyOnWriteArrayList<>();
    private final List<Subscribers> subscribers = new CopyOnWriteArrayList<>();
    private final DatagramChannel udp;
    private final QueueDrainer<Outgoing> sender;

    private final Counter offered;
    private final Counter sent;
    private final Counter expired;
    private final Counter duplicates;
    private final Counter rateLimited;
    private final Counter dropped;
    private final Counter unsupported;
    private final Counter evicted;
    private final Timer latency;
    private final LongAdder sendFailures = new LongAdder();

    public Downlink(DownlinkConfig config, DeviceRegistry registry, MeterRegistry meters, LongSupplier nanoClock) {
        this.config = config;
        this.registry = registry;
        this.nanoClock = nanoClock;
        this.queue = new SpscAtomicArrayQueue<>(config.queueCapacity());
        int max = config.maxTargets();
        this.targets = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TargetState> eldest) {
                if (size() > max) {
                    evicted.increment();
                    return true;
                }
                return false;
            }
        };
        this.offered = counter(meters, "offered", "Warnings offered to the downlink");
        this.sent = counter(meters, "sent", "Downlink messages sent (per transport destination)");
        this.expired = counter(meters, "expired", "Warnings or messages dropped because they expired first");
        this.duplicates = counter(meters, "duplicates", "Warnings suppressed as repeats within the dedup window");
        this.rateLimited = counter(meters, "rate.limited", "Warnings refused by a target's rate limit");
        this.dropped = counter(meters, "dropped", "Downlink messages dropped: the send queue was full");
        this.unsupported = counter(meters, "unsupported", "RSUs whose family has no downlink encoder");
        this.evicted = counter(meters, "targets.evicted", "Targets whose rate/dedup state was evicted (LRU)");
        this.latency = Timer.builder("cheluyun.downlink.latency").description("Triggering input ingest to send")
                .publishPercentiles(0.5, 0.99, 0.999).register(meters);
        try {
            this.udp = DatagramChannel.open();
        } catch (IOException e) {
            throw new IllegalStateException("no UDP socket for the downlink: " + e.getMessage(), e);
        }
        this.sender = QueueDrainer.start("cheluyun-downlink", queue, this::sendOne);
    }

    private static Counter counter(MeterRegistry meters, String name, String description) {
        return Counter.builder("cheluyun.downlink." + name).description(description).register(meters);
    }

    public void addPublisher(Publisher publisher) {
        publishers.add(publisher);
    }

    public void addSubscribers(Subscribers s) {
        subscribers.add(s);
    }

    /** On the warning dispatcher's thread only. */
    public void offer(Warning w, long triggerNanos) {
        if (!config.enabled()) {
            return;
        }
        offered.increment();
        long now = nanoClock.getAsLong();
        long deadline = triggerNanos + Math.max(0, w.validUntilMicros() - w.timeMicros()) * 1_000L;
        if (now > deadline) {
            expired.increment();
            return;
        }
        TargetState t = targets.computeIfAbsent(w.targetId(), k -> {
            TargetState s = new TargetState();
            s.tokens = config.perTargetBurst();
            s.refilledNanos = now;
            return s;
        });
        String key = w.type().name() + "|" + String.join(",", w.relatedIds());
        Long last = t.lastSent.get(key);
        if (last != null && now - last < config.dedupWindowMs() * 1_000_000L) {
            duplicates.increment();
            return;
        }
        t.tokens = Math.min(config.perTargetBurst(), t.tokens + (now - t.refilledNanos) * 1e-9 * config.perTargetPerS());
        t.refilledNanos = now;
        if (t.tokens < 1) {
            rateLimited.increment();
            return;
        }
        t.tokens -= 1;
        t.lastSent.put(key, now);
        if (t.lastSent.size() > 64) { // a target's distinct hazards within a window are few; keep it bounded
            t.lastSent.remove(t.lastSent.keySet().iterator().next());
        }
        String json = WarningJson.toJson(w);
        enqueue(new Outgoing(io.cheluyun.edge.mqtt.Topics.obuDown(w.targetId()), json.getBytes(StandardCharsets.UTF_8),
                null, w, json, deadline, triggerNanos));
        for (Device rsu : registry.rsusCovering(w.location())) {
            byte[] encoded = encodeFor(rsu, w);
            if (encoded == null) {
                unsupported.increment();
                continue;
            }
            enqueue(new Outgoing(io.cheluyun.edge.mqtt.Topics.rsuDown(rsu.id(), typeFor(rsu)), encoded, rsu, null,
                    null, deadline, triggerNanos));
        }
    }

    private void enqueue(Outgoing o) {
        if (!queue.offer(o)) {
            dropped.increment();
        }
    }

    /**
     * Broadcasts an operator's road event (work zone, speed limit, hazard …) to every RSU whose range reaches its
     * area (a vertex or the centre), each in its family's message (RSI / TIM / DENM), at once and on the calling
     * thread (not through the warnings' queue, whose producer is the dispatcher); the RSU repeats it on the air
     * while it is valid. Returns the RSUs it went to, nearest first. Thread-safe.
     */
    public List<String> announce(RoadEvent event, long nowMicros) {
        if (!config.enabled()) {
            return List.of();
        }
        Map<String, Device> reached = new LinkedHashMap<>();
        List<GeoPoint> points = new java.util.ArrayList<>(event.area());
        double lat = 0;
        double lon = 0;
        for (GeoPoint p : event.area()) {
            lat += p.latDeg() / event.area().size();
            lon += p.lonDeg() / event.area().size();
        }
        points.addFirst(new GeoPoint(lat, lon));
        for (GeoPoint p : points) {
            for (Device rsu : registry.rsusCovering(p)) {
                reached.putIfAbsent(rsu.id(), rsu);
            }
        }
        for (Device rsu : reached.values()) {
            byte[] encoded = encodeFor(rsu, event, nowMicros);
            if (encoded == null) {
                unsupported.increment();
                continue;
            }
            Outgoing o = new Outgoing(io.cheluyun.edge.mqtt.Topics.rsuDown(rsu.id(), typeFor(rsu)), encoded, rsu,
                    null, null, Long.MAX_VALUE, nanoClock.getAsLong());
            sendOne(o);
        }
        return List.copyOf(reached.keySet());
    }

    /** The downlink message type an RSU of this family broadcasts. */
    static String typeFor(Device rsu) {
        return switch (family(rsu)) {
            case J2735_2016 -> "TIM";
            case ETSI -> "DENM";
            default -> "RSI";
        };
    }

    private static Family family(Device rsu) {
        return rsu.family() == null ? Family.CSAE53_2017 : Family.byName(rsu.family());
    }

    /** The warning as this RSU's broadcast, or null when its family has no encoder here. */
    byte[] encodeFor(Device rsu, Warning w) {
        return encodeFor(rsu, RoadEvents.fromWarning(w, config.warningRadiusM()), w.timeMicros());
    }

    private byte[] encodeFor(Device rsu, RoadEvent event, long nowMicros) {
        int count = msgCounts.merge(rsu.id(), 1, Integer::sum) & 127;
        byte[] id = rsu.rsuId() != null ? HexFormat.of().parseHex(rsu.rsuId()) : rsuIdOf(rsu.id());
        return switch (family(rsu)) {
            case CSAE53_2017 -> Family.CSAE53_2017.encode(new io.cheluyun.codec.csae2017.MessageFrame.RsiFrame(
                    RoadEvents.toCsae2017(List.of(event), id, count, nowMicros)));
            case J2735_2016 -> {
                byte[] packet = new byte[9];
                System.arraycopy(id, 0, packet, 0, 8);
                packet[8] = (byte) count;
                yield Family.J2735_2016.encode(new io.cheluyun.codec.j2735v2016.MessageFrame(31,
                        RoadEvents.toJ2735(List.of(event), packet, count, nowMicros)));
            }
            case ETSI -> Family.ETSI.encode(RoadEvents.toDenm(event, stationId(id), count, nowMicros));
            default -> null;
        };
    }

    /** An 8-octet id from a device id (for RSUs registered without {@code rsuId}): its first octets of SHA-256. */
    private static byte[] rsuIdOf(String deviceId) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(deviceId.getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(h, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ETSI StationID is 0..4294967295: the low 32 bits of the RSU id. */
    private static long stationId(byte[] id) {
        long v = 0;
        for (int k = 4; k < 8; k++) {
            v = v << 8 | (id[k] & 0xff);
        }
        return v;
    }

    private void sendOne(Outgoing o) {
        try {
            send(o);
        } catch (RuntimeException e) {
            sendFailures.increment();
            LOG.warn("downlink send failed topic={} error=\"{}\"", o.topic(), e.toString());
        }
    }

    private void send(Outgoing o) {
        long now = nanoClock.getAsLong();
        if (now > o.deadlineNanos()) {
            expired.increment();
            return;
        }
        for (Publisher p : publishers) {
            p.publish(o.topic(), o.payload());
            sent.increment();
        }
        if (o.warning() != null) {
            for (Subscribers s : subscribers) {
                s.deliver(o.warning(), o.json());
            }
        }
        if (o.rsu() != null && o.rsu().udpAddress() != null && o.rsu().udpDownlinkPort() > 0) {
            try {
                udp.send(ByteBuffer.wrap(o.payload()), new InetSocketAddress(o.rsu().udpAddress(),
                        o.rsu().udpDownlinkPort()));
                sent.increment();
            } catch (IOException e) {
                sendFailures.increment();
            }
        }
        latency.record(Math.max(0, nanoClock.getAsLong() - o.triggerNanos()), TimeUnit.NANOSECONDS);
    }

    public long sentCount() {
        return (long) sent.count();
    }

    public long expiredCount() {
        return (long) expired.count();
    }

    public long duplicateCount() {
        return (long) duplicates.count();
    }

    public long rateLimitedCount() {
        return (long) rateLimited.count();
    }

    public long droppedCount() {
        return (long) dropped.count();
    }

    public long sendFailureCount() {
        return sendFailures.sum();
    }

    public Timer latency() {
        return latency;
    }

    public int queueDepth() {
        return queue.size();
    }

    @Override
    public void close() {
        sender.close();
        try {
            udp.close();
        } catch (IOException e) {
            LOG.debug("downlink udp close: {}", e.toString());
        }
    }
}
