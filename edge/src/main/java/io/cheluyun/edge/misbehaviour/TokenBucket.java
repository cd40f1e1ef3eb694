package io.cheluyun.edge.misbehaviour;

/** A token bucket on receive time; not thread-safe (guarded by its owner's monitor). */
final class TokenBucket {

    private double tokens = Double.NaN;
    private long atMicros;

    /** Takes one token if there is one, refilling at {@code perS} up to {@code burst} first. */
    boolean take(long nowMicros, double perS, int burst) {
        if (Double.isNaN(tokens)) {
            tokens = burst;
            atMicros = nowMicros;
        } else if (nowMicros > atMicros) {
            // receive clocks of different ingress threads may be a little out of order: never refill backwards
            tokens = Math.min(burst, tokens + (nowMicros - atMicros) * 1e-6 * perS);
            atMicros = nowMicros;
        }
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
