package io.cheluyun.apps.slw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Speed Limit Warning (SLW), a Day-1 application of T/CSAE 53-2017: a roadside unit or the operator
 * announces a speed limit for an area (an RSI speed-limit sign, a work zone, a weather restriction) and a vehicle
 * driving faster than it there is told to slow down. The standard describes the use case and leaves the tolerance to
 * the implementer. Limits are carried in m/s; the GB 5768 signs behind them are in km/h (60 km/h = 16.67 m/s).
 *
 * @param enabled            run the application
 * @param toleranceFraction  a vehicle is speeding above the limit plus the larger of this fraction of it and
 *                           {@code minToleranceMps}: 5 % (Cheluyun default). Speedometers read high (GB 7258: the
 *                           indicated speed may exceed the true one by up to 10 % + 4 km/h, never fall below it), so
 *                           a driver holding the indicated limit is at or under the true limit that GNSS measures;
 *                           5 % over it is a driver who is really speeding, not one being nagged for sensor noise
 * @param minToleranceMps    at least 1 m/s (3.6 km/h, Cheluyun default): above GNSS Doppler speed noise, and at
 *                           urban limits 5 % is less than that (2 km/h at 40 km/h)
 * @param entryHorizonS      a vehicle outside the area is already warned when its path enters it within this much
 *                           travel at its speed: 2 s (Cheluyun default), about a driver's perception–reaction time, so
 *                           one who reacts is slowing by the time the zone begins
 * @param edgeMarginM        an active hazard is also sustained while the vehicle is within this of the area (5 m,
 *                           as HLW: the positioning error allowed to road-event applications), so GNSS jitter at
 *                           the edge of a zone does not re-arm it
 * @param clearHoldMs        a hazard re-arms only after the vehicle has been at or below the limit, or out of the
 *                           zone, this long (3 s, Cheluyun default): a driver who lifts off for a moment and speeds
 *                           up again is not warned twice; one who speeds again after slowing down for good is
 * @param validityMs         a warning expires this long after it is raised (5 s), or when the event ends
 */
public record SlwConfig(boolean enabled, double toleranceFraction, double minToleranceMps, double entryHorizonS,
                        double edgeMarginM, long clearHoldMs, long validityMs) {

    public static SlwConfig defaults() {
        return new SlwConfig(true, 0.05, 1.0, 2.0, 5.0, 3_000, 5_000);
    }

    /** The speed above which a vehicle is speeding against a limit, m/s. */
    public double thresholdMps(double limitMps) {
        return limitMps + Math.max(limitMps * toleranceFraction, minToleranceMps);
    }

    /** Validates every key; the message names it. */
    public SlwConfig conclude() {
        require(toleranceFraction >= 0 && toleranceFraction <= 0.5, "apps.slw.toleranceFraction", "[0, 0.5]",
                toleranceFraction);
        require(minToleranceMps >= 0 && minToleranceMps <= 10, "apps.slw.minToleranceMps", "[0, 10]",
                minToleranceMps);
        require(entryHorizonS > 0 && entryHorizonS <= 30, "apps.slw.entryHorizonS", "(0, 30]", entryHorizonS);
        require(edgeMarginM >= 0 && edgeMarginM <= 50, "apps.slw.edgeMarginM", "[0, 50]", edgeMarginM);
        require(clearHoldMs >= 0, "apps.slw.clearHoldMs", "≥ 0", clearHoldMs);
        require(validityMs >= 100, "apps.slw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
