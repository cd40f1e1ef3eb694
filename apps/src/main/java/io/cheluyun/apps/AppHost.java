package io.cheluyun.apps;

import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.twin.ShardObserver;
import io.cheluyun.twin.TwinView;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a shard's applications: the shard's {@link ShardObserver}. Each application is isolated: one that throws is
 * counted (per application) and logged once, and the others still run on the same event.
 */
public final class AppHost implements ShardObserver {

    private static final Logger LOG = LoggerFactory.getLogger(AppHost.class);

    private final List<CooperativeApp> apps;
    private final WarningOutput output;
    private final AtomicLongArray failures;
    private final AtomicLongArray warnings;
    private long triggerIngestNanos;
    private int currentApp;
    /** One sink for the life of the host: no allocation per event. */
    private final WarningSink sink = this::forward;

    public AppHost(List<CooperativeApp> apps, WarningOutput output) {
        this.apps = List.copyOf(apps);
        this.output = output;
        this.failures = new AtomicLongArray(this.apps.size());
        this.warnings = new AtomicLongArray(this.apps.size());
    }

    private void forward(Warning warning) {
        warnings.lazySet(currentApp, warnings.get(currentApp) + 1);
        output.accept(warning, triggerIngestNanos);
    }

    @Override
    public void onVehicle(VehicleState state, long ingestNanos, TwinView twin) {
        triggerIngestNanos = ingestNanos;
        for (int i = 0; i < apps.size(); i++) {
            currentApp = i;
            try {
                apps.get(i).onVehicle(state, twin, sink);
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin) {
        // a tick runs right after the event that advanced message time: that event stays the trigger
        for (int i = 0; i < apps.size(); i++) {
            currentApp = i;
            try {
                apps.get(i).onTick(nowMicros, twin, sink);
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
    }

    private void failed(int app, RuntimeException e) {
        long n = failures.incrementAndGet(app);
        if (n == 1) {
            LOG.error("app={} event=app_failed first=true", apps.get(app).name(), e);
        }
    }

    public List<CooperativeApp> apps() {
        return apps;
    }

    /** Failures of application {@code i} (in {@link #apps()} order). */
    public long failureCount(int app) {
        return failures.get(app);
    }

    /** Warnings raised by application {@code i}. */
    public long warningCount(int app) {
        return warnings.get(app);
    }
}
