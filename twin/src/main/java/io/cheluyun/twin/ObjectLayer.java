package io.cheluyun.twin;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Perceived objects from roadside sensors (RSM, CPM) and pedestrians' own PSMs, fused into one track per real
 * participant. Shard-thread only.
 *
 * <p><b>Association rule</b>, applied to each report in order:
 * <ol>
 *   <li>A report from a source and object id already associated updates that track.</li>
 *   <li>A report of a vehicle-like class (vehicle, truck, bus, motorcycle, unknown) that lies within the gate of a
 *       connected vehicle's own report, dead-reckoned to the report's time, with compatible heading (within 45° when
 *       both move faster than 1.5 m/s) and speed (within 3 m/s), <em>is</em> that vehicle: it is counted as fused and
 *       not tracked separately, so applications see each connected vehicle once, with its own, more precise, BSM.</li>
 *   <li>Otherwise a track of the same class group (pedestrian; cyclist; vehicle-like) from <em>another</em> source
 *       within the gate at the report's time takes the report (two RSUs seeing the same pedestrian).</li>
 *   <li>Otherwise the report starts a new track, id {@code obj:<source>:<objectId>}.</li>
 * </ol>
 * The gate is three times the report's 1-sigma position accuracy, at least {@link #MIN_GATE_M} (no accuracy given:
 * the minimum). Nearest candidate wins; ties go to the earlier track (deterministic). Tracks silent for the object
 * timeout are dropped with their associations.
 */
final class ObjectLayer {

    static final double MIN_GATE_M = 3.0;
    static final double MAX_SPEED_DIFF_MPS = 3.0;
    static final double MAX_HEADING_DIFF_DEG = 45.0;

    /** What happened to a report. */
    enum Outcome { UPDATED, NEW_TRACK, FUSED_WITH_VEHICLE, OVER_CAPACITY, STALE }

    private final LinkedHashMap<String, ObjectTrack> tracks = new LinkedHashMap<>();
    private final HashMap<String, ObjectTrack> bySource = new HashMap<>();
    private final SpatialIndex<ObjectTrack> index;
    private final int maxObjects;
    private final List<VehicleState> nearVehicles = new ArrayList<>();
    private final List<ObjectTrack> nearObjects = new ArrayList<>();
    private final double[] pose = new double[4];
    private ObjectTrack lastTrack;

    ObjectLayer(int maxObjects, double cellM) {
        this.maxObjects = maxObjects;
        this.index = new SpatialIndex<>(cellM);
    }

    /** The track the last {@link #apply} updated or created; its {@code latest} carries the fused id. */
    ObjectTrack lastTrack() {
        return lastTrack;
    }

    Outcome apply(PerceivedObject o, boolean owned, SpatialIndex<VehicleTrack> vehicles) {
        lastTrack = null;
        String key = o.sourceId() + "/" + o.objectId();
        ObjectTrack track = bySource.get(key);
        if (track != null) {
            if (o.timeMicros() <= track.latest.timeMicros() && track.latest.sourceId().equals(o.sourceId())) {
                return Outcome.STALE;
            }
            if (isVehicleLike(o.objectClass()) && isConnectedVehicle(o, gateOf(o), vehicles)) {
                remove(track); // the vehicle has started sending its own messages
                return Outcome.FUSED_WITH_VEHICLE;
            }
            update(track, o, owned);
            return Outcome.UPDATED;
        }
        double gate = gateOf(o);
        if (isVehicleLike(o.objectClass()) && isConnectedVehicle(o, gate, vehicles)) {
            return Outcome.FUSED_WITH_VEHICLE;
        }
        ObjectTrack other = nearestCompatibleTrack(o, gate);
        if (other != null) {
            other.sourceKeys.add(key);
            bySource.put(key, other);
            update(other, o, owned);
            return Outcome.UPDATED;
        }
        if (tracks.size() >= maxObjects) {
            return Outcome.OVER_CAPACITY;
        }
        String id = "obj:" + o.sourceId() + ":" + o.objectId();
        track = new ObjectTrack(id, relabel(o, id), owned);
        track.sourceKeys.add(key);
        tracks.put(id, track);
        bySource.put(key, track);
        index.add(track);
        lastTrack = track;
        return Outcome.NEW_TRACK;
    }

    private static double gateOf(PerceivedObject o) {
        return Double.isNaN(o.positionAccuracyM()) ? MIN_GATE_M : Math.max(MIN_GATE_M, 3.0 * o.positionAccuracyM());
    }

    private void remove(ObjectTrack t) {
        tracks.remove(t.trackId);
        index.remove(t);
        for (String key : t.sourceKeys) {
            bySource.remove(key);
        }
    }

    private void update(ObjectTrack track, PerceivedObject o, boolean owned) {
        if (o.timeMicros() >= track.latest.timeMicros()) {
            track.latest = relabel(o, track.trackId);
            track.owned = owned;
            index.moved(track);
        }
        lastTrack = track;
    }

