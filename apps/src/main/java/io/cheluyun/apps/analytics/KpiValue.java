package io.cheluyun.apps.analytics;

import io.cheluyun.model.IntersectionId;

/**
 * One operation KPI of one intersection approach over one interval, as {@link KpiAggregator} closes it (one row of
 * the store's {@code kpi} table).
 *
 * @param intervalStartMicros  start of the interval, epoch µs, a multiple of {@code intervalS} seconds
 * @param intervalS            length of the interval, s
 * @param intersection         the intersection
 * @param approach             N, E, S or W ({@link Approaches}); {@link #WHOLE_INTERSECTION} for values of the
 *                             whole intersection
 * @param metric               one of the metric names below
 * @param value                the value, in the unit the metric's name gives
 */
public record KpiValue(long intervalStartMicros, int intervalS, IntersectionId intersection, String approach,
                       String metric, double value) {

    /** The approach of values that belong to the whole intersection. */
    public static final String WHOLE_INTERSECTION = "*";
    /** Vehicles that crossed the stop line (connected vehicles this platform tracks). */
    public static final String VOLUME = "volume";
    /** Mean speed of those vehicles at the stop line, m/s. */
    public static final String MEAN_SPEED_MPS = "mean_speed_mps";
    /** Stops on the approach (a vehicle slowing below 0.5 m/s after having driven at least 2 m/s). */
    public static final String STOPS = "stops";
    /** Longest queue of the interval, m back from the stop line. */
    public static final String QUEUE_MAX_M = "queue_max_m";
    /** Mean of the per-tick longest queues over the ticks in which the approach had vehicles, m. */
    public static final String QUEUE_MEAN_M = "queue_mean_m";
    /** Mean time from a vehicle's previous stop-line crossing at another intersection to this one, s. */
    public static final String TRAVEL_TIME_S = "travel_time_s";
    /** Connected share of the motor vehicles near the intersection, 0..1 (approach {@link #WHOLE_INTERSECTION}). */
    public static final String PENETRATION = "penetration";
}
