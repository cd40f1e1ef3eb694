package io.cheluyun.edge;

import io.cheluyun.codec.Family;
import io.cheluyun.edge.json.InfrastructureJson;
import io.cheluyun.edge.json.VehicleStateJson;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The one path every ingress takes: size limit → sender admitted → secured envelope unwrapped and verified → UPER
 * decoded and adapted → the sender may send this type (and these vehicle ids) → plausibility → handed to the
 * pipeline. Each refusal is counted by transport and reason, the first of each kind logged, and nothing else is
 * affected: the next message from anyone is handled as if it had not happened. Thread-safe.
 */
public final class Gate {

    /** Message types an OBU or phone may send about itself; everything else is infrastructure (RSUs, apps). */
    private static final Set<String> OBU_TYPES = Set.of("BSM", "CAM", "PSM");

    /** What happened to one message: how many records went in, and the problem if any record did not. */
    public record Outcome(int accepted, InputProblem problem, String detail) {

        static final Outcome NONE = new Outcome(0, null, null);

        public boolean ok() {
            return problem == null;
        }
    }

    /** Who sent it: a registered (or, in open-demo mode, anonymous) device, and the RSU that relayed it if any. */
    public record Sender(Device device, GeoPoint relayPosition) {

        public static Sender direct(Device device) {
            return new Sender(device, null);
        }

        /** Through an RSU: the RSU is the channel, its position bounds where the vehicles it hears can be. */
        public static Sender relayedBy(Device rsu) {
            return new Sender(rsu, rsu.position());
        }
    }

    private final EdgeConfig config;
    private final EdgeMetrics metrics;
    private final EdgeSink sink;
    private final Envelope envelope;
    private final Plausibility plausibility;
    private final LongSupplier clockMicros;
    private final VehicleStateJson vehicleJson = new VehicleStateJson();
    private final DeviceActivity activity = new DeviceActivity();

    public Gate(EdgeConfig config, EdgeMetrics metrics, EdgeSink sink, Envelope envelope, Plausibility plausibility,
                LongSupplier clockMicros) {
        this.config = config;
        this.metrics = metrics;
        this.sink = sink;
        this.envelope = envelope;
        this.plausibility = plausibility;
        this.clockMicros = clockMicros;
    }

    public EdgeMetrics metrics() {
        return metrics;
    }

    /** Each sender's recent activity (device health). */
    public DeviceActivity activity() {
        return activity;
    }

    /** Records what became of a sender's message in its device's activity. */
    private Outcome seen(Sender sender, Outcome o) {
        if (sender != null) {
            activity.record(sender.device().id(), o.accepted() > 0 || o.problem() == null, o.problem(), clockMicros.getAsLong() / 1_000);
        }
        return o;
    }

    public EdgeConfig config() {
        return config;
    }

    /** Wall-clock receive time, UTC epoch µs. */
    public long nowMicros() {
        return clockMicros.getAsLong();
    }

    /**
     * One UPER message (bare, or secured when signatures are not off).
     *
     * @param expectedType the type the channel promises (an MQTT topic's), null when any
     */
    public Outcome uper(Transport transport, Sender sender, Family family, byte[] octets, String expectedType) {
        return seen(sender, uperOutcome(transport, sender, family, octets, expectedType));
    }

    private Outcome uperOutcome(Transport transport, Sender sender, Family family, byte[] octets,
                                String expectedType) {
        if (octets.length > config.maxPayloadOctets()) {
            return refuse(transport, InputProblem.OVERSIZED, octets.length + " octets exceed edge.maxPayloadOctets "
                    + config.maxPayloadOctets() + " (" + who(sender) + ")");
        }
        long now = clockMicros.getAsLong();
        byte[] payload = octets;
        if (config.signaturePolicy() != EdgeConfig.SignaturePolicy.OFF) {
            switch (envelope.unwrap(octets, sender.device().id(), now)) {
                case Envelope.Refused r -> {
                    return refuse(transport, r.problem(), r.detail() + " (" + who(sender) + ")");
                }
                case Envelope.Payload p -> {
                    if (p.signerId() == null && config.signaturePolicy() == EdgeConfig.SignaturePolicy.REQUIRED) {
                        return refuse(transport, InputProblem.UNAUTHORISED, "unsigned message while "
                                + "edge.signing.policy is required (" + who(sender) + ")");
                    }
                    // a vehicle speaks for itself: its signature must be its own; an RSU relays others' messages
                    if (p.signerId() != null && sender.device().kind() == Device.Kind.OBU
                            && !p.signerId().equals(sender.device().id())) {
                        return refuse(transport, InputProblem.UNAUTHORISED, "message signed by " + p.signerId()
                                + " sent by " + who(sender));
                    }
                    payload = p.octets();
                }
            }
        }
        return switch (Inbound.decode(family, payload, now)) {
            case Inbound.Rejected r -> refuse(transport, r.problem(), r.detail() + " (" + who(sender) + ")");
            case Inbound.Models m -> {
                if (expectedType != null && !expectedType.equals(m.messageType())) {
                    yield refuse(transport, InputProblem.UNKNOWN_MESSAGE_TYPE, "the channel carries " + expectedType
                            + " but the payload is a " + m.messageType() + " (" + who(sender) + ")");
                }
                yield admit(transport, sender, m.messageType(), m.records(), now, octets);
            }
        };
    }

