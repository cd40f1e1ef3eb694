package io.cheluyun.apps;

import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.GeofencedEvent;
import io.cheluyun.twin.TwinView;
import java.util.List;

/** What the applications driven by road events (HLW, IVS) share: reacting to a new event, and where a path enters. */
public final class RoadEventApps {

    private RoadEventApps() {
    }

    /** Evaluates one vehicle against one event at message time {@code t}. */
    @FunctionalInterface
    public interface Evaluation {
        void evaluate(VehicleState vehicle, GeofencedEvent event, long t);
    }

    /**
     * A newly announced event in force: evaluates every vehicle that may be inside or approaching it (within
     * {@code lookAheadM} of its area, its state at most {@code maxStateAgeMicros} older than the event time), so a
     * vehicle gets the warning right away rather than at its next message. An event announced ahead of its start is
     * left to vehicle updates, which pick it up once it is in force.
     */
    public static void onNewEvent(RoadEvent event, TwinView twin, double lookAheadM, long maxStateAgeMicros,
                                  List<VehicleState> scratch, Evaluation evaluation) {
        long now = twin.nowMicros();
        long t = Math.max(now, event.startMicros());
        if (event.startMicros() - now > maxStateAgeMicros || !event.isValidAt(t)) {
            return;
        }
        GeofencedEvent fenced = GeofencedEvent.of(event); // the shard accepted this area: it is valid
        GeoPoint centre = centre(event);
        scratch.clear();
        twin.vehiclesNear(centre.latDeg(), centre.lonDeg(), radiusM(event, centre) + lookAheadM, scratch);
        for (int i = 0, n = scratch.size(); i < n; i++) {
            VehicleState vehicle = scratch.get(i);
            if (t - vehicle.timeMicros() <= maxStateAgeMicros) {
                evaluation.evaluate(vehicle, fenced, t);
            }
        }
    }

    /** Where the vehicle's path (a ray along its heading) enters the area: its own position when inside. */
    public static GeoPoint entryPoint(VehicleState vehicle, double rayM, TwinView twin) {
        if (rayM == 0.0) {
            return vehicle.position();
        }
        LocalEnu frame = twin.frameAt(vehicle.latDeg(), vehicle.lonDeg());
        double h = Math.toRadians(vehicle.headingDeg());
        return frame.toGeo(frame.eastM(vehicle.latDeg(), vehicle.lonDeg()) + rayM * Math.sin(h),
                frame.northM(vehicle.latDeg(), vehicle.lonDeg()) + rayM * Math.cos(h));
    }

    /** Mean of the area's vertices: the centre of the circle that {@link #radiusM} bounds it with. */
    static GeoPoint centre(RoadEvent event) {
        double lat = 0;
        double lon = 0;
        for (GeoPoint p : event.area()) {
            lat += p.latDeg();
            lon += p.lonDeg();
        }
        return new GeoPoint(lat / event.area().size(), lon / event.area().size());
    }

    /** Distance from the centre to the farthest vertex, m, plus a metre for the local degree lengths' error. */
    static double radiusM(RoadEvent event, GeoPoint centre) {
        double mLat = LocalEnu.metresPerDegreeLat(centre.latDeg());
        double mLon = LocalEnu.metresPerDegreeLon(centre.latDeg());
        double max = 0;
        for (GeoPoint p : event.area()) {
            max = Math.max(max, Math.hypot((p.latDeg() - centre.latDeg()) * mLat,
                    (p.lonDeg() - centre.lonDeg()) * mLon));
        }
        return max + 1.0;
    }
}
