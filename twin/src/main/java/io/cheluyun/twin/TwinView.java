package io.cheluyun.twin;

import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.VehicleState;
import java.util.List;

/**
 * What applications may read of a shard, on the shard's own thread. Valid only during the callback it is passed
 * to: never keep it or hand it to another thread.
 */
public interface TwinView {

    /** The shard's message-time watermark: the newest message time it has applied, epoch microseconds. */
    long nowMicros();

    int vehicleCount();

    /** Latest state of a vehicle, or {@code null} if the shard does not track it. */
    VehicleState vehicle(String vehicleId);

    /**
     * Appends to {@code out} the latest state of every tracked vehicle within {@code radiusM} of the point, in a
     * deterministic order (same input sequence, same order), and returns how many it appended.
     */
    int vehiclesNear(double latDeg, double lonDeg, double radiusM, List<VehicleState> out);

    /** The local east-north frame of the tile containing the point (cached: cheap to call per message). */
    LocalEnu frameAt(double latDeg, double lonDeg);
}
