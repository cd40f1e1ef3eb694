package io.cheluyun.apps.analytics;

import io.cheluyun.model.IntersectionId;

/**
 * What shard threads observe for the operation KPIs; one aggregator thread ({@link KpiAggregator}) turns them into
 * per-approach, per-interval values. Small and immutable: they cross threads through a queue.
 */
public sealed interface KpiObservation {

    long timeMicros();

    /**
     * A vehicle crossed the stop line of an ingress lane.
     *
     * @param approach  where the lane's traffic comes from: N, E, S or W ({@link Approaches})
     */
    record Crossing(IntersectionId intersection, String approach, String vehicleId, long timeMicros,
                    double speedMps) implements KpiObservation {
    }

    /** A vehicle on an ingress lane came to a stop (speed fell below 0.5 m/s) before the stop line. */
    record Stop(IntersectionId intersection, String approach, String vehicleId, long timeMicros)
            implements KpiObservation {
    }

    /** Per tick and approach: how far back from the stop line the queue of stopped vehicles reached, m. */
    record Queue(IntersectionId intersection, String approach, long timeMicros, double lengthM)
            implements KpiObservation {
    }

    /**
     * Per tick and intersection: road users within its radius that are connected (send their own state) and that
     * only roadside sensors see (perceived vehicles not fused with a connected one).
     */
    record Presence(IntersectionId intersection, long timeMicros, int connected, int perceived)
            implements KpiObservation {
    }
}
