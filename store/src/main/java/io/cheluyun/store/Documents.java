package io.cheluyun.store;

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
 * A table of JSON documents by id with a kind ({@code device}: the edge's registry entries). The store does not
 * interpret the JSON; the caller (which owns the type) maps it. Writes are committed before they return. Thread-safe.
 */
public final class Documents {

    /** One stored document. */
    public record Doc(String id, String kind, String json, Instant createdAt, Instant updatedAt) {
    }

    private final DataSource dataSource;
    private final String table;

    Documents(DataSource dataSource, String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
    }

    /** Creates or replaces document {@code id}; true when it was created. */
    public boolean put(String id, String kind, String json, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean created;
                try (PreparedStatement update = c.prepareStatement("UPDATE " + table
                        + " SET kind = ?, body = ?, updated_at = ? WHERE id = ?")) {
                    update.setString(1, kind);
                    update.setString(2, json);
                    update.setTimestamp(3, Timestamp.from(now));
                    update.setString(4, id);
                    created = update.executeUpdate() == 0;
                }
                if (created) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                            + " (id, kind, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                        insert.setString(1, id);
                        insert.setString(2, kind);
                        insert.setString(3, json);
                        insert.setTimestamp(4, Timestamp.from(now));
                        insert.setTimestamp(5, Timestamp.from(now));
                        insert.executeUpdate();
                    }
                }
                c.commit();
                return created;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<Doc> get(String id) throws SQLException {
        List<Doc> found = select(" WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** Every document, by id. */
    public List<Doc> all() throws SQLException {
        return select(" ORDER BY id", null);
    }

    /** Deletes document {@code id}; false when there was none. */
    public boolean delete(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    private List<Doc> select(String where, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, kind, body, created_at, updated_at FROM " + table + where)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<Doc> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Doc(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        }
    }
}
