package io.cheluyun.apps.evw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Emergency Vehicle Warning (EVW), a Day-1 application of T/CSAE 53-2017: an emergency vehicle
 * (ambulance, fire engine, police; {@link io.cheluyun.model.VehicleClass#EMERGENCY}) comes up behind the host, which
 * should make way. China drives on the right, so the advice is to pull over to the right (Road Traffic Safety Law
 * of the PRC, art. 53: other vehicles and pedestrians shall give way to emergency vehicles on duty). The standard
 * describes the use case and leaves the ranges to the implementer; these are Cheluyun defaults, each with its
 * reasoning.
 *
 * @param enabled              run the application
 * @param maxRangeM            the emergency vehicle is at most this far behind, bumper to bumper: 180 m; an emergency
 *                             vehicle at 100 km/h among traffic at 60 km/h needs 16 s for it, time enough to find a
 *                             place to make way. Also the range an active hazard is kept in. Bounded by the twin's
 *                             halo ({@code pipeline.haloM}, 200 m): a vehicle sees the others of a neighbouring tile
 *                             only that far, so a longer range (the 300 m of T/CSAE 53-2017's FCW communication range)
 *                             would warn later near tile edges than elsewhere; it needs a halo of the range plus the
 *                             two half lengths and the lateral offset
 * @param nearRangeM           within this gap (50 m) the host is warned even when the emergency vehicle is not
 *                             faster: it may be held up behind the host, waiting for it to make way
 * @param minClosingSpeedMps   beyond {@code nearRangeM} the emergency vehicle must be faster than the host by more
 *                             than this (1 m/s, above the noise of GNSS-derived speeds): one that is not catching up
 *                             is not coming through
 * @param minEvSpeedMps        the emergency vehicle moves at least this fast (10 km/h, as FCW): a standing one (at an
 *                             incident, on a break) is not approaching; that is AVW's and HLW's concern
 * @param maxHeadingDiffDeg    same direction: headings within this (30°, as FCW); an emergency vehicle on the opposite
 *                             carriageway does not need the host's lane
 * @param maxLateralOffsetM    the emergency vehicle is on the host's carriageway: centre lines within three 3.5 m lanes
 *                             (10.5 m), so every lane of a four-lane carriageway makes way; a parallel road is further
 * @param rearmLateralMarginM  hysteresis: an active hazard is kept while the lateral offset stays within
 *                             {@code maxLateralOffsetM} plus this (0.5 m, GNSS jitter of a lane-level fix)
 * @param clearHoldMs          a hazard is re-armed only after neither trigger nor sustain has held this long (1 s)
 * @param maxStateAgeMs        ignore a partner whose newest state is older than this relative to the updated
 *                             vehicle's (five missed 10 Hz messages)
 * @param defaultLengthM       vehicle length assumed when a message carries none (a typical passenger car)
 * @param validityMs           a warning expires this long after it is raised
 */
public record EvwConfig(boolean enabled, double maxRangeM, double nearRangeM, double minClosingSpeedMps,
                        double minEvSpeedMps, double maxHeadingDiffDeg, double maxLateralOffsetM,
                        double rearmLateralMarginM, long clearHoldMs, long maxStateAgeMs, double defaultLengthM,
                        long validityMs) {

    public static EvwConfig defaults() {
        return new EvwConfig(true, 180.0, 50.0, 1.0, 10.0 / 3.6, 30.0, 10.5, 0.5, 1_000, 500, 4.5, 3_000);
    }

    /** Validates every key; the message names it. */
    public EvwConfig conclude() {
        require(maxRangeM >= 10 && maxRangeM <= 1000, "apps.evw.maxRangeM", "[10, 1000]", maxRangeM);
        require(nearRangeM >= 0 && nearRangeM <= maxRangeM, "apps.evw.nearRangeM", "[0, apps.evw.maxRangeM]",
                nearRangeM);
        require(minClosingSpeedMps > 0 && minClosingSpeedMps <= 20, "apps.evw.minClosingSpeedMps", "(0, 20]",
                minClosingSpeedMps);
        require(minEvSpeedMps >= 0 && minEvSpeedMps < 50, "apps.evw.minEvSpeedMps", "[0, 50)", minEvSpeedMps);
        require(maxHeadingDiffDeg > 0 && maxHeadingDiffDeg < 90, "apps.evw.maxHeadingDiffDeg", "(0, 90)",
                maxHeadingDiffDeg);
        require(maxLateralOffsetM > 0 && maxLateralOffsetM <= 20, "apps.evw.maxLateralOffsetM", "(0, 20]",
                maxLateralOffsetM);
        require(rearmLateralMarginM >= 0 && rearmLateralMarginM <= 2, "apps.evw.rearmLateralMarginM", "[0, 2]",
                rearmLateralMarginM);
        require(clearHoldMs >= 0, "apps.evw.clearHoldMs", "≥ 0", clearHoldMs);
        require(maxStateAgeMs >= 0 && maxStateAgeMs <= 10_000, "apps.evw.maxStateAgeMs", "[0, 10000]",
                maxStateAgeMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.evw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(validityMs >= 100, "apps.evw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
