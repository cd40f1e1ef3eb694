package io.cheluyun.apps.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.model.IntersectionId;
import io.cheluyun.twin.PipelineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The KPI aggregator on known observations (exact values), and on what the signal monitor observes of scripted
 * traffic through the real twin.
 */
class KpiAggregatorTest {

    static final IntersectionId I1 = new IntersectionId(0, 101);
    static final IntersectionId I2 = new IntersectionId(0, 102);
    /** A minute boundary since the epoch: the start of a 60 s interval. */
    static final long START = Math.floorDiv(SignalMonitorTest.T0, 60_000_000L) * 60_000_000L;

    static long at(double s) {
        return START + Math.round(s * 1e6);
    }

    static KpiObservation.Crossing crossing(IntersectionId id, String approach, String vehicle, double s,
                                            double speedMps) {
        return new KpiObservation.Crossing(id, approach, vehicle, at(s), speedMps);
    }

    static KpiValue value(long start, IntersectionId id, String approach, String metric, double v) {
        return new KpiValue(start, 60, id, approach, metric, v);
    }

    @Test
    void volumesMeanSpeedsAndStopsPerApproach() {
        KpiAggregator kpis = new KpiAggregator(60);
        kpis.accept(crossing(I1, "S", "v1", 1, 10));
        kpis.accept(crossing(I1, "S", "v2", 2, 12));
        kpis.accept(crossing(I1, "S", "v3", 3, 14));
        kpis.accept(crossing(I1, "N", "v4", 4, 8));
        kpis.accept(crossing(I2, "E", "v5", 5, 5));
        kpis.accept(new KpiObservation.Stop(I1, "S", "v6", at(6)));
        kpis.accept(new KpiObservation.Stop(I1, "S", "v7", at(7)));

        assertThat(kpis.closeUpTo(at(60))).containsExactly(
                value(START, I1, "N", "mean_speed_mps", 8.0),
                value(START, I1, "N", "stops", 0),
                value(START, I1, "N", "volume", 1),
                value(START, I1, "S", "mean_speed_mps", 12.0),
                value(START, I1, "S", "stops", 2),
                value(START, I1, "S", "volume", 3),
                value(START, I2, "E", "mean_speed_mps", 5.0),
                value(START, I2, "E", "stops", 0),
                value(START, I2, "E", "volume", 1));
    }

    @Test
    void queueMaximaOfOneTickAreCombinedAcrossShardsThenTakenAsMaximumAndMean() {
        KpiAggregator kpis = new KpiAggregator(60);
        // two shards each see part of the east queue: per tick the longer one counts
        kpis.accept(new KpiObservation.Queue(I1, "E", at(1), 10.0));
        kpis.accept(new KpiObservation.Queue(I1, "E", at(1), 25.0));
        kpis.accept(new KpiObservation.Queue(I1, "E", at(2), 5.0));
        kpis.accept(new KpiObservation.Queue(I1, "E", at(2), 0.0));
        kpis.accept(new KpiObservation.Queue(I1, "E", at(3), 0.0));

        assertThat(kpis.closeUpTo(at(60))).containsExactly(
                value(START, I1, "E", "queue_max_m", 25.0),
                value(START, I1, "E", "queue_mean_m", 10.0),
                value(START, I1, "E", "stops", 0),
                value(START, I1, "E", "volume", 0));
    }

    @Test
    void travelTimeIsTheMeanFromTheLastCrossingAtAnotherIntersectionCountedWhereTheVehicleArrives() {
        KpiAggregator kpis = new KpiAggregator(60);
        kpis.accept(crossing(I1, "S", "a", 10, 10));
        kpis.accept(crossing(I1, "S", "b", 30, 10));
        kpis.accept(crossing(I1, "S", "c", 35, 10));
        kpis.accept(crossing(I1, "S", "late-starter", 40, 10));
        kpis.accept(crossing(I1, "N", "c", 50, 10)); // back through the same intersection: no trip
        kpis.accept(crossing(I2, "W", "a", 70, 10)); // 60 s
        kpis.accept(crossing(I2, "W", "b", 80, 10)); // 50 s
        kpis.accept(crossing(I2, "W", "late-starter", 700, 10)); // 660 s: more than 600 s, not a trip

        List<KpiValue> values = kpis.closeUpTo(at(720));
        assertThat(values).filteredOn(v -> v.metric().equals("travel_time_s")).containsExactly(
                value(START + 60_000_000L, I2, "W", "travel_time_s", 55.0));
        assertThat(values).filteredOn(v -> v.metric().equals("volume")).extracting(KpiValue::intervalStartMicros,
                KpiValue::intersection, KpiValue::approach, KpiValue::value).containsExactly(
                tuple(START, I1, "N", 1.0), tuple(START, I1, "S", 4.0), tuple(START + 60_000_000L, I2, "W", 2.0),
                tuple(START + 660_000_000L, I2, "W", 1.0));
    }