    private static PerceivedObject relabel(PerceivedObject o, String trackId) {
        return new PerceivedObject(trackId, o.sourceId(), o.objectClass(), o.timeMicros(), o.position(),
                o.headingDeg(), o.speedMps(), o.lengthM(), o.widthM(), o.positionAccuracyM());
    }

    private boolean isConnectedVehicle(PerceivedObject o, double gate, SpatialIndex<VehicleTrack> vehicles) {
        nearVehicles.clear();
        // a vehicle's report may be up to a few hundred ms off the object's time: widen the search by its travel
        vehicles.query(o.position().latDeg(), o.position().lonDeg(), gate + 20.0, t -> t.state, nearVehicles);
        LocalEnu frame = new LocalEnu(o.position().latDeg(), o.position().lonDeg());
        for (VehicleState v : nearVehicles) {
            if (!classCompatible(o.objectClass(), v.vehicleClass())) {
                continue;
            }
            Prediction.predict(v, o.timeMicros(), frame, pose);
            if (Math.hypot(pose[Prediction.EAST], pose[Prediction.NORTH]) > gate) {
                continue;
            }
            if (Math.abs(pose[Prediction.SPEED] - o.speedMps()) > MAX_SPEED_DIFF_MPS) {
                continue;
            }
            boolean bothMoving = o.speedMps() > 1.5 && v.speedMps() > 1.5 && !Double.isNaN(o.headingDeg());
            if (bothMoving && Math.abs(Units.headingDiffDeg(o.headingDeg(), pose[Prediction.HEADING]))
                    > MAX_HEADING_DIFF_DEG) {
                continue;
            }
            return true;
        }
        return false;
    }

    private ObjectTrack nearestCompatibleTrack(PerceivedObject o, double gate) {
        nearObjects.clear();
        index.query(o.position().latDeg(), o.position().lonDeg(), gate + 10.0, t -> t, nearObjects);
        LocalEnu frame = new LocalEnu(o.position().latDeg(), o.position().lonDeg());
        ObjectTrack best = null;
        double bestDistance = gate;
        for (ObjectTrack t : nearObjects) {
            PerceivedObject p = t.latest;
            if (p.sourceId().equals(o.sourceId()) || group(p.objectClass()) != group(o.objectClass())) {
                continue;
            }
            // bring the track to the report's time along its own heading and speed
            double dt = Math.max(0.0, (o.timeMicros() - p.timeMicros()) / 1e6);
            double e = frame.eastM(p.position().latDeg(), p.position().lonDeg());
            double n = frame.northM(p.position().latDeg(), p.position().lonDeg());
            if (!Double.isNaN(p.headingDeg())) {
                e += p.speedMps() * dt * Math.sin(Math.toRadians(p.headingDeg()));
                n += p.speedMps() * dt * Math.cos(Math.toRadians(p.headingDeg()));
            }
            double d = Math.hypot(e, n);
            if (d <= bestDistance && (best == null || d < bestDistance)) {
                best = t;
                bestDistance = d;
            }
        }
        return best;
    }

    static boolean isVehicleLike(ObjectClass c) {
        return c == ObjectClass.VEHICLE || c == ObjectClass.TRUCK || c == ObjectClass.BUS
                || c == ObjectClass.MOTORCYCLE || c == ObjectClass.UNKNOWN;
    }

    private static boolean classCompatible(ObjectClass o, VehicleClass v) {
        return switch (o) {
            case MOTORCYCLE -> v == VehicleClass.MOTORCYCLE || v == VehicleClass.UNKNOWN;
            case VEHICLE, TRUCK, BUS, UNKNOWN -> v != VehicleClass.MOTORCYCLE;
            default -> false;
        };
    }

    private static int group(ObjectClass c) {
        return switch (c) {
            case PEDESTRIAN -> 0;
            case CYCLIST -> 1;
            case ANIMAL -> 2;
            default -> 3;
        };
    }

    int evictOlderThan(long cutoffMicros) {
        int evicted = 0;
        for (Iterator<ObjectTrack> it = tracks.values().iterator(); it.hasNext(); ) {
            ObjectTrack t = it.next();
            if (t.latest.timeMicros() < cutoffMicros) {
                it.remove();
                index.remove(t);
                t.sourceKeys.forEach(bySource::remove);
                evicted++;
            }
        }
        return evicted;
    }

    int query(double latDeg, double lonDeg, double radiusM, List<PerceivedObject> out) {
        return index.query(latDeg, lonDeg, radiusM, t -> t.latest, out);
    }

    int size() {
        return tracks.size();
    }

    List<PerceivedObject> owned() {
        List<PerceivedObject> out = new ArrayList<>();
        for (ObjectTrack t : tracks.values()) {
            if (t.owned) {
                out.add(t.latest);
            }
        }
        return out;
    }
}
