package io.cheluyun.apps;

import java.util.HashMap;
import java.util.Iterator;

/**
 * One warning per hazard: duplicate suppression with hysteresis, on message time. A hazard (a key: a pair of
 * vehicles, a vehicle and an event...) is raised when its trigger condition first holds; it then stays active while
 * the condition holds or a looser sustain condition does, and re-arms only after neither has held for the clear-hold
 * time. So a threshold crossed back and forth by noise gives one warning, and a hazard that clears and comes back
 * gives a new one. Shard-thread only.
 *
 * @param <K> hazard key; needs value equality
 */
public final class Hysteresis<K> {

    private final long clearHoldMicros;
    /** Active hazards: message time at which each was last seen triggered or sustained. */
    private final HashMap<K, long[]> active = new HashMap<>();

    public Hysteresis(long clearHoldMs) {
        if (clearHoldMs < 0) {
            throw new IllegalArgumentException("clearHoldMs must be ≥ 0, got " + clearHoldMs);
        }
        this.clearHoldMicros = clearHoldMs * 1_000L;
    }

    /**
     * Feeds one evaluation of a hazard at message time {@code t}; returns true exactly when a warning must be raised
     * (the hazard was not active and {@code trigger} holds).
     *
     * @param trigger  the warning condition (e.g. TTC below the threshold)
     * @param sustain  the looser condition that keeps an active hazard alive (e.g. TTC below the re-arm threshold);
     *                 implied by {@code trigger}
     */
    public boolean update(K key, long t, boolean trigger, boolean sustain) {
        long[] last = active.get(key);
        if (last == null) {
            if (trigger) {
                active.put(key, new long[] {t});
                return true;
            }
            return false;
        }
        if (trigger || sustain) {
            last[0] = Math.max(last[0], t);
        } else if (t - last[0] >= clearHoldMicros) {
            active.remove(key);
        }
        return false;
    }

    /** Re-arms hazards no longer evaluated (a party left or went silent) once the clear hold has passed. */
    public void expire(long nowMicros) {
        for (Iterator<long[]> it = active.values().iterator(); it.hasNext(); ) {
            if (nowMicros - it.next()[0] >= clearHoldMicros) {
                it.remove();
            }
        }
    }

    public boolean isActive(K key) {
        return active.containsKey(key);
    }

    /** Number of active hazards. */
    public int size() {
        return active.size();
    }
}
