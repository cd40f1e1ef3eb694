package io.cheluyun.twin;

import io.cheluyun.model.Connection;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.Lane;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;

/**
 * A MAP lane as a polyline in its intersection's local frame, ready for projection. Node 0 is at the stop line
 * (ingress lanes) or at the intersection edge (egress lanes), as J2735 and CSAE 53 lay out node lists; traffic on an
 * ingress lane therefore travels against the node order, on an egress lane with it. Immutable.
 */
public final class LaneGeometry {

    private final IntersectionGeometry intersection;
    private final Lane lane;
    private final double[] x;
    private final double[] y;
    private final double[] cumulative;

    LaneGeometry(IntersectionGeometry intersection, Lane lane, LocalEnu frame) {
        this.intersection = intersection;
        this.lane = lane;
        int n = lane.centreline().size();
        this.x = new double[n];
        this.y = new double[n];
        this.cumulative = new double[n];
        for (int i = 0; i < n; i++) {
            GeoPoint p = lane.centreline().get(i);
            x[i] = frame.eastM(p.latDeg(), p.lonDeg());
            y[i] = frame.northM(p.latDeg(), p.lonDeg());
            if (i > 0) {
                cumulative[i] = cumulative[i - 1] + Math.hypot(x[i] - x[i - 1], y[i] - y[i - 1]);
            }
        }
    }

    public IntersectionGeometry intersection() {
        return intersection;
    }

    public Lane lane() {
        return lane;
    }

    public int laneId() {
        return lane.laneId();
    }

    public boolean ingress() {
        return lane.ingress();
    }

    /** Length of the polyline, m. */
    public double lengthM() {
        return cumulative[cumulative.length - 1];
    }

    int segmentCount() {
        return x.length - 1;
    }

    double x(int node) {
        return x[node];
    }

    double y(int node) {
        return y[node];
    }

    /** Position of node 0 (the stop line of an ingress lane), east metres in the intersection frame. */
    public double stopLineEastM() {
        return x[0];
    }

    public double stopLineNorthM() {
        return y[0];
    }

    /** Direction of travel along segment {@code i} (nodes i → i+1), degrees clockwise from north. */
    public double travelHeadingDeg(int segment) {
        double dx = x[segment + 1] - x[segment];
        double dy = y[segment + 1] - y[segment];
        double nodeOrder = Math.toDegrees(Math.atan2(dx, dy));
        double h = lane.ingress() ? nodeOrder + 180.0 : nodeOrder;
        return ((h % 360.0) + 360.0) % 360.0;
    }

    /** Direction of travel where traffic leaves the lane's far end (ingress: at the stop line). */
    public double travelHeadingAtStopLineDeg() {
        return travelHeadingDeg(0);
    }

    /**
     * The connection a vehicle on this lane most likely takes: the one whose manoeuvre matches the indicated turn
     * ({@code LEFT_TURN}/{@code RIGHT_TURN}/{@code null} for none), else straight, else the first; {@code null}
     * when the lane has no connections.
     */
    public Connection likelyConnection(Maneuver indicated) {
        Connection straight = null;
        for (Connection c : lane.connections()) {
            if (indicated != null && c.maneuver() == indicated) {
                return c;
            }
            if (straight == null && c.maneuver() == Maneuver.STRAIGHT) {
                straight = c;
            }
        }
        if (straight != null) {
            return straight;
        }
        return lane.connections().isEmpty() ? null : lane.connections().getFirst();
    }

    /**
     * Projects a point (intersection frame) on segment {@code i}, writing {@code [alongM, lateralM]}: the distance
     * from node 0 along the polyline to the foot point, and the signed offset, positive to the right of the
     * direction of travel. The first segment extends {@code extendM} beyond node 0 (a vehicle past the stop line
     * gets a negative distance); returns false when the foot falls outside the segment.
     */
    boolean project(int i, double px, double py, double extendM, double[] out) {
        double dx = x[i + 1] - x[i];
        double dy = y[i + 1] - y[i];
        double len = cumulative[i + 1] - cumulative[i];
        if (len <= 0) {
            return false;
        }
        double ux = dx / len;
        double uy = dy / len;
        double t = (px - x[i]) * ux + (py - y[i]) * uy;
        double lower = i == 0 ? -extendM : 0.0;
        if (t < lower || t > len) {
            return false;
        }
        // left of the node order is positive; the right of travel flips with the travel direction
        double left = ux * (py - y[i]) - uy * (px - x[i]);
        out[0] = cumulative[i] + t;
        out[1] = lane.ingress() ? left : -left;
        return true;
    }
}
