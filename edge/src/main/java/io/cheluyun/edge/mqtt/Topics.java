package io.cheluyun.edge.mqtt;

/**
 * The MQTT topic tree (DESIGN.md section 4): uplinks {@code v2x/rsu/{rsuId}/up/{msgType}} and
 * {@code v2x/obu/{vehicleId}/up/{msgType}}; downlinks {@code v2x/rsu/{rsuId}/down/{msgType}} (RSI, TIM, DENM) and
 * {@code v2x/obu/{vehicleId}/down/warning} (the warning as JSON).
 */
public final class Topics {

    /** Every uplink, for the platform's own subscription. */
    public static final String UPLINKS = "v2x/+/+/up/+";

    private Topics() {
    }

    /** A parsed uplink topic: {@code rsu} or {@code obu}, the id, the message type as written. */
    public record Uplink(String role, String id, String messageType) {
    }

    /** The uplink this topic names, or null when it is not one. */
    public static Uplink uplink(String topic) {
        String[] p = topic.split("/", -1);
        if (p.length != 5 || !p[0].equals("v2x") || !p[3].equals("up") || p[2].isEmpty() || p[4].isEmpty()
                || !(p[1].equals("rsu") || p[1].equals("obu"))) {
            return null;
        }
        return new Uplink(p[1], p[2], p[4]);
    }

    public static String rsuDown(String rsuId, String messageType) {
        return "v2x/rsu/" + rsuId + "/down/" + messageType;
    }

    public static String obuDown(String vehicleId) {
        return "v2x/obu/" + vehicleId + "/down/warning";
    }

    /**
     * Whether a device may publish to ({@code write}) or subscribe to {@code topic}: a device owns the subtree of its
     * own id ({@code v2x/rsu/{id}/...} for an RSU, {@code v2x/obu/{id or one of its vehicle ids}/...} for an OBU),
     * uplinks to publish, downlinks to read. Called by the broker for every publish: no allocation.
     */
    public static boolean owns(String role, String deviceId, java.util.Collection<String> vehicleIds, String topic,
                               boolean write) {
        int idStart = 5 + role.length(); // after "v2x/{role}/"
        if (!topic.startsWith("v2x/") || topic.length() <= idStart || !topic.regionMatches(4, role, 0, role.length())
                || topic.charAt(idStart - 1) != '/') {
            return false;
        }
        int idEnd = topic.indexOf('/', idStart);
        if (idEnd < 0) {
            return false;
        }
        int dirEnd = topic.indexOf('/', idEnd + 1);
        String dir = write ? "up" : "down";
        boolean dirOk = topic.regionMatches(idEnd + 1, dir, 0, dir.length())
                && (dirEnd < 0 ? topic.length() == idEnd + 1 + dir.length() : dirEnd == idEnd + 1 + dir.length());
        return dirOk && (matches(topic, idStart, idEnd, deviceId) || anyMatches(topic, idStart, idEnd, vehicleIds));
    }

    private static boolean anyMatches(String topic, int from, int to, java.util.Collection<String> ids) {
        for (String id : ids) {
            if (matches(topic, from, to, id)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String topic, int from, int to, String id) {
        return id.length() == to - from && topic.regionMatches(from, id, 0, id.length());
    }
}
