package io.cheluyun.twin;

import io.cheluyun.model.PerceivedObject;
import io.cheluyun.twin.TwinEvent.MapUpdate;
import io.cheluyun.twin.TwinEvent.ObjectUpdate;
import io.cheluyun.twin.TwinEvent.RoadEventUpdate;
import io.cheluyun.twin.TwinEvent.SignalUpdate;
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
    private final long snapshotIntervalMicros;
    private long nextTickMicros = Long.MIN_VALUE;
    private long nextSnapshotMicros = Long.MIN_VALUE;
    private volatile TwinSnapshot snapshot = TwinSnapshot.EMPTY;

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong overCapacity = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong observerErrors = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong haloApplied = new AtomicLong();
    private final AtomicLong signals = new AtomicLong();
    private final AtomicLong maps = new AtomicLong();
    private final AtomicLong roadEvents = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong objectsFused = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
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
        this.snapshotIntervalMicros = config.snapshotIntervalMs() * 1_000L;
    }

    @Override
    public int doWork() {
        int work = 0;
        TwinEvent event;
        while (work < drainLimit && (event = queue.poll()) != null) {
            work++;
            switch (event) {
                case VehicleUpdate update -> onVehicle(update);
                case SignalUpdate update -> onSignal(update);
                case MapUpdate update -> onMap(update);
                case RoadEventUpdate update -> onRoadEvent(update);
                case ObjectUpdate update -> onObject(update);
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
        switch (shard.apply(update.state(), update.owned())) {
            case APPLIED -> {
                increment(update.owned() ? applied : haloApplied);
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

    private void onSignal(SignalUpdate update) {
        if (!shard.applySignal(update.state())) {
            increment(stale);
            return;
        }
        increment(signals);
        try {
            observer.onSignal(update.state(), update.ingestNanos(), shard);
        } catch (RuntimeException e) {
            observerFailed(e);
        }
    }

    private void onMap(MapUpdate update) {
        long before = shard.mapChanges();
        if (shard.applyMap(update.map())) {
            increment(maps);
            if (shard.mapChanges() != before) {
                snapshot = shard.snapshot(); // a new or changed MAP shows at once, not at the next message time
            }
        } else {
            increment(overCapacity);
        }
    }

    private void onRoadEvent(RoadEventUpdate update) {
        boolean known = shard.holdsEvent(update.event());
        GeofencedEvent fenced;
        try {
            fenced = shard.applyEvent(update.event());
        } catch (IllegalArgumentException e) {
            increment(rejected);
            if (rejected.getPlain() == 1) {
                LOG.warn("shard={} event=road_event_rejected first=true reason=\"{}\"", shardIndex, e.getMessage());
            }
            return;
        }
        if (fenced == null) {
            increment(overCapacity);
            return;
        }
        increment(roadEvents);
        if (!known) {
            snapshot = shard.snapshot(); // operators see a new, changed or ended event at once, not at the next tick
        }
        try {
            observer.onRoadEvent(update.event(), update.ingestNanos(), shard);
        } catch (RuntimeException e) {
            observerFailed(e);
        }
    }

    private void onObject(ObjectUpdate update) {
        switch (shard.applyObject(update.object(), update.owned())) {
            case UPDATED, NEW_TRACK -> {
                increment(objects);
                PerceivedObject fused = shard.lastObject();
                try {
                    observer.onObject(fused, update.ingestNanos(), shard);
                } catch (RuntimeException e) {
                    observerFailed(e);
                }
            }
            case FUSED_WITH_VEHICLE -> increment(objectsFused);
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
            shard.expireInfrastructure();
            increment(ticks);
            try {
                observer.onTick(now, shard);
            } catch (RuntimeException e) {
                observerFailed(e);
            }
        }
        nextTickMicros = now + tickIntervalMicros;
        if (now >= nextSnapshotMicros) {
            snapshot = shard.snapshot();
            nextSnapshotMicros = now + snapshotIntervalMicros;
        }
    }

    /**
     * The latest snapshot this worker published (every {@code snapshotIntervalMs} of message time); safe to call
     * from any thread.
     */
    public TwinSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Takes a snapshot now. Only for the thread that steps this worker (stepped pipelines, tests, the end of a
     * replay): the shard is single-writer.
     */
    TwinSnapshot snapshotNow() {
        snapshot = shard.snapshot();
        return snapshot;
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

    /** Owned vehicle states applied. */
    public long appliedCount() {
        return applied.get();
    }

    /** Halo copies of vehicles owned by other shards applied. */
    public long haloAppliedCount() {
        return haloApplied.get();
    }

    public long signalCount() {
        return signals.get();
    }

    public long mapCount() {
        return maps.get();
    }

    public long roadEventCount() {
        return roadEvents.get();
    }

    /** Perceived-object reports applied to a track (new or updated). */
    public long objectCount() {
        return objects.get();
    }

    /** Perceived-object reports recognised as a connected vehicle (fused, not tracked twice). */
    public long objectsFusedCount() {
        return objectsFused.get();
    }

    /** Events refused as unusable (a road event whose area is not a simple polygon). */
    public long rejectedCount() {
        return rejected.get();
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
