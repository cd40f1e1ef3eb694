package io.cheluyun.edge;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What each sender has been doing, for the operators' device health (last seen, messages accepted and refused, the
 * last refusal, the recent message rate): updated by the gate on the transports' threads, read by the API.
 * Bounded: at most {@value #MAX_DEVICES} senders are tracked (registered devices are far fewer; open-demo's
 * anonymous ones could be many), the rest counted in {@link #untrackedCount()}. Thread-safe.
 */
public final class DeviceActivity {

    static final int MAX_DEVICES = 100_000;
    /** The rate is messages per second over the last complete window of this length. */
    static final long RATE_WINDOW_MS = 10_000;

    /** One sender's health as the API shows it; {@code lastSeenMillis} 0 when never seen. */
    public record Snapshot(long lastSeenMillis, long accepted, long refused, String lastProblem, double ratePerS) {
        public static final Snapshot NEVER = new Snapshot(0, 0, 0, null, 0);
    }

    private static final class Entry {
        volatile long lastSeenMillis;
        final LongAdder accepted = new LongAdder();
        final LongAdder refused = new LongAdder();
        volatile String lastProblem;
        // the rate window: guarded by this entry
        long windowStartMillis;
        long windowCount;
        double lastRate;
    }

    private final ConcurrentHashMap<String, Entry> byDevice = new ConcurrentHashMap<>();
    private final LongAdder untracked = new LongAdder();

    /** One message from {@code deviceId}: accepted (a record reached the pipeline) or refused for {@code problem}. */
    public void record(String deviceId, boolean accepted, InputProblem problem, long nowMillis) {
        Entry e = byDevice.get(deviceId);
        if (e == null) {
            if (byDevice.size() >= MAX_DEVICES) {
                untracked.increment();
                return;
            }
            e = byDevice.computeIfAbsent(deviceId, k -> new Entry());
        }
        e.lastSeenMillis = nowMillis;
        if (accepted) {
            e.accepted.increment();
        } else {
            e.refused.increment();
            e.lastProblem = problem == null ? null : problem.label();
        }
        synchronized (e) {
            if (nowMillis - e.windowStartMillis >= RATE_WINDOW_MS) {
                long elapsed = nowMillis - e.windowStartMillis;
                e.lastRate = e.windowStartMillis == 0 ? 0 : e.windowCount * 1000.0 / elapsed;
                e.windowStartMillis = nowMillis;
                e.windowCount = 0;
            }
            e.windowCount++;
        }
    }

    /** The sender's health at {@code nowMillis}; a sender silent for a whole window has rate 0. */
    public Snapshot of(String deviceId, long nowMillis) {
        Entry e = byDevice.get(deviceId);
        if (e == null) {
            return Snapshot.NEVER;
        }
        double rate;
        synchronized (e) {
            long elapsed = nowMillis - e.windowStartMillis;
            if (elapsed >= 2 * RATE_WINDOW_MS) {
                rate = 0;
            } else if (elapsed >= RATE_WINDOW_MS) {
                rate = e.windowCount * 1000.0 / elapsed;
            } else {
                rate = e.lastRate;
            }
        }
        return new Snapshot(e.lastSeenMillis, e.accepted.sum(), e.refused.sum(), e.lastProblem, rate);
    }

    /** Forgets a sender (unregistered). */
    public void forget(String deviceId) {
        byDevice.remove(deviceId);
    }

    public long untrackedCount() {
        return untracked.sum();
    }
}
