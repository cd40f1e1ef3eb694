package io.cheluyun.apps;

import io.cheluyun.model.Warning;

/**
 * Downstream of the applications: receives every warning with the ingest time of the input that triggered it,
 * so the output side can measure ingest→warning latency. Called on shard threads; must not block.
 */
@FunctionalInterface
public interface WarningOutput {

    void accept(Warning warning, long triggerIngestNanos);
}
