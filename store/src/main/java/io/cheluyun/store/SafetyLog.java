package io.cheluyun.store;

import io.cheluyun.model.IntersectionId;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Safety events (red-light runs, TTC / PET conflicts, hard braking, speeding) and the signal monitor's findings:
 * appended from the analytics on shard threads without blocking (two {@link BatchWriter}s,
 * {@code cheluyun_store_safety_events_*} and {@code cheluyun_store_signal_issues_*}), queried by time, area, kind,
 * vehicle and intersection. Thread-safe.
 */
public final class SafetyLog implements AutoCloseable {

    /**
     * One safety event as stored.
     *
     * @param seq           the store's sequence number (0 for one not stored yet)
     * @param h3Cell        the H3 cell of the location at {@link #H3_RESOLUTION}, 0 when unknown
     * @param intersection  null when not at an intersection
     * @param signalGroup   the signal group of a red-light run, -1 otherwise
     * @param ttcS          NaN when not a TTC conflict
     * @param petS          NaN when not a PET conflict
     */
    public record Event(long seq, String kind, long timeMicros, double latDeg, double lonDeg, long h3Cell,
                        IntersectionId intersection, int signalGroup, String vehicleId, String otherId, double ttcS,
                        double petS, double magnitude, String detail) {
    }

    /** One finding of the signal monitor as stored; {@code signalGroup} -1 and {@code vehicleId} null when none. */
    public record Issue(long seq, String kind, long timeMicros, IntersectionId intersection, int signalGroup,
                        String vehicleId, String detail) {
    }

    /** Events per H3 cell (at {@link #H3_RESOLUTION}) and kind. */
    public record CellCount(long cell, String kind, long count) {
    }

    /** Resolution of the stored H3 cells (≈ 9.4 m edge): hotspots at coarser resolutions are their parents. */
    public static final int H3_RESOLUTION = 12;

