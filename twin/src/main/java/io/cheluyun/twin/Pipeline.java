package io.cheluyun.twin;

import io.cheluyun.model.TileGrid;
import io.cheluyun.twin.agent.AgentRunner;
import io.cheluyun.twin.agent.IdleStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
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
        TileGrid grid = new TileGrid(config.tileDeg());
        List<Queue<TwinEvent>> queues = new ArrayList<>();
        List<ShardWorker> workers = new ArrayList<>();
        for (int i = 0; i < config.shards(); i++) {
            Queue<TwinEvent> queue = new MpscAtomicArrayQueue<>(config.queueCapacity());
            queues.add(queue);
            TwinShard shard = new TwinShard(grid, config.maxVehiclesPerShard(), config.indexCellM());
            workers.add(new ShardWorker(i, queue, shard, observers.apply(i), config));
        }
        return new Pipeline(config, new Ingest(grid, queues, nanoClock), workers);
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

    /** Events fully handled by all workers; equals {@link Ingest#acceptedCount()} once the pipeline is quiet. */
    public long processedCount() {
        long total = 0;
        for (ShardWorker worker : workers) {
            total += worker.processedCount();
        }
        return total;
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
