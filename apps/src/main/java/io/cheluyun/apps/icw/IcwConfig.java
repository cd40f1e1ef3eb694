package io.cheluyun.apps.icw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Intersection Collision Warning (ICW), a Day-1 application of T/CSAE 53-2017: a host vehicle
 * approaching or crossing an intersection is warned of a vehicle on a crossing path with which it would collide. The
 * standard gives the use case and performance requirements (host speed 0–70 km/h, range ≥ 150 m, 10 Hz, ≤ 100 ms);
 * the thresholds are the project's, following the guidance and T/CSAE 246-2022 Annex A (crossing-path test
 * cases: straight crossing, one vehicle obstructed; both vehicles slow).
 *
 * @param enabled             run the application
 * @param horizonS            look-ahead of the prediction (3 s)
 * @param stepS               prediction step; closest approach is solved exactly between steps (0.5 s)
 * @param ttcThresholdS       warn when the predicted conflict is closer than this (2.1 s)
 * @param criticalTtcS        below this the warning is CRITICAL (1.5 s, the surrogate-safety conflict threshold)
 * @param rearmTtcS           hysteresis: a warned pair stays active while its conflict is within this (3.0 s)
 * @param clearHoldMs         ...and re-arms after staying clear this long (1 s)
 * @param minSpeedMps         no warning when both vehicles are slower than this (10 km/h: queues and creeping
 *                            traffic inside the box are not collision threats at these speeds)
 * @param minCrossingAngleDeg headings must differ by at least this (30°): closer ones follow each other (FCW)
 * @param maxCrossingAngleDeg ...and by at most this (150°): beyond, they meet head-on on one road (not ICW)
 * @param conflictMarginM     added to the two vehicles' radii (half their mean dimension): GNSS error 1.5 m
 *                            (T/CSAE 53-2017 positioning requirement) minus the radii's overlap at the corners
 * @param maxOtherSpeedMps    sizes the neighbour search: a crossing vehicle at up to this speed (70 km/h, the top of
 *                            the ICW host speed range) can reach the host within the horizon
 * @param maxStateAgeMs       ignore a partner whose newest state is older than this relative to the host's (500 ms)
 * @param defaultLengthM      length assumed when a message carries none
 * @param defaultWidthM       width assumed when a message carries none
 * @param validityMs          a warning expires this long after it is raised
 */
public record IcwConfig(boolean enabled, double horizonS, double stepS, double ttcThresholdS, double criticalTtcS,
                        double rearmTtcS, long clearHoldMs, double minSpeedMps, double minCrossingAngleDeg,
                        double maxCrossingAngleDeg, double conflictMarginM, double maxOtherSpeedMps,
                        long maxStateAgeMs, double defaultLengthM, double defaultWidthM, long validityMs) {

    public static IcwConfig defaults() {
        return new IcwConfig(true, 3.0, 0.5, 2.1, 1.5, 3.0, 1_000, 10.0 / 3.6, 30.0, 150.0, 1.0, 70.0 / 3.6, 500, 4.5,
                1.8, 3_000);
    }

    public IcwConfig conclude() {
        require(horizonS > 0 && horizonS <= 10, "apps.icw.horizonS", "(0, 10]", horizonS);
        require(stepS > 0 && stepS <= horizonS, "apps.icw.stepS", "(0, apps.icw.horizonS]", stepS);
        require(ttcThresholdS > 0 && ttcThresholdS <= horizonS, "apps.icw.ttcThresholdS", "(0, apps.icw.horizonS]",
                ttcThresholdS);
        require(criticalTtcS > 0 && criticalTtcS <= ttcThresholdS, "apps.icw.criticalTtcS",
                "(0, apps.icw.ttcThresholdS]", criticalTtcS);
        require(rearmTtcS >= ttcThresholdS && rearmTtcS <= horizonS, "apps.icw.rearmTtcS",
                "[apps.icw.ttcThresholdS, apps.icw.horizonS]", rearmTtcS);
        require(clearHoldMs >= 0, "apps.icw.clearHoldMs", "≥ 0", clearHoldMs);
        require(minSpeedMps >= 0 && minSpeedMps < 30, "apps.icw.minSpeedMps", "[0, 30)", minSpeedMps);
        require(minCrossingAngleDeg >= 0 && minCrossingAngleDeg < maxCrossingAngleDeg,
                "apps.icw.minCrossingAngleDeg", "[0, apps.icw.maxCrossingAngleDeg)", minCrossingAngleDeg);
        require(maxCrossingAngleDeg <= 180, "apps.icw.maxCrossingAngleDeg", "≤ 180", maxCrossingAngleDeg);
        require(conflictMarginM >= 0 && conflictMarginM <= 10, "apps.icw.conflictMarginM", "[0, 10]",
                conflictMarginM);
        require(maxOtherSpeedMps > 0 && maxOtherSpeedMps <= 60, "apps.icw.maxOtherSpeedMps", "(0, 60]",
                maxOtherSpeedMps);
        require(maxStateAgeMs >= 0, "apps.icw.maxStateAgeMs", "≥ 0", maxStateAgeMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.icw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(defaultWidthM > 0 && defaultWidthM <= 5, "apps.icw.defaultWidthM", "(0, 5]", defaultWidthM);
        require(validityMs >= 100, "apps.icw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
