package io.cheluyun.server;

import com.uber.h3core.H3Core;
import io.cheluyun.apps.analytics.AnalyticsSink;
import io.cheluyun.apps.analytics.KpiAggregator;
import io.cheluyun.apps.analytics.KpiObservation;
import io.cheluyun.apps.analytics.KpiValue;
import io.cheluyun.apps.analytics.SafetyEvent;
import io.cheluyun.apps.analytics.SignalIssue;
import io.cheluyun.edge.DeviceActivity;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.server.api.Api;
import io.cheluyun.server.api.LiveFeed;
import io.cheluyun.store.KpiTable;
import io.cheluyun.store.SafetyLog;
import io.cheluyun.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the analytics' findings go: safety events and signal-monitor findings into the store (batched) and the
 * operators' live stream, as they happen, on the shard threads, without blocking; KPI observations through a bounded
 * queue to one {@link KpiAggregator}, which the operations thread runs once a second ({@link #tick}), writing the
 * intervals that closed. RSU availability (the share of the interval each RSU was heard within 60 s) is sampled on
 * the same tick. Thread-safe.
 */
final class AnalyticsHub implements AnalyticsSink {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsHub.class);
    /** Observations of an interval may still arrive this long (message time) after it ended. */
    static final long GRACE_MICROS = 5_000_000L;
    static final IntersectionId NETWORK = new IntersectionId(0, 0);

    private final Store store;
    private final LiveFeed live;
    private final H3Core h3;
    private final BlockingQueue<KpiObservation> observations = new ArrayBlockingQueue<>(1 << 16);
    private final KpiAggregator kpis;
    private final Counter safetyEvents;
    private final Counter signalIssues;
    private final Counter observationsDropped;
    private final DeviceRegistry devices;
    private final DeviceActivity activity;
    private final List<KpiObservation> drained = new ArrayList<>();
    /** Per RSU: samples taken and samples online in the current availability interval. */
    private final Map<String, int[]> availability = new HashMap<>();
    private long availabilityInterval = Long.MIN_VALUE;
    private volatile long watermarkMicros;

    AnalyticsHub(Store store, LiveFeed live, int kpiIntervalS, DeviceRegistry devices, DeviceActivity activity,
                 MeterRegistry meters) {
        this.store = store;
        this.live = live;
        this.devices = devices;
        this.activity = activity;
        this.kpis = new KpiAggregator(kpiIntervalS);
        try {
            this.h3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("H3's native library could not be loaded", e);
        }
        this.safetyEvents = Counter.builder("cheluyun.analytics.safety.events")
                .description("Safety events found (red-light runs, conflicts, hard braking, speeding)")
                .register(meters);
        this.signalIssues = Counter.builder("cheluyun.analytics.signal.issues")
                .description("Findings of the signal monitor").register(meters);
        this.observationsDropped = Counter.builder("cheluyun.analytics.kpi.observations.dropped")
                .description("KPI observations dropped because the aggregator's queue was full").register(meters);
    }

    @Override
    public void safety(SafetyEvent e) {
        safetyEvents.increment();
        SafetyLog.Event row = new SafetyLog.Event(0, e.kind().name(), e.timeMicros(), e.latDeg(), e.lonDeg(),
                h3.latLngToCell(e.latDeg(), e.lonDeg(), SafetyLog.H3_RESOLUTION), e.intersection(), e.signalGroup(),
                e.vehicleId(), e.otherId(), e.ttcS(), e.petS(), e.magnitude(), e.detail());
        if (store != null) {
            store.safety().append(row);
        }
        if (live != null && live.hasSubscribers()) {
            live.publish("safety", Api.safetyJson(row));
        }
    }

    @Override
    public void signal(SignalIssue i) {
        signalIssues.increment();
        SafetyLog.Issue row = new SafetyLog.Issue(0, i.kind().name(), i.timeMicros(), i.intersection(),
                i.signalGroup(), i.vehicleId(), i.detail());
        if (store != null) {
            store.safety().append(row);
        }
        if (live != null && live.hasSubscribers()) {
            live.publish("signal-issue", Api.issueJson(row));
        }
    }

    @Override
    public void kpi(KpiObservation o) {
        if (!observations.offer(o)) {
            observationsDropped.increment();
        }
    }

    /**
     * The operations thread's work: aggregate what the shards observed, write the KPI intervals that closed (message
     * time, with a grace for late shards), sample RSU availability (wall time).
     */
    void tick(long wallMicros) {
        drained.clear();
        observations.drainTo(drained);
        long watermark = watermarkMicros;
        for (KpiObservation o : drained) {
            kpis.accept(o);
            watermark = Math.max(watermark, o.timeMicros());
        }
        watermarkMicros = watermark;
        List<KpiTable.Row> rows = new ArrayList<>();
        if (watermark > 0) {
            for (KpiValue v : kpis.closeUpTo(watermark - GRACE_MICROS)) {
                rows.add(new KpiTable.Row(v.intervalStartMicros(), v.intervalS(), v.intersection(), v.approach(),
                        v.metric(), v.value()));
            }
        }
        sampleAvailability(wallMicros, rows);
        if (store != null && !rows.isEmpty()) {
            try {
                store.kpis().put(rows);
            } catch (SQLException e) {
                LOG.warn("analytics: {} KPI value(s) not written: {}", rows.size(), e.getMessage());
            }
        }
    }

    private void sampleAvailability(long wallMicros, List<KpiTable.Row> out) {
        long intervalMicros = kpis.intervalS() * 1_000_000L;
        long interval = Math.floorDiv(wallMicros, intervalMicros) * intervalMicros;
        if (interval != availabilityInterval) {
            if (availabilityInterval != Long.MIN_VALUE) {
                for (Map.Entry<String, int[]> e : availability.entrySet()) {
                    out.add(new KpiTable.Row(availabilityInterval, kpis.intervalS(), NETWORK, e.getKey(),
                            "rsu_availability", e.getValue()[1] / (double) e.getValue()[0]));
                }
            }
            availability.clear();
            availabilityInterval = interval;
        }
        long nowMillis = wallMicros / 1_000L;
        for (var d : devices.devices()) {
            if (d.isRsu()) {
                DeviceActivity.Snapshot a = activity.of(d.id(), nowMillis);
                boolean online = a.lastSeenMillis() > 0 && nowMillis - a.lastSeenMillis() <= 60_000L;
                int[] n = availability.computeIfAbsent(d.id(), k -> new int[2]);
                n[0]++;
                n[1] += online ? 1 : 0;
            }
        }
    }

    long safetyCount() {
        return (long) safetyEvents.count();
    }

    long signalIssueCount() {
        return (long) signalIssues.count();
    }
}
