package io.cheluyun.apps.dnpw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Do Not Pass Warning (DNPW), a Day-1 application of T/CSAE 53-2017. The standard describes the use
 * case (on a two-way road the host wants to overtake a slower vehicle using the opposite lane while an oncoming
 * vehicle makes that unsafe) and its basic performance requirements (10 Hz updates, ≤ 100 ms latency, positioning
 * ≤ 1.5 m); the distance criterion is left to the implementer. T/CSAE 246-2022 Annex E gives the test scenarios the
 * tests here follow.
 *
 * @param enabled                  run the application
 * @param passingTimeS             how long the overtake keeps the host in the opposite lane: 8 s (Cheluyun default).
 *                                 Derivation: at a typical speed advantage of 15 km/h (4.2 m/s) the host must gain
 *                                 about 33 m on the vehicle it passes (a 12 m gap behind it, both 4.6 m lengths, a
 *                                 12 m gap before cutting back in), i.e. 8 s. It agrees with the Chinese highway
 *                                 design rule: 8 s at two 80 km/h vehicles is 356 m, close to the 350 m minimum
 *                                 passing sight distance of JTG D20 for 80 km/h roads (AASHTO's passing sight
 *                                 distance model, more generous, has the passer 9–11 s in the left lane)
 * @param marginM                  clearance still required between host and oncoming vehicle when the host is back in
 *                                 its lane: 50 m (AASHTO clearance distance d3, 30–90 m over the speed groups)
 * @param minHostSpeedMps          no warning below 20 km/h: a left signal at crawling speed behind another vehicle is
 *                                 a left turn out of a queue, not an overtake (Cheluyun default)
 * @param maxLeaderGapM            the host is following a vehicle when that vehicle is ahead in its lane within this
 *                                 bumper gap: 60 m (Cheluyun brief; about 2.7 s at 80 km/h: a driver about to pass
 *                                 has closed up)
 * @param maxLeaderSpeedExcessMps  the leader counts as slower unless it is faster than the host by more than this:
 *                                 1 m/s (a host held up behind a slow vehicle matches its speed, so equal speeds
 *                                 within GNSS speed noise count as slower)
 * @param laneHalfWidthM           same lane: centre lines within half a 3.5 m lane (as FCW)
 * @param maxSameDirectionDiffDeg  the leader drives the host's way: headings within 30° (as FCW)
 * @param minOncomingDiffDeg       oncoming: headings differ by more than this (150°: opposite directions with room
 *                                 for curves and heading noise)
 * @param minOncomingLateralM      the opposite lane is to the host's left (China drives on the right): the oncoming
 *                                 vehicle's centre at least this far left of the host's (2 m, closer is the host's
 *                                 own lane)...
 * @param maxOncomingLateralM      ...and at most this far (6 m: the adjacent lane with 1.5 m positioning tolerance
 *                                 each way and a wide lane; farther is a second lane or the roadside)
 * @param maxOncomingSpeedMps      100 km/h, above the limits of undivided roads in China (70 km/h for a road with one
 *                                 lane per direction; 80 km/h design speed of class-2 highways) with room for
 *                                 speeding. It sizes the neighbour search only: an oncoming vehicle is looked for
 *                                 within the distance needed against an oncoming vehicle at this speed
 * @param maxRangeM                neighbour search cap: 500 m (8 s at two 100 km/h vehicles plus the margin: 494 m)
 * @param clearHoldMs              a warned hazard re-arms after its condition has not held for this long (1 s)
 * @param maxStateAgeMs            ignore a vehicle whose newest state is older than this relative to the host's (five
 *                                 missed 10 Hz messages)
 * @param defaultLengthM           vehicle length assumed when a message carries none (a typical passenger car)
 * @param validityMs               a warning expires this long after it is raised: 3 s, re-raised for the next
 *                                 oncoming vehicle
 */
