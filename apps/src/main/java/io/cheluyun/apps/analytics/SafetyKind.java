package io.cheluyun.apps.analytics;

/** What the safety analytics record (issue 8): one row of {@code safety_event} per episode. */
public enum SafetyKind {
    /** Crossed the stop line of an ingress lane while its signal group showed red (stop-and-remain). */
    RED_LIGHT_RUN,
    /** Two road users on a collision course with a time-to-collision under the threshold. */
    CONFLICT_TTC,
    /**
     * Post-encroachment time: a road user reached a spot of the conflict area another had left less than the
     * threshold before, on a crossing path.
     */
    CONFLICT_PET,
    /** Deceleration at or beyond the hard-braking threshold (default −4 m/s²). */
    HARD_BRAKING,
    /** Faster than the speed limit in force (road event) or the configured default, beyond the tolerance. */
    SPEEDING
}
