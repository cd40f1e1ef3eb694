package io.cheluyun.apps.rlvw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Red Light Violation Warning (RLVW), a Day-1 application of T/CSAE 53-2017. The standard describes
 * the use case (a host vehicle approaching a signalised intersection that, at its current behaviour, will pass the
 * stop line on red is warned using the intersection's MAP and SPAT) and its basic performance requirements (host
 * speed 0–70 km/h, range ≥ 150 m, 10 Hz, ≤ 100 ms latency); it leaves the warning threshold to the implementer.
 * T/CSAE 246-2022 Annex K gives the test scenarios the tests follow (host at constant speed towards a red light;
 * host braking to stop; light turning green before arrival).
 *
 * <p>Kinematic values follow the ITE yellow change interval formula (ITE, <i>Guidelines for Determining Traffic
 * Signal Change and Clearance Intervals</i>, 2020): perception-reaction time 1.0 s and comfortable deceleration
 * 3.05 m/s² (10 ft/s²).
 *
 * @param enabled            run the application
 * @param lookAheadM         only vehicles whose front is at most this far before the stop line are evaluated:
 *                           150 m, the T/CSAE 53-2017 RLVW communication range requirement
 * @param minSpeedMps        no judgement below 2 m/s: a creeping vehicle in a queue can stop within centimetres
 *                           and its GNSS speed is mostly noise (Cheluyun default, as the RLVW issue asks)
 * @param horizonS           warn when the predicted arrival at the stop line is at most this far ahead: 6 s. The
 *                           ITE stopping time (1.0 s + v / (2 × 3.05 m/s²)) is 3.3 s at 50 km/h, 3.7 s at 60 km/h,
 *                           4.6 s at 80 km/h; 6 s leaves 1–2 s for delivery, display and a slower driver while
 *                           keeping the warning close enough to the line that drivers who meant to stop anyway
 *                           mostly have started to brake (Cheluyun default)
 * @param reactionTimeS      driver perception-reaction time used to grade severity: 1.0 s (ITE)
 * @param criticalDecelMps2  {@code CRITICAL} when, after the reaction time, stopping at the line needs more than
 *                           4.5 m/s² (≈ 0.46 g, the hard end of drivers' braking at amber onset; ITE's comfortable
 *                           3.05 m/s² is the easy end); otherwise {@code WARNING}
 * @param rightTurnOnRed     a right turn controlled by a circular signal (a signal group that also controls a
 *                           straight movement, or a lane that allows {@code RIGHT_TURN_ON_RED}) may proceed on red:
 *                           Regulations for the Implementation of the Road Traffic Safety Law of the PRC, Art. 38
 *                           (3). A right turn with its own signal group (an arrow) always obeys it
 * @param clearHoldMs        hysteresis: a warned approach stays active while a violation is still predicted (at
 *                           any horizon) and re-arms once none has been for this long (1 s)
 * @param defaultLengthM     vehicle length assumed when a message carries none (a typical passenger car); the
 *                           stop line is judged at the front bumper, half a length ahead of the reported centre
 * @param validityMs         a warning expires this long after it is raised (3 s)
 */
public record RlvwConfig(boolean enabled, double lookAheadM, double minSpeedMps, double horizonS,
                         double reactionTimeS, double criticalDecelMps2, boolean rightTurnOnRed, long clearHoldMs,
                         double defaultLengthM, long validityMs) {

    public static RlvwConfig defaults() {
        return new RlvwConfig(true, 150.0, 2.0, 6.0, 1.0, 4.5, true, 1_000, 4.5, 3_000);
    }

    public RlvwConfig withHorizonS(double newHorizonS) {
        return new RlvwConfig(enabled, lookAheadM, minSpeedMps, newHorizonS, reactionTimeS, criticalDecelMps2,
                rightTurnOnRed, clearHoldMs, defaultLengthM, validityMs);
    }

    public RlvwConfig withRightTurnOnRed(boolean allowed) {
        return new RlvwConfig(enabled, lookAheadM, minSpeedMps, horizonS, reactionTimeS, criticalDecelMps2,
                allowed, clearHoldMs, defaultLengthM, validityMs);
    }

    /** Validates every key; the message names it. */
    public RlvwConfig conclude() {
        require(lookAheadM >= 10 && lookAheadM <= 1000, "apps.rlvw.lookAheadM", "[10, 1000]", lookAheadM);
        require(minSpeedMps >= 0 && minSpeedMps < 20, "apps.rlvw.minSpeedMps", "[0, 20)", minSpeedMps);
        require(horizonS > 0 && horizonS <= 20, "apps.rlvw.horizonS", "(0, 20]", horizonS);
        require(reactionTimeS >= 0 && reactionTimeS <= 5, "apps.rlvw.reactionTimeS", "[0, 5]", reactionTimeS);
        require(criticalDecelMps2 > 0 && criticalDecelMps2 <= 10, "apps.rlvw.criticalDecelMps2", "(0, 10]",
                criticalDecelMps2);
        require(clearHoldMs >= 0, "apps.rlvw.clearHoldMs", "≥ 0", clearHoldMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.rlvw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(validityMs >= 100, "apps.rlvw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
