package io.cheluyun.apps;

import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.TwinView;

/**
 * A cooperative application. One instance per shard, called only by that shard's thread, so implementations keep
 * plain mutable state. Thresholds come from a config record that cites its source.
 *
 * <p>An application sees every vehicle of its shard, halo copies of other shards' vehicles included, and should
 * evaluate them all alike (so its hysteresis state is the same in every shard that sees a pair). It need not care
 * which shard owns a warning's target: the {@link AppHost} delivers a warning only from the target's owner.
 */
public interface CooperativeApp {

    /** Short name for metrics and logs, e.g. {@code fcw}. */
    String name();

    /** A vehicle's new state is in the twin. */
    void onVehicle(VehicleState updated, TwinView twin, WarningSink out);

    /** An intersection's newer signal state is in the twin. */
    default void onSignal(SignalState signal, TwinView twin, WarningSink out) {
    }

    /** A road event was added or replaced. */
    default void onRoadEvent(RoadEvent event, TwinView twin, WarningSink out) {
    }

    /** A perceived object (pedestrian, cyclist, unconnected vehicle) moved; its id is the fused track id. */
    default void onObject(PerceivedObject object, TwinView twin, WarningSink out) {
    }

    /** Message time advanced by a tick: expire state, raise time-based warnings. */
    default void onTick(long nowMicros, TwinView twin, WarningSink out) {
    }
}
