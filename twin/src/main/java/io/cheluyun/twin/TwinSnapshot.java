package io.cheluyun.twin;

import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of the twin (or of one shard) at a message time, for readers on other threads: the REST API,
 * the dashboard, metrics. Vehicles and objects are those the shard owns (halo copies excluded), so merging the
 * shards' snapshots counts every participant once.
 *
 * @param timeMicros  message-time watermark when the snapshot was taken
 * @param vehicles    latest state of every owned vehicle, by id
 * @param lanes       lane matches of the owned vehicles that are on a MAP lane, by vehicle id
 * @param objects     fused perceived objects the shard owns
 * @param signals     latest signal state per intersection
 * @param maps        known intersections
 * @param events      road events in force
 */
public record TwinSnapshot(long timeMicros, List<VehicleState> vehicles, Map<String, LaneMatch> lanes,
                           List<PerceivedObject> objects, List<SignalState> signals, List<MapIntersection> maps,
                           List<RoadEvent> events) {

    public static final TwinSnapshot EMPTY = new TwinSnapshot(0L, List.of(), Map.of(), List.of(), List.of(),
            List.of(), List.of());

    public TwinSnapshot {
        vehicles = List.copyOf(vehicles);
        lanes = Map.copyOf(lanes);
        objects = List.copyOf(objects);
        signals = List.copyOf(signals);
        maps = List.copyOf(maps);
        events = List.copyOf(events);
    }
}
