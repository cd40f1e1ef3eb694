package io.cheluyun.store;

/**
 * Where and how the platform persists (config section {@code store}).
 *
 * @param url             JDBC URL: {@code jdbc:h2:file:…} (embedded, the default: a file under the data
 *                        directory, nothing to install) or {@code jdbc:postgresql://host/db} (production, with PostGIS)
 * @param user            database user ({@code sa} for the embedded default)
 * @param password        database password (empty for the embedded default)
 * @param poolSize        JDBC connections (2: one for the batch writer, one for queries and management writes)
 * @param batchSize       warnings per INSERT batch (500: large enough that a batch costs one round trip and one
 *                        commit for a second of a busy city's warnings, small enough to keep a commit short)
 * @param flushIntervalMs the writer commits at least this often while warnings arrive (200 ms: a warning is
 *                        queryable within a fraction of a second, and a crash loses at most that much history)
 * @param queueCapacity   warnings waiting for the writer (65 536, as a pipeline shard's queue); beyond it new ones
 *                        are dropped and counted, the pipeline never waits for the database
 */
public record StoreConfig(String url, String user, String password, int poolSize, int batchSize, int flushIntervalMs,
                          int queueCapacity) {

    /** The embedded default: an H2 file {@code ./data/cheluyun.mv.db}. */
    public static StoreConfig defaults() {
        return new StoreConfig(h2File("./data/cheluyun"), "sa", "", 2, 500, 200, 65_536);
    }

    /**
     * An embedded H2 database in file {@code path}{@code .mv.db}, in PostgreSQL compatibility mode. {@code
     * WRITE_DELAY=0}: a commit is written to the file before it returns (H2's default delays it by 500 ms), so a
     * management change that was acknowledged survives the process being killed.
     */
    public static String h2File(String path) {
        return "jdbc:h2:file:" + path + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";WRITE_DELAY=0";
    }

    /** Checks every value; the exception names the key ({@code store.<key>}). */
    public StoreConfig conclude() {
        if (url == null || !(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("store.url must be a jdbc:h2: or jdbc:postgresql: URL, got " + url);
        }
        if (user == null || password == null) {
            throw new IllegalArgumentException("store.user and store.password must be set (may be empty)");
        }
        check("poolSize", poolSize, 1, 64);
        check("batchSize", batchSize, 1, 100_000);
        check("flushIntervalMs", flushIntervalMs, 1, 60_000);
        check("queueCapacity", queueCapacity, 1, 1 << 24);
        return this;
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("store." + key + " must be within " + min + ".." + max + ", got "
                    + value);
        }
    }

    /** {@code h2} or {@code postgresql}. */
    public String vendor() {
        return url.startsWith("jdbc:h2:") ? "h2" : "postgresql";
    }
}
