package io.cheluyun.edge.misbehaviour;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded map from sender or vehicle id to its state, least recently seen evicted first. Striped: each stripe is
 * an access-ordered {@link LinkedHashMap} behind its own monitor, so threads on different ids rarely meet, and a
 * lookup of a known id allocates nothing (the access order is relinked in place). The bound and the eviction order
 * hold per stripe (capacity / stripes each), which approximates global LRU closely once there are many ids.
 * Thread-safe.
 */
final class StripedLru<V> {

    private static final int STRIPES = 64;

    private final List<Stripe<V>> stripes;

    StripedLru(int capacity) {
        int perStripe = Math.max(1, (capacity + STRIPES - 1) / STRIPES);
        List<Stripe<V>> list = new ArrayList<>(STRIPES);
        for (int i = 0; i < STRIPES; i++) {
            list.add(new Stripe<>(perStripe));
        }
        this.stripes = List.copyOf(list);
    }

    /** The state of {@code key}, created by {@code factory} (a pre-built function: no capture per call) if absent. */
    V get(String key, Function<String, V> factory) {
        Stripe<V> stripe = stripe(key);
        synchronized (stripe) {
            return stripe.computeIfAbsent(key, factory);
        }
    }

    /** The state of {@code key} if present (counts as a use). */
    V peek(String key) {
        Stripe<V> stripe = stripe(key);
        synchronized (stripe) {
            return stripe.getOrDefault(key, null);
        }
    }

    int size() {
        int n = 0;
        for (Stripe<V> s : stripes) {
            synchronized (s) {
                n += s.size();
            }
        }
        return n;
    }

    long evictions() {
        long n = 0;
        for (Stripe<V> s : stripes) {
            synchronized (s) {
                n += s.evictions;
            }
        }
        return n;
    }

    private Stripe<V> stripe(String key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        return stripes.get(h & (STRIPES - 1));
    }

    private static final class Stripe<V> extends LinkedHashMap<String, V> {

        private static final long serialVersionUID = 1L;

        private final int capacity;
        private long evictions;

        Stripe(int capacity) {
            super(Math.min(capacity, 1 << 12), 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            if (size() > capacity) {
                evictions++;
                return true;
            }
            return false;
        }
    }
}
