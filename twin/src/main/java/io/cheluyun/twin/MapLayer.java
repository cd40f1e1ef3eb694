package io.cheluyun.twin;

import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The MAP intersections a shard knows, with a grid of lane segments for lane matching. Shard-thread only.
 *
 * <p><b>Lane matching.</b> Candidates are the segments filed in the vehicle's grid cell whose foot point lies on the
 * segment (the first segment of an ingress lane extends {@link #STOP_LINE_EXTENSION_M} past the stop line) and whose
 * lateral offset is within half the lane width plus {@link #GNSS_TOLERANCE_M}. The vehicle's direction of travel must
 * agree with the lane's within {@link #MAX_HEADING_ERROR_DEG}: the reported heading when moving, else the course over
 * ground from the track's history, else no heading test (a standing vehicle without history). Among candidates the
 * cheapest wins, cost = (lateral / half width)² + (heading error / 30°)², so a noisy position next to the lane
 * boundary is decided by heading too. History makes it stable: the lane held so far gets a bonus, and switching to
 * another lane needs {@link #SWITCH_CONFIRMATIONS} consecutive updates that prefer it, unless the held lane is no
 * longer a candidate at all. So a vehicle whose fix jitters across a lane line stays in its lane, while a real lane
 * change is followed within two messages.
 */
final class MapLayer {

    /** CSAE 53 Day-1 positioning requirement for lane-level applications is 1.5 m (T/CSAE 53-2017 §5). */
    static final double GNSS_TOLERANCE_M = 1.5;
    static final double MAX_HEADING_ERROR_DEG = 45.0;
    /** Ingress lanes extend this far past the stop line (a vehicle that has just crossed it). */
    static final double STOP_LINE_EXTENSION_M = 8.0;
    static final double HELD_LANE_BONUS = 0.6;
    static final int SWITCH_CONFIRMATIONS = 2;
    /** Below this speed the reported heading is unreliable (GNSS heading of a standing receiver). */
    static final double MIN_HEADING_SPEED_MPS = 1.5;
    private static final double CELL_M = 25.0;
    private static final double M_PER_DEG = 111_320.0;

    private record SegmentRef(LaneGeometry lane, int segment) {
    }

    private final double cellDeg = CELL_M / M_PER_DEG;
    private final LinkedHashMap<IntersectionId, IntersectionGeometry> intersections = new LinkedHashMap<>();
    private final HashMap<Long, ArrayList<SegmentRef>> cells = new HashMap<>();
    private final int maxIntersections;
    private final double[] projection = new double[2];

    MapLayer(int maxIntersections) {
        this.maxIntersections = maxIntersections;
    }

    /** Adds or replaces an intersection; false when the shard is full and this is a new one. */
    private long changes;

    boolean put(MapIntersection map) {
        IntersectionGeometry existing = intersections.get(map.id());
        if (existing == null && intersections.size() >= maxIntersections) {
            return false;
        }
        if (existing != null && existing.map().equals(map)) {
            return true; // MAP is rebroadcast every second, usually unchanged
        }
        if (existing != null) {
            unfile(existing);
        }
        IntersectionGeometry geometry = new IntersectionGeometry(map);
        intersections.put(map.id(), geometry);
        file(geometry);
        changes++;
        return true;
    }

    /** How many times a MAP was added or replaced by a different one (not counting unchanged rebroadcasts). */
    long changes() {
        return changes;
    }

    IntersectionGeometry get(IntersectionId id) {
        return intersections.get(id);
    }

    int size() {
        return intersections.size();
    }

    List<IntersectionGeometry> all() {
        return List.copyOf(intersections.values());
    }

    private void file(IntersectionGeometry g) {
        LocalEnu frame = g.frame();
        for (LaneGeometry lane : g.lanes()) {
            double margin = lane.lane().widthM() / 2.0 + GNSS_TOLERANCE_M;
            for (int i = 0; i < lane.segmentCount(); i++) {
                double extend = i == 0 ? STOP_LINE_EXTENSION_M : 0.0;
                double minX = Math.min(lane.x(i), lane.x(i + 1)) - margin - extend;
                double maxX = Math.max(lane.x(i), lane.x(i + 1)) + margin + extend;
                double minY = Math.min(lane.y(i), lane.y(i + 1)) - margin - extend;
                double maxY = Math.max(lane.y(i), lane.y(i + 1)) + margin + extend;
                long r0 = row(frame.latDeg(minX, minY));
                long r1 = row(frame.latDeg(maxX, maxY));
                long c0 = col(frame.lonDeg(minX, minY));
                long c1 = col(frame.lonDeg(maxX, maxY));
                SegmentRef ref = new SegmentRef(lane, i);
                for (long r = Math.min(r0, r1); r <= Math.max(r0, r1); r++) {
                    for (long c = Math.min(c0, c1); c <= Math.max(c0, c1); c++) {
                        cells.computeIfAbsent(key(r, c), k -> new ArrayList<>(2)).add(ref);
                    }
                }
            }
        }
    }

    private void unfile(IntersectionGeometry g) {
        cells.values().forEach(list -> list.removeIf(ref -> ref.lane().intersection() == g));
        cells.values().removeIf(ArrayList::isEmpty);
    }

    private long row(double latDeg) {
        return (long) Math.floor(latDeg / cellDeg);
    }

    private long col(double lonDeg) {
        return (long) Math.floor(lonDeg / cellDeg);
    }

    private static long key(long row, long col) {
        return (row << 32) | (col & 0xffffffffL);
    }

    /** Matches the track's newest state to a lane (see the class comment); updates the track's match. */
    void match(VehicleTrack track, double courseDeg) {
        if (cells.isEmpty()) {
            return;
        }
        VehicleState s = track.state;
        ArrayList<SegmentRef> refs = cells.get(key(row(s.latDeg()), col(s.lonDeg())));
        if (refs == null) {
            track.lane = null;
            track.pendingLane = null;
            return;
        }
        double heading = s.speedMps() >= MIN_HEADING_SPEED_MPS ? s.headingDeg() : courseDeg;
        LaneGeometry held = track.lane == null ? null : track.lane.lane();
        LaneGeometry best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        double bestAlong = 0;
        double bestLateral = 0;
        double bestHeadingErr = Double.NaN;
        boolean heldIsCandidate = false;
        double heldAlong = 0;
        double heldLateral = 0;
        double heldHeadingErr = Double.NaN;
        IntersectionGeometry frameOf = null;
        double px = 0;
        double py = 0;
        for (int i = 0, n = refs.size(); i < n; i++) {
            SegmentRef ref = refs.get(i);
            LaneGeometry lane = ref.lane();
            if (lane.intersection() != frameOf) {
                frameOf = lane.intersection();
                px = frameOf.frame().eastM(s.latDeg(), s.lonDeg());
                py = frameOf.frame().northM(s.latDeg(), s.lonDeg());
            }
            if (!lane.project(ref.segment(), px, py, lane.ingress() ? STOP_LINE_EXTENSION_M : 0.0, projection)) {
                continue;
            }
            double halfWidth = lane.lane().widthM() / 2.0;
            double lateral = projection[1];
            if (Math.abs(lateral) > halfWidth + GNSS_TOLERANCE_M) {
                continue;
            }
            double headingErr = Double.NaN;
            double cost = (lateral / halfWidth) * (lateral / halfWidth);
            if (!Double.isNaN(heading)) {
                headingErr = Units.headingDiffDeg(lane.travelHeadingDeg(ref.segment()), heading);
                if (Math.abs(headingErr) > MAX_HEADING_ERROR_DEG) {
                    continue;
                }
                cost += (headingErr / 30.0) * (headingErr / 30.0);
            }
            if (lane == held) {
                cost -= HELD_LANE_BONUS;
                if (!heldIsCandidate || cost < bestCostOf(heldLateral, heldHeadingErr, halfWidth)) {
                    heldIsCandidate = true;
                    heldAlong = projection[0];
                    heldLateral = lateral;
                    heldHeadingErr = headingErr;
                }
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = lane;
                bestAlong = projection[0];
                bestLateral = lateral;
                bestHeadingErr = headingErr;
            }
        }
        if (best == null) {
            track.lane = null;
            track.pendingLane = null;
            return;
        }
        if (held != null && best != held && heldIsCandidate) {
            // another lane looks better: switch only when it keeps looking better
            if (track.pendingLane == best) {
                track.pendingCount++;
            } else {
                track.pendingLane = best;
                track.pendingCount = 1;
            }
            if (track.pendingCount < SWITCH_CONFIRMATIONS) {
                track.lane = matchOf(held, s, heldAlong, heldLateral, heldHeadingErr);
                return;
            }
        }
        track.pendingLane = null;
        track.pendingCount = 0;
        track.lane = matchOf(best, s, bestAlong, bestLateral, bestHeadingErr);
    }

    private static double bestCostOf(double lateral, double headingErr, double halfWidth) {
        double cost = (lateral / halfWidth) * (lateral / halfWidth) - HELD_LANE_BONUS;
        return Double.isNaN(headingErr) ? cost : cost + (headingErr / 30.0) * (headingErr / 30.0);
    }

    private static LaneMatch matchOf(LaneGeometry lane, VehicleState s, double along, double lateral,
                                     double headingErr) {
        double toStopLine = lane.ingress() ? along : Double.NaN;
        return new LaneMatch(lane, s.timeMicros(), along, toStopLine, lateral, headingErr);
    }
}
