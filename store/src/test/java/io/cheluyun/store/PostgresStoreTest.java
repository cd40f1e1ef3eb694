package io.cheluyun.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL with PostGIS, started for this class ({@link PostgresServer}); each test
 * gets a fresh schema. Required in CI (.ci/run installs the server and PostGIS); skipped on a machine without them.
 */
class PostgresStoreTest extends StoreContract {

    private static PostgresServer server;
    private static int schemas;

    @BeforeAll
    static void startServer() throws Exception {
        Path bin = PostgresServer.binaries();
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(bin != null, "no PostgreSQL server installed (.ci/run installs it)");
        }
        server = PostgresServer.start(bin);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    StoreConfig config() throws Exception {
        String schema = "test" + (++schemas);
        try (Connection c = java.sql.DriverManager.getConnection(server.url(), PostgresServer.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        StoreConfig d = StoreConfig.defaults();
        return new StoreConfig(server.url() + "?currentSchema=" + schema + ",public", PostgresServer.USER, "",
                d.poolSize(), d.batchSize(), d.flushIntervalMs(), d.queueCapacity());
    }

    @Test
    void warningPositionsArePostgisPointsFoundThroughTheSpatialIndex() throws Exception {
        try (Store store = open(config())) {
            store.warnings().append(new Warning("FCW:a", WarningType.FCW, Severity.WARNING, "car", List.of(), T0,
                    T0 + 1, 2.0, 10.0, new GeoPoint(43.8401, 125.2003)));
            store.warnings().append(warning("FCW:b", 1));
            assertThat(store.warnings().flush(10_000)).isTrue();
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT warning_id, ST_AsText(geom) FROM warning WHERE geom && "
                         + "ST_MakeEnvelope(125.2002, 43.8400, 125.2004, 43.8402, 4326)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("FCW:a");
                assertThat(rs.getString(2)).isEqualTo("POINT(125.2003 43.8401)");
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
