package io.cheluyun.apps.clw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Control Loss Warning (CLW), a Day-1 application of T/CSAE 53-2017: a vehicle whose anti-lock
 * brakes, traction control or stability control intervene (the J2735 / CSAE 53 BrakeSystemStatus flags) is at or
 * near the limit of adhesion, and the vehicles around it are warned that it may skid, spin or stop unexpectedly. The
 * standard describes the use case and leaves ranges to the implementer; these are Cheluyun defaults, each with its
 * reasoning.
 *
 * @param enabled              run the application
 * @param minHostSpeedMps      a vehicle following the one losing control is warned only when moving at least this
 *                             fast (10 km/h, as FCW): a standing one is not running into it. Oncoming vehicles are
 *                             warned at any speed while the two close in, since a skidding vehicle may slide into a
 *                             standing one
 * @param maxHeadingDiffDeg    same direction: headings within this (30°, as FCW); oncoming: headings within this of
 *                             opposite (150° to 180° apart). Crossing traffic is left to ICW
 * @param maxLateralOffsetM    any lane of the carriageway, either side: centre lines within two 3.5 m lanes (7 m), so
 *                             a vehicle two lanes over is warned too (a skid crosses lanes); for oncoming traffic this
 *                             covers the lanes next to the centre line. A parallel road or the far side of a divided
 *                             highway is further away
 * @param rearmLateralMarginM  hysteresis: an active hazard is kept while the lateral offset stays within
 *                             {@code maxLateralOffsetM} plus this (0.5 m, GNSS jitter of a lane-level fix)
 * @param maxRangeM            vehicles behind are warned up to this bumper-to-bumper gap: 180 m, 5.4 s at 120 km/h,
 *                             enough to slow down before reaching where a skid that starts now ends. Bounded by the
 *                             twin's halo ({@code pipeline.haloM}, 200 m): a vehicle sees the others of a neighbouring
 *                             tile only that far, so a longer range would warn later near tile edges than elsewhere
 * @param oncomingRangeM       oncoming vehicles are warned up to this gap: 100 m, 3 s at a combined 120 km/h, since
 *                             a skidding vehicle crosses the centre line only if it is close, and oncoming traffic
 *                             further away passes after the skid is over
 * @param minClosingSpeedMps   an oncoming vehicle must close in at least this fast (0.5 m/s, as FCW), and a time to
 *                             collision is reported only then
 * @param criticalTtcS         a warning with a time to collision below this is {@code CRITICAL} (1.5 s, FCW's
 *                             critical threshold)
 * @param clearHoldMs          a hazard is re-armed only after neither trigger nor sustain has held this long: 2 s,
 *                             since ABS and ESC intervene in bursts of a few hundred milliseconds (the flags switch
 *                             on and off between messages during one skid) and a skid is one hazard
 * @param maxStateAgeMs        ignore a partner whose newest state is older than this relative to the updated vehicle's
 *                             (five missed 10 Hz messages)
 * @param defaultLengthM       vehicle length assumed when a message carries none (a typical passenger car)
 * @param validityMs           a warning expires this long after it is raised
 */
public record ClwConfig(boolean enabled, double minHostSpeedMps, double maxHeadingDiffDeg, double maxLateralOffsetM,
                        double rearmLateralMarginM, double maxRangeM, double oncomingRangeM,
                        double minClosingSpeedMps, double criticalTtcS, long clearHoldMs, long maxStateAgeMs,
                        double defaultLengthM, long validityMs) {

    public static ClwConfig defaults() {
        return new ClwConfig(true, 10.0 / 3.6, 30.0, 7.0, 0.5, 180.0, 100.0, 0.5, 1.5, 2_000, 500, 4.5, 3_000);
    }

    /** Validates every key; the message names it. */
    public ClwConfig conclude() {
        require(minHostSpeedMps >= 0 && minHostSpeedMps < 50, "apps.clw.minHostSpeedMps", "[0, 50)",
                minHostSpeedMps);
        require(maxHeadingDiffDeg > 0 && maxHeadingDiffDeg < 90, "apps.clw.maxHeadingDiffDeg", "(0, 90)",
                maxHeadingDiffDeg);
        require(maxLateralOffsetM > 0 && maxLateralOffsetM <= 15, "apps.clw.maxLateralOffsetM", "(0, 15]",
                maxLateralOffsetM);
        require(rearmLateralMarginM >= 0 && rearmLateralMarginM <= 2, "apps.clw.rearmLateralMarginM", "[0, 2]",
                rearmLateralMarginM);
        require(maxRangeM >= 10 && maxRangeM <= 1000, "apps.clw.maxRangeM", "[10, 1000]", maxRangeM);
        require(oncomingRangeM >= 0 && oncomingRangeM <= maxRangeM, "apps.clw.oncomingRangeM",
                "[0, apps.clw.maxRangeM]", oncomingRangeM);
        require(minClosingSpeedMps > 0, "apps.clw.minClosingSpeedMps", "> 0", minClosingSpeedMps);
        require(criticalTtcS >= 0 && criticalTtcS <= 10, "apps.clw.criticalTtcS", "[0, 10]", criticalTtcS);
        require(clearHoldMs >= 0, "apps.clw.clearHoldMs", "≥ 0", clearHoldMs);
        require(maxStateAgeMs >= 0 && maxStateAgeMs <= 10_000, "apps.clw.maxStateAgeMs", "[0, 10000]",
                maxStateAgeMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.clw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(validityMs >= 100, "apps.clw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
