package io.cheluyun.server;

import io.cheluyun.apps.scenario.CityScenario;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.sim.SumoRun;
import io.cheluyun.sim.SumoScenario;
import io.cheluyun.store.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code cheluyun} command line. Data (warnings) goes to stdout as JSON lines; progress to stderr. */
@Command(name = "cheluyun", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Cheluyun (车路云): open C-V2X vehicle-road-cloud coordination platform.",
        subcommands = {Main.DemoCommand.class, Main.ServeCommand.class, Main.ReplayCommand.class,
                Main.MisbehaviourEvalCommand.class, SimCommand.class, ClosedLoopCommand.class, LoadCommand.class, DecodeCommand.class, EncodeCommand.class,
                Main.VersionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs a command line with the given streams; returns the exit code (0 ok, 1 failure, 2 usage). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("cheluyun: " + e.getMessage());
            return 1;
        });
        Streams.OUT.set(out);
        Streams.ERR.set(err);
        try {
            return cli.execute(args);
        } finally {
            Streams.OUT.remove();
            Streams.ERR.remove();
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The streams of the current {@link #execute} call, so commands can be run in-process by tests. */
    static final class Streams {
        static final ThreadLocal<PrintStream> OUT = new ThreadLocal<>();
        static final ThreadLocal<PrintStream> ERR = new ThreadLocal<>();

        private Streams() {
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cheluyun " + (v == null ? "development build" : v) + " (Java "
                    + Runtime.version() + ")"};
        }
    }

    /** Options every running command shares. */
    static final class ConfigOptions {
        @Option(names = "--config", paramLabel = "FILE",
                description = "YAML configuration (see config/cheluyun.example.yaml); env CHELUYUN_* overrides it")
        Path config;

        CheluyunConfig load() {
            return new ConfigLoader().load(config, System.getenv());
        }
    }

    /**
     * Ctrl-C for a running command: the JVM's shutdown hook raises the signal and then waits until the command has
     * closed this (after shutting the platform down cleanly), so queued warnings are still written.
     */
    static final class StopSignal implements AutoCloseable {
        private final CountDownLatch stop = new CountDownLatch(1);
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cheluyun-shutdown");

        StopSignal() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        boolean requested() {
            return stop.getCount() == 0;
        }

        /** Until the signal, or for {@code duration} at most (null: no limit). */
        void await(Duration duration) throws InterruptedException {
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting through the hook: nothing to remove
            }
        }
    }

    @Command(name = "version", description = "Print the version.")
    static final class VersionCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            Streams.OUT.get().println(new Version().getVersion()[0]);
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = {"Run a scenario through the real pipeline in real time, repeated: SUMO traffic on the "
                    + "Changchun grid when Debian's sumo is installed, else the built-in city scenario (every Day-1 "
                    + "hazard once in 30 s). Warnings are printed as JSON lines and sent to the demo RSU over the "
                    + "embedded MQTT broker; /health, /metrics and the WebSocket warning feed are served over HTTP."})
    static final class DemoCommand implements Callable<Integer> {
        /** The demo's accounts, one per role: printed at start, never for {@code serve}. */
        static final String[][] DEMO_USERS = {{"admin", "cheluyun-admin"}, {"operator", "cheluyun-operator"},
            {"viewer", "cheluyun-viewer"}};

        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
                description = "How long to run (e.g. 10s, 2m); default: until interrupted")
        Duration duration;

        @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 8080; 0 picks a free one)")
        Integer port;

        @Option(names = "--record", paramLabel = "FILE",
                description = "Also write every input message to FILE as replay JSON lines")
        Path record;

        @Option(names = "--source", defaultValue = "auto", paramLabel = "auto|sumo|scripted",
                description = "sumo: the SUMO scenario (needs Debian sumo); scripted: the built-in city scenario; "
                        + "auto: sumo when it is installed (default ${DEFAULT-VALUE})")
        String source;

        @Option(names = "--scenario", paramLabel = "DIR",
                description = "SUMO scenario for --source sumo/auto (default: scenarios/changchun-grid of this "
                        + "checkout)")
        Path scenario;

        @Option(names = "--sumo", defaultValue = "sumo", paramLabel = "FILE",
                description = "The sumo binary (default: sumo on PATH)")
        String sumo;

        @Override
        public Integer call() throws Exception {
            PrintStream out = Streams.OUT.get();
            PrintStream err = Streams.ERR.get();
            if (!List.of("auto", "sumo", "scripted").contains(source)) {
                err.println("demo: --source is auto, sumo or scripted, got " + source);
                return 2;
            }
            Path scenarioDir = scenario != null ? scenario
                    : Path.of(System.getProperty("cheluyun.home", ".")).resolve("scenarios/changchun-grid");
            boolean useSumo = switch (source) {
                case "sumo" -> true;
                case "scripted" -> false;
                default -> Files.isDirectory(scenarioDir) && SumoRun.available(sumo);
            };
            if (source.equals("auto")) {
                err.println(useSumo ? "cheluyun demo: sumo is installed: SUMO traffic on " + scenarioDir
                        + " (--source scripted plays the built-in city scenario instead)"
                        : "cheluyun demo: no sumo (apt-get install -y sumo) or no " + scenarioDir
                        + ": playing the built-in city scenario");
            }
            SumoScenario sumoScenario = useSumo ? SumoScenario.open(scenarioDir) : null;
            CheluyunConfig config = configOptions.load();
            if (port != null) {
                config = config.withHttpPort(port);
            }
            config = DemoEdge.configure(config);
            double cycleS = useSumo && !Double.isNaN(sumoScenario.endS()) ? sumoScenario.endS() : 300;
            try (StopSignal stop = new StopSignal();
                 PrintStream recordOut = record == null ? null
                    : new PrintStream(Files.newOutputStream(record), false, StandardCharsets.UTF_8);
                 SumoRun outputs = useSumo ? SumoRun.outputs(sumoScenario, cycleS, sumo, "cheluyun demo", err)
                         : null) {
                Platform platform = new Platform(config, List.of(new JsonLinesWarningSink(out)), System::nanoTime,
                        Platform.StoreMode.OPTIONAL);
                Demo.Result result;
                try {
                    platform.start();
                    DemoEdge.start(platform, useSumo ? sumoScenario.net().centre()
                            : new GeoPoint(CityScenario.ORIGIN_LAT_DEG, CityScenario.ORIGIN_LON_DEG), err);
                    int boundPort = platform.startHttp();
                    if (platform.api() != null) {
                        for (String[] u : DEMO_USERS) {
                            platform.api().ensureUser(u[0], u[1], Users.Role.of(u[0]));
                        }
                        err.printf("cheluyun demo: API users (demo only): admin / %s, operator / %s, viewer / %s; "
                                + "POST /api/v1/auth/login, API described at /openapi.json%n", DEMO_USERS[0][1],
                                DEMO_USERS[1][1], DEMO_USERS[2][1]);
                    }
                    if (platform.api() != null) {
                        err.printf("cheluyun demo: dashboard at http://%s:%d/ (log in as operator / %s)%n",
                                displayHost(config.http().host()), boundPort, DEMO_USERS[1][1]);
                    }
                    err.printf("cheluyun demo: %d shard(s); warnings history %s; http://%s:%d/health and /metrics%s%n",
                            config.pipeline().shards(), platform.store() == null ? "off (the store did not open)"
                                    : "in " + platform.store().vendor() + " (store.url)",
                            displayHost(config.http().host()), boundPort,
                            duration == null ? "; Ctrl-C stops"
                                    : "; running for " + duration.toMillis() / 1000.0 + " s");
                    Clock clock = Clock.systemUTC();
                    Demo demo = new Demo(platform, clock, Demo.sleeping(clock), err, recordOut);
                    if (useSumo) {
                        result = demo.runSumo(sumoScenario, outputs, cycleS, duration, stop::requested);
                    } else {
                        result = demo.run(duration, stop::requested);
                    }
                    platform.awaitProcessed(Duration.ofSeconds(5));
                } finally {
                    platform.close(); // stops the shards and writes every warning still queued
                }
                err.printf("cheluyun demo: %d messages in %d cycle(s), %d shed, %d warning(s)%n",
                        result.messages(), result.cycles(), result.shed(), platform.warningsDispatched());
                return 0;
            }
        }

        private static String displayHost(String host) {
            return host.equals("0.0.0.0") ? "localhost" : host;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Run the platform for real traffic: the edge's configured transports (UDP ports, MQTT "
                    + "broker or client, WebSocket), the twin and applications, the downlink, /health and /metrics. "
                    + "Warnings are printed as JSON lines. See docs/edge.md."})
    static final class ServeCommand implements Callable<Integer> {
        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
                description = "How long to run (e.g. 10s, 2m); default: until interrupted")
        Duration duration;

        @Override
        public Integer call() throws Exception {
            PrintStream out = Streams.OUT.get();
            PrintStream err = Streams.ERR.get();
            CheluyunConfig config = configOptions.load();
            try (StopSignal stop = new StopSignal();
                 Platform platform = new Platform(config, List.of(new JsonLinesWarningSink(out)), System::nanoTime,
                         Platform.StoreMode.REQUIRED)) {
                platform.start();
                platform.startEdge();
                int httpPort = platform.startHttp();
                if (platform.store().users().all().isEmpty()) {
                    String password = newPassword();
                    platform.api().ensureUser("admin", password, Users.Role.ADMIN);
                    err.printf("cheluyun serve: no users yet: created 'admin' with password %s (shown once; log in "
                            + "and create your operators with POST /api/v1/users)%n", password);
                }
                err.printf("cheluyun serve: %s; store %s; http port %d%s%n", platform.edge().describe(),
                        platform.store().vendor(), httpPort,
                        duration == null ? "; Ctrl-C stops" : "; running for " + duration.toMillis() / 1000.0 + " s");
                stop.await(duration);
                return 0;
            }
        }
    }

    /** 18 random bytes as base64url: 24 characters, 144 bits. */
    static String newPassword() {
        byte[] b = new byte[18];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Command(name = "misbehaviour-eval", mixinStandardHelpOptions = true,
            description = {"Run the VeReMi-style evaluation of the misbehaviour detector (docs/security.md): honest "
                    + "grid traffic with 10 % attackers of each attack type, attacks from mid-trip and from the "
                    + "first message; prints the two tables as Markdown."})
    static final class MisbehaviourEvalCommand implements Callable<Integer> {
        @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Trace seed (default 1)")
        long seed;

        @Override
        public Integer call() {
            PrintStream out = Streams.OUT.get();
            var params = io.cheluyun.edge.misbehaviour.AttackTraces.Params.defaults();
            var config = io.cheluyun.edge.misbehaviour.MisbehaviourConfig.defaults();
            out.println("Attacks from mid-trip (onset 5–15 s):\n");
            out.println(io.cheluyun.edge.misbehaviour.MisbehaviourEvaluation.run(seed, config, params).markdown());
            out.println("Attacks from the first message (VeReMi's setting):\n");
            out.println(io.cheluyun.edge.misbehaviour.MisbehaviourEvaluation.run(seed, config,
                    params.withColdStart(true)).markdown());
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Replay canonical VehicleState JSON lines (docs/replay-format.md) deterministically and "
                    + "print the warnings as JSON lines. Bad lines are reported with their number and skipped."})
    static final class ReplayCommand implements Callable<Integer> {
        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON lines file, or - for stdin")
        String input;

        @Option(names = "--max-line-chars", paramLabel = "N", defaultValue = "65536",
                description = "Longer lines are rejected as oversized (default ${DEFAULT-VALUE})")
        int maxLineChars;

        @Option(names = "--strict", description = "Exit with status 3 if any line was rejected")
        boolean strict;

        @Override
        public Integer call() throws IOException {
            PrintStream out = Streams.OUT.get();
            PrintStream err = Streams.ERR.get();
            CheluyunConfig config = configOptions.load();
            try (Reader reader = open(input);
                 Platform platform = new Platform(config, List.of(new JsonLinesWarningSink(out)), System::nanoTime)) {
                Replay.Result r = new Replay(platform, err, maxLineChars, 50).run(reader, input);
                long stale = platform.pipeline().workers().stream().mapToLong(w -> w.staleCount()).sum();
                err.printf("replay: %d line(s): %d replayed, %d rejected %s, %d stale (older than the vehicle's "
                                + "last state), %d shed; %d warning(s)%n", r.lines(), r.replayed(), r.rejectedTotal(),
                        r.rejected(), stale, r.shed(), platform.warningsDispatched());
                return strict && r.rejectedTotal() > 0 ? 3 : 0;
            }
        }

        private static Reader open(String input) throws IOException {
            if (input.equals("-")) {
                return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            Path path = Path.of(input);
            if (!Files.isRegularFile(path)) {
                throw new IOException("replay input '" + input + "' is not a readable file");
            }
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        }
    }
}
