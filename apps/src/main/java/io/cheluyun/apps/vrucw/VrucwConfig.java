package io.cheluyun.apps.vrucw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Vulnerable Road User Collision Warning (VRUCW), a Day-1 application of T/CSAE 53-2017: a vehicle is
 * warned of a pedestrian, cyclist or motorcyclist (from roadside sensors' RSM/CPM or the road user's own PSM) whose
 * path it is about to cross. The standard sets the use case and requirements (range ≥ 150 m, 10 Hz, ≤ 100 ms); the
 * thresholds are the project's, after T/CSAE 246-2022 Annex A (pedestrian crossing ahead; pedestrian on the far
 * sidewalk; vehicle stopped).
 *
 * @param enabled          run the application
 * @param horizonS         look-ahead of the prediction (4 s: a pedestrian crosses half a lane in about 1.2 s, so a
 *                         shorter horizon would warn too late for a driver reaction of 1.5 s plus braking)
 * @param stepS            prediction step (0.1 s: pedestrians are small; sampling must not step over them)
 * @param ttcThresholdS    warn when the predicted conflict is closer than this (3.0 s)
 * @param criticalTtcS     below this the warning is CRITICAL (1.5 s)
 * @param rearmTtcS        hysteresis: a warned pair stays active while the conflict is within this (4.0 s)
 * @param clearHoldMs      ...and re-arms after staying clear this long (1 s)
 * @param lateralMarginM   clearance added to half the vehicle's width on each side (1.0 m: GNSS error plus the
 *                         space a pedestrian occupies; the far sidewalk is several metres beyond)
 * @param frontMarginM     clearance added before the front bumper (1.0 m)
 * @param minVehicleSpeedMps  no warning for vehicles slower than this (1 m/s: a stopped vehicle is no threat)
 * @param maxRangeM        furthest road user considered (150 m, the standard's range)
 * @param defaultLengthM   vehicle length assumed when a message carries none
 * @param defaultWidthM    vehicle width assumed when a message carries none
 * @param validityMs       a warning expires this long after it is raised
 */
public record VrucwConfig(boolean enabled, double horizonS, double stepS, double ttcThresholdS, double criticalTtcS,
                          double rearmTtcS, long clearHoldMs, double lateralMarginM, double frontMarginM,
                          double minVehicleSpeedMps, double maxRangeM, double defaultLengthM, double defaultWidthM,
                          long validityMs) {

    public static VrucwConfig defaults() {
        return new VrucwConfig(true, 4.0, 0.1, 3.0, 1.5, 4.0, 1_000, 1.0, 1.0, 1.0, 150.0, 4.5, 1.8, 3_000);
    }

    public VrucwConfig conclude() {
        require(horizonS > 0 && horizonS <= 10, "apps.vrucw.horizonS", "(0, 10]", horizonS);
        require(stepS > 0 && stepS <= 1, "apps.vrucw.stepS", "(0, 1]", stepS);
        require(ttcThresholdS > 0 && ttcThresholdS <= horizonS, "apps.vrucw.ttcThresholdS",
                "(0, apps.vrucw.horizonS]", ttcThresholdS);
        require(criticalTtcS > 0 && criticalTtcS <= ttcThresholdS, "apps.vrucw.criticalTtcS",
                "(0, apps.vrucw.ttcThresholdS]", criticalTtcS);
        require(rearmTtcS >= ttcThresholdS && rearmTtcS <= horizonS, "apps.vrucw.rearmTtcS",
                "[apps.vrucw.ttcThresholdS, apps.vrucw.horizonS]", rearmTtcS);
        require(clearHoldMs >= 0, "apps.vrucw.clearHoldMs", "≥ 0", clearHoldMs);
        require(lateralMarginM >= 0 && lateralMarginM <= 5, "apps.vrucw.lateralMarginM", "[0, 5]", lateralMarginM);
        require(frontMarginM >= 0 && frontMarginM <= 10, "apps.vrucw.frontMarginM", "[0, 10]", frontMarginM);
        require(minVehicleSpeedMps >= 0 && minVehicleSpeedMps < 20, "apps.vrucw.minVehicleSpeedMps", "[0, 20)",
                minVehicleSpeedMps);
        require(maxRangeM >= 10 && maxRangeM <= 500, "apps.vrucw.maxRangeM", "[10, 500]", maxRangeM);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.vrucw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(defaultWidthM > 0 && defaultWidthM <= 5, "apps.vrucw.defaultWidthM", "(0, 5]", defaultWidthM);
        require(validityMs >= 100, "apps.vrucw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
