package io.cheluyun.edge.misbehaviour;

/**
 * What the detector remembers about one authenticated channel (a device id). For a direct channel (an OBU) it is
 * also the vehicle identity it speaks for; relays (RSUs) keep only their entry in the bounded map. Guarded by its
 * own monitor.
 */
final class Channel {

    static final long NEVER = Long.MIN_VALUE;
    private static final int PREVIOUS_IDS = 4;

    final String id;
    final TokenBucket bucket = new TokenBucket();
    final ViolationLog violations = new ViolationLog();

    /** The vehicle id this direct channel currently speaks for, and when it last changed. */
    String vehicleId;
    long lastIdChangeMicros = NEVER;
    private final String[] previousIds = new String[PREVIOUS_IDS];
    private final long[] previousUntilMicros = new long[PREVIOUS_IDS];
    private int previousNext;

    Channel(String id) {
        this.id = id;
    }

    /** True if {@code candidate} is an id this channel left less than {@code holdMicros} ago. */
    boolean usedRecently(String candidate, long nowMicros, long holdMicros) {
        for (int i = 0; i < PREVIOUS_IDS; i++) {
            if (candidate.equals(previousIds[i]) && nowMicros - previousUntilMicros[i] < holdMicros) {
                return true;
            }
        }
        return false;
    }

    void switchTo(String newVehicleId, long nowMicros) {
        previousIds[previousNext] = vehicleId;
        previousUntilMicros[previousNext] = nowMicros;
        previousNext = (previousNext + 1) % PREVIOUS_IDS;
        vehicleId = newVehicleId;
        lastIdChangeMicros = nowMicros;
    }
}
