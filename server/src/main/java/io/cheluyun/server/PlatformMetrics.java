package io.cheluyun.server;

import io.cheluyun.apps.AppHost;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.Pipeline;
import io.cheluyun.twin.ShardWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Binds the platform's own counters to Micrometer. Hot-path counters stay plain fields in the pipeline and are read
 * by function counters at scrape time, so no metric call sits on the per-message path.
 */
final class PlatformMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final Map<WarningType, Counter> warningsByType = new EnumMap<>(WarningType.class);
    private final Timer warningLatency;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    PlatformMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (WarningType type : WarningType.values()) {
            warningsByType.put(type, Counter.builder("cheluyun.warnings").tag("type", type.name())
                    .description("Warnings dispatched, by application").register(registry));
        }
        warningLatency = Timer.builder("cheluyun.warning.latency")
                .description("From ingest of the triggering input to dispatch of the warning")
                .publishPercentiles(0.5, 0.99, 0.999)
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    void bind(Pipeline pipeline, List<AppHost> hosts, WarningDispatcher dispatcher) {
        var ingest = pipeline.ingest();
        FunctionCounter.builder("cheluyun.ingest.accepted", ingest, i -> i.acceptedCount())
                .description("Events queued for a shard").register(registry);
        FunctionCounter.builder("cheluyun.ingest.rejected", ingest, i -> i.invalidCount())
                .tag("reason", "invalid_state").description("Events refused by pipeline validation")
                .register(registry);
        for (ShardWorker w : pipeline.workers()) {
            String shard = Integer.toString(w.shardIndex());
            FunctionCounter.builder("cheluyun.ingest.shed", ingest, i -> i.shedCount(w.shardIndex()))
                    .tag("shard", shard).description("Events shed because the shard queue was full")
                    .register(registry);
            FunctionCounter.builder("cheluyun.shard.applied", w, ShardWorker::appliedCount).tag("shard", shard)
                    .register(registry);
            FunctionCounter.builder("cheluyun.shard.stale", w, ShardWorker::staleCount).tag("shard", shard)
                    .description("States no newer than the one held (duplicates, late arrivals)").register(registry);
            FunctionCounter.builder("cheluyun.shard.over.capacity", w, ShardWorker::overCapacityCount)
                    .tag("shard", shard).description("New vehicles refused because the shard was full")
                    .register(registry);
            FunctionCounter.builder("cheluyun.shard.evicted", w, ShardWorker::evictedCount).tag("shard", shard)
                    .register(registry);
            FunctionCounter.builder("cheluyun.shard.observer.errors", w, ShardWorker::observerErrorCount)
                    .tag("shard", shard).register(registry);
            Gauge.builder("cheluyun.shard.queue.depth", w, ShardWorker::queueDepth).tag("shard", shard)
                    .register(registry);
            Gauge.builder("cheluyun.shard.vehicles", w, ShardWorker::trackedVehicles).tag("shard", shard)
                    .register(registry);
        }
        for (int s = 0; s < hosts.size(); s++) {
            AppHost host = hosts.get(s);
            for (int a = 0; a < host.apps().size(); a++) {
                int app = a;
                FunctionCounter.builder("cheluyun.app.failures", host, h -> h.failureCount(app))
                        .tag("app", host.apps().get(a).name()).tag("shard", Integer.toString(s))
                        .description("Exceptions thrown by an application (the event still counts)")
                        .register(registry);
            }
        }
        FunctionCounter.builder("cheluyun.warnings.dropped", dispatcher, WarningDispatcher::droppedCount)
                .description("Warnings dropped because the output queue was full").register(registry);
    }

    WarningDispatcher.Sink warningSink() {
        return (Warning warning, long latencyNanos) -> {
            warningsByType.get(warning.type()).increment();
            warningLatency.record(Math.max(0, latencyNanos), TimeUnit.NANOSECONDS);
        };
    }

    long warningsDispatched() {
        long total = 0;
        for (Counter c : warningsByType.values()) {
            total += (long) c.count();
        }
        return total;
    }


    @Override
    public void close() {
        gcMetrics.close();
    }
}
