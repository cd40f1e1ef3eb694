package io.cheluyun.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cheluyun.model.Advice;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warnings history. {@link #append} is called on the dispatcher thread and never blocks: it puts the warning in
 * a bounded queue (full: dropped and counted in {@code cheluyun_store_warnings_dropped_total}); one writer thread
 * drains it in JDBC batches of {@code batchSize}, committing at least every {@code flushIntervalMs}. A batch the
 * database refuses is counted ({@code cheluyun_store_warnings_failed_total}) and logged, and the writer goes on with
 * the next. Thread-safe.
 */
public final class WarningLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarningLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = "INSERT INTO warning (warning_id, type, severity, target_id, related_ids, "
            + "time_micros, valid_until_micros, lat_deg, lon_deg, ttc_s, distance_m, advice) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final StoreConfig config;
    private final BlockingQueue<Warning> queue;
    private final Counter written;
    private final Counter dropped;
    private final Counter failed;
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    WarningLog(DataSource dataSource, StoreConfig config, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.written = Counter.builder("cheluyun.store.warnings.written")
                .description("Warnings committed to the store").register(meters);
        this.dropped = Counter.builder("cheluyun.store.warnings.dropped")
                .description("Warnings not stored because the writer's queue was full").register(meters);
        this.failed = Counter.builder("cheluyun.store.warnings.failed")
                .description("Warnings in batches the database refused").register(meters);
        this.writer = Thread.ofPlatform().name("cheluyun-store-writer").daemon().unstarted(this::drain);
    }

    void start() {
        writer.start();
    }

    /** Queues a warning for the history; false (and counted) when the queue is full or the log is closed. */
    public boolean append(Warning w) {
        if (closing || !queue.offer(w)) {
            dropped.increment();
            return false;
        }
        appended.incrementAndGet();
        return true;
    }

    /** Waits until every warning appended so far is written (or refused); false on timeout. */
    public boolean flush(long timeoutMs) throws InterruptedException {
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

    public long writtenCount() {
        return (long) written.count();
    }

    public long droppedCount() {
        return (long) dropped.count();
    }

    public long failedCount() {
        return (long) failed.count();
    }

    private void drain() {
        List<Warning> batch = new ArrayList<>(config.batchSize());
        while (!closing || !queue.isEmpty()) {
            try {
                Warning first = queue.poll(config.flushIntervalMs(), TimeUnit.MILLISECONDS);
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

    private void write(List<Warning> batch) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            for (Warning w : batch) {
                ps.setString(1, w.warningId());
                ps.setString(2, w.type().name());
                ps.setString(3, w.severity().name());
                ps.setString(4, w.targetId());
                ps.setString(5, String.join(",", w.relatedIds()));
                ps.setLong(6, w.timeMicros());
                ps.setLong(7, w.validUntilMicros());
                ps.setDouble(8, w.location().latDeg());
                ps.setDouble(9, w.location().lonDeg());
                setDouble(ps, 10, w.ttcS());
                setDouble(ps, 11, w.distanceM());
                ps.setString(12, w.advice() == null ? null : JSON.writeValueAsString(w.advice()));
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
            written.increment(batch.size());
        } catch (SQLException | JsonProcessingException | RuntimeException e) {
            failed.increment(batch.size());
            LOG.warn("store: a batch of {} warning(s) was not written: {}", batch.size(), Store.rootMessage(e));
        }
    }

    private static void setDouble(PreparedStatement ps, int index, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, v);
        }
    }

    /** The warnings the query selects, newest first. */
    public List<Warning> query(WarningQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT warning_id, type, severity, target_id, related_ids, "
                + "time_micros, valid_until_micros, lat_deg, lon_deg, ttc_s, distance_m, advice FROM warning "
                + "WHERE time_micros >= ? AND time_micros < ?");
        List<Object> args = new ArrayList<>(List.of(q.fromMicros(), q.toMicros()));
        if (q.box() != null) {
            sql.append(" AND lat_deg BETWEEN ? AND ? AND lon_deg BETWEEN ? AND ?");
            args.addAll(List.of(q.box()[0], q.box()[2], q.box()[1], q.box()[3]));
        }
        if (!q.types().isEmpty()) {
            sql.append(" AND type IN (").append(String.join(", ", java.util.Collections.nCopies(q.types().size(),
                    "?"))).append(')');
            q.types().stream().map(Enum::name).sorted().forEach(args::add);
        }
        if (q.targetId() != null) {
            sql.append(" AND target_id = ?");
            args.add(q.targetId());
        }
        sql.append(" ORDER BY time_micros DESC, seq DESC LIMIT ?");
        args.add(q.limit());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int k = 0; k < args.size(); k++) {
                ps.setObject(k + 1, args.get(k));
            }
            List<Warning> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    private static Warning row(ResultSet rs) throws SQLException {
        String related = rs.getString(5);
        double ttc = rs.getDouble(10);
        if (rs.wasNull()) {
            ttc = Double.NaN;
        }
        double distance = rs.getDouble(11);
        if (rs.wasNull()) {
            distance = Double.NaN;
        }
        String advice = rs.getString(12);
        try {
            return new Warning(rs.getString(1), WarningType.valueOf(rs.getString(2)),
                    Severity.valueOf(rs.getString(3)), rs.getString(4),
                    related.isEmpty() ? List.of() : Arrays.asList(related.split(",")), rs.getLong(6), rs.getLong(7),
                    ttc, distance, new GeoPoint(rs.getDouble(8), rs.getDouble(9)),
                    advice == null ? null : JSON.readValue(advice, Advice.class));
        } catch (JsonProcessingException e) {
            throw new SQLException("warning " + rs.getString(1) + ": unreadable advice " + advice, e);
        }
    }

    /** Stops taking warnings, writes those queued (up to 10 s), stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("store: the warning writer did not finish within 10 s; {} warning(s) not written",
                    queue.size());
            writer.interrupt();
        }
    }
}
