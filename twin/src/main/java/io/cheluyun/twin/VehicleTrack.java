package io.cheluyun.twin;

import io.cheluyun.model.VehicleState;

/**
 * A tracked vehicle inside a shard: its latest state, a short history of positions, its lane match and whether this
 * shard owns it (the vehicle's tile belongs to the shard) or holds a halo copy. Shard-thread only.
 *
 * <p>The history is kept in primitive rings (no state objects retained) so a track stays well under 1 KiB:
 * {@link #HISTORY} samples at least {@link #HISTORY_SPACING_MICROS} apart, i.e. the last ~2 s at 10 Hz.
 */
final class VehicleTrack extends SpatialIndex.Entry {

    static final int HISTORY = 10;
    static final long HISTORY_SPACING_MICROS = 200_000;

    VehicleState state;
    boolean owned;
    LaneMatch lane;
    /** Lane matching's pending switch: the lane preferred over the held one, and for how many updates. */
    LaneGeometry pendingLane;
    int pendingCount;
    private final long[] historyTime = new long[HISTORY];
    private final double[] historyLat = new double[HISTORY];
    private final double[] historyLon = new double[HISTORY];
    private int historyHead = -1;
    private int historySize;

    VehicleTrack(VehicleState state, boolean owned) {
        this.state = state;
        this.owned = owned;
        record(state);
    }

    @Override
    double latDeg() {
        return state.latDeg();
    }

    @Override
    double lonDeg() {
        return state.lonDeg();
    }

    /** Keeps the state's position as a history sample if the last one is old enough. */
    void record(VehicleState s) {
        if (historySize > 0 && s.timeMicros() - historyTime[historyHead] < HISTORY_SPACING_MICROS) {
            return;
        }
        historyHead = (historyHead + 1) % HISTORY;
        historyTime[historyHead] = s.timeMicros();
        historyLat[historyHead] = s.latDeg();
        historyLon[historyHead] = s.lonDeg();
        if (historySize < HISTORY) {
            historySize++;
        }
    }

    int historySize() {
        return historySize;
    }

    /** Sample {@code age} steps back (0 = newest). */
    long historyTime(int age) {
        return historyTime[slot(age)];
    }

    double historyLat(int age) {
        return historyLat[slot(age)];
    }

    double historyLon(int age) {
        return historyLon[slot(age)];
    }

    private int slot(int age) {
        if (age < 0 || age >= historySize) {
            throw new IndexOutOfBoundsException("history age " + age + " of " + historySize);
        }
        return Math.floorMod(historyHead - age, HISTORY);
    }
}
