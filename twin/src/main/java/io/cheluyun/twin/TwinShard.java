package io.cheluyun.twin;

import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.TileId;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one shard: tracked vehicles (owned and halo copies) with their spatial index, history and lane
 * matches; MAP intersections; signal states; road events; fused perceived objects; the message-time watermark and
 * cached tile frames. Mutated only by its {@link ShardWorker}'s thread; applications read it through
 * {@link TwinView}, other threads through {@link TwinSnapshot}s.
 */
final class TwinShard implements TwinView {

    /** Outcome of applying one vehicle state. */
    enum Applied { APPLIED, STALE, OVER_CAPACITY }

    /** Tile frames are cached; a shard that has seen this many tiles starts the cache afresh (bounded memory). */
    private static final int MAX_CACHED_FRAMES = 4096;
    /** Course over ground needs at least this displacement in the history window. */
    private static final double MIN_COURSE_DISPLACEMENT_M = 3.0;

    private final ShardMap shards;
    private final PipelineConfig config;
    private final HashMap<String, VehicleTrack> tracks = new HashMap<>();
    private final SpatialIndex<VehicleTrack> index;
    private final HashMap<Long, LocalEnu> frames = new HashMap<>();
    private final MapLayer maps;
    private final LinkedHashMap<IntersectionId, SignalState> signals = new LinkedHashMap<>();
    private final LinkedHashMap<String, GeofencedEvent> events = new LinkedHashMap<>();
    private final ObjectLayer objects;
    private long nowMicros;

    TwinShard(ShardMap shards, PipelineConfig config) {
        this.shards = shards;
        this.config = config;
        this.index = new SpatialIndex<>(config.indexCellM());
        this.maps = new MapLayer(config.maxIntersectionsPerShard());
        this.objects = new ObjectLayer(config.maxObjectsPerShard(), config.indexCellM());
    }

    /** A single-shard twin with default sizing except the vehicle capacity (tests). */
    static TwinShard standalone(int maxVehicles) {
        PipelineConfig config = PipelineConfig.defaults().withShards(1).withMaxVehiclesPerShard(maxVehicles);
        return new TwinShard(new ShardMap(new io.cheluyun.model.TileGrid(config.tileDeg()), 1, config.haloM()),
                config);
    }

    private void advance(long timeMicros) {
        if (timeMicros > nowMicros) {
            nowMicros = timeMicros;
        }
    }

    /** Applies an owned vehicle state. */
    Applied apply(VehicleState s) {
        return apply(s, true);
    }

    /**
     * Applies a vehicle's new state. A state no newer than the one held (a duplicate or a late arrival) is
     * {@link Applied#STALE}: the twin only moves forward, which keeps replay deterministic.
     */
    Applied apply(VehicleState s, boolean owned) {
        VehicleTrack track = tracks.get(s.vehicleId());
        if (track == null) {
            if (tracks.size() >= config.maxVehiclesPerShard()) {
                return Applied.OVER_CAPACITY;
            }
            track = new VehicleTrack(s, owned);
            tracks.put(s.vehicleId(), track);
            index.add(track);
        } else {
            if (s.timeMicros() <= track.state.timeMicros()) {
                return Applied.STALE;
            }
            track.state = s;
            track.owned = owned;
            track.record(s);
            index.moved(track);
        }
        maps.match(track, s.speedMps() >= MapLayer.MIN_HEADING_SPEED_MPS ? Double.NaN : course(track));
        advance(s.timeMicros());
        return Applied.APPLIED;
    }

    /** Applies a signal state if it is newer than the one held for its intersection; returns whether it was. */
    boolean applySignal(SignalState s) {
        SignalState held = signals.get(s.intersection());
        if (held != null && s.timeMicros() <= held.timeMicros()) {
            return false;
        }
        if (held == null && signals.size() >= config.maxIntersectionsPerShard()) {
            return false;
        }
        signals.put(s.intersection(), s);
        advance(s.timeMicros());
        return true;
    }

    /** Adds or replaces an intersection's map; false when the shard is full. */
    boolean applyMap(MapIntersection map) {
        return maps.put(map);
    }

    /** Counts MAPs added or replaced by different ones: readers of snapshots need a new one when it moves. */
    long mapChanges() {
        return maps.changes();
    }

    /**
     * Adds or replaces a road event.
     *
     * @return the prepared event, or {@code null} when the shard holds its maximum number of events
     * @throws IllegalArgumentException when the event's area is not a simple polygon
     */
    GeofencedEvent applyEvent(RoadEvent event) {
        if (!events.containsKey(event.eventId()) && events.size() >= config.maxEventsPerShard()) {
            return null;
        }
        GeofencedEvent fenced = GeofencedEvent.of(event);
        events.put(event.eventId(), fenced);
        return fenced;
    }

    /** Whether the shard holds exactly this event already (RSUs repeat their RSI / TIM / DENM on the air). */
    boolean holdsEvent(RoadEvent event) {
        GeofencedEvent held = events.get(event.eventId());
        return held != null && held.event().equals(event);
    }

    ObjectLayer.Outcome applyObject(PerceivedObject o, boolean owned) {
        ObjectLayer.Outcome outcome = objects.apply(o, owned, index);
        if (outcome != ObjectLayer.Outcome.STALE && outcome != ObjectLayer.Outcome.OVER_CAPACITY) {
            advance(o.timeMicros());
        }
        return outcome;
    }

    /** The fused view of the object the last {@link #applyObject} updated, or {@code null}. */
    PerceivedObject lastObject() {
        ObjectTrack t = objects.lastTrack();
        return t == null ? null : t.latest;
    }

