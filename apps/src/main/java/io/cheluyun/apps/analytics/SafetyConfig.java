package io.cheluyun.apps.analytics;

import static io.cheluyun.model.ConfigChecks.require;

import io.cheluyun.model.Units;

/**
 * Thresholds of the safety-event detectors ({@link SafetyAnalytics}): hard braking, speeding, red-light running and
 * the two surrogate-safety conflict measures, time to collision (TTC) and post-encroachment time (PET). Every key
 * has a default ({@link #defaults()}); {@link #conclude()} checks them all at start-up and names the bad key
 * ({@code analytics.safety.<key>}).
 *
 * <p>Surrogate-safety values follow FHWA's Surrogate Safety Assessment Model (SSAM; Gettman et al., <i>Surrogate
 * Safety Assessment Model and Validation: Final Report</i>, FHWA-HRT-08-051, 2008): an interaction is a conflict
 * when its minimum TTC is at most 1.5 s, SSAM's default. The PET threshold is the 1.5 s, the same as TTC's;
 * SSAM's default PET ceiling is wider (5 s), which would also record ordinary gap acceptance at a busy junction,
 * where the safety record wants near misses.
 *
 * @param enabled                     run the detectors (read by the composition root; the detectors themselves do
 *                                    not look at it)
 * @param hardBrakingMps2             longitudinal acceleration at or below which a vehicle brakes hard: −4 m/s²
 *                                    (≈ 0.41 g), the value; harder than the 3.4 m/s² AASHTO's Green Book
 *                                    takes as the deceleration most drivers are comfortable with when stopping
 * @param hardBrakingHysteresisMps2   a hard-braking episode ends when the acceleration rises above the threshold
 *                                    plus this (1 m/s², so above −3 m/s²), or when the vehicle stops
 * @param minAccelIntervalS           when a message carries no acceleration it is estimated from the speed
 *                                    difference to the vehicle's previous message, only if they are at least this
 *                                    far apart (0.05 s): closer messages would turn speed quantisation into
 *                                    acceleration spikes
 * @param stoppedSpeedMps             a vehicle at or below this speed has stopped (0.5 m/s, the KPI stop speed)
 * @param defaultSpeedLimitMps        limit assumed where no road event in force sets one: 60 km/h. The
 *                                    Implementing Regulations of the PRC Road Traffic Safety Law, Art. 45, set
 *                                    30 km/h (city roads without a centre line) and 50 km/h (one motor lane per
 *                                    direction) where no sign says otherwise; multi-lane urban arterials are
 *                                    signposted, 60 km/h being their usual limit (CJJ 37 design speeds 40–60 km/h).
 *                                    A deployment whose MAPs and road events do not carry the limits sets the
 *                                    city's own value here
 * @param speedingTolerance           speeding is counted above limit × (1 + this): 10 %, the margin, well
 *                                    above GNSS speed error; the magnitude reported is still over the limit itself
 * @param speedingMinDurationS        a vehicle must stay above the tolerated speed this long (1 s) for an episode
 * @param stopThenProceedMaxSpeedMps  flashing red ({@code STOP_THEN_PROCEED}) works like a stop sign: a vehicle
 *                                    that crosses the line at or below this speed (3 m/s, 11 km/h, the value)
 *                                    has stopped or nearly so and proceeds lawfully; faster, it ran the light
 * @param rightTurnOnRed              a right turn on a red shown by a circular signal (a signal group that also
 *                                    controls a straight movement, or a lane allowing {@code RIGHT_TURN_ON_RED}) is
 *                                    lawful: Implementing Regulations of the PRC Road Traffic Safety Law, Art. 38
 *                                    (3); a right-turn arrow of its own always counts
 * @param ttcThresholdS               a TTC conflict exists while 0 &lt; TTC ≤ this: 1.5 s (FHWA SSAM default)
 * @param conflictRadiusM             partners for TTC are searched within this radius of a vehicle (50 m: 1.5 s
 *                                    at a closing speed of 120 km/h is 50 m); must not exceed the pipeline's halo
 *                                    for conflicts across shard borders to be seen
 * @param conflictMinSpeedMps         both road users must move faster than this (1 m/s) for a TTC conflict:
 *                                    standing traffic has no meaningful heading or TTC
 * @param conflictMinFasterSpeedMps   and at least one faster than this (3 m/s): two crawling vehicles in a queue
 *                                    are not a conflict
 * @param defaultLengthM              vehicle length assumed when a message carries none (4.5 m, a passenger car)
 * @param defaultWidthM               vehicle width assumed when a message carries none (1.8 m)
 * @param petThresholdS               a PET conflict is a gap below this between one road user leaving a spot and
 *                                    another reaching it: 1.5 s, the value (see above)
 * @param intersectionRadiusM         the intersection box: within this distance (30 m) of the MAP reference point
 *                                    of the intersection whose lane the vehicle was last matched to
 * @param petCellM                    the box is divided into square cells this wide (2 m) in the intersection's
 *                                    frame; each cell is one "spot"
 * @param petMinAngleDeg              PET counts crossing paths only: heading difference at least this (30°)
 * @param petMaxAngleDeg              and at most this (150°), as ICW's crossing test; following and opposing
 *                                    traffic is excluded
 * @param episodeEndHoldS             a speeding or TTC episode ends once its condition has not held for this long
 *                                    (1 s), so noise around a threshold does not split one episode into several
 * @param vehicleTimeoutMs            per-vehicle state is dropped (and open episodes reported) when the vehicle has
 *                                    not been heard of for this long, or the twin no longer tracks it (3 s, the
 *                                    twin's own track timeout)
 */
