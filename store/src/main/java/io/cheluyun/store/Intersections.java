package io.cheluyun.store;

import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.MapIntersection;
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
 * Intersections and their MAP versions: each upload or newly received revision is kept (the MAP as the caller's
 * JSON of {@link MapIntersection}), the intersection row names the latest. Writes commit before they return.
 * Thread-safe.
 */
public final class Intersections {

    /** An intersection with its latest MAP version. */
    public record Row(IntersectionId id, String name, double latDeg, double lonDeg, int revision, String source,
                      Instant updatedAt, String json) {
    }

    /** One stored MAP version. */
    public record Version(long seq, int revision, String source, Instant receivedAt) {
    }

    private final DataSource dataSource;

    Intersections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a MAP: the intersection row is created or updated, and a version is added unless the latest stored
     * version has the same JSON. Returns whether a version was added.
     */
    public boolean put(MapIntersection map, String json, String source, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<String> latest = latestJson(c, map.id());
                try (PreparedStatement up = c.prepareStatement("UPDATE intersection SET name = ?, lat_deg = ?, "
                        + "lon_deg = ?, updated_at = ? WHERE region = ? AND id = ?")) {
                    up.setString(1, map.name());
                    up.setDouble(2, map.referencePoint().latDeg());
                    up.setDouble(3, map.referencePoint().lonDeg());
                    up.setTimestamp(4, Timestamp.from(now));
                    up.setInt(5, map.id().regionId());
                    up.setInt(6, map.id().id());
                    if (up.executeUpdate() == 0) {
                        try (PreparedStatement in = c.prepareStatement("INSERT INTO intersection (name, lat_deg, "
                                + "lon_deg, updated_at, region, id) VALUES (?, ?, ?, ?, ?, ?)")) {
                            in.setString(1, map.name());
                            in.setDouble(2, map.referencePoint().latDeg());
                            in.setDouble(3, map.referencePoint().lonDeg());
                            in.setTimestamp(4, Timestamp.from(now));
                            in.setInt(5, map.id().regionId());
                            in.setInt(6, map.id().id());
                            in.executeUpdate();
                        }
                    }
                }
                boolean added = latest.isEmpty() || !latest.get().equals(json);
                if (added) {
                    try (PreparedStatement v = c.prepareStatement("INSERT INTO map_version (region, intersection_id, "
                            + "revision, source, received_at, body) VALUES (?, ?, ?, ?, ?, ?)")) {
                        v.setInt(1, map.id().regionId());
                        v.setInt(2, map.id().id());
                        v.setInt(3, map.revision());
                        v.setString(4, source);
                        v.setTimestamp(5, Timestamp.from(now));
                        v.setString(6, json);
                        v.executeUpdate();
                    }
                }
                c.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Optional<String> latestJson(Connection c, IntersectionId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM map_version WHERE region = ? AND "
                + "intersection_id = ? ORDER BY seq DESC LIMIT 1")) {
            ps.setInt(1, id.regionId());
            ps.setInt(2, id.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static final String LATEST = "SELECT i.region, i.id, i.name, i.lat_deg, i.lon_deg, v.revision, "
            + "v.source, i.updated_at, v.body FROM intersection i JOIN map_version v ON v.region = i.region AND "
            + "v.intersection_id = i.id AND v.seq = (SELECT MAX(seq) FROM map_version m WHERE m.region = i.region "
            + "AND m.intersection_id = i.id)";

    /** Every intersection with its latest MAP, by region and id. */
    public List<Row> all() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(LATEST + " ORDER BY i.region, i.id");
             ResultSet rs = ps.executeQuery()) {
            List<Row> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        }
    }

    public Optional<Row> get(IntersectionId id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(LATEST + " WHERE i.region = ? AND i.id = ?")) {
            ps.setInt(1, id.regionId());
            ps.setInt(2, id.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(new IntersectionId(rs.getInt(1), rs.getInt(2)), rs.getString(3), rs.getDouble(4),
                rs.getDouble(5), rs.getInt(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9));
    }

    /** The stored MAP versions of an intersection, newest first. */
    public List<Version> versions(IntersectionId id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT seq, "
                + "revision, source, received_at FROM map_version WHERE region = ? AND intersection_id = ? "
                + "ORDER BY seq DESC")) {
            ps.setInt(1, id.regionId());
            ps.setInt(2, id.id());
            try (ResultSet rs = ps.executeQuery()) {
                List<Version> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Version(rs.getLong(1), rs.getInt(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
                return out;
            }
        }
    }
}
