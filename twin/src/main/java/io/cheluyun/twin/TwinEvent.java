package io.cheluyun.twin;

import io.cheluyun.model.VehicleState;

/** What ingest hands to a shard worker. Signals, maps, road events and perceived objects join with issue 5. */
public sealed interface TwinEvent {

    /** When ingest accepted the event, on the pipeline's nano clock. */
    long ingestNanos();

    /** A vehicle reported a new state. */
    record VehicleUpdate(VehicleState state, long ingestNanos) implements TwinEvent {
    }
}
