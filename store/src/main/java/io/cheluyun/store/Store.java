package io.cheluyun.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's database: a connection pool, the schema migrated to the latest version on open (Flyway:
 * {@code db/migration/common} for both databases, then {@code db/migration/h2} or {@code db/migration/postgresql}),
 * and the tables' access objects. Thread-safe. Management writes ({@link #devices()}, {@link #audit()}, …) are
 * synchronous and committed before they return; warnings go through {@link #warnings()}, a batched writer off the
 * pipeline threads.
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private final StoreConfig config;
    private final HikariDataSource dataSource;
    private final WarningLog warnings;
    private final AuditLog audit;
    private final Documents devices;
    private final Users users;
    private final RoadEventTable roadEvents;
    private final SafetyLog safety;
    private final KpiTable kpis;
    private final Intersections intersections;
    private final SignalPlans signalPlans;

    private Store(StoreConfig config, HikariDataSource dataSource, MeterRegistry meters) {
        this.config = config;
        this.dataSource = dataSource;
        this.audit = new AuditLog(dataSource);
        this.devices = new Documents(dataSource, "device");
        this.users = new Users(dataSource);
        this.roadEvents = new RoadEventTable(dataSource);
        this.warnings = new WarningLog(dataSource, config, meters);
        this.safety = new SafetyLog(dataSource, config, meters);
        this.kpis = new KpiTable(dataSource);
        this.intersections = new Intersections(dataSource);
        this.signalPlans = new SignalPlans(dataSource);
    }

    /** Opens (and creates or migrates) the database; a database that cannot be reached is a clear error. */
    public static Store open(StoreConfig config, MeterRegistry meters) {
        config.conclude();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.url());
        pool.setUsername(config.user());
        pool.setPassword(config.password());
        pool.setMaximumPoolSize(config.poolSize());
        pool.setPoolName("cheluyun-store");
        pool.setInitializationFailTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new IllegalStateException("store: cannot connect to " + redacted(config.url()) + ": "
                    + rootMessage(e), e);
        }
        try {
            MigrateResult result = Flyway.configure().dataSource(ds)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + config.vendor())
                    .load().migrate();
            LOG.info("store url={} schema version={} ({} migration(s) applied now)", redacted(config.url()),
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted);
            Store store = new Store(config, ds, meters);
            store.warnings.start();
            store.safety.start();
            return store;
        } catch (RuntimeException e) {
            ds.close();
            throw new IllegalStateException("store: cannot migrate " + redacted(config.url()) + ": "
                    + rootMessage(e), e);
        }
    }

    public StoreConfig config() {
        return config;
    }

    public String vendor() {
        return config.vendor();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Warnings: batched, asynchronous appends; queries by time, area, type, vehicle. */
    public WarningLog warnings() {
        return warnings;
    }

    /** Safety events and signal-monitor findings: batched, asynchronous appends; queries. */
    public SafetyLog safety() {
        return safety;
    }

    /** Operation KPIs per approach and interval. */
    public KpiTable kpis() {
        return kpis;
    }

    /** Intersections and their MAP versions. */
    public Intersections intersections() {
        return intersections;
    }

    /** The signal timing plan recorded per intersection. */
    public SignalPlans signalPlans() {
        return signalPlans;
    }

    /** Who changed what, when. */
    public AuditLog audit() {
        return audit;
    }

    /** The device registry's documents (RSUs, OBUs, application clients). */
    public Documents devices() {
        return devices;
    }

    /** Road events and geofences operators announced. */
    public RoadEventTable roadEvents() {
        return roadEvents;
    }

    /** Operators, roles and API tokens. */
    public Users users() {
        return users;
    }

    /** Whether the database answers (for /health). */
    public boolean healthy() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Writes the warnings still queued, then closes the pool. */
    @Override
    public void close() {
        try {
            warnings.close();
            safety.close();
        } finally {
            dataSource.close();
        }
    }

    /** The URL without a password parameter, for logs and errors. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
