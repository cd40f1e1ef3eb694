package io.cheluyun.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot-path writer behind {@link WarningLog} and {@link SafetyLog}: {@link #append} never blocks — it puts the row
 * in a bounded queue (full: dropped and counted in {@code cheluyun_store_<what>_dropped_total}); one writer thread
 * drains it in JDBC batches of {@code batchSize}, committing at least every {@code flushIntervalMs}. A batch the
 * database refuses is counted ({@code …_failed_total}) and logged, and the writer goes on with the next.
 * Thread-safe.
 *
 * @param <T> the row type
 */
final class BatchWriter<T> implements AutoCloseable {

    /** Sets one row's parameters on the insert statement (without {@code addBatch}). */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final String what;
    private final DataSource dataSource;
    private final StoreConfig config;
    private final String insert;
    private final Binder<T> binder;
    private final BlockingQueue<T> queue;
    private final Counter written;
    private final Counter dropped;
    private final Counter failed;
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    /**
     * @param what  plural noun for metric names and logs ({@code warnings}, {@code safety_events})
     */
    BatchWriter(String what, DataSource dataSource, StoreConfig config, MeterRegistry meters, String insert,
                Binder<T> binder) {
        this.what = what;
        this.dataSource = dataSource;
        this.config = config;
        this.insert = insert;
        this.binder = binder;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        String noun = what.replace('_', ' ');
        this.written = Counter.builder("cheluyun.store." + what + ".written")
                .description(noun + " committed to the store").register(meters);
        this.dropped = Counter.builder("cheluyun.store." + what + ".dropped")
                .description(noun + " not stored because the writer's queue was full").register(meters);
        this.failed = Counter.builder("cheluyun.store." + what + ".failed")
                .description(noun + " in batches the database refused").register(meters);
        this.writer = Thread.ofPlatform().name("cheluyun-store-" + what).daemon().unstarted(this::drain);
    }

    void start() {
        writer.start();
    }

    /** Queues a row; false (and counted) when the queue is full or the writer is closed. */
    boolean append(T row) {
        if (closing || !queue.offer(row)) {
            dropped.increment();
            return false;
        }
        appended.incrementAndGet();
        return true;
    }

    /** Waits until every row appended so far is written (or refused); false on timeout. */
    boolean flush(long timeoutMs) throws InterruptedException {
        long target = appended.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (done.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    long writtenCount() {
        return (long) written.count();
    }

    long droppedCount() {
        return (long) dropped.count();
    }

    long failedCount() {
        return (long) failed.count();
    }

    private void drain() {
        List<T> batch = new ArrayList<>(config.batchSize());
        while (!closing || !queue.isEmpty()) {
            try {
                T first = queue.poll(config.flushIntervalMs(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.batchSize() - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!closing) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                done.addAndGet(batch.size());
                batch.clear();
            }
        }
    }

    private void write(List<T> batch) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            c.setAutoCommit(false);
            for (T row : batch) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
            written.increment(batch.size());
        } catch (Exception e) {
            failed.increment(batch.size());
            LOG.warn("store: a batch of {} {} was not written: {}", batch.size(), what.replace('_', ' '),
                    Store.rootMessage(e));
        }
    }

    /** Binds a double, {@code NaN} as SQL NULL. */
    static void setDouble(PreparedStatement ps, int index, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, v);
        }
    }

    /** Stops taking rows, writes those queued (up to 10 s), stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("store: the {} writer did not finish within 10 s; {} row(s) not written",
                    what.replace('_', ' '), queue.size());
            writer.interrupt();
        }
    }
}
