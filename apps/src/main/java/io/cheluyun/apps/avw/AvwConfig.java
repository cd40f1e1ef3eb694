package io.cheluyun.apps.avw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Abnormal Vehicle Warning (AVW), a Day-1 application of T/CSAE 53-2017: a vehicle reports an abnormal
 * state (hazard lights on, standing still on the carriageway) and the vehicles coming up behind it are warned. The
 * standard describes the use case and leaves the thresholds to the implementer; these are Cheluyun defaults, each
 * with its reasoning. A standing vehicle is not abnormal when it is part of a queue or waits at a signal: those are
 * the false positives the rule must avoid.
 *
 * @param enabled                  run the application
 * @param stationarySpeedMps       a vehicle slower than this stands still: 1 m/s (3.6 km/h), above the few tenths of a
 *                                 m/s of GNSS speed noise of a standing receiver
 * @param rearmStationarySpeedMps  hysteresis: an active hazard is kept while the vehicle stays slower than this
 *                                 (1.5 m/s), so a standing vehicle whose reported speed jitters is warned about once
 * @param queueGapM                a standing vehicle with a slow vehicle ahead of it in its lane within this
 *                                 bumper-to-bumper gap is queued, not abnormal: 15 m, standstill gaps of 2–5 m with
 *                                 room for one unconnected car (4.6 m) between two connected ones
 * @param queueSpeedMps            ...where "slow" is below 10 km/h (a creeping queue, as FCW's minimum speed)
 * @param stopLineDistanceM        a standing vehicle matched to an ingress lane of a MAP within this distance of the
 *                                 stop line waits at the signal, not abnormal: 30 m, about four queued cars; the
 *                                 cars behind them are exempt as queued
 * @param minApproachSpeedMps      only a vehicle moving faster than this is warned: 10 km/h; slower ones are in the
 *                                 queue or have stopped behind the abnormal vehicle already
 * @param warningHorizonS          the warning range is the approaching vehicle's speed times this: 8 s, a 2.5 s
 *                                 perception-reaction time (AASHTO Green Book) plus a comfortable 3 m/s² stop from
 *                                 60 km/h (5.6 s)...
 * @param minRangeM                ...but at least this (50 m, so a slow vehicle is still told in time) ...
 * @param maxRangeM                ...and at most this (180 m, 8 s at 81 km/h, 5.4 s at 120 km/h); also the range an
 *                                 active hazard is kept in. Bounded by the twin's halo ({@code pipeline.haloM}, 200 m):
 *                                 a vehicle sees the others of a neighbouring tile only that far, so a longer range
 *                                 (the 300 m of T/CSAE 53-2017's FCW communication range) would warn later near tile
 *                                 edges than elsewhere; it needs a halo of the range plus the two half lengths and the
 *                                 lateral offset
 * @param maxHeadingDiffDeg        same direction: headings within this (30°, as FCW)
 * @param maxLateralOffsetM        the abnormal vehicle is in the approaching vehicle's lane or an adjacent one: centre
 *                                 lines within one and a half 3.5 m lanes (5.25 m)
 * @param sameLaneOffsetM          within this lateral offset (half a lane, 1.75 m) the two share a lane: only then can
 *                                 the warning be {@code CRITICAL}
 * @param rearmLateralMarginM      hysteresis: an active hazard is kept while the lateral offset stays within
 *                                 {@code maxLateralOffsetM} plus this (0.5 m, GNSS jitter of a lane-level fix)
 * @param minClosingSpeedMps       a time to collision is reported only when closing at least this fast (0.5 m/s, FCW)
 * @param criticalTtcS             in the same lane, a time to collision below this makes the warning {@code CRITICAL}
 *                                 (1.5 s, FCW's critical threshold)
 * @param clearHoldMs              a hazard is re-armed only after neither trigger nor sustain has held this long (1 s)
 * @param maxStateAgeMs            ignore a partner whose newest state is older than this relative to the updated
 *                                 vehicle's: 1.5 s, since the abnormal vehicle usually stands (dead reckoning is exact)
 *                                 and a sender under congestion control spaces its messages (SAE J2945/1 lets the
 *                                 interval grow to 600 ms); two such intervals and a lost message
 * @param defaultLengthM           vehicle length assumed when a message carries none (a typical passenger car)
 * @param validityMs               a warning expires this long after it is raised
 */
public record AvwConfig(boolean enabled, double stationarySpeedMps, double rearmStationarySpeedMps, double queueGapM,
                        double queueSpeedMps, double stopLineDistanceM, double minApproachSpeedMps,
                        double warningHorizonS, double minRangeM, double maxRangeM, double maxHeadingDiffDeg,
                        double maxLateralOffsetM, double sameLaneOffsetM, double rearmLateralMarginM,
                        double minClosingSpeedMps, double criticalTtcS, long clearHoldMs, long maxStateAgeMs,
                        double defaultLengthM, long validityMs) {

    public static AvwConfig defaults() {
        return new AvwConfig(true, 1.0, 1.5, 15.0, 10.0 / 3.6, 30.0, 10.0 / 3.6, 8.0, 50.0, 180.0, 30.0, 5.25, 1.75,
                0.5, 0.5, 1.5, 1_000, 1_500, 4.5, 3_000);
    }

    /** Validates every key; the message names it. */
    public AvwConfig conclude() {
        require(stationarySpeedMps > 0 && stationarySpeedMps <= 5, "apps.avw.stationarySpeedMps", "(0, 5]",
                stationarySpeedMps);
        require(rearmStationarySpeedMps >= stationarySpeedMps && rearmStationarySpeedMps <= 10,
                "apps.avw.rearmStationarySpeedMps", "[apps.avw.stationarySpeedMps, 10]", rearmStationarySpeedMps);
        require(queueGapM >= 0 && queueGapM <= 50, "apps.avw.queueGapM", "[0, 50]", queueGapM);
        require(queueSpeedMps >= 0 && queueSpeedMps <= 20, "apps.avw.queueSpeedMps", "[0, 20]", queueSpeedMps);
        require(stopLineDistanceM >= 0 && stopLineDistanceM <= 200, "apps.avw.stopLineDistanceM", "[0, 200]",
                stopLineDistanceM);
        require(minApproachSpeedMps >= 0 && minApproachSpeedMps < 50, "apps.avw.minApproachSpeedMps", "[0, 50)",
                minApproachSpeedMps);
        require(warningHorizonS > 0 && warningHorizonS <= 60, "apps.avw.warningHorizonS", "(0, 60]",
                warningHorizonS);
        require(minRangeM >= 0 && minRangeM <= 1000, "apps.avw.minRangeM", "[0, 1000]", minRangeM);
        require(maxRangeM >= 10 && maxRangeM <= 1000 && maxRangeM >= minRangeM, "apps.avw.maxRangeM",
                "[max(10, apps.avw.minRangeM), 1000]", maxRangeM);
        require(maxHeadingDiffDeg > 0 && maxHeadingDiffDeg < 90, "apps.avw.maxHeadingDiffDeg", "(0, 90)",
                maxHeadingDiffDeg);
        require(maxLateralOffsetM > 0 && maxLateralOffsetM <= 15, "apps.avw.maxLateralOffsetM", "(0, 15]",
                maxLateralOffsetM);
        require(sameLaneOffsetM > 0 && sameLaneOffsetM <= maxLateralOffsetM, "apps.avw.sameLaneOffsetM",
                "(0, apps.avw.maxLateralOffsetM]", sameLaneOffsetM);
        require(rearmLateralMarginM >= 0 && rearmLateralMarginM <= 2, "apps.avw.rearmLateralMarginM", "[0, 2]",
                rearmLateralMarginM);
        require(minClosingSpeedMps > 0, "apps.avw.minClosingSpeedMps", "> 0", minClosingSpeedMps);
        require(criticalTtcS >= 0 && criticalTtcS <= 10, "apps.avw.criticalTtcS", "[0, 10]", criticalTtcS);
        require(clearHoldMs >= 0, "apps.avw.clearHoldMs", "≥ 0", clearHoldMs);
        require(maxStateAgeMs >= 0 && maxStateAgeMs <= 10_000, "apps.avw.maxStateAgeMs", "[0, 10000]",
                maxStateAgeMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.avw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(validityMs >= 100, "apps.avw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