    /** Removes every vehicle whose latest state is older than the cutoff; returns how many. */
    int evictOlderThan(long cutoffMicros) {
        int evicted = 0;
        for (Iterator<VehicleTrack> it = tracks.values().iterator(); it.hasNext(); ) {
            VehicleTrack track = it.next();
            if (track.state.timeMicros() < cutoffMicros) {
                it.remove();
                index.remove(track);
                evicted++;
            }
        }
        return evicted;
    }

    /** Drops objects, signal states and road events that are no longer current at {@link #nowMicros()}. */
    void expireInfrastructure() {
        objects.evictOlderThan(nowMicros - config.objectTimeoutMs() * 1_000L);
        long signalCutoff = nowMicros - config.signalTimeoutMs() * 1_000L;
        signals.values().removeIf(s -> s.timeMicros() < signalCutoff);
        events.values().removeIf(e -> e.event().endMicros() <= nowMicros);
    }

    /** An immutable copy of what this shard owns (see {@link TwinSnapshot}). */
    TwinSnapshot snapshot() {
        List<VehicleState> vehicles = new ArrayList<>();
        Map<String, LaneMatch> lanes = new HashMap<>();
        for (VehicleTrack t : tracks.values()) {
            if (t.owned) {
                vehicles.add(t.state);
                if (t.lane != null) {
                    lanes.put(t.state.vehicleId(), t.lane);
                }
            }
        }
        vehicles.sort(Comparator.comparing(VehicleState::vehicleId));
        List<RoadEvent> inForce = new ArrayList<>();
        for (GeofencedEvent e : events.values()) {
            inForce.add(e.event());
        }
        List<MapIntersection> known = new ArrayList<>();
        for (IntersectionGeometry g : maps.all()) {
            known.add(g.map());
        }
        return new TwinSnapshot(nowMicros, vehicles, lanes, objects.owned(), List.copyOf(signals.values()), known,
                inForce);
    }

    int objectCount() {
        return objects.size();
    }

    int eventCount() {
        return events.size();
    }

    int intersectionCount() {
        return maps.size();
    }

    @Override
    public long nowMicros() {
        return nowMicros;
    }

    @Override
    public int vehicleCount() {
        return tracks.size();
    }

    @Override
    public VehicleState vehicle(String vehicleId) {
        VehicleTrack track = tracks.get(vehicleId);
        return track == null ? null : track.state;
    }

    @Override
    public boolean isOwned(String vehicleId) {
        VehicleTrack track = tracks.get(vehicleId);
        return track != null && track.owned;
    }

    @Override
    public int vehiclesNear(double latDeg, double lonDeg, double radiusM, List<VehicleState> out) {
        return index.query(latDeg, lonDeg, radiusM, t -> t.state, out);
    }

    @Override
    public LocalEnu frameAt(double latDeg, double lonDeg) {
        long key = shards.grid().tileKey(latDeg, lonDeg);
        LocalEnu frame = frames.get(key);
        if (frame == null) {
            if (frames.size() >= MAX_CACHED_FRAMES) {
                frames.clear();
            }
            frame = shards.grid().frame(TileId.fromKey(key));
            frames.put(key, frame);
        }
        return frame;
    }

    @Override
    public LaneMatch laneMatch(String vehicleId) {
        VehicleTrack track = tracks.get(vehicleId);
        return track == null ? null : track.lane;
    }

    @Override
    public double courseDeg(String vehicleId) {
        VehicleTrack track = tracks.get(vehicleId);
        return track == null ? Double.NaN : course(track);
    }

    /** Bearing from the oldest history sample that is far enough from the newest one to the newest. */
    private static double course(VehicleTrack track) {
        int n = track.historySize();
        if (n < 2) {
            return Double.NaN;
        }
        double lat = track.historyLat(0);
        double lon = track.historyLon(0);
        double mLat = LocalEnu.metresPerDegreeLat(lat);
        double mLon = LocalEnu.metresPerDegreeLon(lat);
        for (int age = 1; age < n; age++) {
            double dx = (lon - track.historyLon(age)) * mLon;
            double dy = (lat - track.historyLat(age)) * mLat;
            if (dx * dx + dy * dy >= MIN_COURSE_DISPLACEMENT_M * MIN_COURSE_DISPLACEMENT_M) {
                double deg = Math.toDegrees(Math.atan2(dx, dy));
                return deg < 0 ? deg + 360.0 : deg;
            }
        }
        return Double.NaN;
    }

    @Override
    public IntersectionGeometry intersection(IntersectionId id) {
        return maps.get(id);
    }

    @Override
    public SignalState signal(IntersectionId id) {
        SignalState s = signals.get(id);
        return s == null || s.timeMicros() < nowMicros - config.signalTimeoutMs() * 1_000L ? null : s;
    }

    @Override
    public int eventsNear(double latDeg, double lonDeg, double radiusM, List<GeofencedEvent> out) {
        int added = 0;
        for (GeofencedEvent e : events.values()) {
            if (e.event().isValidAt(nowMicros) && e.mayBeWithin(latDeg, lonDeg, radiusM)
                    && e.distanceM(latDeg, lonDeg) <= radiusM) {
                out.add(e);
                added++;
            }
        }
        return added;
    }

    @Override
    public int objectsNear(double latDeg, double lonDeg, double radiusM, List<PerceivedObject> out) {
        return objects.query(latDeg, lonDeg, radiusM, out);
    }
}
