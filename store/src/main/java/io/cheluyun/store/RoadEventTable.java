package io.cheluyun.store;

import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.RoadEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Road events and geofences operators announced: the event as JSON (the caller's serialisation of
 * {@link RoadEvent}) with its type, bounding box and validity as columns. Writes commit before they return.
 * Thread-safe.
 */
public final class RoadEventTable {

    /** One stored event. */
    public record Row(String id, String type, long validFromMicros, long validUntilMicros, String createdBy,
                      Instant createdAt, Instant endedAt, String json) {
    }

    private final DataSource dataSource;

    RoadEventTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new event; false when its id exists. */
    public boolean add(RoadEvent e, String json, String createdBy, Instant now) throws SQLException {
        double minLat = Double.MAX_VALUE;
        double minLon = Double.MAX_VALUE;
        double maxLat = -Double.MAX_VALUE;
        double maxLon = -Double.MAX_VALUE;
        for (GeoPoint p : e.area()) {
            minLat = Math.min(minLat, p.latDeg());
            minLon = Math.min(minLon, p.lonDeg());
            maxLat = Math.max(maxLat, p.latDeg());
            maxLon = Math.max(maxLon, p.lonDeg());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO road_event (id, type, min_lat_deg, min_lon_deg, max_lat_deg, max_lon_deg, "
                        + "valid_from_micros, valid_until_micros, created_by, created_at, body) SELECT ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM road_event WHERE id = ?)")) {
            ps.setString(1, e.eventId());
            ps.setString(2, e.type().name());
            ps.setDouble(3, minLat);
            ps.setDouble(4, minLon);
            ps.setDouble(5, maxLat);
            ps.setDouble(6, maxLon);
            ps.setLong(7, e.startMicros());
            ps.setLong(8, e.endMicros());
            ps.setString(9, createdBy);
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setString(11, json);
            ps.setString(12, e.eventId());
            return ps.executeUpdate() == 1;
        }
    }

    /** Ends an event early: its validity now ends at {@code untilMicros}; false when unknown or already ended. */
    public boolean end(String id, long untilMicros, String json, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE road_event SET valid_until_micros = ?, ended_at = ?, body = ? WHERE id = ? AND ended_at IS "
                        + "NULL")) {
            ps.setLong(1, untilMicros);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, json);
            ps.setString(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<Row> get(String id) throws SQLException {
        List<Row> rows = select(" WHERE id = ?", ps -> ps.setString(1, id));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** The events in force at {@code atMicros} (all: every event), newest first, at most {@code limit}. */
    public List<Row> list(boolean all, long atMicros, int limit) throws SQLException {
        if (all) {
            return select(" ORDER BY created_at DESC, id LIMIT ?", ps -> ps.setInt(1, limit));
        }
        return select(" WHERE valid_from_micros <= ? AND valid_until_micros > ? ORDER BY created_at DESC, id LIMIT ?",
                ps -> {
                    ps.setLong(1, atMicros);
                    ps.setLong(2, atMicros);
                    ps.setInt(3, limit);
                });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Row> select(String where, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, type, valid_from_micros, valid_until_micros, created_by, created_at, ended_at, body "
                        + "FROM road_event" + where)) {
            binder.bind(ps);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp ended = rs.getTimestamp(7);
                    out.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), ended == null ? null : ended.toInstant(),
                            rs.getString(8)));
                }
            }
            return out;
        }
    }
}
