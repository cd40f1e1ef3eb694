package io.cheluyun.apps.lcw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Blind Spot Warning / Lane Change Warning (BSW/LCW), a Day-1 application of T/CSAE 53-2017. The
 * standard describes the use case (the host intends to change lanes while a vehicle in the adjacent lane, same
 * direction, is in its blind zone or approaching from behind) and its basic performance requirements (host speed
 * 0–130 km/h, 10 Hz updates, ≤ 100 ms latency, positioning ≤ 1.5 m); the zone and time thresholds are left to the
 * implementer. T/CSAE 246-2022 Annex D gives the test scenarios (vehicle alongside, vehicle closing from behind,
 * vehicle on the other side) the tests here follow.
 *
 * @param enabled             run the application
 * @param closingTtcS         a vehicle behind the blind zone counts when it reaches the host's rear bumper within
 *                            this at the current closing speed: 3.5 s, the closing-vehicle criterion of lane change
 *                            decision aids (ISO 17387 LCDAS) that the Cheluyun brief adopts
 * @param rearmTtcS           hysteresis: a warned hazard stays active while the closing vehicle's TTC is below this
 *                            (4.5 s: one second of slack over the trigger)
 * @param clearHoldMs         ...and is re-armed only after neither zone nor TTC has held this long (1 s)
 * @param minHostSpeedMps     no warning below 10 km/h: a lane change at walking pace is a merge in a creeping queue,
 *                            and the heading-derived drift is meaningless when barely moving (same bound as FCW)
 * @param minDriftMps         without a turn signal the host counts as changing lanes when its speed across the
 *                            adjacent vehicle's heading reaches this: 0.5 m/s (Cheluyun brief; a lane change
 *                            typically crosses 3.5 m in 3–6 s, i.e. 0.6–1.2 m/s, while lane keeping stays well under
 *                            0.3 m/s). Note that at 90 km/h 0.5 m/s is a 1.15° heading difference: deployments with
 *                            poor heading quality should raise it
 * @param minLateralM         the adjacent lane: centre-to-centre offset across the road of at least this (2 m:
 *                            closer is the host's own lane, FCW's concern)...
 * @param maxLateralM         ...and at most this (5 m: a 3.5–3.75 m lane plus the 1.5 m positioning tolerance of
 *                            T/CSAE 53; the lane beyond the adjacent one starts near 7 m)
 * @param maxHeadingDiffDeg   same direction: headings within this (30°, as FCW); oncoming traffic is never a lane
 *                            change conflict
 * @param zoneAheadM          the blind zone reaches this far ahead of the host's front bumper: 7 m, about 1.5
 *                            passenger-car lengths (Cheluyun reading of the T/CSAE 53 BSW zone; a lane change would
 *                            cut in closer than that)
 * @param zoneBehindM         ...and this far behind its rear bumper: 10 m (Cheluyun reading of the T/CSAE 53 BSW zone;
 *                            wider than the 3 m behind the rear of GB/T 39265-2020 BSD radars because V2X positions
 *                            carry up to 1.5 m error each)
 * @param minClosingSpeedMps  closing speeds below this (0.5 m/s) are GNSS speed noise, not an approach
 * @param maxSpeedMps         130 km/h, the top of the T/CSAE 53 host speed range. It sizes the neighbour search: a
 *                            vehicle closing within {@code rearmTtcS} is at most that far behind at this speed
 * @param maxStateAgeMs       ignore the other vehicle when its newest state is older than this relative to the host's
 *                            (five missed 10 Hz messages)
 * @param defaultLengthM      vehicle length assumed when a message carries none (a typical passenger car)
 * @param validityMs          a warning expires this long after it is raised: 2 s, a lane change decision is taken
 *                            within that and the zone changes quickly
 */
public record LcwConfig(boolean enabled, double closingTtcS, double rearmTtcS, long clearHoldMs,
                        double minHostSpeedMps, double minDriftMps, double minLateralM, double maxLateralM,
                        double maxHeadingDiffDeg, double zoneAheadM, double zoneBehindM, double minClosingSpeedMps,
                        double maxSpeedMps, long maxStateAgeMs, double defaultLengthM, long validityMs) {

    public static LcwConfig defaults() {
        return new LcwConfig(true, 3.5, 4.5, 1_000, 10.0 / 3.6, 0.5, 2.0, 5.0, 30.0, 7.0, 10.0, 0.5, 130.0 / 3.6,
                500, 4.5, 2_000);
    }

    /** Validates every key; the message names it. */
    public LcwConfig conclude() {
        require(closingTtcS > 0 && closingTtcS <= 10, "apps.lcw.closingTtcS", "(0, 10]", closingTtcS);
        require(rearmTtcS >= closingTtcS && rearmTtcS <= 20, "apps.lcw.rearmTtcS", "[apps.lcw.closingTtcS, 20]",
                rearmTtcS);
        require(clearHoldMs >= 0, "apps.lcw.clearHoldMs", "≥ 0", clearHoldMs);
        require(minHostSpeedMps >= 0 && minHostSpeedMps < 50, "apps.lcw.minHostSpeedMps", "[0, 50)",
                minHostSpeedMps);
        require(minDriftMps > 0 && minDriftMps <= 5, "apps.lcw.minDriftMps", "(0, 5]", minDriftMps);
        require(minLateralM > 0 && minLateralM < maxLateralM, "apps.lcw.minLateralM", "(0, apps.lcw.maxLateralM)",
                minLateralM);
        require(maxLateralM <= 10, "apps.lcw.maxLateralM", "(apps.lcw.minLateralM, 10]", maxLateralM);
        require(maxHeadingDiffDeg > 0 && maxHeadingDiffDeg < 90, "apps.lcw.maxHeadingDiffDeg", "(0, 90)",
                maxHeadingDiffDeg);
        require(zoneAheadM >= 0 && zoneAheadM <= 50, "apps.lcw.zoneAheadM", "[0, 50]", zoneAheadM);
        require(zoneBehindM >= 0 && zoneBehindM <= 50, "apps.lcw.zoneBehindM", "[0, 50]", zoneBehindM);
        require(minClosingSpeedMps > 0, "apps.lcw.minClosingSpeedMps", "> 0", minClosingSpeedMps);
        require(maxSpeedMps > 0 && maxSpeedMps <= 100, "apps.lcw.maxSpeedMps", "(0, 100]", maxSpeedMps);
        require(maxStateAgeMs >= 0, "apps.lcw.maxStateAgeMs", "≥ 0", maxStateAgeMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.lcw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(validityMs >= 100, "apps.lcw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