    private static final String INSERT_EVENT = "INSERT INTO safety_event (kind, time_micros, lat_deg, lon_deg, "
            + "h3_cell, region, intersection_id, signal_group, vehicle_id, other_id, ttc_s, pet_s, magnitude, detail) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_ISSUE = "INSERT INTO signal_issue (kind, time_micros, region, "
            + "intersection_id, signal_group, vehicle_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String EVENT_COLUMNS = "seq, kind, time_micros, lat_deg, lon_deg, h3_cell, region, "
            + "intersection_id, signal_group, vehicle_id, other_id, ttc_s, pet_s, magnitude, detail";

    private final DataSource dataSource;
    private final BatchWriter<Event> events;
    private final BatchWriter<Issue> issues;

    SafetyLog(DataSource dataSource, StoreConfig config, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.events = new BatchWriter<>("safety_events", dataSource, config, meters, INSERT_EVENT,
                SafetyLog::bindEvent);
        this.issues = new BatchWriter<>("signal_issues", dataSource, config, meters, INSERT_ISSUE,
                SafetyLog::bindIssue);
    }

    void start() {
        events.start();
        issues.start();
    }

    /** Queues a safety event; false (counted) when the queue is full or the log closed. Never blocks. */
    public boolean append(Event e) {
        return events.append(e);
    }

    /** Queues a signal-monitor finding; false (counted) when the queue is full or the log closed. Never blocks. */
    public boolean append(Issue i) {
        return issues.append(i);
    }

    /** Waits until everything appended so far is written (or refused); false on timeout. */
    public boolean flush(long timeoutMs) throws InterruptedException {
        return events.flush(timeoutMs) && issues.flush(timeoutMs);
    }

    public long writtenCount() {
        return events.writtenCount();
    }

    public long droppedCount() {
        return events.droppedCount() + issues.droppedCount();
    }

    private static void bindEvent(PreparedStatement ps, Event e) throws SQLException {
        ps.setString(1, e.kind());
        ps.setLong(2, e.timeMicros());
        ps.setDouble(3, e.latDeg());
        ps.setDouble(4, e.lonDeg());
        if (e.h3Cell() == 0L) {
            ps.setNull(5, Types.BIGINT);
        } else {
            ps.setLong(5, e.h3Cell());
        }
        setIntersection(ps, 6, e.intersection());
        setInt(ps, 8, e.signalGroup());
        ps.setString(9, e.vehicleId());
        ps.setString(10, e.otherId());
        BatchWriter.setDouble(ps, 11, e.ttcS());
        BatchWriter.setDouble(ps, 12, e.petS());
        BatchWriter.setDouble(ps, 13, e.magnitude());
        ps.setString(14, e.detail());
    }

    private static void bindIssue(PreparedStatement ps, Issue i) throws SQLException {
        ps.setString(1, i.kind());
        ps.setLong(2, i.timeMicros());
        ps.setInt(3, i.intersection().regionId());
        ps.setInt(4, i.intersection().id());
        setInt(ps, 5, i.signalGroup());
        ps.setString(6, i.vehicleId());
        ps.setString(7, i.detail());
    }

    private static void setIntersection(PreparedStatement ps, int index, IntersectionId id) throws SQLException {
        if (id == null) {
            ps.setNull(index, Types.INTEGER);
            ps.setNull(index + 1, Types.INTEGER);
        } else {
            ps.setInt(index, id.regionId());
            ps.setInt(index + 1, id.id());
        }
    }

    private static void setInt(PreparedStatement ps, int index, int v) throws SQLException {
        if (v < 0) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, v);
        }
    }

    /**
     * What to select: a time range [from, to) of message time (epoch µs), newest first, at most {@code limit}; the
     * optional filters narrow it. {@code vehicle} matches either party of a conflict.
     */
    public record Query(long fromMicros, long toMicros, int limit, Set<String> kinds, double[] box, String vehicle,
                        IntersectionId intersection) {

        public static final int MAX_LIMIT = 10_000;

        public Query {
            if (fromMicros > toMicros || limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("need from <= to and 1 <= limit <= " + MAX_LIMIT);
            }
            kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        }

        public static Query between(long fromMicros, long toMicros, int limit) {
            return new Query(fromMicros, toMicros, limit, Set.of(), null, null, null);
        }

        public Query withKinds(Set<String> k) {
            return new Query(fromMicros, toMicros, limit, k, box, vehicle, intersection);
        }

        /** {minLat, minLon, maxLat, maxLon}. */
        public Query withBox(double[] b) {
            return new Query(fromMicros, toMicros, limit, kinds, b, vehicle, intersection);
        }

        public Query withVehicle(String v) {
            return new Query(fromMicros, toMicros, limit, kinds, box, v, intersection);
        }

        public Query withIntersection(IntersectionId id) {
            return new Query(fromMicros, toMicros, limit, kinds, box, vehicle, id);
        }
    }

    /** The safety events the query selects, newest first. */
    public List<Event> query(Query q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + EVENT_COLUMNS + " FROM safety_event WHERE ");
        List<Object> args = new ArrayList<>();
        where(q, sql, args);
        sql.append(" ORDER BY time_micros DESC, seq DESC LIMIT ?");
        args.add(q.limit());
        List<Event> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, args);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(event(rs));
            }
        }
        return out;
    }

    /** Counts per stored H3 cell and kind of the events the query selects (its limit does not apply). */
    public List<CellCount> cellCounts(Query q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT h3_cell, kind, COUNT(*) FROM safety_event WHERE ");
        List<Object> args = new ArrayList<>();
        where(q, sql, args);
        sql.append(" AND h3_cell IS NOT NULL GROUP BY h3_cell, kind");
        List<CellCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, args);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new CellCount(rs.getLong(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return out;
    }

    private static void where(Query q, StringBuilder sql, List<Object> args) {
        sql.append("time_micros >= ? AND time_micros < ?");
        args.add(q.fromMicros());
        args.add(q.toMicros());
        if (q.box() != null) {
            sql.append(" AND lat_deg BETWEEN ? AND ? AND lon_deg BETWEEN ? AND ?");
            args.addAll(List.of(q.box()[0], q.box()[2], q.box()[1], q.box()[3]));
        }
        if (!q.kinds().isEmpty()) {
            sql.append(" AND kind IN (").append(String.join(", ", Collections.nCopies(q.kinds().size(), "?")))
                    .append(')');
            q.kinds().stream().sorted().forEach(args::add);
        }
        if (q.vehicle() != null) {
            sql.append(" AND (vehicle_id = ? OR other_id = ?)");
            args.add(q.vehicle());
            args.add(q.vehicle());
        }
        if (q.intersection() != null) {
            sql.append(" AND region = ? AND intersection_id = ?");
            args.add(q.intersection().regionId());
            args.add(q.intersection().id());
        }
    }

    private static PreparedStatement prepare(Connection c, CharSequence sql, List<Object> args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql.toString());
        for (int k = 0; k < args.size(); k++) {
            ps.setObject(k + 1, args.get(k));
        }
        return ps;
    }

    private static Event event(ResultSet rs) throws SQLException {
        long cell = rs.getLong(6);
        int region = rs.getInt(7);
        IntersectionId at = rs.wasNull() ? null : new IntersectionId(region, rs.getInt(8));
        int group = rs.getInt(9);
        if (rs.wasNull()) {
            group = -1;
        }
        return new Event(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5), cell, at,
                group, rs.getString(10), rs.getString(11), nullable(rs, 12), nullable(rs, 13), nullable(rs, 14),
                rs.getString(15));
    }

    private static double nullable(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? Double.NaN : v;
    }

    /** The signal monitor's findings in [from, to) of message time, newest first; intersection null: all. */
    public List<Issue> issues(long fromMicros, long toMicros, IntersectionId intersection, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT seq, kind, time_micros, region, intersection_id, signal_group, "
                + "vehicle_id, detail FROM signal_issue WHERE time_micros >= ? AND time_micros < ?");
        List<Object> args = new ArrayList<>(List.of(fromMicros, toMicros));
        if (intersection != null) {
            sql.append(" AND region = ? AND intersection_id = ?");
            args.add(intersection.regionId());
            args.add(intersection.id());
        }
        sql.append(" ORDER BY time_micros DESC, seq DESC LIMIT ?");
        args.add(limit);
        List<Issue> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, args);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int group = rs.getInt(6);
                if (rs.wasNull()) {
                    group = -1;
                }
                out.add(new Issue(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        new IntersectionId(rs.getInt(4), rs.getInt(5)), group, rs.getString(7), rs.getString(8)));
            }
        }
        return out;
    }

    /** Findings per intersection and kind in [from, to) of message time. */
    public record IssueCount(IntersectionId intersection, String kind, long count) {
    }

    public List<IssueCount> issueCounts(long fromMicros, long toMicros) throws SQLException {
        List<IssueCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, "SELECT region, "
                + "intersection_id, kind, COUNT(*) FROM signal_issue WHERE time_micros >= ? AND time_micros < ? "
                + "GROUP BY region, intersection_id, kind", List.of(fromMicros, toMicros));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new IssueCount(new IntersectionId(rs.getInt(1), rs.getInt(2)), rs.getString(3),
                        rs.getLong(4)));
            }
        }
        return out;
    }

    /** Stops taking rows and writes those queued. */
    @Override
    public void close() {
        try {
            events.close();
        } finally {
            issues.close();
        }
    }
}
