package io.cheluyun.twin;

import io.cheluyun.twin.TwinEvent.VehicleUpdate;
import io.cheluyun.twin.agent.Agent;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one shard: drains its bounded queue, applies each event to the shard and calls the observer,
 * and runs the message-time tick (stale-track eviction, then {@link ShardObserver#onTick}). An observer that throws
 * is counted and logged once per worker; the event is still applied and the worker goes on.
 *
 * <p>Counters are written by the worker thread only and read by metrics threads, hence release stores of plain
 * increments rather than atomic read-modify-writes.
 */
public final class ShardWorker implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(ShardWorker.class);

    private final int shardIndex;
    private final Queue<TwinEvent> queue;
    private final TwinShard shard;
    private final ShardObserver observer;
    private final int drainLimit;
    private final long tickIntervalMicros;
    private final long trackTimeoutMicros;
    private long nextTickMicros = Long.MIN_VALUE;

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong overCapacity = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong observerErrors = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private volatile int trackedVehicles;

    ShardWorker(int shardIndex, Queue<TwinEvent> queue, TwinShard shard, ShardObserver observer,
                PipelineConfig config) {
        this.shardIndex = shardIndex;
        this.queue = queue;
        this.shard = shard;
        this.observer = observer;
        this.drainLimit = config.drainLimit();
        this.tickIntervalMicros = config.tickIntervalMs() * 1_000L;
        this.trackTimeoutMicros = config.trackTimeoutMs() * 1_000L;
    }

    @Override
    public int doWork() {
        int work = 0;
        TwinEvent event;
        while (work < drainLimit && (event = queue.poll()) != null) {
            work++;
            switch (event) {
                case VehicleUpdate update -> onVehicle(update);
            }
            if (shard.nowMicros() >= nextTickMicros) {
                tick();
            }
            increment(processed);
        }
        if (work > 0) {
            trackedVehicles = shard.vehicleCount();
        }
        return work;
    }

    private void onVehicle(VehicleUpdate update) {
        switch (shard.apply(update.state())) {
            case APPLIED -> {
                increment(applied);
                try {
                    observer.onVehicle(update.state(), update.ingestNanos(), shard);
                } catch (RuntimeException e) {
                    observerFailed(e);
                }
            }
            case STALE -> increment(stale);
            case OVER_CAPACITY -> increment(overCapacity);
        }
    }

    private void tick() {
        long now = shard.nowMicros();
        if (nextTickMicros != Long.MIN_VALUE) {
            int n = shard.evictOlderThan(now - trackTimeoutMicros);
            if (n > 0) {
                evicted.setRelease(evicted.getPlain() + n);
            }
            increment(ticks);
            try {
                observer.onTick(now, shard);
            } catch (RuntimeException e) {
                observerFailed(e);
            }
        }
        nextTickMicros = now + tickIntervalMicros;
    }

    private void observerFailed(RuntimeException e) {
        increment(observerErrors);
        if (observerErrors.getPlain() == 1) {
            LOG.error("shard={} event=observer_failed first=true", shardIndex, e);
        }
    }

    private static void increment(AtomicLong counter) {
        counter.setRelease(counter.getPlain() + 1);
    }

    @Override
    public String roleName() {
        return "cheluyun-shard-" + shardIndex;
    }

    public int shardIndex() {
        return shardIndex;
    }

    public int queueDepth() {
        return queue.size();
    }

    public int trackedVehicles() {
        return trackedVehicles;
    }

    /** Events taken from the queue and fully handled (applied, stale or refused), including their tick. */
    public long processedCount() {
        return processed.get();
    }

    public long appliedCount() {
        return applied.get();
    }

    public long staleCount() {
        return stale.get();
    }

    public long overCapacityCount() {
        return overCapacity.get();
    }

    public long evictedCount() {
        return evicted.get();
    }

    public long observerErrorCount() {
        return observerErrors.get();
    }

    public long tickCount() {
        return ticks.get();
    }
}
