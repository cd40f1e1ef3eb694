package io.cheluyun.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Who changed what, when: one row per management change, written in the same way as the change (synchronously,
 * committed before the caller answers). Thread-safe.
 */
public final class AuditLog {

    /** One change. {@code detail} is free text or JSON (what was sent), never a secret. */
    public record Entry(long seq, Instant at, String actor, String action, String entity, String entityId,
                        String detail) {
    }

    private final DataSource dataSource;

    AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a change; returns its sequence number. */
    public long record(Instant at, String actor, String action, String entity, String entityId, String detail)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
                new String[] {"seq"})) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, entity);
            ps.setString(5, entityId);
            ps.setString(6, detail);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Changes within {@code [from, to)}, newest first, at most {@code limit}. */
    public List<Entry> between(Instant from, Instant to, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT seq, at, actor, action, entity, entity_id, detail FROM audit_log WHERE at >= ? AND at < ? "
                        + "ORDER BY seq DESC LIMIT ?")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setInt(3, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        }
    }
}
