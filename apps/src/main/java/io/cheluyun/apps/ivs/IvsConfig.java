package io.cheluyun.apps.ivs;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of In-Vehicle Signage (IVS), a Day-1 application of T/CSAE 53-2017: the roadside unit or the operator
 * publishes a sign or a notice for an area (RSI traffic sign, work zone, speed limit, congestion) and vehicles
 * approaching or inside it are shown it in the cabin. The standard describes the use case and leaves when to show
 * the sign to the implementer.
 *
 * @param enabled          run the application
 * @param minSpeedMps      a vehicle outside the area is shown the sign only when at least this fast (10 km/h, as
 *                         HLW): a standing vehicle's heading does not tell where it is going. A vehicle inside the
 *                         area is shown it whatever its speed (a queue standing in the congestion it is told about)
 * @param minLookAheadM    a vehicle is shown the sign once its path enters the area within the larger of this and
 *                         {@code lookAheadTimeS} of travel: 150 m, the communication range T/CSAE 53-2017 requires
 *                         of the road-side information applications
 * @param lookAheadTimeS   10 s of travel (Cheluyun default, 333 m at 120 km/h): a little more than HLW's 8 s, so a
 *                         sign is shown before any hazard warning for the same place
 * @param maxLookAheadM    cap of the look-ahead, and the sustain band of the hysteresis: a sign once shown is not
 *                         shown again while the path still enters the area within this (500 m, Cheluyun default: a
 *                         straight ray stops predicting the road beyond it)
 * @param edgeMarginM      a shown sign is also sustained while the vehicle is within this of the area (5 m, as HLW),
 *                         so a vehicle driving along the zone's edge (GNSS jitter, a lane change) is not shown it twice
 * @param clearHoldMs      a sign is shown again only after the vehicle has been out of the area and its look-ahead
 *                         this long (5 s, Cheluyun default: longer than HLW's, a sign repeated is a nuisance)
 * @param maxStateAgeMs    when an event is announced, vehicles whose newest state is older than this are not
 *                         evaluated (five missed 10 Hz messages), and an event starting up to this long after the
 *                         twin's message time counts as in force on arrival (the watermark moves only with vehicle,
 *                         signal and object messages)
 * @param validityMs       a sign expires this long after it is shown (10 s: the look-ahead time), or when the event
 *                         ends, whichever is first
 */
public record IvsConfig(boolean enabled, double minSpeedMps, double minLookAheadM, double lookAheadTimeS,
                        double maxLookAheadM, double edgeMarginM, long clearHoldMs,
                        long maxStateAgeMs, long validityMs) {

    public static IvsConfig defaults() {
        return new IvsConfig(true, 10.0 / 3.6, 150.0, 10.0, 500.0, 5.0, 5_000, 500, 10_000);
    }

    /** The look-ahead at a speed: {@code min(maxLookAheadM, max(minLookAheadM, speed × lookAheadTimeS))}. */
    public double lookAheadM(double speedMps) {
        return Math.min(maxLookAheadM, Math.max(minLookAheadM, speedMps * lookAheadTimeS));
    }

    /** Validates every key; the message names it. */
    public IvsConfig conclude() {
        require(minSpeedMps >= 0 && minSpeedMps < 50, "apps.ivs.minSpeedMps", "[0, 50)", minSpeedMps);
        require(minLookAheadM >= 10 && minLookAheadM <= 1000, "apps.ivs.minLookAheadM", "[10, 1000]",
                minLookAheadM);
        require(lookAheadTimeS > 0 && lookAheadTimeS <= 60, "apps.ivs.lookAheadTimeS", "(0, 60]", lookAheadTimeS);
        require(maxLookAheadM >= minLookAheadM && maxLookAheadM <= 2000, "apps.ivs.maxLookAheadM",
                "[apps.ivs.minLookAheadM, 2000]", maxLookAheadM);
        require(edgeMarginM >= 0 && edgeMarginM <= 50, "apps.ivs.edgeMarginM", "[0, 50]", edgeMarginM);
        require(clearHoldMs >= 0, "apps.ivs.clearHoldMs", "≥ 0", clearHoldMs);
        require(maxStateAgeMs >= 0, "apps.ivs.maxStateAgeMs", "≥ 0", maxStateAgeMs);
        require(validityMs >= 100, "apps.ivs.validityMs", "≥ 100", validityMs);
        return this;
    }
}
