package io.cheluyun.edge.misbehaviour;

import static io.cheluyun.model.ConfigChecks.require;

/**
 * The {@code edge.misbehaviour} section: thresholds of the plausibility and misbehaviour checks. Every key has a
 * default ({@link #defaults()}); {@link #conclude()} checks them all at start-up and names the bad key
 * ({@code edge.misbehaviour.<key>}). docs/security.md ("Misbehaviour detection") explains each check and shows what
 * the defaults detect on the VeReMi-style traces.
 *
 * <p>The defaults are physical limits widened by measurement error, not values tuned on the evaluation traces: a
 * check fires only when no real vehicle with a working consumer GNSS receiver could have sent the message.
 *
 * @param enabled               run the checks at all; off, every message is {@code OK} (still counted)
 * @param maxSpeedMps           speed plausibility: 70 m/s = 252 km/h. Above every posted limit in China (120 km/h,
 *                              Road Traffic Safety Law implementing regulations art. 78) and the fastest posted
 *                              limits anywhere (≈ 160 km/h), with room for unrestricted autobahns; J2735 / CSAE 53
 *                              can encode up to 163.82 m/s, VeReMi/F2MD use 40 m/s for urban SUMO traffic
 * @param maxAccelMps2          longitudinal acceleration and deceleration limit, 12 m/s². Emergency braking on dry
 *                              asphalt reaches 9–10 m/s² (tyre friction µ ≈ 1.0 → µg ≈ 9.8 m/s²), strong
 *                              production cars accelerate below 10 m/s²; the margin covers µ slightly above 1. Used
 *                              for a reported acceleration and for the speed change between two messages (ETSI TS
 *                              103 759 observations "speed change too large", "longitudinal acceleration too large")
 * @param speedToleranceMps     measurement error allowed on a reported speed: GNSS Doppler speed is good to
 *                              ≈ 0.1 m/s, wheel-speed based values to a few per cent; 1 m/s covers both
 * @param positionToleranceM    GNSS error allowed between two positions of one vehicle, 5 m: the difference of two
 *                              fixes each within the ≈ 2.5 m (95 %) of a consumer receiver in open sky, so a
 *                              glitch of a few metres passes. A multipath outlier beyond it is flagged (correctly:
 *                              that position is wrong), and it takes several to quarantine a sender
 * @param consistencyWindowS    baseline of the position–speed and position–heading consistency checks, 2 s. At
 *                              10 Hz one message moves a car 1–2 m, well inside GNSS error; over 2 s a speed lie of
 *                              a few m/s adds up to metres, while the slowly varying GNSS error changes little
 * @param consistencyMaxGapS    dead reckoning across a gap longer than this (1 s; ten lost 10 Hz messages) is
 *                              unreliable (a vehicle can turn a corner): the consistency window restarts
 * @param consistencyToleranceM allowed difference between the distance travelled (GNSS) and the distance the
 *                              reported speeds dead-reckon over the window, plus {@code speedToleranceMps} ×
 *                              window: 5 m, so an accepted GNSS glitch at either end cannot fail it alone
 * @param headingToleranceDeg   allowed angle between the movement over the window and the dead-reckoned direction
 *                              (reported headings), 30°. F2MD's position–heading check allows 90° over one 1 Hz
 *                              beacon; dead reckoning through the turn lets ours be tighter
 * @param headingMinSpeedMps    the heading is checked only at or above this speed (2 m/s): receivers freeze or
 *                              jitter course-over-ground when nearly stopped, and reversing manoeuvres are slow
 * @param headingMinDistanceM   ...and only when both the movement and the dead-reckoned path are at least this long
 *                              (5 m), so GNSS error (≈ 1 m over the window) turns the direction by at most ≈ 11°
 * @param maxFutureS            a message generated more than this after its receive time is refused (1 s). OBUs
 *                              take time from GNSS (µs) and the edge from NTP (ms): anything beyond is a wrong
 *                              clock or a forgery (TS 103 759 "time in the future")
 * @param maxAgeS               a message older than this at receipt is stale (5 s): no safety application can use a
 *                              vehicle state that old (T/CSAE 53-2017 applications assume ≤ 100 ms latency), and
 *                              replays of recorded traffic are cut off here
 * @param replayWindowS         a vehicle's messages may arrive out of order by at most this much (1 s). Within it,
 *                              identical octets are a replay (again from the same OBU) or a duplicate (through an
 *                              RSU); a message older than the vehicle's newest accepted one by more than this is
 *                              stale
 * @param ratePerS              sustained messages per second per sender (token bucket): 20, twice the 10 Hz BSM
 *                              rate of T/CSAE 53-2017 and SAE J2945/1 (which only lowers it under congestion)
 * @param rateBurst             bucket size, 40: two seconds of backlog flushed at once after a network stall pass
 * @param maxRelayDistanceM     a relayed vehicle farther than this from its RSU is refused: 1000 m, beyond the
 *                              line-of-sight range of LTE-V2X PC5 (3GPP Rel-14 sidelink, typically 300–800 m)
 * @param ghostDistanceM        two vehicles whose centres come closer than this (1 m) at the same instant overlap:
 *                              real vehicles are at least a car width (≈ 1.6 m) apart centre to centre even side
 *                              by side. Two-wheelers are exempt (they ride staggered and filter between cars)
 * @param ghostPersistence      ...for this many consecutive messages (10, a second at 10 Hz) before it counts:
 *                              independent GNSS errors of two adjacent vehicles can make a few positions overlap; a
 *                              ghost sitting on a real vehicle does so message after message
 * @param ghostAgeMarginS       ...and only the track first seen at least this much later (3 s) than the one it sits on
 *                              is blamed: a ghost appears where a real vehicle is already tracked. Tracks of about
 *                              the same age are both left alone, since no kinematic evidence tells the real one
 * @param ghostMaxTimeGapS      the other vehicle's state is compared only if it is at most this much older or
 *                              newer (0.25 s), extrapolated along its speed and heading to the same instant
 * @param ghostGridSlots        buckets of the spatial hash of recent positions used by the overlap check (power of
 *                              two; two vehicles per bucket). Lossy by design: a collision can only hide an
 *                              overlap, never invent one
 * @param pseudonymChangeMinS   a direct channel (an OBU) may take a new vehicle id at most once per this (10 s):
 *                              pseudonym changes (SAE J2945/1 temporary id, ETSI TR 103 415) happen every few
 *                              minutes, never several times a second. Alternating between ids, or returning to a
 *                              recent one, is a Sybil pattern; and an id a direct channel used within this time is
 *                              that channel's: another direct channel claiming it is an impersonation
 * @param quarantineS           a quarantined sender's messages are refused for this long (60 s)
 * @param quarantineViolations  this many violations...
 * @param violationWindowS      ...within this window (5 in 10 s) quarantine a sender. One implausible message never
 *                              does: GNSS glitches happen. Direct channels are quarantined as a whole; for relayed
 *                              traffic the vehicle id is (an RSU carries many honest vehicles)
 * @param maxTrackedSenders     channels whose state is kept (least recently seen evicted, counted)
 * @param maxTrackedVehicles    vehicle tracks kept (≈ 1 KB each; least recently seen evicted, counted)
 * @param maxQuarantined        quarantine entries kept at once; beyond it new quarantines are refused and counted
 */
