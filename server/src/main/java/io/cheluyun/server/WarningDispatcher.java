package io.cheluyun.server;

import io.cheluyun.apps.WarningOutput;
import io.cheluyun.model.Warning;
import io.cheluyun.twin.agent.Agent;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * Decouples the shards from warning consumers: shard threads offer warnings to a bounded queue (never blocking;
 * a full queue drops and counts), and this agent hands them to the sinks on its own thread, measuring the latency
 * from the triggering input's ingest to dispatch.
 */
public final class WarningDispatcher implements Agent, WarningOutput {

    /** A consumer of dispatched warnings, called on the dispatcher thread. */
    public interface Sink {
        void accept(Warning warning, long latencyNanos);

        /** After each batch: flush buffered output. */
        default void flush() {
        }
    }

    private record Pending(Warning warning, long triggerIngestNanos) {
    }

    private static final int BATCH = 256;

    private final Queue<Pending> queue;
    private final List<Sink> sinks;
    private final LongSupplier nanoClock;
    private final LongAdder dropped = new LongAdder();

    public WarningDispatcher(int capacity, List<Sink> sinks, LongSupplier nanoClock) {
        this.queue = new MpscAtomicArrayQueue<>(capacity);
        this.sinks = List.copyOf(sinks);
        this.nanoClock = nanoClock;
    }

    @Override
    public void accept(Warning warning, long triggerIngestNanos) {
        if (!queue.offer(new Pending(warning, triggerIngestNanos))) {
            dropped.increment();
        }
    }

    @Override
    public int doWork() {
        int work = 0;
        Pending p;
        while (work < BATCH && (p = queue.poll()) != null) {
            work++;
            long latency = nanoClock.getAsLong() - p.triggerIngestNanos();
            for (Sink sink : sinks) {
                sink.accept(p.warning(), latency);
            }
        }
        if (work > 0) {
            for (Sink sink : sinks) {
                sink.flush();
            }
        }
        return work;
    }

    /** Dispatches until the queue is empty (stepped mode and shutdown). */
    public void drain() {
        while (doWork() > 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public String roleName() {
        return "cheluyun-warnings";
    }

    public long droppedCount() {
        return dropped.sum();
    }

    public int queueDepth() {
        return queue.size();
    }
}
