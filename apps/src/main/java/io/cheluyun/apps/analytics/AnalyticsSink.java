package io.cheluyun.apps.analytics;

/**
 * Where the analytics put what they find. Called on shard threads: implementations must be thread-safe and must
 * never block (queue and drop with a count, like the warning dispatcher).
 */
public interface AnalyticsSink {

    void safety(SafetyEvent event);

    void signal(SignalIssue issue);

    void kpi(KpiObservation observation);

    /** Discards everything (tools and tests that run no analytics). */
    AnalyticsSink NONE = new AnalyticsSink() {
        @Override
        public void safety(SafetyEvent event) {
        }

        @Override
        public void signal(SignalIssue issue) {
        }

        @Override
        public void kpi(KpiObservation observation) {
        }
    };
}
