package io.cheluyun.apps.ebw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Emergency Brake Warning (EBW), a Day-1 application of T/CSAE 53-2017: a vehicle ahead in the host's
 * lane and direction brakes hard and says so over the air, so the host learns of it before its own sensors (or its
 * driver, behind other vehicles) can. The standard describes the use case and leaves the "emergency braking"
 * threshold to the implementer; the message sets carry it as the hard-braking event of SAE J2735 / J2945/1
 * ({@code eventHardBraking}, a deceleration above 0.4 g) next to the brake status and the longitudinal acceleration.
 *
 * @param enabled               run the application
 * @param hardBrakeDecelMps2    the braking vehicle reports a longitudinal acceleration at or below minus this:
 *                              4 m/s², about 0.4 g, the J2735 / J2945/1 hard-braking event. When a sender omits the
 *                              acceleration, its brake-applied flag is taken as braking hard instead (conservative:
 *                              an unknown deceleration is not assumed to be mild)
 * @param rearmDecelMps2        hysteresis: a warned hazard stays active while the braking vehicle still reports at
 *                              least this deceleration (3 m/s², Cheluyun default: the deceleration reported during an
 *                              emergency stop wavers by about ±1 m/s² as ABS modulates the brakes)
 * @param minSpeedMps           the braking vehicle and the follower must both move at least this fast: 10 km/h, as
 *                              FCW; a standing vehicle holding its brake pedal is not braking, and a vehicle that has
 *                              nearly stopped is FCW's and AVW's concern
 * @param maxHeadingDiffDeg     same direction: headings within this (30°, as FCW: curves and lane changes)
 * @param maxLateralOffsetM     same lane: centre lines within half a 3.5 m lane (JTG B01 lane width), as FCW
 * @param rearmLateralMarginM   hysteresis: an active hazard is kept while the lateral offset stays within
 *                              {@code maxLateralOffsetM} plus this (0.5 m, Cheluyun default: GNSS jitter of a
 *                              lane-level fix, so a follower near the lane edge is not warned twice)
 * @param maxRangeM             followers are warned up to this bumper-to-bumper gap: 150 m (Cheluyun default), about
 *                              4.5 s of headway at 120 km/h and 9 s at 60 km/h; further back the braking vehicle is
 *                              not yet the follower's concern
 * @param minClosingSpeedMps    a time to collision is reported only when closing at least this fast (0.5 m/s, as
 *                              FCW: slower closing is within the noise of GNSS-derived speeds)
 * @param criticalTtcS          a warning with a time to collision below this is {@code CRITICAL} (1.5 s, FCW's
 *                              critical threshold, the conflict threshold of surrogate safety measures)
 * @param clearHoldMs           a hazard is re-armed only after neither trigger nor sustain has held this long (1 s)
 * @param maxStateAgeMs         ignore a partner whose newest state is older than this relative to the updated
 *                              vehicle's (five missed 10 Hz messages)
 * @param defaultLengthM        vehicle length assumed when a message carries none (a typical passenger car)
 * @param validityMs            a warning expires this long after it is raised
 */
public record EbwConfig(boolean enabled, double hardBrakeDecelMps2, double rearmDecelMps2, double minSpeedMps,
                        double maxHeadingDiffDeg, double maxLateralOffsetM, double rearmLateralMarginM,
                        double maxRangeM, double minClosingSpeedMps, double criticalTtcS, long clearHoldMs,
                        long maxStateAgeMs, double defaultLengthM, long validityMs) {

    public static EbwConfig defaults() {
        return new EbwConfig(true, 4.0, 3.0, 10.0 / 3.6, 30.0, 1.75, 0.5, 150.0, 0.5, 1.5, 1_000, 500, 4.5, 3_000);
    }

    /** Validates every key; the message names it. */
    public EbwConfig conclude() {
        require(hardBrakeDecelMps2 > 0 && hardBrakeDecelMps2 <= 20, "apps.ebw.hardBrakeDecelMps2", "(0, 20]",
                hardBrakeDecelMps2);
        require(rearmDecelMps2 > 0 && rearmDecelMps2 <= hardBrakeDecelMps2, "apps.ebw.rearmDecelMps2",
                "(0, apps.ebw.hardBrakeDecelMps2]", rearmDecelMps2);
        require(minSpeedMps >= 0 && minSpeedMps < 50, "apps.ebw.minSpeedMps", "[0, 50)", minSpeedMps);
        require(maxHeadingDiffDeg > 0 && maxHeadingDiffDeg < 90, "apps.ebw.maxHeadingDiffDeg", "(0, 90)",
                maxHeadingDiffDeg);
        require(maxLateralOffsetM > 0 && maxLateralOffsetM <= 5, "apps.ebw.maxLateralOffsetM", "(0, 5]",
                maxLateralOffsetM);
        require(rearmLateralMarginM >= 0 && rearmLateralMarginM <= 2, "apps.ebw.rearmLateralMarginM", "[0, 2]",
                rearmLateralMarginM);
        require(maxRangeM >= 10 && maxRangeM <= 1000, "apps.ebw.maxRangeM", "[10, 1000]", maxRangeM);
        require(minClosingSpeedMps > 0, "apps.ebw.minClosingSpeedMps", "> 0", minClosingSpeedMps);
        require(criticalTtcS >= 0 && criticalTtcS <= 10, "apps.ebw.criticalTtcS", "[0, 10]", criticalTtcS);
        require(clearHoldMs >= 0, "apps.ebw.clearHoldMs", "≥ 0", clearHoldMs);
        require(maxStateAgeMs >= 0 && maxStateAgeMs <= 10_000, "apps.ebw.maxStateAgeMs", "[0, 10000]",
                maxStateAgeMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.ebw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(validityMs >= 100, "apps.ebw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
