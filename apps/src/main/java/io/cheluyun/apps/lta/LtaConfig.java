package io.cheluyun.apps.lta;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Left Turn Assist (LTA), a Day-1 application of T/CSAE 53-2017. The standard describes the use case
 * (a host vehicle turning left at an intersection is warned of an oncoming vehicle from the opposite direction it
 * would collide with; with right-hand traffic a left turn crosses the oncoming lanes) and its basic performance
 * requirements (host speed 0–70 km/h, range ≥ 150 m, 10 Hz, ≤ 100 ms latency); the warning threshold is left to
 * the implementer. T/CSAE 246-2022 Annex C gives the test scenarios the tests follow (oncoming straight through
 * vehicle, oncoming far, oncoming stopped, oncoming turning left).
 *
 * @param enabled                  run the application
 * @param hostZoneM                the host is about to turn when it is at most this far before its stop line, or
 *                                 already in the intersection box: 40 m, the last 3 s of an approach at 50 km/h or the
 *                                 first five or six cars of a left-turn queue, where the driver decides whether to go
 *                                 (Cheluyun default)
 * @param maxHostSpeedMps          a host faster than 15 m/s (54 km/h) is not about to turn left (Cheluyun default;
 *                                 left turns are taken at 15–30 km/h)
 * @param gapS                     warn when the oncoming vehicle reaches the conflict area in less than this: 5.5 s,
 *                                 the 4.5 s critical gap of a permitted left turn (HCM 2000 ch. 16 appendix C) plus
 *                                 1.0 s for delivery and the driver's reaction
 * @param rearmGapS                hysteresis: a warned pair stays active while the gap is below this (6.5 s)
 * @param criticalTtcS             below this the warning is {@code CRITICAL}: 1.5 s, the conflict threshold of
 *                                 surrogate safety measures (as FCW)
 * @param clearHoldMs              ...and re-arms after the gap stayed at or above the re-arm value this long (1 s)
 * @param minOncomingSpeedMps      an oncoming vehicle slower than 1 m/s is standing (at its red, in a queue): no
 *                                 conflict (Cheluyun default)
 * @param maxOncomingSpeedMps      oncoming vehicles are looked for as far as one at 25 m/s (90 km/h, 1.5 × the
 *                                 60 km/h arterial design speed of CJJ 37-2012) travels in {@code rearmGapS}
 * @param minOpposingHeadingDiffDeg oncoming: its heading differs from the host's approach direction by more than
 *                                 150° (the standard's opposite direction with 30° for curved approaches and
 *                                 heading noise)
 * @param maxTurnProgressDeg       a host in the box whose heading has turned left by more than 60° from its approach
 *                                 has crossed the nearest oncoming lanes (the turn path of a four-arm cross crosses
 *                                 them at 40–60°): it is committed, and a warning no longer helps
 * @param maxLateralM              an unmatched oncoming vehicle (in the box, or off the MAP) counts only when its line
 *                                 of travel passes within 12 m of the intersection's reference point (up to three
 *                                 lanes of 3.5 m plus GNSS error)
 * @param maxStateAgeMs            ignore the other vehicle when its newest state is older than this relative to the
 *                                 one evaluated (five missed 10 Hz messages)
 * @param defaultLengthM           vehicle length assumed when a message carries none (a typical passenger car)
 * @param validityMs               a warning expires this long after it is raised (3 s)
 */
public record LtaConfig(boolean enabled, double hostZoneM, double maxHostSpeedMps, double gapS, double rearmGapS,
                        double criticalTtcS, long clearHoldMs, double minOncomingSpeedMps,
                        double maxOncomingSpeedMps, double minOpposingHeadingDiffDeg, double maxTurnProgressDeg,
                        double maxLateralM, long maxStateAgeMs, double defaultLengthM, long validityMs) {

    public static LtaConfig defaults() {
        return new LtaConfig(true, 40.0, 15.0, 5.5, 6.5, 1.5, 1_000, 1.0, 25.0, 150.0, 60.0, 12.0, 500, 4.5,
                3_000);
    }

    public LtaConfig withGapS(double newGapS) {
        return new LtaConfig(enabled, hostZoneM, maxHostSpeedMps, newGapS, Math.max(rearmGapS, newGapS),
                criticalTtcS, clearHoldMs, minOncomingSpeedMps, maxOncomingSpeedMps, minOpposingHeadingDiffDeg,
                maxTurnProgressDeg, maxLateralM, maxStateAgeMs, defaultLengthM, validityMs);
    }

    /** Validates every key; the message names it. */
    public LtaConfig conclude() {
        require(hostZoneM > 0 && hostZoneM <= 300, "apps.lta.hostZoneM", "(0, 300]", hostZoneM);
        require(maxHostSpeedMps > 0 && maxHostSpeedMps <= 50, "apps.lta.maxHostSpeedMps", "(0, 50]",
                maxHostSpeedMps);
        require(gapS > 0 && gapS <= 15, "apps.lta.gapS", "(0, 15]", gapS);
        require(rearmGapS >= gapS && rearmGapS <= 30, "apps.lta.rearmGapS", "[apps.lta.gapS, 30]", rearmGapS);
        require(criticalTtcS > 0 && criticalTtcS <= gapS, "apps.lta.criticalTtcS", "(0, apps.lta.gapS]",
                criticalTtcS);
        require(clearHoldMs >= 0, "apps.lta.clearHoldMs", "≥ 0", clearHoldMs);
        require(minOncomingSpeedMps > 0 && minOncomingSpeedMps < maxOncomingSpeedMps,
                "apps.lta.minOncomingSpeedMps", "(0, apps.lta.maxOncomingSpeedMps)", minOncomingSpeedMps);
        require(maxOncomingSpeedMps <= 70, "apps.lta.maxOncomingSpeedMps", "≤ 70", maxOncomingSpeedMps);
        require(minOpposingHeadingDiffDeg >= 90 && minOpposingHeadingDiffDeg < 180,
                "apps.lta.minOpposingHeadingDiffDeg", "[90, 180)", minOpposingHeadingDiffDeg);
        require(maxTurnProgressDeg > 0 && maxTurnProgressDeg <= 90, "apps.lta.maxTurnProgressDeg", "(0, 90]",
                maxTurnProgressDeg);
        require(maxLateralM > 0 && maxLateralM <= 50, "apps.lta.maxLateralM", "(0, 50]", maxLateralM);
        require(maxStateAgeMs >= 0, "apps.lta.maxStateAgeMs", "≥ 0", maxStateAgeMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.lta.defaultLengthM", "(0, 30]", defaultLengthM);
        require(validityMs >= 100, "apps.lta.validityMs", "≥ 100", validityMs);
        return this;
    }
}
