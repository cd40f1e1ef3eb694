package io.cheluyun.twin;

import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;

/** What ingest hands to a shard worker. */
public sealed interface TwinEvent {

    /** When ingest accepted the event, on the pipeline's nano clock. */
    long ingestNanos();

    /**
     * A vehicle reported a new state.
     *
     * @param owned false for a halo copy: the vehicle lies in another shard's tile, within the halo of this one's
     */
    record VehicleUpdate(VehicleState state, long ingestNanos, boolean owned) implements TwinEvent {
    }

    /** A signal controller's SPAT / SPaT / SPATEM (sent to every shard). */
    record SignalUpdate(SignalState state, long ingestNanos) implements TwinEvent {
    }

    /** An intersection's MAP / MAPEM (sent to every shard). */
    record MapUpdate(MapIntersection map, long ingestNanos) implements TwinEvent {
    }

    /** A road event from RSI / TIM / DENM or an operator (sent to every shard). */
    record RoadEventUpdate(RoadEvent event, long ingestNanos) implements TwinEvent {
    }

    /** A roadside sensor's (or a pedestrian's own) report of a participant. */
    record ObjectUpdate(PerceivedObject object, long ingestNanos, boolean owned) implements TwinEvent {
    }
}
