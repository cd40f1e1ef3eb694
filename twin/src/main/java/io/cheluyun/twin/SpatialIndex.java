package io.cheluyun.twin;

import io.cheluyun.model.LocalEnu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Uniform grid over latitude/longitude for neighbour queries within a shard (vehicles, perceived objects). Cells are
 * square in degrees ({@code cellM} north–south); queries widen the east–west span by 1/cos(latitude). Within a cell,
 * entries keep insertion order, so a query's result order depends only on the input sequence: replay stays
 * deterministic. Does not wrap at the antimeridian (no C-V2X deployment straddles it).
 *
 * @param <T> what is indexed: an {@link Entry} that knows its position and the cell it is filed under
 */
final class SpatialIndex<T extends SpatialIndex.Entry> {

    /** Something with a position, filed in one cell. The index owns {@link #cellKey}. */
    abstract static class Entry {
        long cellKey;

        abstract double latDeg();

        abstract double lonDeg();
    }

    /** Metres per degree of latitude, mean: sizes the cells (queries use the exact local lengths). */
    private static final double M_PER_DEG = 111_320.0;

    private final double cellDeg;
    private final HashMap<Long, ArrayList<T>> cells = new HashMap<>();

    SpatialIndex(double cellM) {
        this.cellDeg = cellM / M_PER_DEG;
    }

    long cellKey(double latDeg, double lonDeg) {
        return key((long) Math.floor(latDeg / cellDeg), (long) Math.floor(lonDeg / cellDeg));
    }

    /**
     * A cell's map key: row and column packed into a long, then mixed by SplitMix64's finalizer (xor-shifts and odd
     * multiplications, a bijection: distinct cells keep distinct keys). Unmixed, {@code Long.hashCode} folds the two
     * halves with XOR, and the rows and columns of one city XOR to a few values: the cells piled into a handful of
     * hash bins, and JFR found 65 % of the load harness's CPU samples in those bins' tree lookups.
     */
    static long key(long row, long col) {
        long z = (row << 32) | (col & 0xffffffffL);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Files a new entry at its current position. */
    void add(T entry) {
        entry.cellKey = cellKey(entry.latDeg(), entry.lonDeg());
        file(entry);
    }

    private void file(T entry) {
        cells.computeIfAbsent(entry.cellKey, k -> new ArrayList<>(4)).add(entry);
    }

    void remove(T entry) {
        ArrayList<T> cell = cells.get(entry.cellKey);
        if (cell != null) {
            cell.remove(entry);
            if (cell.isEmpty()) {
                cells.remove(entry.cellKey);
            }
        }
    }

    /** Re-files an entry whose position changed; a no-op while it stays in its cell. */
    void moved(T entry) {
        long newKey = cellKey(entry.latDeg(), entry.lonDeg());
        if (newKey != entry.cellKey) {
            remove(entry);
            entry.cellKey = newKey;
            file(entry);
        }
    }

    /**
     * Appends {@code view(entry)} for every entry within {@code radiusM} of the point; returns how many.
     */
    <R> int query(double latDeg, double lonDeg, double radiusM, Function<T, R> view, List<? super R> out) {
        // exact degree lengths at the query point; over a query radius of a few hundred metres the distance
        // error of this equirectangular test is below a millimetre. A point anywhere in cell row0 reaches at
        // most ceil(radius / cell height) rows beyond it, so the spans need no extra margin.
        double mPerDegLat = LocalEnu.metresPerDegreeLat(latDeg);
        double mPerDegLon = Math.max(1.0, LocalEnu.metresPerDegreeLon(latDeg));
        int rowSpan = (int) Math.ceil(radiusM / (cellDeg * mPerDegLat));
        int colSpan = (int) Math.ceil(radiusM / (cellDeg * mPerDegLon));
        long row0 = (long) Math.floor(latDeg / cellDeg);
        long col0 = (long) Math.floor(lonDeg / cellDeg);
        double r2 = radiusM * radiusM;
        int added = 0;
        for (long row = row0 - rowSpan; row <= row0 + rowSpan; row++) {
            for (long col = col0 - colSpan; col <= col0 + colSpan; col++) {
                ArrayList<T> cell = cells.get(key(row, col));
                if (cell == null) {
                    continue;
                }
                for (int i = 0, n = cell.size(); i < n; i++) {
                    T e = cell.get(i);
                    double dy = (e.latDeg() - latDeg) * mPerDegLat;
                    double dx = (e.lonDeg() - lonDeg) * mPerDegLon;
                    if (dx * dx + dy * dy <= r2) {
                        out.add(view.apply(e));
                        added++;
                    }
                }
            }
        }
        return added;
    }

    int cellCount() {
        return cells.size();
    }
}
