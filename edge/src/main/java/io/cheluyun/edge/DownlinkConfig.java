package io.cheluyun.edge;

/**
 * The {@code edge.downlink} section: how warnings go back out.
 *
 * @param enabled          send warnings to RSUs (RSI / TIM / DENM per the RSU's family) and OBUs at all
 * @param dedupWindowMs    the same warning (type, target, other party) again within this window is suppressed: the
 *                         apps repeat a standing hazard every message period, the radio needs it once per window
 * @param perTargetPerS    sustained messages per second to one target (vehicle or RSU); a token bucket
 * @param perTargetBurst   the bucket's size: a burst of distinct hazards still gets through
 * @param queueCapacity    downlink messages waiting for a transport; beyond it the newest is dropped and counted
 * @param warningRadiusM   radius of the area an RSI/TIM/DENM announces around the warning's location
 * @param maxTargets       targets whose rate and dedup state is kept (least recently used evicted, counted)
 */
public record DownlinkConfig(boolean enabled, long dedupWindowMs, double perTargetPerS, int perTargetBurst,
                             int queueCapacity, double warningRadiusM, int maxTargets) {

    public static DownlinkConfig defaults() {
        return new DownlinkConfig(true, 1_000, 5, 10, 8_192, 50, 100_000);
    }

    public DownlinkConfig conclude() {
        check(dedupWindowMs >= 0 && dedupWindowMs <= 60_000, "edge.downlink.dedupWindowMs must be 0..60000");
        check(perTargetPerS > 0 && perTargetPerS <= 1_000, "edge.downlink.perTargetPerS must be in (0, 1000]");
        check(perTargetBurst >= 1 && perTargetBurst <= 10_000, "edge.downlink.perTargetBurst must be 1..10000");
        check(queueCapacity >= 16, "edge.downlink.queueCapacity must be at least 16");
        check(warningRadiusM >= 5 && warningRadiusM <= 2_000, "edge.downlink.warningRadiusM must be 5..2000");
        check(maxTargets >= 16, "edge.downlink.maxTargets must be at least 16");
        return this;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
