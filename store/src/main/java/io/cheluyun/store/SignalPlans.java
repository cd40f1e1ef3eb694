package io.cheluyun.store;

import io.cheluyun.model.IntersectionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The signal timing plan an operator recorded for each intersection (the caller's JSON), one per intersection.
 * Writes commit before they return. Thread-safe.
 */
public final class SignalPlans {

    /** A stored plan. */
    public record Plan(IntersectionId intersection, String json, Instant updatedAt) {
    }

    private final DataSource dataSource;

    SignalPlans(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores or replaces the plan; true when it replaced one. */
    public boolean put(IntersectionId id, String json, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement("UPDATE signal_plan SET body = ?, updated_at = ? "
                    + "WHERE region = ? AND intersection_id = ?")) {
                up.setString(1, json);
                up.setTimestamp(2, Timestamp.from(now));
                up.setInt(3, id.regionId());
                up.setInt(4, id.id());
                boolean replaced = up.executeUpdate() > 0;
                if (!replaced) {
                    try (PreparedStatement in = c.prepareStatement("INSERT INTO signal_plan (body, updated_at, "
                            + "region, intersection_id) VALUES (?, ?, ?, ?)")) {
                        in.setString(1, json);
                        in.setTimestamp(2, Timestamp.from(now));
                        in.setInt(3, id.regionId());
                        in.setInt(4, id.id());
                        in.executeUpdate();
                    }
                }
                c.commit();
                return replaced;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<Plan> get(IntersectionId id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT body, "
                + "updated_at FROM signal_plan WHERE region = ? AND intersection_id = ?")) {
            ps.setInt(1, id.regionId());
            ps.setInt(2, id.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Plan(id, rs.getString(1), rs.getTimestamp(2).toInstant()))
                        : Optional.empty();
            }
        }
    }
}
