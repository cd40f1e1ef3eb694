package io.cheluyun.server;

import io.cheluyun.apps.analytics.SafetyConfig;
import io.cheluyun.apps.analytics.SignalMonitorConfig;

/**
 * Safety analytics, signal monitoring and operation KPIs (docs/analytics.md).
 *
 * @param enabled       run the analytics at all (off: the applications only, e.g. an edge node of a larger
 *                      deployment, or to measure their cost)
 * @param safety        red-light runs, TTC / PET conflicts, hard braking, speeding
 * @param signals       the signal / traffic-control monitor
 * @param kpiIntervalS  length of a KPI interval, s (60 … 3600)
 */
public record AnalyticsConfig(boolean enabled, SafetyConfig safety, SignalMonitorConfig signals, int kpiIntervalS) {

    public static AnalyticsConfig defaults() {
        return new AnalyticsConfig(true, SafetyConfig.defaults(), SignalMonitorConfig.defaults(), 60);
    }

    public AnalyticsConfig conclude() {
        if (safety == null || signals == null) {
            throw new IllegalArgumentException("analytics.safety and analytics.signals are required");
        }
        safety.conclude();
        signals.conclude();
        if (kpiIntervalS < 10 || kpiIntervalS > 3600) {
            throw new IllegalArgumentException("analytics.kpiIntervalS must be within 10..3600, got " + kpiIntervalS);
        }
        return this;
    }
}
