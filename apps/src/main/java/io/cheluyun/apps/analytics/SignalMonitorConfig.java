package io.cheluyun.apps.analytics;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of the signal / operations monitor ({@link SignalMonitor}) and of the KPI observations it makes. All
 * times are message time. Where a value is Cheluyun's own, the parameter says why.
 *
 * @param issueIntervalMs         the same finding (kind, intersection, signal group) is reported at most once per
 *                                10 s; repeats in between are counted and the count goes out with the next report
 *                                (Cheluyun default: a conflicting green seen in every 10 Hz SPaT is one row per
 *                                10 s, not a hundred)
 * @param spatWindowMs            SPaT rate is measured over a sliding 5 s window of SPaT message times
 * @param minSpatRateHz           below 8 SPaT messages per second an intersection is reported: RSUs broadcast SPaT
 *                                at 10 Hz (J2735 deployments; T/CSAE 53-2017 specifies its signal applications —
 *                                RLVW, GLOSA — at 10 Hz), and 8 Hz tolerates 20 % loss on the air before an operator
 *                                is bothered (Cheluyun default)
 * @param timeToleranceMs         1 s: a SPaT end time earlier than the message time, or a minimum end after the
 *                                maximum end, by more than this is inconsistent; the same tolerance lets a SPaT feed
 *                                lag the shard's message time before its rate counts as falling
 * @param missingGroupWindowMs    a signal group that the MAP's connections use and that no SPaT of the intersection
 *                                has reported for 5 s (the rate window) is reported as missing
 * @param intersectionTimeoutMs   an intersection silent for 60 s is reported (as a SPaT rate of 0) until then and
 *                                forgotten after: it stops counting as a controller (Cheluyun default; its MAP, if
 *                                any, is kept for the vehicle-side checks)
 * @param maxTransitionGapMs      transitions and timing are judged only between messages of a signal group at most
 *                                2 s apart: shorter than the shortest yellow (3 s; MUTCD 2009 §4D.26 3–6 s, GB
 *                                14886-2016 3 s), so a lost burst of messages cannot hide a yellow that was shown
 * @param timingJumpToleranceMs   an unchanged phase whose likely end moved (either way), or whose minimum end moved
 *                                earlier, by more than 2 s between two consecutive messages is a timing jump (the
 *                                issue's tolerance, after the time-change events of USDOT's conflict monitor). A
 *                                countdown keeps its absolute end times; an actuated extension moves the likely end
 *                                later by the time since the previous detection, a fraction of a second per message
 *                                at 10 Hz, and may move the minimum end later, never earlier
 * @param stopSpeedMps            a vehicle slower than 0.5 m/s is stopped (GNSS speed of a standing receiver is
 *                                noise of 0.1–0.3 m/s; the issue's threshold)
 * @param movingSpeedMps          a new stop counts only after the vehicle drove at least 2 m/s since its last one, so
 *                                a creeping queue is not a series of stops (the issue's threshold)
 * @param stopOnGreenDistanceM    stop on green: the vehicle's reference point at most 10 m before the stop line,
 *                                i.e. first (or, at 7.6 m spacing, second) in the queue
 * @param stopOnGreenMinMs        ...standing there on green with the lane ahead free for 3 s: more than the HCM
 *                                start-up lost time (2 s, HCM 6th ed. ch. 19) of a driver who just saw the green
 * @param queueAheadM             ...where "free" means no stopped vehicle ahead on the same lane within 8 m centre
 *                                to centre (HCM's 25 ft = 7.6 m average spacing of queued vehicles)
 * @param wrongWayHeadingDeg      lane direction: heading more than 135° from the lane's direction of travel (the
 *                                issue's threshold)...
 * @param wrongWayMinSpeedMps     ...while moving faster than 2 m/s (below it the reported heading is unreliable)...
 * @param wrongWayMinMs           ...for at least 1 s: one noisy message is not a wrong-way driver
 * @param approachRangeM          KPI range: stops, queues and presence count within 150 m of the stop line or the
 *                                intersection's reference point (the T/CSAE 53-2017 range of the signal applications)
 * @param kpiPeriodMs             queue and presence observations go out at most once per 1 s of message time,
 *                                stamped with the start of the (epoch-aligned) period, so every shard's observations
 *                                of the same period carry the same time
 * @param vehicleTimeoutMs        per-vehicle state is dropped 5 s after the vehicle's last message (the twin drops
 *                                its track after 3 s by default)
 */
public record SignalMonitorConfig(long issueIntervalMs, long spatWindowMs, double minSpatRateHz, long timeToleranceMs,
                                  long missingGroupWindowMs, long intersectionTimeoutMs, long maxTransitionGapMs,
                                  long timingJumpToleranceMs, double stopSpeedMps, double movingSpeedMps,
                                  double stopOnGreenDistanceM, long stopOnGreenMinMs, double queueAheadM,
                                  double wrongWayHeadingDeg, double wrongWayMinSpeedMps, long wrongWayMinMs,
                                  double approachRangeM, long kpiPeriodMs, long vehicleTimeoutMs) {

    public static SignalMonitorConfig defaults() {
        return new SignalMonitorConfig(10_000, 5_000, 8.0, 1_000, 5_000, 60_000, 2_000, 2_000, 0.5, 2.0, 10.0, 3_000,
                8.0, 135.0, 2.0, 1_000, 150.0, 1_000, 5_000);
    }

    public SignalMonitorConfig withIssueIntervalMs(long newIntervalMs) {
        return new SignalMonitorConfig(newIntervalMs, spatWindowMs, minSpatRateHz, timeToleranceMs,
                missingGroupWindowMs, intersectionTimeoutMs, maxTransitionGapMs, timingJumpToleranceMs, stopSpeedMps,
                movingSpeedMps, stopOnGreenDistanceM, stopOnGreenMinMs, queueAheadM, wrongWayHeadingDeg,
                wrongWayMinSpeedMps, wrongWayMinMs, approachRangeM, kpiPeriodMs, vehicleTimeoutMs);
    }

    /** Validates every key; the message names it. */
    public SignalMonitorConfig conclude() {
        require(issueIntervalMs >= 0, "analytics.signals.issueIntervalMs", "≥ 0", issueIntervalMs);
        require(spatWindowMs >= 1_000 && spatWindowMs <= 60_000, "analytics.signals.spatWindowMs", "[1000, 60000]",
                spatWindowMs);
        require(minSpatRateHz >= 0 && minSpatRateHz <= 50, "analytics.signals.minSpatRateHz", "[0, 50]",
                minSpatRateHz);
        require(timeToleranceMs >= 0 && timeToleranceMs <= 10_000, "analytics.signals.timeToleranceMs",
                "[0, 10000]", timeToleranceMs);
        require(missingGroupWindowMs >= 1_000, "analytics.signals.missingGroupWindowMs", "≥ 1000",
                missingGroupWindowMs);
        require(intersectionTimeoutMs > spatWindowMs, "analytics.signals.intersectionTimeoutMs",
                "> analytics.signals.spatWindowMs", intersectionTimeoutMs);
        require(maxTransitionGapMs >= 100, "analytics.signals.maxTransitionGapMs", "≥ 100", maxTransitionGapMs);
        require(timingJumpToleranceMs >= 0, "analytics.signals.timingJumpToleranceMs", "≥ 0",
                timingJumpToleranceMs);
        require(stopSpeedMps > 0 && stopSpeedMps <= 5, "analytics.signals.stopSpeedMps", "(0, 5]", stopSpeedMps);
        require(movingSpeedMps >= stopSpeedMps && movingSpeedMps <= 20, "analytics.signals.movingSpeedMps",
                "[analytics.signals.stopSpeedMps, 20]", movingSpeedMps);
        require(stopOnGreenDistanceM > 0 && stopOnGreenDistanceM <= 100, "analytics.signals.stopOnGreenDistanceM",
                "(0, 100]", stopOnGreenDistanceM);
        require(stopOnGreenMinMs >= 0, "analytics.signals.stopOnGreenMinMs", "≥ 0", stopOnGreenMinMs);
        require(queueAheadM > 0 && queueAheadM <= 50, "analytics.signals.queueAheadM", "(0, 50]", queueAheadM);
        require(wrongWayHeadingDeg >= 90 && wrongWayHeadingDeg < 180, "analytics.signals.wrongWayHeadingDeg",
                "[90, 180)", wrongWayHeadingDeg);
        require(wrongWayMinSpeedMps >= 0 && wrongWayMinSpeedMps <= 20, "analytics.signals.wrongWayMinSpeedMps",
                "[0, 20]", wrongWayMinSpeedMps);
        require(wrongWayMinMs >= 0, "analytics.signals.wrongWayMinMs", "≥ 0", wrongWayMinMs);
        require(approachRangeM >= 10 && approachRangeM <= 1_000, "analytics.signals.approachRangeM", "[10, 1000]",
                approachRangeM);
        require(kpiPeriodMs >= 100 && kpiPeriodMs <= 60_000, "analytics.signals.kpiPeriodMs", "[100, 60000]",
                kpiPeriodMs);
        require(vehicleTimeoutMs >= 1_000, "analytics.signals.vehicleTimeoutMs", "≥ 1000", vehicleTimeoutMs);
        return this;
    }
}