public record SafetyConfig(boolean enabled, double hardBrakingMps2, double hardBrakingHysteresisMps2,
                           double minAccelIntervalS, double stoppedSpeedMps, double defaultSpeedLimitMps,
                           double speedingTolerance, double speedingMinDurationS, double stopThenProceedMaxSpeedMps,
                           boolean rightTurnOnRed, double ttcThresholdS, double conflictRadiusM,
                           double conflictMinSpeedMps, double conflictMinFasterSpeedMps, double defaultLengthM,
                           double defaultWidthM, double petThresholdS, double intersectionRadiusM, double petCellM,
                           double petMinAngleDeg, double petMaxAngleDeg, double episodeEndHoldS,
                           long vehicleTimeoutMs) {

    public static SafetyConfig defaults() {
        return new SafetyConfig(true, -4.0, 1.0, 0.05, 0.5, Units.kmhToMps(60), 0.10, 1.0, 3.0, true, 1.5, 50.0, 1.0,
                3.0, 4.5, 1.8, 1.5, 30.0, 2.0, 30.0, 150.0, 1.0, 3_000);
    }

    /** These settings with another default speed limit. */
    public SafetyConfig withDefaultSpeedLimitMps(double newLimitMps) {
        return new SafetyConfig(enabled, hardBrakingMps2, hardBrakingHysteresisMps2, minAccelIntervalS,
                stoppedSpeedMps, newLimitMps, speedingTolerance, speedingMinDurationS, stopThenProceedMaxSpeedMps,
                rightTurnOnRed, ttcThresholdS, conflictRadiusM, conflictMinSpeedMps, conflictMinFasterSpeedMps,
                defaultLengthM, defaultWidthM, petThresholdS, intersectionRadiusM, petCellM, petMinAngleDeg,
                petMaxAngleDeg, episodeEndHoldS, vehicleTimeoutMs);
    }

    /** These settings with right turns on a circular red allowed or not. */
    public SafetyConfig withRightTurnOnRed(boolean allowed) {
        return new SafetyConfig(enabled, hardBrakingMps2, hardBrakingHysteresisMps2, minAccelIntervalS,
                stoppedSpeedMps, defaultSpeedLimitMps, speedingTolerance, speedingMinDurationS,
                stopThenProceedMaxSpeedMps, allowed, ttcThresholdS, conflictRadiusM, conflictMinSpeedMps,
                conflictMinFasterSpeedMps, defaultLengthM, defaultWidthM, petThresholdS, intersectionRadiusM,
                petCellM, petMinAngleDeg, petMaxAngleDeg, episodeEndHoldS, vehicleTimeoutMs);
    }

    /** The speed above which a vehicle is speeding against {@code limitMps}. */
    public double speedingThresholdMps(double limitMps) {
        return limitMps * (1.0 + speedingTolerance);
    }

    /** Validates every key; the message names it. */
    public SafetyConfig conclude() {
        String p = "analytics.safety.";
        require(hardBrakingMps2 >= -10 && hardBrakingMps2 <= -1, p + "hardBrakingMps2", "[-10, -1]",
                hardBrakingMps2);
        require(hardBrakingHysteresisMps2 >= 0 && hardBrakingMps2 + hardBrakingHysteresisMps2 < 0,
                p + "hardBrakingHysteresisMps2", "≥ 0 and below -hardBrakingMps2", hardBrakingHysteresisMps2);
        require(minAccelIntervalS >= 0.01 && minAccelIntervalS <= 1, p + "minAccelIntervalS", "[0.01, 1]",
                minAccelIntervalS);
        require(stoppedSpeedMps >= 0 && stoppedSpeedMps <= 3, p + "stoppedSpeedMps", "[0, 3]", stoppedSpeedMps);
        require(defaultSpeedLimitMps >= 1 && defaultSpeedLimitMps <= 50, p + "defaultSpeedLimitMps", "[1, 50]",
                defaultSpeedLimitMps);
        require(speedingTolerance >= 0 && speedingTolerance <= 1, p + "speedingTolerance", "[0, 1]",
                speedingTolerance);
        require(speedingMinDurationS >= 0 && speedingMinDurationS <= 60, p + "speedingMinDurationS", "[0, 60]",
                speedingMinDurationS);
        require(stopThenProceedMaxSpeedMps >= 0 && stopThenProceedMaxSpeedMps <= 10,
                p + "stopThenProceedMaxSpeedMps", "[0, 10]", stopThenProceedMaxSpeedMps);
        require(ttcThresholdS > 0 && ttcThresholdS <= 10, p + "ttcThresholdS", "(0, 10]", ttcThresholdS);
        require(conflictRadiusM >= 5 && conflictRadiusM <= 500, p + "conflictRadiusM", "[5, 500]", conflictRadiusM);
        require(conflictMinSpeedMps >= 0 && conflictMinSpeedMps <= 10, p + "conflictMinSpeedMps", "[0, 10]",
                conflictMinSpeedMps);
        require(conflictMinFasterSpeedMps >= conflictMinSpeedMps && conflictMinFasterSpeedMps <= 20,
                p + "conflictMinFasterSpeedMps", "[conflictMinSpeedMps, 20]", conflictMinFasterSpeedMps);
        require(defaultLengthM > 0 && defaultLengthM <= 30, p + "defaultLengthM", "(0, 30]", defaultLengthM);
        require(defaultWidthM > 0 && defaultWidthM <= 5, p + "defaultWidthM", "(0, 5]", defaultWidthM);
        require(petThresholdS > 0 && petThresholdS <= 10, p + "petThresholdS", "(0, 10]", petThresholdS);
        require(intersectionRadiusM >= 5 && intersectionRadiusM <= 200, p + "intersectionRadiusM", "[5, 200]",
                intersectionRadiusM);
        require(petCellM >= 0.5 && petCellM <= 10 && intersectionRadiusM / petCellM <= 100, p + "petCellM",
                "[0.5, 10] and at least intersectionRadiusM / 100", petCellM);
        require(petMinAngleDeg >= 0 && petMinAngleDeg <= 90, p + "petMinAngleDeg", "[0, 90]", petMinAngleDeg);
        require(petMaxAngleDeg >= 90 && petMaxAngleDeg <= 180, p + "petMaxAngleDeg", "[90, 180]", petMaxAngleDeg);
        require(episodeEndHoldS >= 0 && episodeEndHoldS <= 60, p + "episodeEndHoldS", "[0, 60]", episodeEndHoldS);
        require(vehicleTimeoutMs >= 100 && vehicleTimeoutMs <= 600_000, p + "vehicleTimeoutMs", "[100, 600000]",
                vehicleTimeoutMs);
        return this;
    }
}
