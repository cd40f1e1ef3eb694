package io.cheluyun.apps.fcw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Forward Collision Warning (FCW), a Day-1 application of T/CSAE 53-2017. That standard describes the
 * use case (host vehicle closing on a vehicle ahead in the same lane and direction) and its basic performance
 * requirements (host speed 0–130 km/h, range ≥ 300 m, 10 Hz updates, ≤ 100 ms latency, positioning ≤ 1.5 m); it
 * leaves the warning threshold to the implementer. T/CSAE 246-2022 Annex A gives the test scenarios the tests
 * here follow (leader braking, stopped/slow leader, adjacent lane).
 *
 * @param enabled               run the application
 * @param ttcThresholdS         warn when time to collision drops below this (Cheluyun default 3.0 s, issue #3)
 * @param criticalTtcS          below this the warning is {@code CRITICAL}: 1.5 s, the conflict threshold of
 *                              surrogate safety measures (also used by the closed-loop evaluation)
 * @param rearmTtcS             hysteresis: a warned hazard stays active while TTC is below this (3.5 s)
 * @param clearHoldMs           ...and is re-armed only after TTC has stayed at or above it this long (1 s)
 * @param minSpeedMps           no warning when either vehicle is slower than this: 10 km/h, below which a queue
 *                              creeps bumper to bumper and stopped vehicles are AVW's concern, not FCW's
 * @param minClosingSpeedMps    closing speeds below this (0.5 m/s) are within the noise of GNSS-derived speeds and
 *                              only give meaningless, very large TTCs
 * @param maxHeadingDiffDeg     same direction: headings within this (30°, covers curves and lane changes)
 * @param maxLateralOffsetM     same lane: centre lines within half a 3.5 m lane; replaced by MAP lane matching when
 *                              the twin matches lanes (issue #5)
 * @param maxRangeM             look-ahead: 300 m, the T/CSAE 53-2017 FCW communication range requirement
 * @param maxHostSpeedMps       130 km/h, the top of the T/CSAE 53-2017 FCW host speed range. It sizes the
 *                              neighbour search: a vehicle is only looked for within the distance that a follower
 *                              at the higher of its own speed and this one covers in {@code rearmTtcS} (plus two
 *                              vehicle lengths and a margin), capped at {@code maxRangeM}
 * @param maxStateAgeMs         ignore the other vehicle when its newest state is older than this relative to the
 *                              ego's (five missed 10 Hz messages)
 * @param defaultLengthM        vehicle length assumed when a message carries none (a typical passenger car)
 * @param validityMs            a warning expires this long after it is raised
 */
public record FcwConfig(boolean enabled, double ttcThresholdS, double criticalTtcS, double rearmTtcS,
                        long clearHoldMs, double minSpeedMps, double minClosingSpeedMps, double maxHeadingDiffDeg,
                        double maxLateralOffsetM, double maxRangeM, double maxHostSpeedMps, long maxStateAgeMs,
                        double defaultLengthM, long validityMs) {

    public static FcwConfig defaults() {
        return new FcwConfig(true, 3.0, 1.5, 3.5, 1_000, 10.0 / 3.6, 0.5, 30.0, 1.75, 300.0, 130.0 / 3.6, 500, 4.5,
                3_000);
    }

    public FcwConfig withTtcThresholdS(double threshold) {
        return new FcwConfig(enabled, threshold, criticalTtcS, Math.max(rearmTtcS, threshold), clearHoldMs,
                minSpeedMps, minClosingSpeedMps, maxHeadingDiffDeg, maxLateralOffsetM, maxRangeM, maxHostSpeedMps,
                maxStateAgeMs, defaultLengthM, validityMs);
    }

    /** Validates every key; the message names it. */
    public FcwConfig conclude() {
        require(ttcThresholdS > 0 && ttcThresholdS <= 10, "apps.fcw.ttcThresholdS", "(0, 10]", ttcThresholdS);
        require(criticalTtcS > 0 && criticalTtcS <= ttcThresholdS, "apps.fcw.criticalTtcS",
                "(0, apps.fcw.ttcThresholdS]", criticalTtcS);
        require(rearmTtcS >= ttcThresholdS && rearmTtcS <= 20, "apps.fcw.rearmTtcS",
                "[apps.fcw.ttcThresholdS, 20]", rearmTtcS);
        require(clearHoldMs >= 0, "apps.fcw.clearHoldMs", "≥ 0", clearHoldMs);
        require(minSpeedMps >= 0 && minSpeedMps < 50, "apps.fcw.minSpeedMps", "[0, 50)", minSpeedMps);
        require(minClosingSpeedMps > 0, "apps.fcw.minClosingSpeedMps", "> 0", minClosingSpeedMps);
        require(maxHeadingDiffDeg > 0 && maxHeadingDiffDeg < 90, "apps.fcw.maxHeadingDiffDeg", "(0, 90)",
                maxHeadingDiffDeg);
        require(maxLateralOffsetM > 0 && maxLateralOffsetM <= 5, "apps.fcw.maxLateralOffsetM", "(0, 5]",
                maxLateralOffsetM);
        require(maxRangeM >= 10 && maxRangeM <= 1000, "apps.fcw.maxRangeM", "[10, 1000]", maxRangeM);
        require(maxHostSpeedMps > 0 && maxHostSpeedMps <= 100, "apps.fcw.maxHostSpeedMps", "(0, 100]",
                maxHostSpeedMps);
        require(maxStateAgeMs >= 0, "apps.fcw.maxStateAgeMs", "≥ 0", maxStateAgeMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.fcw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(validityMs >= 100, "apps.fcw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
