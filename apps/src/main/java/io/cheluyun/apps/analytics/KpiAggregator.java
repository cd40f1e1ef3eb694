package io.cheluyun.apps.analytics;

import io.cheluyun.model.IntersectionId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the shards' {@link KpiObservation}s into per-approach, per-interval {@link KpiValue}s. Intervals are
 * {@code intervalS} long and aligned to multiples of it since the epoch; an observation belongs to the interval its
 * time falls in. Single-threaded: one aggregator thread feeds it ({@link #accept}) and closes intervals
 * ({@link #closeUpTo}).
 *
 * <p>Metrics per (intersection, approach), see {@link KpiValue}: {@code volume} and {@code stops} (counts, for every
 * approach with any observation in the interval), {@code mean_speed_mps} (of the crossings), {@code queue_max_m} and
 * {@code queue_mean_m} (the shards' queue observations of one tick — the same time stamp — are combined by their
 * maximum, each shard having seen only its own vehicles; then the largest and the mean of those per-tick maxima),
 * {@code travel_time_s} (mean time from a vehicle's previous crossing at another intersection to its crossing here,
 * at most {@link #MAX_TRAVEL_TIME_S}; counted for the arrival's intersection and approach; the last crossing of each
 * vehicle is kept for that long, at most {@code maxTrackedVehicles} of them, the oldest dropped first). Per
 * intersection, approach {@code "*"}: {@code penetration} — the shards' presence observations of one tick are summed,
 * connected / (connected + perceived) is taken per tick, and averaged over the ticks with anyone present.
 *
 * <p>An interval is closed once: {@link #closeUpTo} returns the values of every interval that ended at or before the
 * given time and forgets them. An observation that arrives afterwards for a closed interval is counted
 * ({@link #lateDropped()}) and dropped.
 */
public final class KpiAggregator {

    /** Longest trip between two intersections that counts as a travel time, s. */
    public static final int MAX_TRAVEL_TIME_S = 600;
    /** Default bound on the vehicles whose last crossing is kept for travel times. */
    public static final int DEFAULT_MAX_TRACKED_VEHICLES = 200_000;

    private static final Comparator<IntersectionId> BY_ID =
            Comparator.comparingInt(IntersectionId::regionId).thenComparingInt(IntersectionId::id);
    private static final Comparator<KpiValue> ORDER = Comparator.comparingLong(KpiValue::intervalStartMicros)
            .thenComparing(KpiValue::intersection, BY_ID).thenComparing(KpiValue::approach)
            .thenComparing(KpiValue::metric);

    private final int intervalS;
    private final long intervalMicros;
    private final long maxTravelMicros = MAX_TRAVEL_TIME_S * 1_000_000L;
    private final int maxTrackedVehicles;
    private final TreeMap<Long, Interval> open = new TreeMap<>();
    /** Insertion order is crossing order: a vehicle's entry is re-inserted at each crossing. */
    private final LinkedHashMap<String, LastCrossing> lastCrossings = new LinkedHashMap<>();
    private long closedBeforeMicros = Long.MIN_VALUE;
    private long lateDropped;

    public KpiAggregator(int intervalS) {
        this(intervalS, DEFAULT_MAX_TRACKED_VEHICLES);
    }

    public KpiAggregator(int intervalS, int maxTrackedVehicles) {
        if (intervalS < 1 || intervalS > 86_400) {
            throw new IllegalArgumentException("analytics.kpi.intervalS must be [1, 86400], got " + intervalS);
        }
        if (maxTrackedVehicles < 1) {
            throw new IllegalArgumentException("analytics.kpi.maxTrackedVehicles must be ≥ 1, got "
                    + maxTrackedVehicles);
        }
        this.intervalS = intervalS;
        this.intervalMicros = intervalS * 1_000_000L;
        this.maxTrackedVehicles = maxTrackedVehicles;
    }

    public int intervalS() {
        return intervalS;
    }

    /** Observations that arrived for an interval already closed, and were dropped. */
    public long lateDropped() {
        return lateDropped;
    }

    /** Vehicles whose last crossing is kept for travel times. */
    public int trackedVehicles() {
        return lastCrossings.size();
    }

    /** Adds one observation to its interval (or counts it as late). */
    public void accept(KpiObservation observation) {
        long start = Math.floorDiv(observation.timeMicros(), intervalMicros) * intervalMicros;
        if (start < closedBeforeMicros) {
            lateDropped++;
            return;
        }
        Interval interval = open.computeIfAbsent(start, Interval::new);
        switch (observation) {
            case KpiObservation.Crossing c -> crossing(interval, c);
            case KpiObservation.Stop s -> interval.approach(s.intersection(), s.approach()).stops++;
            case KpiObservation.Queue q -> interval.approach(q.intersection(), q.approach()).queueByTick
                    .merge(q.timeMicros(), q.lengthM(), Math::max);
            case KpiObservation.Presence p -> {
                int[] sums = interval.presence.computeIfAbsent(p.intersection(), id -> new HashMap<>())
                        .computeIfAbsent(p.timeMicros(), t -> new int[2]);
                sums[0] += p.connected();
                sums[1] += p.perceived();
            }
        }
    }

    private void crossing(Interval interval, KpiObservation.Crossing c) {
        ApproachSums sums = interval.approach(c.intersection(), c.approach());
        sums.crossings++;
        sums.speedSumMps += c.speedMps();
        long t = c.timeMicros();
        LastCrossing previous = lastCrossings.remove(c.vehicleId());
        if (previous != null && !previous.intersection().equals(c.intersection()) && t > previous.timeMicros()
                && t - previous.timeMicros() <= maxTravelMicros) {
            sums.travelSumS += (t - previous.timeMicros()) / 1e6;
            sums.travels++;
        }
        lastCrossings.put(c.vehicleId(), new LastCrossing(c.intersection(), t));
        // the oldest crossings are first: drop those too old to give a travel time, and any beyond the bound
        for (Iterator<LastCrossing> it = lastCrossings.values().iterator(); it.hasNext(); ) {
            LastCrossing oldest = it.next();
            if (t - oldest.timeMicros() <= maxTravelMicros && lastCrossings.size() <= maxTrackedVehicles) {
                break;
            }
            it.remove();
        }
    }

    /**
     * The values of every interval that ended at or before {@code nowMicros}, each interval once, ordered by
     * interval, intersection, approach and metric. Later observations for those intervals are late.
     */
    public List<KpiValue> closeUpTo(long nowMicros) {
        long boundary = Math.floorDiv(nowMicros, intervalMicros) * intervalMicros;
        if (boundary <= closedBeforeMicros) {
            return List.of();
        }
        closedBeforeMicros = boundary;
        List<KpiValue> values = new ArrayList<>();
        Map<Long, Interval> done = open.headMap(boundary);
        for (Interval interval : done.values()) {
            interval.values(values);
        }
        done.clear();
        values.sort(ORDER);
        return values;
    }

    private record LastCrossing(IntersectionId intersection, long timeMicros) {
    }

    private record ApproachKey(IntersectionId intersection, String approach) {
    }

    private static final class ApproachSums {
        int crossings;
        double speedSumMps;
        int stops;
        final HashMap<Long, Double> queueByTick = new HashMap<>();
        double travelSumS;
        int travels;
    }

    private final class Interval {
        final long startMicros;
        final HashMap<ApproachKey, ApproachSums> approaches = new HashMap<>();
        /** Per intersection and tick: connected and perceived, summed over shards. */
        final HashMap<IntersectionId, HashMap<Long, int[]>> presence = new HashMap<>();

        Interval(long startMicros) {
            this.startMicros = startMicros;
        }

        ApproachSums approach(IntersectionId intersection, String approach) {
            return approaches.computeIfAbsent(new ApproachKey(intersection, approach), k -> new ApproachSums());
        }

        void values(List<KpiValue> out) {
            for (Map.Entry<ApproachKey, ApproachSums> e : approaches.entrySet()) {
                IntersectionId id = e.getKey().intersection();
                String approach = e.getKey().approach();
                ApproachSums s = e.getValue();
                out.add(value(id, approach, KpiValue.VOLUME, s.crossings));
                out.add(value(id, approach, KpiValue.STOPS, s.stops));
                if (s.crossings > 0) {
                    out.add(value(id, approach, KpiValue.MEAN_SPEED_MPS, s.speedSumMps / s.crossings));
                }
                if (!s.queueByTick.isEmpty()) {
                    double max = 0.0;
                    double sum = 0.0;
                    for (double tickMax : s.queueByTick.values()) {
                        max = Math.max(max, tickMax);
                        sum += tickMax;
                    }
                    out.add(value(id, approach, KpiValue.QUEUE_MAX_M, max));
                    out.add(value(id, approach, KpiValue.QUEUE_MEAN_M, sum / s.queueByTick.size()));
                }
                if (s.travels > 0) {
                    out.add(value(id, approach, KpiValue.TRAVEL_TIME_S, s.travelSumS / s.travels));
                }
            }
            for (Map.Entry<IntersectionId, HashMap<Long, int[]>> e : presence.entrySet()) {
                double sum = 0.0;
                int ticks = 0;
                for (int[] tick : e.getValue().values()) {
                    if (tick[0] + tick[1] > 0) {
                        sum += tick[0] / (double) (tick[0] + tick[1]);
                        ticks++;
                    }
                }
                if (ticks > 0) {
                    out.add(value(e.getKey(), KpiValue.WHOLE_INTERSECTION, KpiValue.PENETRATION, sum / ticks));
                }
            }
        }

        private KpiValue value(IntersectionId id, String approach, String metric, double v) {
            return new KpiValue(startMicros, intervalS, id, approach, metric, v);
        }
    }
}
