package io.cheluyun.apps;

import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.twin.ShardObserver;
import io.cheluyun.twin.TwinView;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a shard's applications: the shard's {@link ShardObserver}. Each application is isolated: one that throws is
 * counted (per application) and logged once, and the others still run on the same event.
 *
 * <p>Delivery is by ownership: a warning leaves this host only when this shard owns its target vehicle
 * ({@link TwinView#isOwned}). Shards that see the target through the halo evaluate it too (their hysteresis stays in
 * step) but stay silent, so each warning is delivered once, by one shard, however the tiles are cut.
 */
public final class AppHost implements ShardObserver {

    private static final Logger LOG = LoggerFactory.getLogger(AppHost.class);

    /** The kinds of input an application reacts to, for dispatch without a lambda per event. */
    private enum Input { VEHICLE, SIGNAL, ROAD_EVENT, OBJECT, TICK }

    private final List<CooperativeApp> apps;
    private final WarningOutput output;
    private final AtomicLongArray failures;
    private final AtomicLongArray warnings;
    private final AtomicLong notOwned = new AtomicLong();
    private long triggerIngestNanos;
    private int currentApp;
    private TwinView currentTwin;
    /** One sink for the life of the host: no allocation per event. */
    private final WarningSink sink = this::forward;

    public AppHost(List<CooperativeApp> apps, WarningOutput output) {
        this.apps = List.copyOf(apps);
        this.output = output;
        this.failures = new AtomicLongArray(this.apps.size());
        this.warnings = new AtomicLongArray(this.apps.size());
    }

    private void forward(Warning warning) {
        if (!currentTwin.isOwned(warning.targetId())) {
            notOwned.setRelease(notOwned.getPlain() + 1);
            return;
        }
        warnings.lazySet(currentApp, warnings.get(currentApp) + 1);
        output.accept(warning, triggerIngestNanos);
    }

    @Override
    public void onVehicle(VehicleState state, long ingestNanos, TwinView twin) {
        run(Input.VEHICLE, state, ingestNanos, twin, 0L);
    }

    @Override
    public void onSignal(SignalState state, long ingestNanos, TwinView twin) {
        run(Input.SIGNAL, state, ingestNanos, twin, 0L);
    }

    @Override
    public void onRoadEvent(RoadEvent event, long ingestNanos, TwinView twin) {
        run(Input.ROAD_EVENT, event, ingestNanos, twin, 0L);
    }

    @Override
    public void onObject(PerceivedObject object, long ingestNanos, TwinView twin) {
        run(Input.OBJECT, object, ingestNanos, twin, 0L);
    }

    @Override
    public void onTick(long nowMicros, TwinView twin) {
        // a tick runs right after the event that advanced message time: that event stays the trigger
        run(Input.TICK, null, triggerIngestNanos, twin, nowMicros);
    }

    private void run(Input input, Object subject, long ingestNanos, TwinView twin, long nowMicros) {
        triggerIngestNanos = ingestNanos;
        currentTwin = twin;
        for (int i = 0; i < apps.size(); i++) {
            currentApp = i;
            CooperativeApp app = apps.get(i);
            try {
                switch (input) {
                    case VEHICLE -> app.onVehicle((VehicleState) subject, twin, sink);
                    case SIGNAL -> app.onSignal((SignalState) subject, twin, sink);
                    case ROAD_EVENT -> app.onRoadEvent((RoadEvent) subject, twin, sink);
                    case OBJECT -> app.onObject((PerceivedObject) subject, twin, sink);
                    case TICK -> app.onTick(nowMicros, twin, sink);
                }
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }
        currentTwin = null;
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

    /** Warnings raised by application {@code i} and delivered (this shard owns the target). */
    public long warningCount(int app) {
        return warnings.get(app);
    }

    /** Warnings raised for a target another shard owns (seen here through the halo), not delivered from here. */
    public long notOwnedCount() {
        return notOwned.get();
    }
}
