package io.cheluyun.apps.ivs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.apps.scenario.Timeline;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.RoadEventType;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.PipelineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IVS scenarios after the T/CSAE 53-2017 use case: the sign of an area (traffic sign, work zone, limit, congestion)
 * is shown once to each vehicle approaching or inside it, including those already there when it is announced; a
 * vehicle moving away, one on another road, a sign not in force, and a vehicle staying in the zone (stopping,
 * brushing its edge) are not shown it (again). Road: eastwards through Changchun at 10 Hz.
 */
class InVehicleSignageTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final long T0 = 1_790_000_000_000_000L;

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    static RoadEvent event(String id, RoadEventType type, List<GeoPoint> area, double fromS, double toS) {
        return new RoadEvent(id, "rsu-9", type, -1, area, Double.NaN, T0 + Units.secondsToMicros(fromS),
                T0 + Units.secondsToMicros(toS), "");
    }

    private static List<Warning> ivs(Timeline timeline, PipelineConfig pipeline) {
        List<Warning> warnings = ScenarioRunner.run(timeline.inputs(),
                () -> List.of(new InVehicleSignage(IvsConfig.defaults())), pipeline);
        assertThat(warnings).allMatch(w -> w.type() == WarningType.IVS);
        return warnings;
    }

    private static List<Warning> ivs(RoadScript road, double durationS, RoadEvent... events) {
        Timeline timeline = new Timeline().add(road.messages(T0, durationS));
        for (RoadEvent e : events) {
            timeline.add(e);
        }
        return ivs(timeline, PipelineConfig.defaults());
    }

    private static double atS(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    private static List<String> pairs(List<Warning> warnings) {
        return warnings.stream().map(w -> w.targetId() + ">" + w.relatedIds().getFirst()).toList();
    }

    @Test
    void showsAWorkZoneOnceAsAWarningToAVehicleApproachingAndDrivingThroughIt() {
        // 72 km/h: look-ahead max(150, 20 × 10) = 200 m; the right-lane work zone begins 305 m ahead, so at 5.25 s
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(72);
        RoadEvent works = event("works-1", RoadEventType.WORK_ZONE, road.zone(305, 405, -1.75, 1.75), 0, 3_600);

        List<Warning> warnings = ivs(road, 22.0, works);

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(w.relatedIds()).containsExactly("works-1");
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(atS(w)).isCloseTo(5.3, within(0.001));
            assertThat(w.distanceM()).isCloseTo(305 - 20 * 5.3, within(0.3));
            assertThat(w.ttcS()).isCloseTo((305 - 20 * 5.3) / 20, within(0.02));
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 10_000_000L);
            assertThat(w.advice()).isNull();
        });
    }

    @Test
    void signIsShownWithinOneMessagePeriodOfTheAreaEnteringTheLookAhead() {
        // a no-overtaking sign across both lanes at 400 m: the 36 km/h vehicle's look-ahead is the 150 m floor,
        // the 120 km/h one's 10 s = 333.3 m
        RoadScript road = road();
        road.vehicle("slow").at(190.5).speedKmh(36);
        road.vehicle("fast").lateral(-3.5).at(-95).speedKmh(120);
        RoadEvent sign = event("no-overtaking", RoadEventType.TRAFFIC_SIGN, road.zone(400, 420, -5.25, 1.75), 0, 600);
        double fastV = Units.kmhToMps(120);
        double slowCrossingS = (400 - 150 - 190.5) / 10.0;
        double fastCrossingS = (400 - 10 * fastV + 95) / fastV;

        List<Warning> warnings = ivs(road, 7.0, sign);

        assertThat(warnings).extracting(Warning::targetId).containsExactlyInAnyOrder("slow", "fast");
        for (Warning w : warnings) {
            double crossingS = w.targetId().equals("slow") ? slowCrossingS : fastCrossingS;
            assertThat(atS(w)).isBetween(crossingS - 0.01, crossingS + 0.1);
            assertThat(w.severity()).isEqualTo(Severity.ADVISORY);
        }
    }

    @Test
    void showsANewlyAnnouncedSignRightAwayToVehiclesInsideOrApproachingButNotAgainOnItsRepeat() {
        // congestion from 100 to 300 m announced at 2.05 s, between two rounds of BSMs: the queued vehicle inside
        // and the one approaching are shown it with the announcement; one parked before it, one driving away and
        // one beyond the look-ahead are not. The RSU repeats the announcement at 2.55 s: nothing new
        RoadScript road = road();
        road.vehicle("queued").at(150).speedKmh(5);
        road.vehicle("approaching").at(0).speedKmh(60);
        road.vehicle("parked").at(60).speedKmh(0);
        road.vehicle("receding").lateral(-3.5).oncoming().at(90).speedKmh(60);
        road.vehicle("far").at(-400).speedKmh(60);
        RoadEvent jam = event("jam-1", RoadEventType.CONGESTION, road.zone(100, 300, -5.25, 1.75), 2.05, 600);
        Timeline timeline = new Timeline().add(road.messages(T0, 3.0)).add(jam)
                .announce(jam, T0 + 2_550_000L);

        List<Warning> warnings = ivs(timeline, PipelineConfig.defaults());

        assertThat(pairs(warnings)).containsExactlyInAnyOrder("queued>jam-1", "approaching>jam-1");
        assertThat(warnings).allSatisfy(w -> {
            assertThat(w.timeMicros()).isEqualTo(T0 + 2_050_000L);
            assertThat(w.severity()).isEqualTo(Severity.ADVISORY);
        });
        Warning queued = warnings.stream().filter(w -> w.targetId().equals("queued")).findFirst().orElseThrow();
        assertThat(queued.distanceM()).isZero();
        Warning approaching = warnings.stream().filter(w -> w.targetId().equals("approaching")).findFirst()
                .orElseThrow();
        // its newest message is from 2.0 s, dead-reckoned to the announcement
        assertThat(approaching.distanceM()).isCloseTo(100 - Units.kmhToMps(60) * 2.05, within(0.1));
    }

    @Test
    void ignoresVehiclesMovingAwayAndSignsOnAnotherRoad() {
        // a sign across the carriageway at 200-300 m: "passed" is beyond it, "receding" drives west away from it;
        // a sign for the frontage road 25-40 m to the left lies beside everyone's path. "approaching" shows both
        // are in force
        RoadScript road = road();
        road.vehicle("passed").at(310).speedKmh(72);
        road.vehicle("receding").lateral(-3.5).oncoming().at(190).speedKmh(72);
        road.vehicle("approaching").at(0).speedKmh(72);
        RoadEvent sign = event("sign-1", RoadEventType.TRAFFIC_SIGN, road.zone(200, 300, -5.25, 1.75), 0, 600);
        RoadEvent frontage = event("sign-2", RoadEventType.SPEED_LIMIT, road.zone(0, 600, -40, -25), 0, 600);

        assertThat(pairs(ivs(road, 12.0, sign, frontage))).containsExactly("approaching>sign-1");
    }

    @Test
    void ignoresSignsNotInForceAndHazardsWhichAreHlws() {
        // announced at 0 s: a sign starting at 10 s (passed by then), one that ended at 1 s (the vehicle's
        // look-ahead reaches it at 2.5 s), and an accident (HLW's, not a sign)
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(72);
        RoadEvent scheduled = event("later", RoadEventType.TRAFFIC_SIGN, road.zone(100, 120, -2, 2), 10, 600);
        RoadEvent expired = event("earlier", RoadEventType.TRAFFIC_SIGN, road.zone(250, 270, -2, 2), -60, 1);
        RoadEvent accident = event("acc-1", RoadEventType.ACCIDENT, road.zone(150, 170, -2, 2), 0, 600);
        Timeline timeline = new Timeline().add(road.messages(T0, 9.5))
                .announce(scheduled, T0).announce(expired, T0).add(accident);

        assertThat(ivs(timeline, PipelineConfig.defaults())).isEmpty();
    }

    @Test
    void showsTheSignOnceWhileTheVehicleStopsInTheZoneAndBrushesItsEdge() {
        // congestion in the right lane from 100 to 400 m. The host is shown it at 50 m, stops inside for 4 s, moves
        // off and drifts to 0.75 m outside the lane for 9 s (longer than the clear hold, within the edge margin),
        // then back in: the same sign, not shown again
        RoadScript stop = road();
        stop.vehicle("host").at(50).speedKmh(36).accel(6.0, -5.0);
        RoadScript drift = road();
        drift.vehicle("host").at(120).speedKmh(0).accel(0.0, 1.0).laneChange(2.0, 2.5, 1.0);
        RoadScript back = road();
        back.vehicle("host").lateral(2.5).at(132.5).speedKmh(18).laneChange(6.0, 0.0, 1.0);
        RoadEvent jam = event("jam-2", RoadEventType.CONGESTION, stop.zone(100, 400, -1.75, 1.75), 0, 600);
        Timeline timeline = new Timeline().add(stop.messages(T0, 12.0))
                .add(drift.messages(T0 + 12_000_000L, 5.0)).add(back.messages(T0 + 17_000_000L, 10.0)).add(jam);

        List<Warning> warnings = ivs(timeline, PipelineConfig.defaults());

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(atS(w)).isZero();
            assertThat(w.distanceM()).isCloseTo(50.0, within(0.3));
        });
    }

    @Test
    void validatesEveryKeyByName() {
        assertThat(IvsConfig.defaults().conclude()).isEqualTo(IvsConfig.defaults());
        assertThat(IvsConfig.defaults().lookAheadM(10.0)).isEqualTo(150.0);
        assertThat(IvsConfig.defaults().lookAheadM(20.0)).isEqualTo(200.0);
        assertThat(IvsConfig.defaults().lookAheadM(60.0)).isEqualTo(500.0);
        assertThatThrownBy(() -> new IvsConfig(true, 10 / 3.6, 150, 10, 149, 5, 5_000, 500, 10_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.ivs.maxLookAheadM");
        assertThatThrownBy(() -> new IvsConfig(true, -1, 150, 10, 500, 5, 5_000, 500, 10_000).conclude())
                .hasMessageContaining("apps.ivs.minSpeedMps");
        assertThatThrownBy(() -> new IvsConfig(true, 10 / 3.6, 5, 10, 500, 5, 5_000, 500, 10_000).conclude())
                .hasMessageContaining("apps.ivs.minLookAheadM");
        assertThatThrownBy(() -> new IvsConfig(true, 10 / 3.6, 150, 10, 500, Double.NaN, 5_000, 500, 10_000)
                .conclude()).hasMessageContaining("apps.ivs.edgeMarginM");
        assertThatThrownBy(() -> new IvsConfig(true, 10 / 3.6, 150, 10, 500, 5, 5_000, -1, 10_000).conclude())
                .hasMessageContaining("apps.ivs.maxStateAgeMs");
        assertThatThrownBy(() -> new InVehicleSignage(new IvsConfig(true, 10 / 3.6, 150, 10, 500, 5, 5_000, 500, 0)))
                .hasMessageContaining("apps.ivs.validityMs");
    }
}
