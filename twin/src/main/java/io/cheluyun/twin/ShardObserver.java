package io.cheluyun.twin;

import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;

/**
 * Reacts to changes of one shard, on that shard's writer thread: the applications' entry point. Implementations
 * keep per-shard state without locks, since exactly one thread calls them.
 */
public interface ShardObserver {

    /**
     * A vehicle's new state has been applied (owned or halo copy: see {@link TwinView#isOwned}).
     *
     * @param state        the state now in the twin
     * @param ingestNanos  when ingest accepted it, on the pipeline's nano clock (for ingest→warning latency)
     * @param twin         the shard, readable during this call only
     */
    void onVehicle(VehicleState state, long ingestNanos, TwinView twin);

    /** A newer signal state of an intersection has been applied. */
    default void onSignal(SignalState state, long ingestNanos, TwinView twin) {
    }

    /** A road event has been added or replaced. */
    default void onRoadEvent(RoadEvent event, long ingestNanos, TwinView twin) {
    }

    /** A perceived object (not fused with a connected vehicle) has been applied; its id is the fused track id. */
    default void onObject(PerceivedObject object, long ingestNanos, TwinView twin) {
    }

    /** Message time advanced by at least one tick interval; stale tracks have just been evicted. */
    default void onTick(long nowMicros, TwinView twin) {
    }
}
