package io.cheluyun.twin;

import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import java.util.List;

/**
 * What applications may read of a shard, on the shard's own thread. Valid only during the callback it is passed
 * to: never keep it or hand it to another thread. Everything within the halo distance of the shard's tiles is here,
 * including copies of vehicles that another shard owns.
 */
public interface TwinView {

    /** The shard's message-time watermark: the newest message time it has applied, epoch microseconds. */
    long nowMicros();

    int vehicleCount();

    /** Latest state of a vehicle, or {@code null} if the shard does not track it. */
    VehicleState vehicle(String vehicleId);

    /**
     * True when this shard owns the vehicle (its latest position lies in one of the shard's tiles). Warnings are
     * delivered only by the owner, so a hazard seen by two shards through the halo is reported once.
     */
    boolean isOwned(String vehicleId);

    /**
     * Appends to {@code out} the latest state of every tracked vehicle within {@code radiusM} of the point, in a
     * deterministic order (same input sequence, same order), and returns how many it appended.
     */
    int vehiclesNear(double latDeg, double lonDeg, double radiusM, List<VehicleState> out);

    /** The local east-north frame of the tile containing the point (cached: cheap to call per message). */
    LocalEnu frameAt(double latDeg, double lonDeg);

    /** The vehicle's current lane on a known MAP, or {@code null} when it is on none (or unknown). */
    LaneMatch laneMatch(String vehicleId);

    /**
     * Course over ground from the vehicle's position history (the last ~2 s), degrees from north; {@code NaN} when
     * it has moved less than 3 m in that time or is unknown.
     */
    double courseDeg(String vehicleId);

    /** A known intersection, or {@code null}. */
    IntersectionGeometry intersection(IntersectionId id);

    /** The latest signal state of an intersection, or {@code null} (never reported, or older than the timeout). */
    SignalState signal(IntersectionId id);

    /** Appends the road events in force at {@link #nowMicros()} whose area lies within {@code radiusM}. */
    int eventsNear(double latDeg, double lonDeg, double radiusM, List<GeofencedEvent> out);

    /** Appends the fused perceived objects within {@code radiusM} (their ids are the fused track ids). */
    int objectsNear(double latDeg, double lonDeg, double radiusM, List<PerceivedObject> out);
}
