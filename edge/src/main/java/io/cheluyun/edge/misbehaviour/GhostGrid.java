package io.cheluyun.edge.misbehaviour;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.VehicleState;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A lossy spatial hash of where tracks last were, for the overlap (ghost) check: cells of {@value #CELL_M} m hashed
 * into a fixed array of buckets with two tracks each. Nothing is allocated after construction; a newer track
 * replaces the staler of the two in its bucket, and a track that moved on leaves a stale entry behind that readers
 * skip by its time. Collisions and overwrites can only hide an overlap, never invent one: the reader checks the
 * actual states. Thread-safe (each slot is an atomic reference; a lost race loses one position, which the next
 * message of that vehicle restores).
 */
final class GhostGrid {

    /**
     * Cell edge. A 3 × 3 neighbourhood reaches at least one cell edge around the query, which must cover the
     * overlap distance plus how far the other vehicle moves within the compared time gap (1 m + 28 m/s × 0.25 s).
     */
    static final double CELL_M = 8.0;
    /** Rows are a partition only: any constant near the metres per degree of latitude will do. */
    private static final double ROWS_PER_DEG = 111_132.0 / CELL_M;

    /** Buckets come in tiles of 4 × 4 cells stored together: a 3 × 3 neighbourhood touches a few cache lines. */
    private static final int TILE_SHIFT = 4;

    private final AtomicReferenceArray<Track> slots;
    /**
     * Message time of each slot's entry when it was filed: most neighbours are stale, and skipping them on this
     * array spares dereferencing their tracks (a cache miss each). A hint only (plain writes, racy): the reader
     * checks the track's own state before concluding anything.
     */
    private final long[] slotTimes;
    private final int tileMask;
    /** Columns per degree of longitude, per whole-degree band of latitude (consistent within a band). */
    private final double[] colsPerDegByBand = new double[180];

    GhostGrid(int buckets) {
        this.slots = new AtomicReferenceArray<>(buckets * 2);
        this.slotTimes = new long[buckets * 2];
        this.tileMask = (buckets >> TILE_SHIFT) - 1;
        for (int band = 0; band < 180; band++) {
            colsPerDegByBand[band] = Math.max(1.0, LocalEnu.metresPerDegreeLon(band - 89.5)) / CELL_M;
        }
    }

    static int row(double latDeg) {
        return (int) Math.floor(latDeg * ROWS_PER_DEG);
    }

    double colsPerDeg(double latDeg) {
        int band = (int) Math.floor(latDeg) + 90;
        return colsPerDegByBand[Math.min(179, Math.max(0, band))];
    }

    static int col(double lonDeg, double colsPerDeg) {
        return (int) Math.floor(lonDeg * colsPerDeg);
    }

    int bucket(int col, int row) {
        long h = (col >> 2) * 0x9E3779B97F4A7C15L ^ (row >> 2) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return ((int) h & tileMask) << TILE_SHIFT | (row & 3) << 2 | (col & 3);
    }

    /** Plain read: the entry is a hint, the reader checks the track's own volatile state. */
    Track slot(int bucket, int way) {
        return slots.getPlain(bucket * 2 + way);
    }

    /** When the entry of a slot was filed (message time, µs). */
    long slotTime(int bucket, int way) {
        return slotTimes[bucket * 2 + way];
    }

    /** Files {@code track} under the cell of its newly accepted state. */
    void put(Track track, VehicleState state) {
        double lat = state.latDeg();
        int b = bucket(col(state.lonDeg(), colsPerDeg(lat)), row(lat)) * 2;
        Track a = slots.getPlain(b);
        Track c = slots.getPlain(b + 1);
        int slot;
        if (a == track || a == null) {
            slot = b;
        } else if (c == track || c == null) {
            slot = b + 1;
        } else {
            slot = slotTimes[b] <= slotTimes[b + 1] ? b : b + 1;
        }
        slotTimes[slot] = state.timeMicros();
        slots.setRelease(slot, track);
    }
}
