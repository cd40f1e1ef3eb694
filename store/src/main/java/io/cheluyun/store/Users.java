package io.cheluyun.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Operators and their API tokens. The store keeps what the server's authentication gives it and nothing it could
 * leak: a password only as the hash string the server computed (salted, slow), a bearer token only as its SHA-256.
 * Writes are committed before they return. Thread-safe.
 */
public final class Users {

    /** What an operator may do: read (viewer), change road events and devices (operator), manage users (admin). */
    public enum Role {
        VIEWER, OPERATOR, ADMIN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Role of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }

        /** Whether this role includes everything {@code other} may do. */
        public boolean atLeast(Role other) {
            return compareTo(other) >= 0;
        }
    }

    /** One operator. */
    public record User(String username, String passwordHash, Role role, boolean disabled, Instant createdAt) {
    }

    /** A token's owner and expiry. */
    public record Token(String username, Role role, Instant expiresAt) {
    }

    private final DataSource dataSource;

    Users(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates a user; false when the name is taken. */
    public boolean create(String username, String passwordHash, Role role, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app_user (username, password_hash, role, disabled, created_at) SELECT ?, ?, ?, FALSE, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM app_user WHERE username = ?)")) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, role.label());
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, username);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<User> find(String username) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username, password_hash, role, disabled, created_at FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    /** Every user, by name. */
    public List<User> all() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username, password_hash, role, disabled, created_at FROM app_user ORDER BY username");
             ResultSet rs = ps.executeQuery()) {
            List<User> out = new ArrayList<>();
            while (rs.next()) {
                out.add(user(rs));
            }
            return out;
        }
    }

    /** Changes role and disabled flag; a disabled user's tokens stop working at once. False when no such user. */
    public boolean update(String username, Role role, boolean disabled) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE app_user SET role = ?, disabled = ? WHERE username = ?")) {
            ps.setString(1, role.label());
            ps.setBoolean(2, disabled);
            ps.setString(3, username);
            return ps.executeUpdate() == 1;
        }
    }

    /** Records a bearer token (its SHA-256, hex) for {@code username} until {@code expiresAt}. */
    public void addToken(String tokenSha256, String username, Instant now, Instant expiresAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_token (token_sha256, username, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, tokenSha256);
            ps.setString(2, username);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(expiresAt));
            ps.executeUpdate();
        }
    }

    /** The token's owner while it is valid at {@code now} and the owner is enabled; empty otherwise. */
    public Optional<Token> token(String tokenSha256, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT u.username, u.role, t.expires_at FROM api_token t JOIN app_user u ON u.username = t.username "
                        + "WHERE t.token_sha256 = ? AND t.expires_at > ? AND NOT u.disabled")) {
            ps.setString(1, tokenSha256);
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Token(rs.getString(1), Role.of(rs.getString(2)),
                        rs.getTimestamp(3).toInstant())) : Optional.empty();
            }
        }
    }

    /** Revokes one token (logout); false when it was not there. */
    public boolean revokeToken(String tokenSha256) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM api_token WHERE token_sha256 = ?")) {
            ps.setString(1, tokenSha256);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the tokens that expired before {@code now}; returns how many. */
    public int purgeExpiredTokens(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM api_token WHERE expires_at <= ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            return ps.executeUpdate();
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), Role.of(rs.getString(3)), rs.getBoolean(4),
                rs.getTimestamp(5).toInstant());
    }
}
