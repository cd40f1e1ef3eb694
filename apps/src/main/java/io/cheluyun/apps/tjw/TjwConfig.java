package io.cheluyun.apps.tjw;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * Thresholds of Traffic Jam Warning (TJW), a Day-1 application of T/CSAE 53-2017. The standard describes the use case
 * (warn a vehicle approaching the tail of a queue of slow or stopped vehicles ahead on its road) and leaves the
 * definition of a queue to the implementer; here a queue is derived from the twin's vehicle speeds alone.
 *
 * @param enabled              run the application
 * @param queueSpeedMps        a vehicle belongs to a queue when slower than this: 3 m/s (≈ 11 km/h, Cheluyun brief:
 *                             stop-and-go creep; the same boundary as FCW's 10 km/h minimum speed, below which
 *                             queues are TJW's concern and not FCW's)
 * @param minQueueSize         a queue has at least this many slow vehicles: 3 (Cheluyun brief: one or two stopped
 *                             vehicles are a breakdown or an accident, Abnormal Vehicle Warning's case)
 * @param chainGapM            slow vehicles chain into one queue when their bumper gap is within this: 25 m (stopped
 *                             cars keep 2–5 m, a creeping queue 10–20 m; 25 m also bridges one unequipped car)
 * @param maxHeadingDiffDeg    queue members chain only when their headings are within this of the first member's,
 *                             and a host is approaching the queue only when its heading is within this of the
 *                             queue's: 30° (as FCW; keeps the opposite carriageway apart)
 * @param minHostSpeedMps      only a host faster than this is warned: 8 m/s (≈ 29 km/h, Cheluyun brief: slower
 *                             hosts are already in the congested flow and can stop within a few metres)
 * @param minLookAheadM        the queue tail counts when within the look-ahead ahead of the host: the larger of
 *                             this (200 m)...
 * @param lookAheadTimeS       ...and the host speed times this (10 s: at 130 km/h, 361 m, more than the 307 m to
 *                             stop from that speed with a 2.5 s reaction time and 3 m/s² comfortable braking)...
 * @param maxLookAheadM        ...capped at this (500 m; queues farther ahead are not yet actionable). Note that
 *                             a shard sees vehicles beyond its own tiles only within pipeline.haloM (default 200 m):
 *                             a queue far across a tile edge is found once it is that close to the edge
 * @param maxLateralOffsetM    the queue's tail is on the host's carriageway when its centre is within this of the
 *                             host's path: 7 m (two 3.5 m lanes either side; the opposite carriageway is excluded
 *                             by heading anyway)
 * @param sustainMarginM       hysteresis: a warned host stays active while a queue is ahead within the look-ahead
 *                             plus this (50 m), whatever its speed (a host braking for the queue must not re-arm)
 * @param clearHoldMs          ...and re-arms only after no queue has been ahead for this long: 5 s (queues flicker
 *                             as members creep over the speed threshold; a second warning about the same jam within
 *                             5 s would be noise)
 * @param rebuildIntervalMs    queue clusters are rebuilt from the slow vehicles at most this often: 1 s of message
 *                             time (a queue changes slowly: its members move less than 3 m in that time)
 * @param maxStateAgeMs        a slow vehicle not heard from for this long relative to the shard's time is left out
 *                             of the queues: 1 s (ten missed 10 Hz messages)
 * @param defaultLengthM       vehicle length assumed when a message carries none (a typical passenger car)
 * @param validityMs           a warning expires this long after it is raised: 5 s (a jam ahead stays relevant
 *                             longer than a collision threat)
 */
public record TjwConfig(boolean enabled, double queueSpeedMps, int minQueueSize, double chainGapM,
                        double maxHeadingDiffDeg, double minHostSpeedMps, double minLookAheadM, double lookAheadTimeS,
                        double maxLookAheadM, double maxLateralOffsetM, double sustainMarginM, long clearHoldMs,
                        long rebuildIntervalMs, long maxStateAgeMs, double defaultLengthM, long validityMs) {

    public static TjwConfig defaults() {
        return new TjwConfig(true, 3.0, 3, 25.0, 30.0, 8.0, 200.0, 10.0, 500.0, 7.0, 50.0, 5_000, 1_000, 1_000, 4.5,
                5_000);
    }

    /** These settings with another minimum queue size (the rest unchanged). */
    public TjwConfig withMinQueueSize(int newMinQueueSize) {
        return new TjwConfig(enabled, queueSpeedMps, newMinQueueSize, chainGapM, maxHeadingDiffDeg, minHostSpeedMps,
                minLookAheadM, lookAheadTimeS, maxLookAheadM, maxLateralOffsetM, sustainMarginM, clearHoldMs,
                rebuildIntervalMs, maxStateAgeMs, defaultLengthM, validityMs);
    }

    /** Validates every key; the message names it. */
    public TjwConfig conclude() {
        require(queueSpeedMps > 0 && queueSpeedMps <= 15, "apps.tjw.queueSpeedMps", "(0, 15]", queueSpeedMps);
        require(minQueueSize >= 2 && minQueueSize <= 100, "apps.tjw.minQueueSize", "[2, 100]", minQueueSize);
        require(chainGapM > 0 && chainGapM <= 100, "apps.tjw.chainGapM", "(0, 100]", chainGapM);
        require(maxHeadingDiffDeg > 0 && maxHeadingDiffDeg < 90, "apps.tjw.maxHeadingDiffDeg", "(0, 90)",
                maxHeadingDiffDeg);
        require(minHostSpeedMps > queueSpeedMps && minHostSpeedMps <= 50, "apps.tjw.minHostSpeedMps",
                "(apps.tjw.queueSpeedMps, 50]", minHostSpeedMps);
        require(minLookAheadM > 0 && minLookAheadM <= maxLookAheadM, "apps.tjw.minLookAheadM",
                "(0, apps.tjw.maxLookAheadM]", minLookAheadM);
        require(lookAheadTimeS >= 0 && lookAheadTimeS <= 60, "apps.tjw.lookAheadTimeS", "[0, 60]", lookAheadTimeS);
        require(maxLookAheadM <= 2000, "apps.tjw.maxLookAheadM", "[apps.tjw.minLookAheadM, 2000]", maxLookAheadM);
        require(maxLateralOffsetM > 0 && maxLateralOffsetM <= 20, "apps.tjw.maxLateralOffsetM", "(0, 20]",
                maxLateralOffsetM);
        require(sustainMarginM >= 0 && sustainMarginM <= 500, "apps.tjw.sustainMarginM", "[0, 500]",
                sustainMarginM);
        require(clearHoldMs >= 0, "apps.tjw.clearHoldMs", "≥ 0", clearHoldMs);
        require(rebuildIntervalMs >= 0 && rebuildIntervalMs <= 10_000, "apps.tjw.rebuildIntervalMs", "[0, 10000]",
                rebuildIntervalMs);
        require(maxStateAgeMs >= 0, "apps.tjw.maxStateAgeMs", "≥ 0", maxStateAgeMs);
        require(defaultLengthM > 0 && defaultLengthM <= 30, "apps.tjw.defaultLengthM", "(0, 30]", defaultLengthM);
        require(validityMs >= 100, "apps.tjw.validityMs", "≥ 100", validityMs);
        return this;
    }
}
