package io.cheluyun.twin;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Uniform grid over latitude/longitude for neighbour queries within a shard. Cells are square in degrees
 * ({@code cellM} north–south); queries widen the east–west span by 1/cos(latitude). Within a cell, tracks keep
 * insertion order, so a query's result order depends only on the input sequence: replay stays deterministic.
 * Does not wrap at the antimeridian (no C-V2X deployment straddles it).
 */
final class SpatialIndex {

    /** Metres per degree of latitude, mean: sizes the cells (queries use the exact local lengths). */
    private static final double M_PER_DEG = 111_320.0;

    private final double cellM;
    private final double cellDeg;
    private final HashMap<Long, ArrayList<VehicleTrack>> cells = new HashMap<>();

    SpatialIndex(double cellM) {
        this.cellM = cellM;
        this.cellDeg = cellM / M_PER_DEG;
    }

    long cellKey(double latDeg, double lonDeg) {
        long row = (long) Math.floor(latDeg / cellDeg);
        long col = (long) Math.floor(lonDeg / cellDeg);
        return (row << 32) | (col & 0xffffffffL);
    }

    void add(VehicleTrack track) {
        cells.computeIfAbsent(track.cellKey, k -> new ArrayList<>(4)).add(track);
    }

    void remove(VehicleTrack track) {
        ArrayList<VehicleTrack> cell = cells.get(track.cellKey);
        if (cell != null) {
            cell.remove(track);
            if (cell.isEmpty()) {
                cells.remove(track.cellKey);
            }
        }
    }

    /** Re-files a track whose position changed; a no-op while it stays in its cell. */
    void move(VehicleTrack track, long newCellKey) {
        if (newCellKey != track.cellKey) {
            remove(track);
            track.cellKey = newCellKey;
            add(track);
        }
    }

    int query(double latDeg, double lonDeg, double radiusM, List<VehicleState> out) {
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
                ArrayList<VehicleTrack> cell = cells.get((row << 32) | (col & 0xffffffffL));
                if (cell == null) {
                    continue;
                }
                for (int i = 0, n = cell.size(); i < n; i++) {
                    VehicleState s = cell.get(i).state;
                    double dy = (s.latDeg() - latDeg) * mPerDegLat;
                    double dx = (s.lonDeg() - lonDeg) * mPerDegLon;
                    if (dx * dx + dy * dy <= r2) {
                        out.add(s);
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
