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
     * Whether {@code deviceId} (an MQTT username) may publish to or subscribe to {@code topic}: a device owns the
     * subtree of its own id ({@code v2x/rsu/{id}/...} for an RSU, {@code v2x/obu/{id or one of its vehicle ids}/...}
     * for an OBU), uplinks to publish, downlinks to read.
     */
    public static boolean owns(String role, java.util.Collection<String> ids, String topic, boolean write) {
        String[] p = topic.split("/", -1);
        if (p.length < 4 || !p[0].equals("v2x") || !p[1].equals(role) || !ids.contains(p[2])) {
            return false;
        }
        return write ? p[3].equals("up") : p[3].equals("down");
    }
}
