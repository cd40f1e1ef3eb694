package io.cheluyun.apps.glosa;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Green Light Optimal Speed Advisory (GLOSA), a Day-1 application of T/CSAE 53-2017. The standard
 * describes the use case (a host vehicle approaching a signalised intersection is advised the speed range at which
 * it passes on green, from the intersection's MAP and SPAT) and its basic performance requirements (host speed
 * 0–70 km/h, range ≥ 150 m, 10 Hz, ≤ 100 ms latency); the advice itself is left to the implementer. The tests
 * follow the shape of the V2X application test scenarios (T/CSAE 246-2022; DB50/T 1572-2024 Annex M for GLOSA):
 * red then green ahead, green ahead, leaving the intersection.
 *
 * @param enabled               run the application
 * @param rangeM                advise vehicles whose front is at most this far before the stop line: 200 m, above
 *                              the T/CSAE 53 minimum range of 150 m so that the advice can be followed by easing off
 *                              rather than braking, and no more than the twin's 200 m halo: every shard that owns
 *                              the vehicle during its advised approach has then seen all of it, so the advice
 *                              history (and what is re-advised) does not depend on where tile edges fall
 * @param speedLimitMps         top of every advised window: 60 km/h, the top design speed of an urban arterial
 *                              (CJJ 37-2012, 主干路 40–60 km/h); set it to the posted limit of the deployment
 * @param minAdvisedSpeedMps    bottom of every advised window: 15 km/h. Slower is not advised: it holds up the
 *                              traffic behind and drivers do not follow it; the vehicle then simply stops at the
 *                              red (Cheluyun default)
 * @param minMovingSpeedMps     a vehicle slower than 1 m/s is standing in a queue: no new advice (Cheluyun default)
 * @param greenStartMarginS     aim to pass the line this long after green starts (1 s): the SPAT's likely time is a
 *                              prediction, and the first vehicle needs the light to have changed when it arrives
 * @param greenEndMarginS       ...and this long before green ends (1 s), for the same timing uncertainty
 * @param changeThresholdMps    after the first advice of an approach, advise again only when the window narrowed
 *                              by more than this at either bound (1 m/s, 3.6 km/h: what a driver can tell on the
 *                              speedometer)
 * @param windowShiftS          ...or when the target green starts more than this (1 s) earlier or later than the
 *                              one advised (another green, or a retimed one)
 * @param clearHoldMs           an approach (vehicle, intersection, signal group) stays known while the vehicle is on
 *                              it and is forgotten this long (1 s) after it left, so the next approach gets advice
 * @param defaultLengthM        vehicle length assumed when a message carries none (a typical passenger car); the
 *                              stop line is reached by the front bumper, half a length ahead of the reported centre
 * @param maxValidityMs         an advice is valid until its green window closes, at most this long (30 s)
 */
public record GlosaConfig(boolean enabled, double rangeM, double speedLimitMps, double minAdvisedSpeedMps,
                          double minMovingSpeedMps, double greenStartMarginS, double greenEndMarginS,
                          double changeThresholdMps, double windowShiftS, long clearHoldMs, double defaultLengthM,
                          long maxValidityMs) {

    public static GlosaConfig defaults() {
        return new GlosaConfig(true, 200.0, 60.0 / 3.6, 15.0 / 3.6, 1.0, 1.0, 1.0, 1.0, 1.0, 1_000, 4.5, 30_000);
    }

    public GlosaConfig withSpeedLimitMps(double limitMps) {
        return new GlosaConfig(enabled, rangeM, limitMps, minAdvisedSpeedMps, minMovingSpeedMps, greenStartMarginS,
                greenEndMarginS, changeThresholdMps, windowShiftS, clearHoldMs, defaultLengthM, maxValidityMs);
    }

    /** Validates every key; the message names it. */
    public GlosaConfig conclude() {
        require(rangeM >= 10 && rangeM <= 1000, "apps.glosa.rangeM", "[10, 1000]", rangeM);
        require(speedLimitMps > 0 && speedLimitMps <= 50, "apps.glosa.speedLimitMps", "(0, 50]", speedLimitMps);
        require(minAdvisedSpeedMps > 0 && minAdvisedSpeedMps < speedLimitMps, "apps.glosa.minAdvisedSpeedMps",
                "(0, apps.glosa.speedLimitMps)", minAdvisedSpeedMps);
        require(minMovingSpeedMps >= 0 && minMovingSpeedMps <= minAdvisedSpeedMps, "apps.glosa.minMovingSpeedMps",
                "[0, apps.glosa.minAdvisedSpeedMps]", minMovingSpeedMps);
        require(greenStartMarginS >= 0 && greenStartMarginS <= 10, "apps.glosa.greenStartMarginS", "[0, 10]",
                greenStartMarginS);
        require(greenEndMarginS >= 0 && greenEndMarginS <= 10, "apps.glosa.greenEndMarginS", "[0, 10]",
                greenEndMarginS);
        require(changeThresholdMps > 0 && changeThresholdMps <= 10, "apps.glosa.changeThresholdMps", "(0, 10]",
                changeThresholdMps);
        require(windowShiftS > 0 && windowShiftS <= 30, "apps.glosa.windowShiftS", "(0, 30]", windowShiftS);
        require(clearHoldMs >= 0, "apps.glosa.clearHoldMs", "≥ 0", clearHoldMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.glosa.defaultLengthM", "(0, 30]", defaultLengthM);
        require(maxValidityMs >= 100, "apps.glosa.maxValidityMs", "≥ 100", maxValidityMs);
        return this;
    }
}
