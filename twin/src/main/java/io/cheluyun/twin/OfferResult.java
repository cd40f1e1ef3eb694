package io.cheluyun.twin;

/** Outcome of handing an event to the pipeline. Expected outcomes are values, not exceptions. */
public enum OfferResult {
    /** Queued for its shard. */
    ACCEPTED,
    /** The shard's queue was full: the event was shed and counted (load shedding, newest dropped). */
    SHED_QUEUE_FULL,
    /** The event failed validation (e.g. non-finite position): dropped and counted. */
    REJECTED_INVALID
}
