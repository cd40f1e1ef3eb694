package io.cheluyun.apps;

import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.TwinView;

/**
 * A cooperative application. One instance per shard, called only by that shard's thread, so implementations keep
 * plain mutable state. Thresholds come from a config record that cites its source.
 */
public interface CooperativeApp {

    /** Short name for metrics and logs, e.g. {@code fcw}. */
    String name();

    /** A vehicle's new state is in the twin. */
    void onVehicle(VehicleState updated, TwinView twin, WarningSink out);

    /** Message time advanced by a tick: expire state, raise time-based warnings. */
    default void onTick(long nowMicros, TwinView twin, WarningSink out) {
    }
}