    @Test
    void penetrationSumsTheShardsPresencePerTickThenAveragesOverTicks() {
        KpiAggregator kpis = new KpiAggregator(60);
        kpis.accept(new KpiObservation.Presence(I1, at(1), 3, 1)); // shard 0: its vehicles and the camera's
        kpis.accept(new KpiObservation.Presence(I1, at(1), 1, 0)); // shard 1: its vehicles
        kpis.accept(new KpiObservation.Presence(I1, at(2), 1, 1));
        kpis.accept(new KpiObservation.Presence(I2, at(2), 0, 4));

        // I1: tick 1 4/5, tick 2 1/2; I2: 0
        assertThat(kpis.closeUpTo(at(60))).containsExactly(
                value(START, I1, "*", "penetration", (0.8 + 0.5) / 2),
                value(START, I2, "*", "penetration", 0.0));
    }

    @Test
    void intervalsAreAlignedClosedOnceAndLateObservationsAreCountedAndDropped() {
        KpiAggregator kpis = new KpiAggregator(60);
        kpis.accept(crossing(I1, "S", "v1", 10, 10));
        kpis.accept(crossing(I1, "S", "v2", 70, 10));

        assertThat(kpis.closeUpTo(at(59.999999))).isEmpty();
        assertThat(kpis.closeUpTo(at(60))).extracting(KpiValue::intervalStartMicros, KpiValue::intervalS)
                .containsOnly(tuple(START, 60));
        assertThat(START % 60_000_000L).isZero();
        assertThat(kpis.closeUpTo(at(60))).isEmpty();
        assertThat(kpis.closeUpTo(at(30))).isEmpty();

        kpis.accept(crossing(I1, "S", "v3", 59, 10)); // its interval has been closed
        kpis.accept(crossing(I1, "S", "v4", 61, 10));
        assertThat(kpis.lateDropped()).isEqualTo(1);

        assertThat(kpis.closeUpTo(at(120))).filteredOn(v -> v.metric().equals("volume"))
                .containsExactly(value(START + 60_000_000L, I1, "S", "volume", 2.0));
        assertThat(kpis.closeUpTo(at(1000))).isEmpty();
    }

    @Test
    void lastCrossingsAreBoundedInNumberAndAge() {
        KpiAggregator kpis = new KpiAggregator(60, 2);
        kpis.accept(crossing(I1, "S", "a", 1, 10));
        kpis.accept(crossing(I1, "S", "b", 2, 10));
        kpis.accept(crossing(I1, "S", "c", 3, 10));
        assertThat(kpis.trackedVehicles()).isEqualTo(2);
        // "a" was dropped as the oldest: its next crossing elsewhere is no trip
        kpis.accept(crossing(I2, "W", "a", 20, 10));
        kpis.accept(crossing(I2, "W", "c", 30, 10));
        assertThat(kpis.closeUpTo(at(60))).filteredOn(v -> v.metric().equals("travel_time_s"))
                .containsExactly(value(START, I2, "W", "travel_time_s", 27.0));

        kpis.accept(crossing(I1, "S", "d", 700, 10)); // everyone else crossed more than 600 s before
        assertThat(kpis.trackedVehicles()).isEqualTo(1);
    }

    @Test
    void theIntervalIsValidated() {
        assertThatThrownBy(() -> new KpiAggregator(0)).hasMessageContaining("analytics.kpi.intervalS");
        assertThatThrownBy(() -> new KpiAggregator(60, 0)).hasMessageContaining("analytics.kpi.maxTrackedVehicles");
        assertThat(new KpiAggregator(300).intervalS()).isEqualTo(300);
    }

    @Test
    void aggregatesWhatTheMonitorsOfTwoShardsObserveOfScriptedTraffic() {
        // one car crosses from the south at 10 m/s; two stop in a queue on the east arm, the second 10.5 m back;
        // a camera sees one more car (and a pedestrian, who does not count)
        SignalMonitorTest.Run run = SignalMonitorTest.run(SignalMonitorTest.traffic().timeline(SignalMonitorTest.T0,
                20.0).inputs(), PipelineConfig.defaults(), true);
        KpiAggregator kpis = new KpiAggregator(60);
        run.out().kpis.forEach(kpis::accept);
        List<KpiValue> values = kpis.closeUpTo(SignalMonitorTest.T0 + 60_000_000L);

        assertThat(values).extracting(KpiValue::intervalStartMicros).containsOnly(START);
        assertThat(values).filteredOn(v -> v.approach().equals("S")).extracting(KpiValue::metric, KpiValue::value)
                .containsExactly(tuple("mean_speed_mps", 10.0), tuple("queue_max_m", 0.0),
                        tuple("queue_mean_m", 0.0), tuple("stops", 0.0), tuple("volume", 1.0));
        assertThat(values).filteredOn(v -> v.approach().equals("E") && v.metric().equals("stops"))
                .singleElement().satisfies(v -> assertThat(v.value()).isEqualTo(2.0));
        assertThat(values).filteredOn(v -> v.approach().equals("E") && v.metric().equals("queue_max_m"))
                .singleElement().satisfies(v -> assertThat(v.value()).isBetween(10.5, 10.8));
        // three connected of four motor vehicles within 150 m all the time
        assertThat(values).filteredOn(v -> v.metric().equals("penetration")).singleElement()
                .satisfies(v -> assertThat(v.value()).isCloseTo(0.75, within(1e-9)));
        assertThat(kpis.lateDropped()).isZero();
    }
}
