package io.cheluyun.twin.agent;

import java.util.concurrent.locks.LockSupport;

/**
 * What a duty cycle does after a {@link Agent#doWork()} that found nothing: spin, then yield, then park with a
 * growing pause up to a bound. Busy agents never idle; quiet ones cost no CPU beyond a wake-up per max pause.
 */
public final class IdleStrategy {

    private final int maxSpins;
    private final int maxYields;
    private final long minParkNanos;
    private final long maxParkNanos;
    private int spins;
    private int yields;
    private long parkNanos;

    public IdleStrategy(int maxSpins, int maxYields, long minParkNanos, long maxParkNanos) {
        if (maxSpins < 0 || maxYields < 0 || minParkNanos < 1 || maxParkNanos < minParkNanos) {
            throw new IllegalArgumentException("idle strategy needs spins, yields ≥ 0 and 1 ≤ minPark ≤ maxPark");
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
        reset();
    }

    /** Backoff for latency-sensitive workers: 100 spins, 10 yields, then parks of 1 µs growing to 1 ms. */
    public static IdleStrategy backoff() {
        return new IdleStrategy(100, 10, 1_000L, 1_000_000L);
    }

    /** Idles after a duty cycle that did {@code workCount} units of work. */
    public void idle(int workCount) {
        if (workCount > 0) {
            reset();
            return;
        }
        if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < maxYields) {
            yields++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos << 1, maxParkNanos);
        }
    }

    private void reset() {
        spins = 0;
        yields = 0;
        parkNanos = minParkNanos;
    }
}
