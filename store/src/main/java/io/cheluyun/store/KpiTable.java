package io.cheluyun.store;

import io.cheluyun.model.IntersectionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Operation KPIs per intersection approach and interval (volume, mean speed, queue length, stops, travel time,
 * connected-vehicle penetration, RSU availability). A value written again for the same interval, approach and metric
 * replaces the old one. Thread-safe; writes commit before they return (one transaction per call).
 */
public final class KpiTable {

    /**
     * One value.
     *
     * @param approach  N / E / S / W, "*" for the whole intersection, an RSU id for availability
     */
    public record Row(long intervalStartMicros, int intervalS, IntersectionId intersection, String approach,
                      String metric, double value) {
    }

    private final DataSource dataSource;

    KpiTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the values (replacing any stored for the same key), in one transaction. */
    public void put(List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM kpi WHERE interval_start_micros = ? "
                    + "AND interval_s = ? AND region = ? AND intersection_id = ? AND approach = ? AND metric = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO kpi (interval_start_micros, interval_s, "
                         + "region, intersection_id, approach, metric, metric_value) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Row r : rows) {
                    bindKey(delete, r);
                    delete.addBatch();
                    bindKey(insert, r);
                    insert.setDouble(7, r.value());
                    insert.addBatch();
                }
                delete.executeBatch();
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void bindKey(PreparedStatement ps, Row r) throws SQLException {
        ps.setLong(1, r.intervalStartMicros());
        ps.setInt(2, r.intervalS());
        ps.setInt(3, r.intersection().regionId());
        ps.setInt(4, r.intersection().id());
        ps.setString(5, r.approach());
        ps.setString(6, r.metric());
    }

    /**
     * Values of intervals starting in [from, to), oldest first; {@code intersection} null: all; {@code metrics}
     * empty: all; at most {@code limit} rows.
     */
    public List<Row> query(long fromMicros, long toMicros, IntersectionId intersection, Set<String> metrics,
                           int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT interval_start_micros, interval_s, region, intersection_id, "
                + "approach, metric, metric_value FROM kpi WHERE interval_start_micros >= ? "
                + "AND interval_start_micros < ?");
        List<Object> args = new ArrayList<>(List.of(fromMicros, toMicros));
        if (intersection != null) {
            sql.append(" AND region = ? AND intersection_id = ?");
            args.add(intersection.regionId());
            args.add(intersection.id());
        }
        if (!metrics.isEmpty()) {
            sql.append(" AND metric IN (").append(String.join(", ", Collections.nCopies(metrics.size(), "?")))
                    .append(')');
            metrics.stream().sorted().forEach(args::add);
        }
        sql.append(" ORDER BY interval_start_micros, region, intersection_id, approach, metric LIMIT ?");
        args.add(limit);
        List<Row> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int k = 0; k < args.size(); k++) {
                ps.setObject(k + 1, args.get(k));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getInt(2), new IntersectionId(rs.getInt(3), rs.getInt(4)),
                            rs.getString(5), rs.getString(6), rs.getDouble(7)));
                }
            }
        }
        return out;
    }
}
