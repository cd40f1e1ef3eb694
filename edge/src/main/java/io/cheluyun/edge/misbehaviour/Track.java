package io.cheluyun.edge.misbehaviour;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.VehicleState;

/**
 * What the detector remembers about one vehicle id, whichever channels carry it. Guarded by its own monitor, except
 * {@link #last} and {@link #firstSeenMicros}, which other vehicles' overlap checks read without locking (an
 * immutable state behind a volatile reference, and a volatile long).
 */
final class Track {

    /** Fields per dead-reckoning checkpoint: time µs, lat, lon, cumulative east m, cumulative north m. */
    static final int CP_FIELDS = 5;
    /** Checkpoints kept: one every quarter window, so the newest one at least a window old is always there. */
    static final int CHECKPOINTS = 6;

    final String vehicleId;
    /** The last accepted (plausible, in-order) state: the reference of the physics checks. */
    volatile VehicleState last;
    /** Receive time of the track's first message: of two overlapping tracks, the clearly younger is the ghost. */
    volatile long firstSeenMicros;
    boolean seen;

    /** Recent payload hashes and the channel each came through (replay / duplicate detection). */
    final long[] hashes;
    final String[] hashSenders;
    private int hashNext;
    private int hashFill;

    /** Relayed traffic is rate-limited per vehicle (an RSU legitimately carries many). */
    final TokenBucket bucket = new TokenBucket();
    /** The direct channel that last spoke for this id, and when. */
    volatile String ownerId;
    long ownerSeenMicros;

    /** Local metres per degree, recomputed when the vehicle moves more than ~5 km north or south. */
    private double scaleLatDeg = Double.NaN;
    double metresPerDegLat;
    double metresPerDegLon;

    /** Cumulative dead-reckoned displacement from reported speeds and headings, m. */
    double deadReckonedEastM;
    double deadReckonedNorthM;
    /** The increment the current message would add (computed by the consistency check, applied on accept). */
    double pendingEastM;
    double pendingNorthM;
    boolean pendingRestart;
    private final double[] checkpoints = new double[CHECKPOINTS * CP_FIELDS];
    private int checkpointNext;
    private int checkpointCount;
    private long lastCheckpointMicros;

    int overlapCount;
    final ViolationLog violations = new ViolationLog();

    Track(String vehicleId, int hashRing) {
        this.vehicleId = vehicleId;
        this.hashes = new long[hashRing];
        this.hashSenders = new String[hashRing];
    }

    int indexOfHash(long hash) {
        for (int i = 0; i < hashFill; i++) {
            if (hashes[i] == hash) {
                return i;
            }
        }
        return -1;
    }

    void rememberHash(long hash, String senderId) {
        hashes[hashNext] = hash;
        hashSenders[hashNext] = senderId;
        hashNext = (hashNext + 1) % hashes.length;
        hashFill = Math.min(hashFill + 1, hashes.length);
    }

    void scaleAt(double latDeg) {
        if (!(Math.abs(latDeg - scaleLatDeg) < 0.05)) {
            scaleLatDeg = latDeg;
            metresPerDegLat = LocalEnu.metresPerDegreeLat(latDeg);
            metresPerDegLon = LocalEnu.metresPerDegreeLon(latDeg);
        }
    }

    /** Index of the newest checkpoint at or before {@code atOrBeforeMicros}, or -1. */
    int anchor(long atOrBeforeMicros) {
        for (int k = 1; k <= checkpointCount; k++) {
            int i = Math.floorMod(checkpointNext - k, CHECKPOINTS) * CP_FIELDS;
            if ((long) checkpoints[i] <= atOrBeforeMicros) {
                return i;
            }
        }
        return -1;
    }

    double checkpoint(int index, int field) {
        return checkpoints[index + field];
    }

    void checkpointIfDue(long timeMicros, double latDeg, double lonDeg, long spacingMicros) {
        if (checkpointCount > 0 && timeMicros - lastCheckpointMicros < spacingMicros) {
            return;
        }
        int i = checkpointNext * CP_FIELDS;
        // µs epoch times are below 2^53: exact in a double
        checkpoints[i] = timeMicros;
        checkpoints[i + 1] = latDeg;
        checkpoints[i + 2] = lonDeg;
        checkpoints[i + 3] = deadReckonedEastM;
        checkpoints[i + 4] = deadReckonedNorthM;
        checkpointNext = (checkpointNext + 1) % CHECKPOINTS;
        checkpointCount = Math.min(checkpointCount + 1, CHECKPOINTS);
        lastCheckpointMicros = timeMicros;
    }

    void restartWindow() {
        checkpointCount = 0;
    }
}
