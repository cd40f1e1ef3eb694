package io.cheluyun.twin;

import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.RoadEvent;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * A road event with its geofence prepared for queries: the area as a JTS polygon (validated, indexed for
 * point-in-polygon) in a local east-north frame at its
 * first vertex (so "inside" and "how far" are exact in metres), plus a latitude/longitude bounding box for cheap
 * pre-filtering. Immutable.
 */
public final class GeofencedEvent {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final RoadEvent event;
    private final LocalEnu frame;
    private final IndexedPointInAreaLocator locator;
    private final double minLat;
    private final double maxLat;
    private final double minLon;
    private final double maxLon;
    /** The closed ring in the local frame (last vertex = first), for allocation-free distances. */
    private final double[] ringX;
    private final double[] ringY;

    private GeofencedEvent(RoadEvent event, LocalEnu frame, Polygon polygon) {
        this.event = event;
        this.frame = frame;
        this.locator = new IndexedPointInAreaLocator(polygon);
        Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
        this.ringX = new double[ring.length];
        this.ringY = new double[ring.length];
        for (int i = 0; i < ring.length; i++) {
            ringX[i] = ring[i].x;
            ringY[i] = ring[i].y;
        }
        double a = 90;
        double b = -90;
        double c = 180;
        double d = -180;
        for (GeoPoint p : event.area()) {
            a = Math.min(a, p.latDeg());
            b = Math.max(b, p.latDeg());
            c = Math.min(c, p.lonDeg());
            d = Math.max(d, p.lonDeg());
        }
        this.minLat = a;
        this.maxLat = b;
        this.minLon = c;
        this.maxLon = d;
    }

    /**
     * Prepares an event's geofence.
     *
     * @throws IllegalArgumentException when the area is not a simple polygon (self-intersecting, zero area)
     */
    public static GeofencedEvent of(RoadEvent event) {
        List<GeoPoint> area = event.area();
        LocalEnu frame = new LocalEnu(area.getFirst().latDeg(), area.getFirst().lonDeg());
        Coordinate[] ring = new Coordinate[area.size() + 1];
        for (int i = 0; i < area.size(); i++) {
            GeoPoint p = area.get(i);
            ring[i] = new Coordinate(frame.eastM(p.latDeg(), p.lonDeg()), frame.northM(p.latDeg(), p.lonDeg()));
        }
        ring[area.size()] = ring[0].copy();
        Polygon polygon = GEOMETRY.createPolygon(ring);
        IsValidOp validity = new IsValidOp(polygon);
        if (!validity.isValid()) {
            throw new IllegalArgumentException("event " + event.eventId() + " area is not a simple polygon: "
                    + validity.getValidationError().getMessage());
        }
        if (polygon.getArea() < 1.0) {
            throw new IllegalArgumentException("event " + event.eventId() + " area is smaller than 1 m²");
        }
        return new GeofencedEvent(event, frame, polygon);
    }

    public RoadEvent event() {
        return event;
    }

    /** True when the point lies inside the area or on its edge. */
    public boolean contains(double latDeg, double lonDeg) {
        if (latDeg < minLat || latDeg > maxLat || lonDeg < minLon || lonDeg > maxLon) {
            return false;
        }
        Coordinate c = new Coordinate(frame.eastM(latDeg, lonDeg), frame.northM(latDeg, lonDeg));
        return locator.locate(c) != Location.EXTERIOR;
    }

    /** Distance from the point to the area, m; 0 inside. */
    public double distanceM(double latDeg, double lonDeg) {
        if (contains(latDeg, lonDeg)) {
            return 0.0;
        }
        double px = frame.eastM(latDeg, lonDeg);
        double py = frame.northM(latDeg, lonDeg);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < ringX.length; i++) {
            double ex = ringX[i + 1] - ringX[i];
            double ey = ringY[i + 1] - ringY[i];
            double len2 = ex * ex + ey * ey;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ringX[i]) * ex + (py - ringY[i]) * ey) / len2));
            best = Math.min(best, Math.hypot(ringX[i] + t * ex - px, ringY[i] + t * ey - py));
        }
        return best;
    }

    /**
     * Distance along a ray from the point (heading degrees from north) to where it first enters the area, m;
     * 0 when the point is inside, {@code +∞} when the ray within {@code maxM} misses the area.
     */
    public double distanceAheadM(double latDeg, double lonDeg, double headingDeg, double maxM) {
        if (contains(latDeg, lonDeg)) {
            return 0.0;
        }
        double h = Math.toRadians(headingDeg);
        double dx = Math.sin(h);
        double dy = Math.cos(h);
        double px = frame.eastM(latDeg, lonDeg);
        double py = frame.northM(latDeg, lonDeg);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < ringX.length; i++) {
            // ray p + t·d against edge a + u·e: solve by cross products
            double ex = ringX[i + 1] - ringX[i];
            double ey = ringY[i + 1] - ringY[i];
            double denom = dx * ey - dy * ex;
            if (Math.abs(denom) < 1e-12) {
                continue; // parallel: a ray grazing along an edge enters through a neighbouring one
            }
            double ax = ringX[i] - px;
            double ay = ringY[i] - py;
            double t = (ax * ey - ay * ex) / denom;
            double u = (ax * dy - ay * dx) / denom;
            if (t >= 0 && t <= maxM && u >= 0 && u <= 1) {
                best = Math.min(best, t);
            }
        }
        return best;
    }

    /** Bounding-box test: could the area be within {@code radiusM} of the point? */
    boolean mayBeWithin(double latDeg, double lonDeg, double radiusM) {
        double dLat = radiusM / LocalEnu.metresPerDegreeLat(latDeg);
        double dLon = radiusM / Math.max(1.0, LocalEnu.metresPerDegreeLon(latDeg));
        return latDeg + dLat >= minLat && latDeg - dLat <= maxLat && lonDeg + dLon >= minLon
                && lonDeg - dLon <= maxLon;
    }
}