public record DnpwConfig(boolean enabled, double passingTimeS, double marginM, double minHostSpeedMps,
                         double maxLeaderGapM, double maxLeaderSpeedExcessMps, double laneHalfWidthM,
                         double maxSameDirectionDiffDeg, double minOncomingDiffDeg, double minOncomingLateralM,
                         double maxOncomingLateralM, double maxOncomingSpeedMps, double maxRangeM, long clearHoldMs,
                         long maxStateAgeMs, double defaultLengthM, long validityMs) {

    public static DnpwConfig defaults() {
        return new DnpwConfig(true, 8.0, 50.0, 20.0 / 3.6, 60.0, 1.0, 1.75, 30.0, 150.0, 2.0, 6.0, 100.0 / 3.6,
                500.0, 1_000, 500, 4.5, 3_000);
    }

    /** These settings with another passing time (the rest unchanged). */
    public DnpwConfig withPassingTimeS(double newPassingTimeS) {
        return new DnpwConfig(enabled, newPassingTimeS, marginM, minHostSpeedMps, maxLeaderGapM,
                maxLeaderSpeedExcessMps, laneHalfWidthM, maxSameDirectionDiffDeg, minOncomingDiffDeg,
                minOncomingLateralM, maxOncomingLateralM, maxOncomingSpeedMps, maxRangeM, clearHoldMs, maxStateAgeMs,
                defaultLengthM, validityMs);
    }

    /** Validates every key; the message names it. */
    public DnpwConfig conclude() {
        require(passingTimeS > 0 && passingTimeS <= 30, "apps.dnpw.passingTimeS", "(0, 30]", passingTimeS);
        require(marginM >= 0 && marginM <= 500, "apps.dnpw.marginM", "[0, 500]", marginM);
        require(minHostSpeedMps >= 0 && minHostSpeedMps < 50, "apps.dnpw.minHostSpeedMps", "[0, 50)",
                minHostSpeedMps);
        require(maxLeaderGapM > 0 && maxLeaderGapM <= 300, "apps.dnpw.maxLeaderGapM", "(0, 300]", maxLeaderGapM);
        require(maxLeaderSpeedExcessMps >= 0 && maxLeaderSpeedExcessMps <= 10, "apps.dnpw.maxLeaderSpeedExcessMps",
                "[0, 10]", maxLeaderSpeedExcessMps);
        require(laneHalfWidthM > 0 && laneHalfWidthM <= 5, "apps.dnpw.laneHalfWidthM", "(0, 5]", laneHalfWidthM);
        require(maxSameDirectionDiffDeg > 0 && maxSameDirectionDiffDeg < 90, "apps.dnpw.maxSameDirectionDiffDeg",
                "(0, 90)", maxSameDirectionDiffDeg);
        require(minOncomingDiffDeg >= 90 && minOncomingDiffDeg < 180, "apps.dnpw.minOncomingDiffDeg", "[90, 180)",
                minOncomingDiffDeg);
        require(minOncomingLateralM >= 0 && minOncomingLateralM < maxOncomingLateralM,
                "apps.dnpw.minOncomingLateralM", "[0, apps.dnpw.maxOncomingLateralM)", minOncomingLateralM);
        require(maxOncomingLateralM <= 15, "apps.dnpw.maxOncomingLateralM", "(apps.dnpw.minOncomingLateralM, 15]",
                maxOncomingLateralM);
        require(maxOncomingSpeedMps > 0 && maxOncomingSpeedMps <= 100, "apps.dnpw.maxOncomingSpeedMps", "(0, 100]",
                maxOncomingSpeedMps);
        require(maxRangeM >= 50 && maxRangeM <= 2000, "apps.dnpw.maxRangeM", "[50, 2000]", maxRangeM);
        require(clearHoldMs >= 0, "apps.dnpw.clearHoldMs", "≥ 0", clearHoldMs);
        require(maxStateAgeMs >= 0, "apps.dnpw.maxStateAgeMs", "≥ 0", maxStateAgeMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.dnpw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(validityMs >= 100, "apps.dnpw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
