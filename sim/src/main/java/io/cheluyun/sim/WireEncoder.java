package io.cheluyun.sim;

import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.MapIntersections;
import io.cheluyun.codec.adapt.PerceivedObjects;
import io.cheluyun.codec.adapt.SignalStates;
import io.cheluyun.codec.adapt.VehicleStates;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulation step's records as the UPER messages a roadside unit of one family puts on the wire: a MAP per
 * intersection, a SPaT per signal state, a BSM per vehicle (as the vehicle's OBU sent it, relayed by the RSU), and
 * the pedestrians its sensors see — one T/CSAE 53 RSM per step (up to 16 participants each, the RSM's limit) or one
 * J2735 PSM per pedestrian. Message counts (msgCnt, 0..127) run per vehicle for BSMs and per message type for the
 * RSU's own messages, as each sender keeps its own (J2735 DE_MsgCount, T/CSAE 53 MsgCount).
 *
 * <p>Not thread-safe: one encoder per sending thread. The per-vehicle counters grow with the vehicles seen (a few
 * bytes each: a 300 s scenario sees hundreds).
 */
public final class WireEncoder {

    /** The families with an encoder for every record the simulation produces, and adapters on the server side. */
    public static final Set<Family> FAMILIES = Set.of(Family.CSAE53_2017, Family.J2735_2016);

    /** One message: its type as the MQTT topics name it ({@code BSM}, {@code MAP}, …) and its UPER octets. */
    public record Message(String type, byte[] octets) {
    }

    private static final int RSM_MAX_PARTICIPANTS = 16;

    private final Family family;
    private final byte[] rsuId;
    private final GeoPoint rsuPosition;
    private final Map<String, Integer> vehicleCounts = new HashMap<>();
    private int mapCount;
    private int spatCount;
    private int pedestrianCount;

    /**
     * @param rsuId       the sending RSU's id: 16 hex digits are its 8 octets, anything else its first 8 UTF-8
     *                    octets, zero-padded (T/CSAE 53 RSM {@code id}, OCTET STRING (SIZE(8)))
     * @param rsuPosition the RSU's reference position (RSM {@code refPos})
     */
    public WireEncoder(Family family, String rsuId, GeoPoint rsuPosition) {
        if (!FAMILIES.contains(family)) {
            throw new IllegalArgumentException("no simulation encoder for " + family.cliName() + "; use one of "
                    + FAMILIES.stream().map(Family::cliName).sorted().toList());
        }
        this.family = family;
        this.rsuId = rsuId.matches("[0-9a-fA-F]{16}") ? HexFormat.of().parseHex(rsuId)
                : Arrays.copyOf(rsuId.getBytes(StandardCharsets.UTF_8), 8);
        this.rsuPosition = rsuPosition;
    }

    /** The messages of one step, in record order (pedestrians last). */
    public List<Message> encode(List<Object> records, long nowMicros) {
        List<Message> out = new ArrayList<>(records.size());
        List<PerceivedObject> pedestrians = new ArrayList<>();
        for (Object r : records) {
            switch (r) {
                case MapIntersection m -> out.add(map(m));
                case SignalState s -> out.add(spat(s, nowMicros));
                case VehicleState v -> out.add(bsm(v));
                case PerceivedObject p -> pedestrians.add(p);
                default -> throw new IllegalArgumentException("no message for a " + r.getClass().getSimpleName());
            }
        }
        if (family == Family.J2735_2016) {
            for (PerceivedObject p : pedestrians) {
                out.add(new Message("PSM", Family.J2735_2016.encode(PerceivedObjects.toPsm(p, nextPedestrianCount()))));
            }
        } else {
            for (int k = 0; k < pedestrians.size(); k += RSM_MAX_PARTICIPANTS) {
                var rsm = PerceivedObjects.toCsae2017(pedestrians.subList(k, Math.min(pedestrians.size(),
                        k + RSM_MAX_PARTICIPANTS)), rsuId, nextPedestrianCount(), rsuPosition);
                out.add(new Message("RSM", Family.CSAE53_2017.encode(
                        new io.cheluyun.codec.csae2017.MessageFrame.RsmFrame(rsm))));
            }
        }
        return out;
    }

    private Message map(MapIntersection m) {
        mapCount = (mapCount + 1) & 127;
        int count = mapCount;
        return new Message("MAP", family == Family.J2735_2016
                ? Family.J2735_2016.encode(MapIntersections.toJ2735(List.of(m), count))
                : Family.CSAE53_2017.encode(new io.cheluyun.codec.csae2017.MessageFrame.MapFrame(
                        MapIntersections.toCsae2017(List.of(m), count))));
    }

    private Message spat(SignalState s, long nowMicros) {
        spatCount = (spatCount + 1) & 127;
        int count = spatCount;
        return new Message("SPAT", family == Family.J2735_2016
                ? Family.J2735_2016.encode(SignalStates.toJ2735(List.of(s), count, nowMicros))
                : Family.CSAE53_2017.encode(new io.cheluyun.codec.csae2017.MessageFrame.SpatFrame(
                        SignalStates.toCsae2017(List.of(s), count, nowMicros))));
    }

    private Message bsm(VehicleState v) {
        int count = vehicleCounts.merge(v.vehicleId(), 1, (a, b) -> (a + b) & 127);
        return new Message("BSM", family == Family.J2735_2016
                ? Family.J2735_2016.encode(VehicleStates.toJ2735(v, count))
                : Family.CSAE53_2017.encode(VehicleStates.toCsae2017(v, count)));
    }

    private int nextPedestrianCount() {
        pedestrianCount = (pedestrianCount + 1) & 127;
        return pedestrianCount;
    }
}
