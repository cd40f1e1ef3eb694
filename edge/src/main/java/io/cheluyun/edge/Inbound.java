package io.cheluyun.edge;

import io.cheluyun.asn1.per.DecodeException;
import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.MapIntersections;
import io.cheluyun.codec.adapt.PerceivedObjects;
import io.cheluyun.codec.adapt.RoadEvents;
import io.cheluyun.codec.adapt.SignalStates;
import io.cheluyun.codec.adapt.VehicleStates;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * UPER octets of one family's message → the canonical model records the pipeline takes, or why not. Each message
 * type has one short name used in MQTT topics and counters ({@code BSM}, {@code MAP}, {@code SPAT}, {@code RSI},
 * {@code RSM}, {@code TIM}, {@code PSM}, {@code CAM}, {@code DENM}, {@code SPATEM}, {@code MAPEM}, {@code CPM}).
 * Stateless and thread-safe.
 */
public final class Inbound {

    /** Every message type name the edge takes, over all families. */
    public static final Set<String> MESSAGE_TYPES = Set.of("BSM", "MAP", "SPAT", "RSI", "RSM", "TIM", "PSM", "CAM",
            "DENM", "SPATEM", "MAPEM", "CPM");

    /** What came of decoding: the records (may be empty, e.g. a TIM without geometry) or a rejection. */
    public sealed interface Decoded {
    }

    /** Decoded into {@code records} (VehicleState, SignalState, MapIntersection, RoadEvent, PerceivedObject). */
    public record Models(String messageType, List<Object> records) implements Decoded {
    }

    /** Not taken: the reason label and a human-readable detail (what, where). */
    public record Rejected(InputProblem problem, String detail) implements Decoded {
    }

    private Inbound() {
    }

    /** Normalises a topic's or config's message type name ({@code bsm} → {@code BSM}); null if unknown. */
    public static String messageType(String name) {
        String upper = name == null ? "" : name.toUpperCase(Locale.ROOT);
        return MESSAGE_TYPES.contains(upper) ? upper : null;
    }

    /**
     * Decodes one complete message of {@code family} and adapts it.
     *
     * @param receivedMicros receive time (UTC epoch µs): resolves the partial timestamps of the wire formats
     */
    public static Decoded decode(Family family, byte[] octets, long receivedMicros) {
        Object message;
        try {
            message = family.decode(octets);
        } catch (DecodeException e) {
            return new Rejected(truncated(e) ? InputProblem.TRUNCATED : InputProblem.MALFORMED_UPER,
                    family.cliName() + ": " + e.getMessage());
        } catch (RuntimeException e) { // a generated constructor's own check (e.g. a null alternative)
            return new Rejected(InputProblem.MALFORMED_UPER, family.cliName() + ": " + e.getMessage());
        }
        try {
            return adapt(family, message, receivedMicros);
        } catch (RuntimeException e) { // valid UPER whose values the model refuses (e.g. an impossible offset)
            return new Rejected(InputProblem.INVALID_VALUE, family.cliName() + " " + family.rootName(message) + ": "
                    + e.getMessage());
        }
    }

    /** The BitReader's shortage message: "…: needs N bits, M left". */
    static boolean truncated(DecodeException e) {
        String d = e.detail();
        return d != null && d.contains(" bits, ") && d.endsWith(" left");
    }

    private static Decoded adapt(Family family, Object message, long t) {
        return switch (family) {
            case CSAE53_2017 -> csae2017((io.cheluyun.codec.csae2017.MessageFrame) message, t);
            case J2735_2016 -> j2735((io.cheluyun.codec.j2735v2016.MessageFrame) message, t);
            case ETSI -> etsi(message, t);
            case CSAE53_2020, J2735_2024 -> new Rejected(InputProblem.UNKNOWN_MESSAGE_TYPE, family.cliName()
                    + " decodes, but the model adapters take csae53-2017, j2735 (2016) and etsi: configure the port or"
                    + " RSU with one of those");
        };
    }

    private static Decoded csae2017(io.cheluyun.codec.csae2017.MessageFrame frame, long t) {
        return switch (frame) {
            case io.cheluyun.codec.csae2017.MessageFrame.BsmFrame f ->
                    one("BSM", VehicleStates.fromCsae2017(f.value(), t));
            case io.cheluyun.codec.csae2017.MessageFrame.MapFrame f ->
                    many("MAP", MapIntersections.fromCsae2017(f.value()));
            case io.cheluyun.codec.csae2017.MessageFrame.SpatFrame f ->
                    many("SPAT", SignalStates.fromCsae2017(f.value(), t));
            case io.cheluyun.codec.csae2017.MessageFrame.RsiFrame f ->
                    many("RSI", RoadEvents.fromCsae2017(f.value(), t));
            case io.cheluyun.codec.csae2017.MessageFrame.RsmFrame f ->
                    many("RSM", PerceivedObjects.fromCsae2017(f.value(), t));
            case io.cheluyun.codec.csae2017.MessageFrame.UnknownExtension x ->
                    new Rejected(InputProblem.UNKNOWN_MESSAGE_TYPE, "csae53-2017 MessageFrame extension alternative "
                            + x.index() + " (a newer schema's message)");
        };
    }

    private static Decoded j2735(io.cheluyun.codec.j2735v2016.MessageFrame frame, long t) {
        Object v = frame.value();
        return switch (v) {
            case io.cheluyun.codec.j2735v2016.BasicSafetyMessage bsm -> one("BSM", VehicleStates.fromJ2735(bsm, t));
            case io.cheluyun.codec.j2735v2016.MapData map -> many("MAP", MapIntersections.fromJ2735(map));
            case io.cheluyun.codec.j2735v2016.SPAT spat -> many("SPAT", SignalStates.fromJ2735(spat, t));
            case io.cheluyun.codec.j2735v2016.TravelerInformation tim -> many("TIM", RoadEvents.fromJ2735(tim, t));
            case io.cheluyun.codec.j2735v2016.PersonalSafetyMessage psm ->
                    one("PSM", PerceivedObjects.fromPsm(psm, t));
            default -> new Rejected(InputProblem.UNKNOWN_MESSAGE_TYPE, "j2735 messageId " + frame.messageId()
                    + " is not taken (BSM 20, MAP 18, SPAT 19, TIM 31, PSM 32)");
        };
    }

    private static Decoded etsi(Object message, long t) {
        return switch (message) {
            case io.cheluyun.codec.etsi.CAM cam -> {
                var state = VehicleStates.fromCam(cam, t);
                yield state == null ? new Models("CAM", List.of()) : one("CAM", state);
            }
            case io.cheluyun.codec.etsi.DENM denm -> one("DENM", RoadEvents.fromDenm(denm));
            case io.cheluyun.codec.etsi.SPATEM s -> many("SPATEM", SignalStates.fromSpatem(s, t));
            case io.cheluyun.codec.etsi.MAPEM m -> many("MAPEM", MapIntersections.fromMapem(m));
            case io.cheluyun.codec.etsi.CollectivePerceptionMessage cpm -> many("CPM", PerceivedObjects.fromCpm(cpm));
            default -> new Rejected(InputProblem.UNKNOWN_MESSAGE_TYPE, "etsi " + message.getClass().getSimpleName());
        };
    }

    private static Models one(String type, Object record) {
        return new Models(type, List.of(record));
    }

    private static Models many(String type, List<?> records) {
        return new Models(type, List.copyOf(records));
    }
}
