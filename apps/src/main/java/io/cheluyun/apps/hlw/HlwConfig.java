package io.cheluyun.apps.hlw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Hazardous Location Warning (HLW), a Day-1 application of T/CSAE 53-2017: a roadside unit or the
 * operator announces a dangerous place (RSI road event: obstacle, accident, bad weather, closure) and vehicles heading
 * into it are warned before they reach it. The standard describes the use case and its basic performance (range,
 * 10 Hz, ≤ 100 ms latency) and leaves the look-ahead to the implementer. Work zones are signage (IVS), not HLW.
 *
 * @param enabled          run the application
 * @param minSpeedMps      only a vehicle at least this fast is warned: 10 km/h. Below it the vehicle is parked or
 *                         queueing, and the heading it reports (hence the path we project) is unreliable
 * @param minLookAheadM    a vehicle is warned once its path enters the area within the larger of this and
 *                         {@code lookAheadTimeS} of travel: 150 m, the communication range T/CSAE 53-2017 requires of
 *                         HLW, so a slow vehicle is warned as soon as the event can reach it
 * @param lookAheadTimeS   8 s of travel (Cheluyun default): at 120 km/h a driver with the 2.5 s perception–reaction
 *                         time of JTG D20's stopping sight distance who then brakes at a comfortable 3 m/s² needs
 *                         7.5 s of travel to stop, so the warning leaves time to stop before the area
 * @param maxLookAheadM    cap of the look-ahead, and the sustain band of the hysteresis: a warned hazard stays
 *                         active while the path still enters the area within this, whatever the speed (500 m,
 *                         Cheluyun default: a straight ray stops predicting the road beyond it). A vehicle braking
 *                         hard on the warning shrinks its speed-dependent look-ahead faster than its distance; the
 *                         wide band keeps it from being re-armed and warned a second time
 * @param criticalTtcS     an {@code ACCIDENT} or {@code ROAD_CLOSURE} (the lane is blocked) reached in less than this
 *                         at the current speed is {@code CRITICAL}: 4 s (Cheluyun default), below which a driver
 *                         with 1 s reaction time braking firmly at 5 m/s² can no longer stop before it from 108 km/h.
 *                         Hazards one can drive through with care (obstacle, weather) stay {@code WARNING}
 * @param edgeMarginM      an active hazard is also sustained while the vehicle is within this of the area (5 m,
 *                         Cheluyun default: the positioning error T/CSAE 53-2017 allows road-event applications), so
 *                         a vehicle driving along the edge of the area is not warned twice
 * @param clearHoldMs      a hazard is re-armed only after neither trigger nor sustain has held this long (2 s of
 *                         message time, twenty BSMs)
 * @param maxStateAgeMs    when a new event is announced, vehicles whose newest state is older than this are not
 *                         evaluated (five missed 10 Hz messages), and an event starting up to this long after the
 *                         twin's message time counts as in force on arrival (the watermark moves only with vehicle,
 *                         signal and object messages, so an event delivered at its start finds it a little behind)
 * @param validityMs       a warning expires this long after it is raised (10 s: the 8 s look-ahead plus margin), or
 *                         when the event ends, whichever is first
 */
public record HlwConfig(boolean enabled, double minSpeedMps, double minLookAheadM, double lookAheadTimeS,
                        double maxLookAheadM, double criticalTtcS, double edgeMarginM, long clearHoldMs,
                        long maxStateAgeMs, long validityMs) {

    public static HlwConfig defaults() {
        return new HlwConfig(true, 10.0 / 3.6, 150.0, 8.0, 500.0, 4.0, 5.0, 2_000, 500, 10_000);
    }

    /** The look-ahead at a speed: {@code min(maxLookAheadM, max(minLookAheadM, speed × lookAheadTimeS))}. */
    public double lookAheadM(double speedMps) {
        return Math.min(maxLookAheadM, Math.max(minLookAheadM, speedMps * lookAheadTimeS));
    }

    /** Validates every key; the message names it. */
    public HlwConfig conclude() {
        require(minSpeedMps >= 0 && minSpeedMps < 50, "apps.hlw.minSpeedMps", "[0, 50)", minSpeedMps);
        require(minLookAheadM >= 10 && minLookAheadM <= 1000, "apps.hlw.minLookAheadM", "[10, 1000]",
                minLookAheadM);
        require(lookAheadTimeS > 0 && lookAheadTimeS <= 60, "apps.hlw.lookAheadTimeS", "(0, 60]", lookAheadTimeS);
        require(maxLookAheadM >= minLookAheadM && maxLookAheadM <= 2000, "apps.hlw.maxLookAheadM",
                "[apps.hlw.minLookAheadM, 2000]", maxLookAheadM);
        require(criticalTtcS >= 0 && criticalTtcS <= 30, "apps.hlw.criticalTtcS", "[0, 30]", criticalTtcS);
        require(edgeMarginM >= 0 && edgeMarginM <= 50, "apps.hlw.edgeMarginM", "[0, 50]", edgeMarginM);
        require(clearHoldMs >= 0, "apps.hlw.clearHoldMs", "≥ 0", clearHoldMs);
        require(maxStateAgeMs >= 0, "apps.hlw.maxStateAgeMs", "≥ 0", maxStateAgeMs);
        require(validityMs >= 100, "apps.hlw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
