package io.cheluyun.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cheluyun.model.Advice;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The warnings history. {@link #append} is called on the dispatcher thread and never blocks ({@link BatchWriter}:
 * bounded queue, one writer thread, JDBC batches; {@code cheluyun_store_warnings_written / dropped / failed_total}).
 * Thread-safe.
 */
public final class WarningLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = "INSERT INTO warning (warning_id, type, severity, target_id, related_ids, "
            + "time_micros, valid_until_micros, lat_deg, lon_deg, ttc_s, distance_m, advice) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final BatchWriter<Warning> writer;

    WarningLog(DataSource dataSource, StoreConfig config, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.writer = new BatchWriter<>("warnings", dataSource, config, meters, INSERT, WarningLog::bind);
    }

    void start() {
        writer.start();
    }

    /** Queues a warning for the history; false (and counted) when the queue is full or the log is closed. */
    public boolean append(Warning w) {
        return writer.append(w);
    }

    /** Waits until every warning appended so far is written (or refused); false on timeout. */
    public boolean flush(long timeoutMs) throws InterruptedException {
        return writer.flush(timeoutMs);
    }

    public long writtenCount() {
        return writer.writtenCount();
    }

    public long droppedCount() {
        return writer.droppedCount();
    }

    public long failedCount() {
        return writer.failedCount();
    }

    private static void bind(PreparedStatement ps, Warning w) throws SQLException, JsonProcessingException {
        ps.setString(1, w.warningId());
        ps.setString(2, w.type().name());
        ps.setString(3, w.severity().name());
        ps.setString(4, w.targetId());
        ps.setString(5, String.join(",", w.relatedIds()));
        ps.setLong(6, w.timeMicros());
        ps.setLong(7, w.validUntilMicros());
        ps.setDouble(8, w.location().latDeg());
        ps.setDouble(9, w.location().lonDeg());
        BatchWriter.setDouble(ps, 10, w.ttcS());
        BatchWriter.setDouble(ps, 11, w.distanceM());
        ps.setString(12, w.advice() == null ? null : JSON.writeValueAsString(w.advice()));
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
        writer.close();
    }
}
