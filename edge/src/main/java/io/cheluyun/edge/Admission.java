package io.cheluyun.edge;

/** What the pipeline did with a record the edge handed it. */
public enum Admission {
    /** Queued for the twin. */
    ACCEPTED,
    /** The pipeline's queue was full: shed (newest dropped) and counted. */
    SHED,
    /** The pipeline's own validation refused it (e.g. a non-finite position). */
    INVALID
}
