package io.cheluyun.apps.hlw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.apps.scenario.Timeline;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
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
 * HLW scenarios after the T/CSAE 53-2017 use case: a vehicle heading into an announced hazard (accident, obstacle,
 * fog, closure) is warned once, on time, with the distance to it; a hazard behind the vehicle, on a parallel road,
 * outside its validity window, or a work zone (IVS's) is not. Road: eastwards through Changchun at 10 Hz; lanes at
 * lateral 0 (right) and −3.5 m (left), the oncoming carriageway further left.
 */
class HazardousLocationWarningTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final long T0 = 1_790_000_000_000_000L;

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    static RoadEvent event(String id, RoadEventType type, List<GeoPoint> area, double fromS, double toS) {
        return new RoadEvent(id, "rsu-7", type, -1, area, Double.NaN, T0 + Units.secondsToMicros(fromS),
                T0 + Units.secondsToMicros(toS), "");
    }

    private static List<Warning> hlw(Timeline timeline, PipelineConfig pipeline) {
        List<Warning> warnings = ScenarioRunner.run(timeline.inputs(),
                () -> List.of(new HazardousLocationWarning(HlwConfig.defaults())), pipeline);
        assertThat(warnings).allMatch(w -> w.type() == WarningType.HLW);
        return warnings;
    }

    private static List<Warning> hlw(RoadScript road, double durationS, RoadEvent... events) {
        Timeline timeline = new Timeline().add(road.messages(T0, durationS));
        for (RoadEvent e : events) {
            timeline.add(e);
        }
        return hlw(timeline, PipelineConfig.defaults());
    }

    private static double atS(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    @Test
    void warnsVehicleApproachingAnAccidentOnceWithTheDistanceAndTimeToReachIt() {
        // 72 km/h: look-ahead max(150, 20 × 8) = 160 m; the accident starts 255 m ahead, so 95 m later (4.75 s)
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(72);
        RoadEvent accident = event("acc-1", RoadEventType.ACCIDENT, road.zone(255, 275, -1.75, 5.25), 0, 60);

        List<Warning> warnings = hlw(road, 16.0, accident);

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(w.relatedIds()).containsExactly("acc-1");
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(atS(w)).isCloseTo(4.8, within(0.001));
            assertThat(w.distanceM()).isCloseTo(255 - 20 * 4.8, within(0.3));
            assertThat(w.ttcS()).isCloseTo((255 - 20 * 4.8) / 20, within(0.02));
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 10_000_000L);
            assertThat(w.advice()).isNull();
            // located where the path enters the area: 255 m east of the origin on the lane centre
            LocalEnu frame = new LocalEnu(LAT, LON);
            assertThat(frame.eastM(w.location().latDeg(), w.location().lonDeg())).isCloseTo(255, within(0.3));
            assertThat(frame.northM(w.location().latDeg(), w.location().lonDeg())).isCloseTo(0, within(0.3));
        });
    }

    @Test
    void firstWarningComesWithinOneMessagePeriodOfTheAreaEnteringTheLookAhead() {
        // fog across both lanes from 400 m: a 36 km/h vehicle's look-ahead is the 150 m floor, a 120 km/h one's is
        // 8 s = 266.7 m; each is warned within 100 ms of its own crossing
        RoadScript road = road();
        road.vehicle("slow").at(190.5).speedKmh(36);
        road.vehicle("fast").lateral(-3.5).at(-95).speedKmh(120);
        RoadEvent fog = event("fog-1", RoadEventType.ADVERSE_WEATHER, road.zone(400, 900, -5.25, 1.75), 0, 600);
        double slowCrossingS = (400 - 150 - 190.5) / 10.0;
        double fastV = Units.kmhToMps(120);
        double fastCrossingS = (400 - 8 * fastV + 95) / fastV;

        List<Warning> warnings = hlw(road, 8.0, fog);

        assertThat(warnings).extracting(Warning::targetId).containsExactlyInAnyOrder("slow", "fast");
        for (Warning w : warnings) {
            boolean slow = w.targetId().equals("slow");
            double crossingS = slow ? slowCrossingS : fastCrossingS;
            assertThat(atS(w)).isBetween(crossingS - 0.01, crossingS + 0.1);
            assertThat(w.distanceM()).isLessThanOrEqualTo(slow ? 150.0 : 8 * fastV)
                    .isGreaterThan(slow ? 149.0 : 8 * fastV - 3.4);
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
        }
    }

    @Test
    void warnsOnTheAnnouncementItselfAndCriticallyWhenALaneBlockingClosureIsReachedSoon() {
        // the closure is announced at 3 s, 60 m ahead of a 72 km/h vehicle: TTC 3 s < 4 s. The warning comes with
        // the announcement (the vehicle's newest message is from 2.9 s, dead-reckoned), not with its next BSM
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(72);
        road.vehicle("other").lateral(-3.5).at(0).speedKmh(72);
        RoadEvent closure = event("closed-1", RoadEventType.ROAD_CLOSURE, road.zone(120, 140, -1.75, 1.75), 3, 60);
        RoadEvent debris = event("debris-1", RoadEventType.HAZARD, road.zone(120, 140, -5.25, -1.75), 3, 60);

        List<Warning> warnings = hlw(road, 4.0, closure, debris);

        assertThat(warnings).hasSize(2);
        Warning blocked = warnings.stream().filter(w -> w.targetId().equals("host")).findFirst().orElseThrow();
        assertThat(blocked.relatedIds()).containsExactly("closed-1");
        assertThat(blocked.timeMicros()).isEqualTo(T0 + 3_000_000L);
        assertThat(blocked.distanceM()).isCloseTo(60.0, within(0.1));
        assertThat(blocked.ttcS()).isCloseTo(3.0, within(0.01));
        assertThat(blocked.severity()).isEqualTo(Severity.CRITICAL);
        // an obstacle at the same distance can be passed with care: a warning, not critical
        Warning obstacle = warnings.stream().filter(w -> w.targetId().equals("other")).findFirst().orElseThrow();
        assertThat(obstacle.relatedIds()).containsExactly("debris-1");
        assertThat(obstacle.timeMicros()).isEqualTo(T0 + 3_000_000L);
        assertThat(obstacle.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void ignoresAHazardTheVehicleHasPassedOrDrivesAwayFrom() {
        // an accident across both carriageways at 200-220 m: "passed" is beyond it eastbound, "receding" drives
        // westbound away from it; "approaching" shows the event is in force and seen
        RoadScript road = road();
        road.vehicle("passed").at(230).speedKmh(72);
        road.vehicle("receding").lateral(-7.0).oncoming().at(190).speedKmh(72);
        road.vehicle("approaching").at(100).speedKmh(72);
        RoadEvent accident = event("acc-2", RoadEventType.ACCIDENT, road.zone(200, 220, -10.5, 1.75), 0, 60);

        assertThat(hlw(road, 6.0, accident)).extracting(Warning::targetId).containsExactly("approaching");
    }

    @Test
    void ignoresAHazardOnAParallelRoad() {
        // a frontage road 25-40 m to the left: within the look-ahead radius, but the path never enters it
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(72);
        RoadEvent accident = event("acc-3", RoadEventType.ACCIDENT, road.zone(100, 300, -40, -25), 0, 60);

        assertThat(hlw(road, 12.0, accident)).isEmpty();
    }

    @Test
    void ignoresEventsOutsideTheirValidityWindow() {
        // announced at 0 s: one starts at 10 s (the vehicle is long past it), one ended at 1 s (before the
        // vehicle's look-ahead reaches it at 2 s)
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(72);
        RoadEvent scheduled = event("later", RoadEventType.HAZARD, road.zone(100, 120, -1.75, 1.75), 10, 60);
        RoadEvent expired = event("earlier", RoadEventType.HAZARD, road.zone(200, 220, -1.75, 1.75), -60, 1);
        Timeline timeline = new Timeline().add(road.messages(T0, 9.5))
                .announce(scheduled, T0).announce(expired, T0);

        assertThat(hlw(timeline, PipelineConfig.defaults())).isEmpty();
    }

    @Test
    void leavesWorkZonesToInVehicleSignage() {
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(72);
        RoadEvent works = event("works-1", RoadEventType.WORK_ZONE, road.zone(150, 250, -1.75, 1.75), 0, 60);

        assertThat(hlw(road, 10.0, works)).isEmpty();
    }

    @Test
    void warnsOnceWhenTheVehicleBrakesToAStopBeforeTheHazardAndMovesOffAgain() {
        // 108 km/h: look-ahead 240 m, warned at 2.2 s; braking at 6 m/s² shrinks the look-ahead faster than the
        // distance and the vehicle stands 155 m short for 1.5 s, then creeps on: still the same hazard, no repeat
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(108).accel(2.5, -6.0).accel(9.0, 1.5);
        RoadEvent accident = event("acc-4", RoadEventType.ACCIDENT, road.zone(305, 325, -1.75, 1.75), 0, 60);
        RoadScript other = road();
        other.vehicle("second").lateral(-3.5).at(0).speedKmh(108);
        RoadEvent debris = event("debris-2", RoadEventType.HAZARD, road.zone(305, 325, -5.25, -1.75), 0, 60);
        Timeline timeline = new Timeline().add(road.messages(T0, 16.0)).add(other.messages(T0, 16.0))
                .add(accident).add(debris);

        List<Warning> warnings = hlw(timeline, PipelineConfig.defaults());

        // one per (vehicle, event): the second vehicle gets its own, for the hazard in its own lane
        assertThat(warnings).extracting(w -> w.targetId() + ">" + w.relatedIds().getFirst())
                .containsExactlyInAnyOrder("host>acc-4", "second>debris-2");
        assertThat(atS(warnings.getFirst())).isCloseTo(2.2, within(0.001));
    }

    @Test
    void rearmsAfterTheVehicleLeftTheLookAheadAndWarnsAgainWhenItComesBack() {
        // a broken-down truck in the right lane at 305 m. The host is warned at 2.2 s, changes to the left lane at
        // 3-4 s (its path now passes the truck), and back at 7-8 s: the hazard cleared for over 2 s, so it is new
        RoadScript before = road();
        before.vehicle("host").at(0).speedKmh(108).laneChange(3.0, -3.5, 1.0);
        RoadScript after = road();
        after.vehicle("host").lateral(-3.5).at(180).speedKmh(108).laneChange(1.0, 0.0, 1.0);
        RoadEvent truck = event("truck-1", RoadEventType.HAZARD, before.zone(305, 325, -1.75, 1.75), 0, 60);
        Timeline timeline = new Timeline().add(before.messages(T0, 6.0))
                .add(after.messages(T0 + 6_000_000L, 3.0)).add(truck);

        List<Warning> warnings = hlw(timeline, PipelineConfig.defaults());

        assertThat(warnings).hasSize(2);
        assertThat(warnings).extracting(Warning::targetId).containsOnly("host");
        assertThat(atS(warnings.get(0))).isCloseTo(2.2, within(0.001));
        assertThat(atS(warnings.get(1))).isBetween(8.0, 8.1);
        assertThat(warnings.get(1).distanceM()).isCloseTo(305 - 240, within(3.5));
    }

    @Test
    void sameInputGivesIdenticalWarningsWhateverTheSharding() {
        RoadScript road = road();
        road.vehicle("a").at(0).speedKmh(72);
        road.vehicle("b").lateral(-3.5).at(-300).speedKmh(120);
        road.vehicle("c").lateral(-7.0).oncoming().at(1500).speedKmh(90);
        RoadEvent fog = event("fog-2", RoadEventType.ADVERSE_WEATHER, road.zone(600, 1200, -10.5, 1.75), 0, 600);
        RoadEvent closure = event("closed-2", RoadEventType.ROAD_CLOSURE, road.zone(400, 420, -1.75, 1.75), 4, 600);
        Timeline timeline = new Timeline().add(road.messages(T0, 20.0)).add(fog).add(closure);

        List<Warning> first = hlw(timeline, PipelineConfig.defaults());
        assertThat(first).extracting(w -> w.targetId() + ">" + w.relatedIds().getFirst())
                .containsExactly("c>fog-2", "a>closed-2", "b>fog-2");
        assertThat(hlw(timeline, PipelineConfig.defaults())).isEqualTo(first);
        assertThat(hlw(timeline, PipelineConfig.defaults().withShards(4))).isEqualTo(first);
    }

    @Test
    void validatesEveryKeyByName() {
        assertThat(HlwConfig.defaults().conclude()).isEqualTo(HlwConfig.defaults());
        assertThat(HlwConfig.defaults().lookAheadM(10.0)).isEqualTo(150.0);
        assertThat(HlwConfig.defaults().lookAheadM(30.0)).isEqualTo(240.0);
        assertThat(HlwConfig.defaults().lookAheadM(100.0)).isEqualTo(500.0);
        assertThatThrownBy(() -> new HlwConfig(true, 10 / 3.6, 150, 8, 100, 4, 5, 2_000, 500, 10_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.hlw.maxLookAheadM");
        assertThatThrownBy(() -> new HlwConfig(true, Double.NaN, 150, 8, 500, 4, 5, 2_000, 500, 10_000).conclude())
                .hasMessageContaining("apps.hlw.minSpeedMps");
        assertThatThrownBy(() -> new HlwConfig(true, 10 / 3.6, 150, 0, 500, 4, 5, 2_000, 500, 10_000).conclude())
                .hasMessageContaining("apps.hlw.lookAheadTimeS");
        assertThatThrownBy(() -> new HlwConfig(true, 10 / 3.6, 150, 8, 500, 4, 5, -1, 500, 10_000).conclude())
                .hasMessageContaining("apps.hlw.clearHoldMs");
        assertThatThrownBy(() -> new HazardousLocationWarning(
                new HlwConfig(true, 10 / 3.6, 150, 8, 500, 4, 5, 2_000, 500, 50)))
                .hasMessageContaining("apps.hlw.validityMs");
    }
}