    /** One canonical JSON message: a vehicle state, or a signal/map/roadEvent/object line (docs/replay-format.md). */
    public Outcome json(Transport transport, Sender sender, String text) {
        return seen(sender, jsonOutcome(transport, sender, text));
    }

    private Outcome jsonOutcome(Transport transport, Sender sender, String text) {
        if (text.length() > config.maxPayloadOctets()) {
            return refuse(transport, InputProblem.OVERSIZED, text.length() + " characters exceed "
                    + "edge.maxPayloadOctets " + config.maxPayloadOctets() + " (" + who(sender) + ")");
        }
        long now = clockMicros.getAsLong();
        String line = text.strip();
        if (InfrastructureJson.handles(line)) {
            InfrastructureJson.Parsed p = InfrastructureJson.parse(line);
            if (p.problem() != null) {
                return refuse(transport, p.problem(), p.detail() + " (" + who(sender) + ")");
            }
            String type = switch (p.input()) {
                case SignalState s -> "SPAT";
                case MapIntersection m -> "MAP";
                case RoadEvent e -> "RSI";
                case PerceivedObject o -> "RSM";
                default -> "JSON";
            };
            return admit(transport, sender, type, List.of(p.input()), now, null);
        }
        VehicleStateJson.Parsed p = vehicleJson.parse(line);
        if (!p.isOk()) {
            return refuse(transport, p.problem(), p.detail() + " (" + who(sender) + ")");
        }
        return admit(transport, sender, "BSM", List.of(p.state()), now, line.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts a refusal found by a transport before it reached the gate (bad frame, unknown sender, …). */
    public Outcome refuse(Transport transport, InputProblem problem, String detail) {
        metrics.rejected(transport, problem, detail);
        return new Outcome(0, problem, detail);
    }

    /** @param octets the message as received, hashed for replay detection when a vehicle state needs it */
    private Outcome admit(Transport transport, Sender sender, String type, List<Object> records, long now,
                          byte[] octets) {
        Device device = sender.device();
        if (device.kind() == Device.Kind.OBU && !OBU_TYPES.contains(type)) {
            return refuse(transport, InputProblem.UNAUTHORISED, "OBU " + device.id() + " may send BSM, CAM or PSM,"
                    + " not " + type);
        }
        int accepted = 0;
        Outcome last = Outcome.NONE;
        for (Object record : records) {
            if (record instanceof VehicleState v) {
                if (device.kind() == Device.Kind.OBU && !device.vehicleIds().isEmpty()
                        && !device.vehicleIds().contains(v.vehicleId())) {
                    last = refuse(transport, InputProblem.UNAUTHORISED, "OBU " + device.id() + " reports vehicle "
                            + v.vehicleId() + ", not one of its own " + device.vehicleIds());
                    continue;
                }
                // an OBU is one vehicle's own channel; an RSU (placed in the registry or not) or an application
                // client (a simulator, a fleet backend) relays many vehicles, each judged on its own
                boolean relayed = device.kind() != Device.Kind.OBU || sender.relayPosition() != null;
                Plausibility.Refusal r = plausibility.check(device.id(), v, now, relayed, sender.relayPosition(),
                        octets == null || plausibility == Plausibility.NONE ? 0 : hash(octets));
                if (r != null) {
                    last = refuse(transport, r.problem(), r.verdict() + ": vehicle " + v.vehicleId() + " from "
                            + device.id());
                    continue;
                }
            }
            switch (sink.offer(record)) {
                case ACCEPTED -> accepted++;
                case SHED -> last = refuse(transport, InputProblem.SHED, "pipeline queue full (" + type + " from "
                        + device.id() + ")");
                case INVALID -> last = refuse(transport, InputProblem.INVALID_VALUE, "the pipeline refused a " + type
                        + " from " + device.id());
            }
        }
        if (accepted > 0 || records.isEmpty()) {
            metrics.accepted(transport, type);
        }
        return new Outcome(accepted, last.problem(), last.detail());
    }

    private static String who(Sender sender) {
        return sender == null ? "unknown sender" : sender.device().kind().label() + " " + sender.device().id();
    }

    /** 64-bit FNV-1a: cheap, and identical octets (a replay) give identical hashes. */
    static long hash(byte[] octets) {
        long h = 0xcbf29ce484222325L;
        for (byte b : octets) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
