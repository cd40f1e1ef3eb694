package io.cheluyun.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}, installed by
 * {@code .ci/run} with PostGIS), a fresh cluster in a temporary folder on a free loopback port, trust authentication
 * for the test user, stopped and deleted on close. PostgreSQL refuses to run as root, so as root the cluster belongs
 * to the {@code postgres} system user and its commands run through {@code runuser}.
 */
final class PostgresServer implements AutoCloseable {

    static final String USER = "cheluyun";
    static final String DATABASE = "cheluyun";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The newest installed server's bin folder, or null. */
    static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElse(null);
        }
    }

    static PostgresServer start(Path bin) throws IOException, InterruptedException, SQLException {
        Path dir = Files.createTempDirectory("cheluyun-pg-");
        boolean asPostgres = "root".equals(System.getProperty("user.name"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresServer pg = new PostgresServer(bin, dir, port, asPostgres);
        if (asPostgres) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        pg.pg("initdb", "-D", dir.resolve("data").toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8");
        pg.pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER,
                ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection c = DriverManager.getConnection(pg.url(), USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION postgis SCHEMA public"); // as a DBA would: the tests use several schemas
        }
        return pg;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private void pg(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
