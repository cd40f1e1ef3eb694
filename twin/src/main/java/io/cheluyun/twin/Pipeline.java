package io.cheluyun.twin;

import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.TileGrid;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.agent.AgentRunner;
import io.cheluyun.twin.agent.IdleStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * The sharded pipeline: one {@link Ingest} in front of N {@link ShardWorker}s, each with its own bounded
 * multi-producer single-consumer queue (JCTools' atomic MPSC array queue: lock-free, no {@code sun.misc.Unsafe}).
 *
 * <p>Two ways to run it, never both: {@link #start()} gives each worker its own thread; {@link #stepAll()} and
 * {@link #drain()} run them on the caller's thread, which makes tests and replay deterministic.
 */
public final class Pipeline implements AutoCloseable {

    private final PipelineConfig config;
    private final Ingest ingest;
    private final List<ShardWorker> workers;
    private final List<AgentRunner> runners = new ArrayList<>();

    private Pipeline(PipelineConfig config, Ingest ingest, List<ShardWorker> workers) {
        this.config = config;
        this.ingest = ingest;
        this.workers = List.copyOf(workers);
    }

    /**
     * Builds a pipeline.
     *
     * @param config     sizing, validated here
     * @param observers  creates the observer of shard i (called once per shard: per-shard app instances)
     * @param nanoClock  monotonic clock stamping ingest time (System::nanoTime in production)
     */
    public static Pipeline create(PipelineConfig config, IntFunction<ShardObserver> observers,
                                  LongSupplier nanoClock) {
        config.conclude();
        ShardMap shardMap = new ShardMap(new TileGrid(config.tileDeg()), config.shards(), config.haloM());
        List<Queue<TwinEvent>> queues = new ArrayList<>();
        List<ShardWorker> workers = new ArrayList<>();
        for (int i = 0; i < config.shards(); i++) {
            Queue<TwinEvent> queue = new MpscAtomicArrayQueue<>(config.queueCapacity());
            queues.add(queue);
            TwinShard shard = new TwinShard(shardMap, config);
            workers.add(new ShardWorker(i, queue, shard, observers.apply(i), config));
        }
        return new Pipeline(config, new Ingest(shardMap, queues, nanoClock), workers);
    }

    public PipelineConfig config() {
        return config;
    }

    public Ingest ingest() {
        return ingest;
    }

    public List<ShardWorker> workers() {
        return workers;
    }

    /** Starts one thread per shard. */
    public synchronized void start() {
        if (!runners.isEmpty()) {
            throw new IllegalStateException("pipeline already started");
        }
        for (ShardWorker worker : workers) {
            runners.add(AgentRunner.start(worker, IdleStrategy.backoff()));
        }
    }

    /** One duty cycle of every worker on the caller's thread; returns the total work done. */
    public int stepAll() {
        requireStepped();
        int work = 0;
        for (ShardWorker worker : workers) {
            work += worker.doWork();
        }
        return work;
    }

    /** Steps every worker until all queues are empty. */
    public void drain() {
        while (stepAll() > 0) {
            Thread.onSpinWait();
        }
    }

    /** True when every queue is empty: with threads running, everything offered so far has been applied. */
    public boolean isIdle() {
        for (ShardWorker worker : workers) {
            if (worker.queueDepth() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Events fully handled by all workers; equals {@link Ingest#enqueuedCount()} once the pipeline is quiet. */
    public long processedCount() {
        long total = 0;
        for (ShardWorker worker : workers) {
            total += worker.processedCount();
        }
        return total;
    }

    /**
     * The twin as of the shards' latest published snapshots, merged: vehicles and objects from their owners, each
     * intersection's newest signal state, maps and events once. Safe from any thread; at most one snapshot interval
     * of message time old.
     */
    public TwinSnapshot snapshot() {
        List<TwinSnapshot> parts = new ArrayList<>();
        for (ShardWorker worker : workers) {
            parts.add(worker.snapshot());
        }
        return merge(parts);
    }

    /** Takes a fresh snapshot of every shard on the caller's thread (stepped pipelines only) and merges them. */
    public TwinSnapshot snapshotNow() {
        requireStepped();
        List<TwinSnapshot> parts = new ArrayList<>();
        for (ShardWorker worker : workers) {
            parts.add(worker.snapshotNow());
        }
        return merge(parts);
    }

    private static TwinSnapshot merge(List<TwinSnapshot> parts) {
        long time = 0;
        List<VehicleState> vehicles = new ArrayList<>();
        Map<String, LaneMatch> lanes = new HashMap<>();
        List<PerceivedObject> objects = new ArrayList<>();
        Map<IntersectionId, SignalState> signals = new TreeMap<>(
                Comparator.comparingInt(IntersectionId::regionId).thenComparingInt(IntersectionId::id));
        Map<IntersectionId, MapIntersection> maps = new TreeMap<>(
                Comparator.comparingInt(IntersectionId::regionId).thenComparingInt(IntersectionId::id));
        Map<String, RoadEvent> events = new TreeMap<>();
        for (TwinSnapshot p : parts) {
            time = Math.max(time, p.timeMicros());
            vehicles.addAll(p.vehicles());
            lanes.putAll(p.lanes());
            objects.addAll(p.objects());
            for (SignalState s : p.signals()) {
                signals.merge(s.intersection(), s, (a, b) -> a.timeMicros() >= b.timeMicros() ? a : b);
            }
            p.maps().forEach(m -> maps.putIfAbsent(m.id(), m));
            p.events().forEach(e -> events.putIfAbsent(e.eventId(), e));
        }
        vehicles.sort(Comparator.comparing(VehicleState::vehicleId));
        objects.sort(Comparator.comparing(PerceivedObject::objectId));
        return new TwinSnapshot(time, vehicles, lanes, objects, List.copyOf(signals.values()),
                List.copyOf(maps.values()), List.copyOf(events.values()));
    }

    /** True when every started worker thread is running (health check). */
    public synchronized boolean isRunning() {
        if (runners.isEmpty()) {
            return false;
        }
        for (AgentRunner runner : runners) {
            if (!runner.isAlive()) {
                return false;
            }
        }
        return true;
    }

    public synchronized long agentErrorCount() {
        long total = 0;
        for (AgentRunner runner : runners) {
            total += runner.errorCount();
        }
        return total;
    }

    private synchronized void requireStepped() {
        if (!runners.isEmpty()) {
            throw new IllegalStateException("pipeline runs on its own threads; stepping it would add a writer");
        }
    }

    /** Stops the worker threads after their current duty cycle. */
    @Override
    public synchronized void close() {
        for (AgentRunner runner : runners) {
            runner.close();
        }
    }
}
