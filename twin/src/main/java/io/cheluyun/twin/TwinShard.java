package io.cheluyun.twin;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.TileGrid;
import io.cheluyun.model.TileId;
import io.cheluyun.model.VehicleState;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;

/**
 * The state of one shard: tracked vehicles, their spatial index, the message-time watermark and cached tile
 * frames. Mutated only by its {@link ShardWorker}'s thread; applications read it through {@link TwinView}.
 */
final class TwinShard implements TwinView {

    /** Outcome of applying one vehicle state. */
    enum Applied { APPLIED, STALE, OVER_CAPACITY }

    /** Tile frames are cached; a shard that has seen this many tiles starts the cache afresh (bounded memory). */
    private static final int MAX_CACHED_FRAMES = 4096;

    private final TileGrid grid;
    private final int maxVehicles;
    private final HashMap<String, VehicleTrack> tracks = new HashMap<>();
    private final SpatialIndex index;
    private final HashMap<Long, LocalEnu> frames = new HashMap<>();
    private long nowMicros;

    TwinShard(TileGrid grid, int maxVehicles, double indexCellM) {
        this.grid = grid;
        this.maxVehicles = maxVehicles;
        this.index = new SpatialIndex(indexCellM);
    }

    /**
     * Applies a vehicle's new state. A state no newer than the one held (a duplicate or a late arrival) is
     * {@link Applied#STALE}: the twin only moves forward, which keeps replay deterministic.
     */
    Applied apply(VehicleState s) {
        VehicleTrack track = tracks.get(s.vehicleId());
        long cell = index.cellKey(s.latDeg(), s.lonDeg());
        if (track == null) {
            if (tracks.size() >= maxVehicles) {
                return Applied.OVER_CAPACITY;
            }
            track = new VehicleTrack(s, cell);
            tracks.put(s.vehicleId(), track);
            index.add(track);
        } else {
            if (s.timeMicros() <= track.state.timeMicros()) {
                return Applied.STALE;
            }
            track.state = s;
            index.move(track, cell);
        }
        if (s.timeMicros() > nowMicros) {
            nowMicros = s.timeMicros();
        }
        return Applied.APPLIED;
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
    public int vehiclesNear(double latDeg, double lonDeg, double radiusM, List<VehicleState> out) {
        return index.query(latDeg, lonDeg, radiusM, out);
    }

    @Override
    public LocalEnu frameAt(double latDeg, double lonDeg) {
        long key = grid.tileKey(latDeg, lonDeg);
        LocalEnu frame = frames.get(key);
        if (frame == null) {
            if (frames.size() >= MAX_CACHED_FRAMES) {
                frames.clear();
            }
            frame = grid.frame(TileId.fromKey(key));
            frames.put(key, frame);
        }
        return frame;
    }
}
