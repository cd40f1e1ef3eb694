package io.cheluyun.server;

import io.cheluyun.apps.AppHost;
import io.cheluyun.apps.AppSuite;
import io.cheluyun.apps.ShardObservers;
import io.cheluyun.apps.analytics.SafetyAnalytics;
import io.cheluyun.apps.analytics.SignalMonitor;
import io.cheluyun.model.TileGrid;
import io.cheluyun.twin.ShardMap;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.edge.Admission;
import io.cheluyun.edge.Edge;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Transport;
import io.cheluyun.edge.json.InfrastructureJson;
import io.cheluyun.edge.json.WarningJson;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.server.api.Api;
import io.cheluyun.server.api.LiveFeed;
import io.cheluyun.server.api.PlatformView;
import io.cheluyun.twin.TwinSnapshot;
import io.cheluyun.store.Store;
import io.cheluyun.twin.Ingest;
import io.cheluyun.twin.Pipeline;
import io.cheluyun.twin.agent.AgentRunner;
import io.cheluyun.twin.agent.IdleStrategy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Cheluyun: ingest → shard workers (twin + applications) → warning dispatcher → sinks, with metrics
 * and, when asked, the HTTP endpoints. Runs threaded ({@link #start()}) or stepped on the caller's thread
 * ({@link #step()}), never both.
 */
public final class Platform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

    private final CheluyunConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Pipeline pipeline;
    private final List<AppHost> hosts;
    private final WarningDispatcher dispatcher;
    private final PlatformMetrics metrics;
    private final Edge edge;
    private final long startedNanos;
    private final LongSupplier nanoClock;
    private final Store store;
    private final Api api;
    private final LiveFeed live;
    private final AnalyticsHub analytics;
    /** Shard 0's monitor: the one that checks SPaT and MAP (they reach every shard). */
    private volatile SignalMonitor signalMonitor;
    /** Once-a-second work off the pipeline: the live snapshot, MAP versions into the store (threaded mode only). */
    private ScheduledExecutorService operations;
    private final Map<IntersectionId, MapIntersection> persistedMaps = new HashMap<>();
    private AgentRunner dispatcherRunner;
    private HttpEndpoints http;

    /** Whether the platform opens its database ({@code store} section). */
    public enum StoreMode {
        /** No database (tools, tests, the simulation's in-process runs). */
        NONE,
        /** Open it; if it cannot be opened, say so on the log and run without history (the demo). */
        OPTIONAL,
        /** Open it or fail to start ({@code serve}). */
        REQUIRED
    }

    /** A platform without a database. */
    public Platform(CheluyunConfig config, List<WarningDispatcher.Sink> sinks, LongSupplier nanoClock) {
        this(config, sinks, nanoClock, StoreMode.NONE);
    }

    public Platform(CheluyunConfig config, List<WarningDispatcher.Sink> sinks, LongSupplier nanoClock,
                    StoreMode storeMode) {
        this.config = config.conclude();
        this.nanoClock = nanoClock;
        this.startedNanos = nanoClock.getAsLong();
        List<WarningDispatcher.Sink> allSinks = new ArrayList<>(sinks);
        this.metrics = new PlatformMetrics(registry);
        allSinks.add(metrics.warningSink());
        // the edge's sink reads this.pipeline when a record arrives, which is after start(): never before it is set
        this.edge = Edge.create(this.config.edge(), this::admit, registry,
                () -> System.currentTimeMillis() * 1_000L, nanoClock);
        allSinks.add((warning, latencyNanos) -> edge.deliver(warning, nanoClock.getAsLong() - latencyNanos));
        this.store = openStore(this.config, storeMode, registry);
        this.live = store == null ? null : new LiveFeed(registry);
        this.api = store == null ? null : new Api(store, edge.registry(), edge.activity(),
                java.time.Clock.systemUTC(), new View(), live, this.config.analytics().kpiIntervalS(),
                jwt(this.config.auth()));
        if (store != null) {
            allSinks.add((warning, latencyNanos) -> store.warnings().append(warning)); // queued, never blocks
            allSinks.add((warning, latencyNanos) -> {
                if (live.hasSubscribers()) {
                    live.publish("warning", WarningJson.toJson(warning));
                }
            });
            loadDevices();
        }
        this.dispatcher = new WarningDispatcher(config.output().queueCapacity(), allSinks, nanoClock);
        this.analytics = new AnalyticsHub(store, live, this.config.analytics().kpiIntervalS(), edge.registry(),
                edge.activity(), registry);
        List<AppHost> created = Collections.synchronizedList(new ArrayList<>());
        AnalyticsConfig ac = this.config.analytics();
        ShardMap owners = new ShardMap(new TileGrid(config.pipeline().tileDeg()), config.pipeline().shards(),
                config.pipeline().haloM());
        this.pipeline = Pipeline.create(config.pipeline(), shard -> {
            AppHost host = new AppHost(AppSuite.create(config.apps()), dispatcher);
            created.add(host);
            if (!ac.enabled()) {
                return host;
            }
            // the monitor counts camera-only vehicles at an intersection in the shard owning its reference point
            SignalMonitor monitor = new SignalMonitor(ac.signals(), analytics, shard == 0,
                    (lat, lon) -> owners.ownerOf(lat, lon) == shard);
            if (shard == 0) {
                signalMonitor = monitor;
            }
            return ShardObservers.of(ac.safety().enabled()
                    ? List.of(host, new SafetyAnalytics(ac.safety(), analytics), monitor) : List.of(host, monitor));
        }, nanoClock);
        this.hosts = List.copyOf(created);
        metrics.bind(pipeline, hosts, dispatcher);
        if (api != null) {
            for (io.cheluyun.model.RoadEvent e : inForce()) {
                ScenarioRunner.offer(pipeline.ingest(), e); // the twin knows again what operators announced
            }
        }
    }

    /** What the API sees of the running platform. */
    private final class View implements PlatformView {
        @Override
        public List<String> announce(io.cheluyun.model.RoadEvent event) {
            return Platform.this.announce(event);
        }

        @Override
        public TwinSnapshot snapshot() {
            return pipeline.snapshot();
        }

        @Override
        public String offerMap(MapIntersection map) {
            return switch (ScenarioRunner.offer(pipeline.ingest(), map)) {
                case ACCEPTED -> null;
                case SHED_QUEUE_FULL -> "the twin is overloaded; try again";
                case REJECTED_INVALID -> "the twin refused the MAP as invalid";
            };
        }

        @Override
        public List<SignalStatus> signalStatus() {
            List<SignalStatus> out = new ArrayList<>();
            SignalMonitor monitor = signalMonitor;
            if (monitor == null) {
                return out; // analytics off
            }
            for (var e : monitor.intersections().entrySet()) {
                out.add(new SignalStatus(e.getKey(), e.getValue().spatRateHz(), e.getValue().lastSpatMicros(),
                        e.getValue().mapRevision()));
            }
            return out;
        }
    }

    /** Work of the operations thread, once a second. */
    private void operationsTick() {
        try {
            if (live.hasSubscribers()) {
                live.publish("snapshot", io.cheluyun.server.api.Api.snapshotJson(pipeline.snapshot()));
            }
            analytics.tick(System.currentTimeMillis() * 1_000L);
            persistNewMaps();
        } catch (RuntimeException | java.sql.SQLException e) {
            LOG.warn("operations: {}", e.toString());
        }
    }

    /** Keeps each MAP received from the field as a version in the store, once per change. */
    private void persistNewMaps() throws java.sql.SQLException {
        for (MapIntersection m : pipeline.snapshot().maps()) {
            if (!m.equals(persistedMaps.get(m.id()))) {
                String json = InfrastructureJson.write(m);
                store.intersections().put(m, json.substring("{\"map\":".length(), json.length() - 1), "received",
                        java.time.Instant.now());
                persistedMaps.put(m.id(), m);
            }
        }
    }

    /** The operators' road events in force now, from the store. */
    private List<io.cheluyun.model.RoadEvent> inForce() {
        try {
            return api.roadEventsInForce();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("store: the road events in force could not be read: " + e.getMessage(),
                    e);
        }
    }

    private static io.cheluyun.server.api.JwtAuthenticator jwt(AuthConfig auth) {
        AuthConfig.Jwt j = auth.jwt();
        return !j.enabled() ? null : new io.cheluyun.server.api.JwtAuthenticator(
                new io.cheluyun.server.api.JwtAuthenticator.Settings(j.jwksUrl(), j.jwksFile(), j.issuer(),
                        j.audience(), j.usernameClaim(), j.rolesClaim(), j.rolePrefix()));
    }

    private static Store openStore(CheluyunConfig config, StoreMode mode, PrometheusMeterRegistry registry) {
        if (mode == StoreMode.NONE) {
            return null;
        }
        try {
            return Store.open(config.store(), registry);
        } catch (IllegalStateException e) {
            if (mode == StoreMode.REQUIRED) {
                throw e;
            }
            LOG.warn("{}; running without the warnings history", e.getMessage());
            return null;
        }
    }

    public CheluyunConfig config() {
        return config;
    }

    /** A road event in force: into the twin (IVS, SLW, HLW react to it) and out to the RSUs in range. */
    private List<String> announce(io.cheluyun.model.RoadEvent event) {
        ScenarioRunner.offer(pipeline.ingest(), event);
        return edge.downlink().announce(event, System.currentTimeMillis() * 1_000L);
    }

    /** Registers the devices the API stored earlier, next to those of the registry file. */
    private void loadDevices() {
        try {
            int n = api.loadDevices();
            if (n > 0) {
                LOG.info("store: {} device(s) registered from the database", n);
            }
        } catch (java.sql.SQLException | com.fasterxml.jackson.core.JsonProcessingException
                 | IllegalArgumentException e) {
            throw new IllegalStateException("store: the stored devices could not be registered: " + e.getMessage(),
                    e);
        }
    }

    /** The management API, or null without a database. */
    public Api api() {
        return api;
    }

    /** The database, or null when the platform runs without one. */
    public Store store() {
        return store;
    }

    public Ingest ingest() {
        return pipeline.ingest();
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The twin's ingest as the edge's sink: never blocks; a full shard queue is shed. */
    private Admission admit(Object record) {
        return switch (ScenarioRunner.offer(pipeline.ingest(), record)) {
            case ACCEPTED -> Admission.ACCEPTED;
            case SHED_QUEUE_FULL -> Admission.SHED;
            case REJECTED_INVALID -> Admission.INVALID;
        };
    }

    /** The network edge: transports, registry, gate, downlink. */
    public Edge edge() {
        return edge;
    }

    /** Counts an input rejected before it reached the pipeline. */
    public void inputRejected(Transport transport, InputProblem problem, String detail) {
        edge.metrics().rejected(transport, problem, detail);
    }

    public long inputRejectedCount(Transport transport, InputProblem problem) {
        return edge.metrics().rejectedCount(transport, problem);
    }

    public long warningsDispatched() {
        return metrics.warningsDispatched();
    }

    /** Starts the shard threads and the warning dispatcher thread. */
    public synchronized void start() {
        pipeline.start();
        dispatcherRunner = AgentRunner.start(dispatcher, IdleStrategy.backoff());
        if (store != null) {
            operations = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cheluyun-operations")
                    .daemon().factory());
            operations.scheduleWithFixedDelay(this::operationsTick, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Stepped mode: processes everything offered so far and dispatches its warnings, on this thread. */
    public void step() {
        pipeline.drain();
        dispatcher.drain();
    }

    /** Opens the edge's configured transports (UDP ports, MQTT). */
    public synchronized void startEdge() throws Exception {
        edge.start();
        if (api != null) {
            for (io.cheluyun.model.RoadEvent e : inForce()) {
                edge.downlink().announce(e, System.currentTimeMillis() * 1_000L); // and so do the RSUs
            }
        }
    }

    /** Starts /health and /metrics; returns the bound port. */
    public synchronized int startHttp() throws Exception {
        http = HttpEndpoints.start(config.http(), this);
        return http.port();
    }

    /** The HTTPS port of the HTTP endpoints, -1 when off or not started. */
    public synchronized int httpsPort() {
        return http == null ? -1 : http.httpsPort();
    }

    /** Health: all shard threads (and the dispatcher) alive when threaded; always up when stepped. */
    public Health health() {
        boolean threaded = dispatcherRunner != null;
        boolean up = !threaded || (pipeline.isRunning() && dispatcherRunner.isAlive());
        int vehicles = 0;
        int queued = 0;
        for (var worker : pipeline.workers()) {
            vehicles += worker.trackedVehicles();
            queued += worker.queueDepth();
        }
        return new Health(up ? "UP" : "DOWN", pipeline.workers().size(), vehicles, queued,
                pipeline.ingest().acceptedCount(), warningsDispatched(),
                (nanoClock.getAsLong() - startedNanos) / 1_000_000_000L);
    }

    /** The body of /health. */
    public record Health(String status, int shards, int trackedVehicles, int queuedEvents, long acceptedEvents,
                         long warnings, long uptimeS) {
    }

    /**
     * Waits until every accepted event has been handled by its shard, up to the timeout; returns whether it got
     * there. Threaded mode only.
     */
    public boolean awaitProcessed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pipeline.processedCount() < pipeline.ingest().enqueuedCount()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /** Stops HTTP, then the shards, then dispatches every warning still queued. */
    @Override
    public synchronized void close() {
        if (live != null) {
            live.close();
        }
        if (operations != null) {
            operations.shutdownNow();
        }
        if (http != null) {
            http.close();
        }
        pipeline.close();
        if (dispatcherRunner != null) {
            dispatcherRunner.close();
        }
        dispatcher.drain();
        edge.close();
        if (store != null) {
            store.close(); // after the last warning was dispatched: writes the history still queued
        }
        metrics.close();
    }
}
