package io.cheluyun.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing (OWASP Authentication Cheat Sheet: throttle failed logins per account and per source):
 * after {@value #MAX_USER_FAILURES} failures for one user name, or {@value #MAX_ADDRESS_FAILURES} from one address,
 * within {@link #WINDOW}, further attempts for it are refused for {@link #LOCK} — the right password included, so
 * guessing cannot tell when it hit. A success clears the user's count. Bounded: the {@value #MAX_KEYS} most
 * recently failing keys are remembered. Thread-safe.
 */
final class LoginThrottle {

    static final int MAX_USER_FAILURES = 5;
    static final int MAX_ADDRESS_FAILURES = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(5);
    static final int MAX_KEYS = 10_000;

    private static final class Failures {
        int count;
        Instant first;
        Instant lockedUntil = Instant.MIN;
    }

    private final Map<String, Failures> byKey = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** How long attempts for this user from this address are still refused; zero when allowed. */
    synchronized Duration blocked(String username, String address, Instant now) {
        Duration user = remaining(byKey.get("user:" + username), now);
        Duration addr = remaining(byKey.get("addr:" + address), now);
        return user.compareTo(addr) >= 0 ? user : addr;
    }

    synchronized void failed(String username, String address, Instant now) {
        count("user:" + username, MAX_USER_FAILURES, now);
        count("addr:" + address, MAX_ADDRESS_FAILURES, now);
    }

    synchronized void succeeded(String username) {
        byKey.remove("user:" + username);
    }

    private void count(String key, int max, Instant now) {
        Failures f = byKey.computeIfAbsent(key, k -> new Failures());
        if (f.first == null || now.isAfter(f.first.plus(WINDOW))) {
            f.first = now;
            f.count = 0;
        }
        if (++f.count >= max) {
            f.lockedUntil = now.plus(LOCK);
            f.first = null; // a new window after the lock
        }
    }

    private static Duration remaining(Failures f, Instant now) {
        return f == null || !now.isBefore(f.lockedUntil) ? Duration.ZERO : Duration.between(now, f.lockedUntil);
    }
}