public record MisbehaviourConfig(boolean enabled, double maxSpeedMps, double maxAccelMps2, double speedToleranceMps,
                                 double positionToleranceM, double consistencyWindowS, double consistencyMaxGapS,
                                 double consistencyToleranceM, double headingToleranceDeg, double headingMinSpeedMps,
                                 double headingMinDistanceM, double maxFutureS, double maxAgeS, double replayWindowS,
                                 double ratePerS, int rateBurst, double maxRelayDistanceM, double ghostDistanceM,
                                 int ghostPersistence, double ghostAgeMarginS, double ghostMaxTimeGapS,
                                 int ghostGridSlots,
                                 double pseudonymChangeMinS, double quarantineS, int quarantineViolations,
                                 double violationWindowS, int maxTrackedSenders, int maxTrackedVehicles,
                                 int maxQuarantined) {

    private static final String KEY = "edge.misbehaviour.";

    public static MisbehaviourConfig defaults() {
        return new MisbehaviourConfig(true, 70.0, 12.0, 1.0, 5.0, 2.0, 1.0, 5.0, 30.0, 2.0, 5.0, 1.0, 5.0, 1.0, 20.0,
                40, 1_000.0, 1.0, 10, 3.0, 0.25, 1 << 18, 10.0, 60.0, 5, 10.0, 100_000, 100_000, 10_000);
    }

    public MisbehaviourConfig withEnabled(boolean on) {
        return new MisbehaviourConfig(on, maxSpeedMps, maxAccelMps2, speedToleranceMps, positionToleranceM,
                consistencyWindowS, consistencyMaxGapS, consistencyToleranceM, headingToleranceDeg,
                headingMinSpeedMps, headingMinDistanceM, maxFutureS, maxAgeS, replayWindowS, ratePerS, rateBurst,
                maxRelayDistanceM, ghostDistanceM, ghostPersistence, ghostAgeMarginS, ghostMaxTimeGapS,
                ghostGridSlots, pseudonymChangeMinS, quarantineS, quarantineViolations, violationWindowS,
                maxTrackedSenders, maxTrackedVehicles, maxQuarantined);
    }

    /** The same thresholds with other limits on tracked state. */
    public MisbehaviourConfig withCapacity(int senders, int vehicles, int quarantined) {
        return new MisbehaviourConfig(enabled, maxSpeedMps, maxAccelMps2, speedToleranceMps, positionToleranceM,
                consistencyWindowS, consistencyMaxGapS, consistencyToleranceM, headingToleranceDeg,
                headingMinSpeedMps, headingMinDistanceM, maxFutureS, maxAgeS, replayWindowS, ratePerS, rateBurst,
                maxRelayDistanceM, ghostDistanceM, ghostPersistence, ghostAgeMarginS, ghostMaxTimeGapS,
                ghostGridSlots, pseudonymChangeMinS, quarantineS, quarantineViolations, violationWindowS, senders,
                vehicles, quarantined);
    }

    /** The same thresholds with another quarantine rule. */
    public MisbehaviourConfig withQuarantine(int violations, double windowS, double durationS) {
        return new MisbehaviourConfig(enabled, maxSpeedMps, maxAccelMps2, speedToleranceMps, positionToleranceM,
                consistencyWindowS, consistencyMaxGapS, consistencyToleranceM, headingToleranceDeg,
                headingMinSpeedMps, headingMinDistanceM, maxFutureS, maxAgeS, replayWindowS, ratePerS, rateBurst,
                maxRelayDistanceM, ghostDistanceM, ghostPersistence, ghostAgeMarginS, ghostMaxTimeGapS,
                ghostGridSlots, pseudonymChangeMinS, durationS, violations, windowS, maxTrackedSenders,
                maxTrackedVehicles, maxQuarantined);
    }

    /** The same thresholds with another per-sender rate limit. */
    public MisbehaviourConfig withRate(double perS, int burst) {
        return new MisbehaviourConfig(enabled, maxSpeedMps, maxAccelMps2, speedToleranceMps, positionToleranceM,
                consistencyWindowS, consistencyMaxGapS, consistencyToleranceM, headingToleranceDeg,
                headingMinSpeedMps, headingMinDistanceM, maxFutureS, maxAgeS, replayWindowS, perS, burst,
                maxRelayDistanceM, ghostDistanceM, ghostPersistence, ghostAgeMarginS, ghostMaxTimeGapS,
                ghostGridSlots, pseudonymChangeMinS, quarantineS, quarantineViolations, violationWindowS,
                maxTrackedSenders, maxTrackedVehicles, maxQuarantined);
    }

    /** Validates every key; the message names it. */
    public MisbehaviourConfig conclude() {
        require(maxSpeedMps >= 10 && maxSpeedMps <= 163.82, KEY + "maxSpeedMps", "[10, 163.82]", maxSpeedMps);
        require(maxAccelMps2 >= 3 && maxAccelMps2 <= 20, KEY + "maxAccelMps2", "[3, 20]", maxAccelMps2);
        require(speedToleranceMps >= 0 && speedToleranceMps <= 10, KEY + "speedToleranceMps", "[0, 10]",
                speedToleranceMps);
        require(positionToleranceM >= 0.5 && positionToleranceM <= 100, KEY + "positionToleranceM", "[0.5, 100]",
                positionToleranceM);
        require(consistencyWindowS >= 0.5 && consistencyWindowS <= 10, KEY + "consistencyWindowS", "[0.5, 10]",
                consistencyWindowS);
        require(consistencyMaxGapS >= 0.1 && consistencyMaxGapS <= consistencyWindowS, KEY + "consistencyMaxGapS",
                "[0.1, " + KEY + "consistencyWindowS]", consistencyMaxGapS);
        require(consistencyToleranceM >= 0.5 && consistencyToleranceM <= 100, KEY + "consistencyToleranceM",
                "[0.5, 100]", consistencyToleranceM);
        require(headingToleranceDeg >= 5 && headingToleranceDeg <= 180, KEY + "headingToleranceDeg", "[5, 180]",
                headingToleranceDeg);
        require(headingMinSpeedMps >= 0 && headingMinSpeedMps <= 30, KEY + "headingMinSpeedMps", "[0, 30]",
                headingMinSpeedMps);
        require(headingMinDistanceM >= 1 && headingMinDistanceM <= 100, KEY + "headingMinDistanceM", "[1, 100]",
                headingMinDistanceM);
        require(maxFutureS >= 0 && maxFutureS <= 60, KEY + "maxFutureS", "[0, 60]", maxFutureS);
        require(maxAgeS >= 0.1 && maxAgeS <= 600, KEY + "maxAgeS", "[0.1, 600]", maxAgeS);
        require(replayWindowS >= 0.1 && replayWindowS <= 10, KEY + "replayWindowS", "[0.1, 10]", replayWindowS);
        require(ratePerS >= 1 && ratePerS <= 1_000, KEY + "ratePerS", "[1, 1000]", ratePerS);
        require(rateBurst >= 1 && rateBurst <= 10_000, KEY + "rateBurst", "1..10000", rateBurst);
        require(maxRelayDistanceM >= 10 && maxRelayDistanceM <= 10_000, KEY + "maxRelayDistanceM", "[10, 10000]",
                maxRelayDistanceM);
        require(ghostDistanceM >= 0 && ghostDistanceM <= 5, KEY + "ghostDistanceM", "[0, 5] (0: check off)",
                ghostDistanceM);
        require(ghostPersistence >= 1 && ghostPersistence <= 1_000, KEY + "ghostPersistence", "1..1000",
                ghostPersistence);
        require(ghostAgeMarginS >= 0 && ghostAgeMarginS <= 3_600, KEY + "ghostAgeMarginS", "[0, 3600]",
                ghostAgeMarginS);
        require(ghostMaxTimeGapS >= 0 && ghostMaxTimeGapS <= 1, KEY + "ghostMaxTimeGapS", "[0, 1]",
                ghostMaxTimeGapS);
        require(ghostGridSlots >= 1_024 && ghostGridSlots <= 1 << 26 && Integer.bitCount(ghostGridSlots) == 1,
                KEY + "ghostGridSlots", "a power of two in [1024, 2^26]", ghostGridSlots);
        require(pseudonymChangeMinS >= 0 && pseudonymChangeMinS <= 3_600, KEY + "pseudonymChangeMinS", "[0, 3600]",
                pseudonymChangeMinS);
        require(quarantineS >= 1 && quarantineS <= 86_400, KEY + "quarantineS", "[1, 86400]", quarantineS);
        require(quarantineViolations >= 1 && quarantineViolations <= 64, KEY + "quarantineViolations", "1..64",
                quarantineViolations);
        require(violationWindowS >= 0.1 && violationWindowS <= 3_600, KEY + "violationWindowS", "[0.1, 3600]",
                violationWindowS);
        require(maxTrackedSenders >= 16, KEY + "maxTrackedSenders", "≥ 16", maxTrackedSenders);
        require(maxTrackedVehicles >= 16, KEY + "maxTrackedVehicles", "≥ 16", maxTrackedVehicles);
        require(maxQuarantined >= 16, KEY + "maxQuarantined", "≥ 16", maxQuarantined);
        return this;
    }
}
