package io.cheluyun.twin;

import io.cheluyun.model.VehicleState;

/** A tracked vehicle inside a shard: its latest state and the index cell it is filed under. Shard-thread only. */
final class VehicleTrack {

    VehicleState state;
    long cellKey;

    VehicleTrack(VehicleState state, long cellKey) {
        this.state = state;
        this.cellKey = cellKey;
    }
}
