package io.cheluyun.edge.misbehaviour;

/**
 * Receive times of a sender's last few violations; not thread-safe (guarded by its owner's monitor). The array is
 * allocated at the first violation, so honest senders never pay for it.
 */
final class ViolationLog {

    private long[] times;
    private int next;
    private int total;

    /** Records a violation; true when the last {@code k} violations all fall within {@code windowMicros}. */
    boolean add(long nowMicros, int k, long windowMicros) {
        if (times == null || times.length != k) {
            times = new long[k];
            next = 0;
            total = 0;
        }
        times[next] = nowMicros;
        next = (next + 1) % k;
        total++;
        // after the advance, next is the oldest of the last k
        return total >= k && nowMicros - times[next] <= windowMicros;
    }

    /** Forgets the past: after a quarantine a sender starts from a clean slate. */
    void clear() {
        total = 0;
    }
}
