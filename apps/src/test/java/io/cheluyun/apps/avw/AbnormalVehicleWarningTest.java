package io.cheluyun.apps.avw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.apps.scenario.Timeline;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.LaneType;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.PipelineConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * AVW scenarios after the T/CSAE 53-2017 use case: a vehicle standing on the carriageway or showing hazard lights
 * warns the vehicles coming up behind it in its lane and the adjacent ones, once each. Vehicles it has already
 * passed, oncoming traffic, a vehicle queued behind another, one waiting at a stop line and ordinary moving traffic
 * must not warn. Road: eastwards through Changchun at 10 Hz, passenger cars 4.6 m long.
 */
class AbnormalVehicleWarningTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final long T0 = 1_790_000_000_000_000L;
    static final double CAR_M = 4.6;
    static final ExteriorLights HAZARD = ExteriorLights.of(Light.HAZARD_SIGNAL);

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    static List<Warning> avw(List<?> inputs) {
        return avw(inputs, PipelineConfig.defaults());
    }

    static List<Warning> avw(List<?> inputs, PipelineConfig pipeline) {
        List<Warning> warnings = ScenarioRunner.run(inputs,
                () -> List.of(new AbnormalVehicleWarning(AvwConfig.defaults())), pipeline);
        assertThat(warnings).allSatisfy(w -> assertThat(w.type()).isEqualTo(WarningType.AVW));
        return warnings;
    }

    static double secondsOf(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    @Test
    void warnsVehiclesComingUpBehindAStoppedVehicleWithHazardLightsInItsLaneAndTheNextOne() {
        RoadScript road = road();
        road.vehicle("broken").at(200).speedKmh(0).lights(0.0, HAZARD);
        road.vehicle("same").at(100).speedKmh(60).accel(1.0, -3.0);
        road.vehicle("left").lateral(-3.5).at(90).speedKmh(60);
        road.vehicle("twoLanesLeft").lateral(-7.0).at(110).speedKmh(60);
        List<Warning> warnings = avw(road.messages(T0, 4.0));

        assertThat(warnings).extracting(Warning::targetId).containsExactlyInAnyOrder("same", "left");
        assertThat(warnings).allSatisfy(w -> {
            assertThat(w.relatedIds()).containsExactly("broken");
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(secondsOf(w)).isEqualTo(0.0); // 95.4 m and 105.4 m: inside 8 s × 60 km/h = 133 m
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 3_000_000L);
            assertThat(w.advice()).isNull();
        });
        Warning same = warnings.stream().filter(w -> w.targetId().equals("same")).findFirst().orElseThrow();
        assertThat(same.distanceM()).isCloseTo(100.0 - CAR_M, within(0.05));
        assertThat(same.ttcS()).isCloseTo((100.0 - CAR_M) / (60.0 / 3.6), within(0.01));
        assertThat(same.location()).isEqualTo(road.messages(T0, 0.05).getFirst().position());
    }

    @Test
    void rangeGrowsWithTheApproachingSpeed() {
        // at 60 km/h the range is 133.3 m: a 145.4 m gap is reached at t = 0.72 s, so warned at 0.8 s;
        // at 120 km/h (range 266.7 m) the same gap is inside the range at once
        RoadScript road = road();
        road.vehicle("broken").at(250).speedKmh(0).lights(0.0, HAZARD);
        road.vehicle("steady").at(100).speedKmh(60);
        road.vehicle("fast").lateral(-3.5).at(100).speedKmh(120);
        List<Warning> warnings = avw(road.messages(T0, 2.0));
        double crossingS = (150.0 - CAR_M - 8.0 * 60.0 / 3.6) / (60.0 / 3.6);
        assertThat(warnings).filteredOn(w -> w.targetId().equals("steady")).singleElement()
                .satisfies(w -> assertThat(secondsOf(w)).isBetween(crossingS, crossingS + 0.1));
        assertThat(warnings).filteredOn(w -> w.targetId().equals("fast")).singleElement()
                .satisfies(w -> assertThat(secondsOf(w)).isEqualTo(0.0));
    }

    @Test
    void firstWarningComesWithinOneMessagePeriodOfTheVehicleComingToAStandstill() {
        // braking at −3 m/s² from 60 km/h, the speed drops below 1 m/s at t = (16.67 − 1) / 3 = 5.22 s; the
        // approaching car in the next lane is then 55 m behind it
        RoadScript road = road();
        road.vehicle("stopping").at(200).speedKmh(60).accel(0.0, -3.0);
        road.vehicle("approaching").lateral(-3.5).at(100).speedKmh(60).sendPhase(0.05);
        double crossingS = (60.0 / 3.6 - 1.0) / 3.0;
        List<Warning> warnings = avw(road.messages(T0, 6.0));
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("approaching");
            assertThat(w.relatedIds()).containsExactly("stopping");
            assertThat(secondsOf(w)).isBetween(crossingS, crossingS + 0.1);
        });
    }

    @Test
    void warnsWithTheFirstMessageShowingHazardLights() {
        RoadScript road = road();
        road.vehicle("slow").at(200).speedKmh(30).lights(2.0, HAZARD);
        road.vehicle("approaching").at(150).speedKmh(50).sendPhase(0.07);
        assertThat(avw(road.messages(T0, 4.0))).singleElement()
                .satisfies(w -> assertThat(secondsOf(w)).isEqualTo(2.0));
    }

    @Test
    void ignoresAnAbnormalVehicleTheHostHasAlreadyPassed() {
        RoadScript road = road();
        road.vehicle("broken").at(100).speedKmh(0).lights(0.0, HAZARD);
        road.vehicle("host").lateral(-3.5).at(110).speedKmh(60);
        assertThat(avw(road.messages(T0, 4.0))).isEmpty();
    }

    @Test
    void ignoresAbnormalVehiclesOnTheOppositeCarriageway() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(60);
        road.vehicle("brokenOpposite").lateral(-3.5).oncoming().at(200).speedKmh(0).lights(0.0, HAZARD);
        road.vehicle("hazardOncoming").lateral(-1.0).oncoming().at(300).speedKmh(30).lights(0.0, HAZARD);
        assertThat(avw(road.messages(T0, 3.0))).isEmpty();
    }

    @Test
    void ignoresVehiclesQueuedBehindAnotherStoppedVehicle() {
        // a queue of three, 2.4 m bumper gaps: only its head stands for no visible reason (no MAP here). The
        // approaching car is within range of the queue's tail (131.4 m) at once, of the head only at t = 0.72 s
        RoadScript road = road();
        road.vehicle("head").at(250).speedKmh(0);
        road.vehicle("second").at(243).speedKmh(0);
        road.vehicle("tail").at(236).speedKmh(0);
        road.vehicle("approaching").at(100).speedKmh(60);
        List<Warning> warnings = avw(road.messages(T0, 2.0));
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("approaching");
            assertThat(w.relatedIds()).containsExactly("head");
            assertThat(secondsOf(w)).isEqualTo(0.8);
        });
        assertThat(avw(road.messages(T0, 2.0), PipelineConfig.defaults().withShards(4))).isEqualTo(warnings);
    }

    @Test
    void ignoresAVehicleWaitingAtAStopLine() {
        // standing 20 m before the stop line of an ingress lane: waiting at the signal
        RoadScript road = road();
        road.vehicle("waiting").at(180).speedKmh(0);
        road.vehicle("approaching").at(100).speedKmh(40);
        List<Object> withMap = new Timeline().add(stopLineAt(200.0)).add(road.messages(T0, 3.0)).inputs();
        assertThat(avw(withMap)).isEmpty();

        // without the MAP nothing explains the standing car: it is abnormal
        assertThat(avw(road.messages(T0, 3.0))).singleElement()
                .satisfies(w -> assertThat(w.relatedIds()).containsExactly("waiting"));

        // 60 m before the stop line it is not waiting at the signal either
        RoadScript farBack = road();
        farBack.vehicle("waiting").at(140).speedKmh(0);
        farBack.vehicle("approaching").at(60).speedKmh(40);
        List<Object> farFromLine = new Timeline().add(stopLineAt(200.0)).add(farBack.messages(T0, 3.0)).inputs();
        assertThat(avw(farFromLine)).singleElement()
                .satisfies(w -> assertThat(w.relatedIds()).containsExactly("waiting"));
    }

    @Test
    void ignoresMovingTrafficWithoutHazardLights() {
        RoadScript road = road();
        road.vehicle("slowLeader").at(200).speedKmh(20);
        road.vehicle("host").at(100).speedKmh(60);
        road.vehicle("crawling").lateral(-3.5).at(220).speedKmh(12);
        assertThat(avw(road.messages(T0, 4.0))).isEmpty();
    }

    @Test
    void oneWarningWhileTheHostSlowsDownAndDrivesOn() {
        // warned at t = 0.2 s (gap 132.1 m, range 133.3 m); the host then slows to 6 km/h, below the minimum
        // approach speed for 2.4 s (longer than the clear hold), and speeds up again: at t = 11 s it is 52 m behind,
        // inside its 69 m range, and still the same hazard
        RoadScript road = road();
        road.vehicle("broken").at(300).speedKmh(0).lights(0.0, HAZARD);
        road.vehicle("host").at(160).speedKmh(60).accel(1.0, -3.0).accel(6.0, 0.0).accel(7.5, 2.0);
        List<Warning> warnings = avw(road.messages(T0, 11.0));
        assertThat(warnings).singleElement().satisfies(w -> assertThat(secondsOf(w)).isEqualTo(0.2));
    }

    @Test
    void oneWarningWhenHazardLightsFlicker() {
        // a slow vehicle (20 km/h, not abnormal by speed) whose hazard lights drop out for 0.3 s
        RoadScript road = road();
        road.vehicle("slow").at(200).speedKmh(20).lights(0.0, HAZARD).lights(2.0, ExteriorLights.NONE)
                .lights(2.3, HAZARD);
        road.vehicle("host").at(120).speedKmh(40);
        assertThat(avw(road.messages(T0, 7.0))).singleElement()
                .satisfies(w -> assertThat(secondsOf(w)).isEqualTo(0.0));
    }

    @Test
    void warnsAgainWhenHazardLightsComeBackOnAfterTheHazardCleared() {
        // a slow vehicle (20 km/h) with hazard lights, off from 2 s to 5 s (longer than the 1 s clear hold)
        RoadScript road = road();
        road.vehicle("slow").at(200).speedKmh(20).lights(0.0, HAZARD).lights(2.0, ExteriorLights.NONE)
                .lights(5.0, HAZARD);
        road.vehicle("host").at(120).speedKmh(40);
        List<Warning> warnings = avw(road.messages(T0, 7.0));
        assertThat(warnings).extracting(AbnormalVehicleWarningTest::secondsOf).containsExactly(0.0, 5.0);
    }

    @Test
    void configValidationNamesTheBadKey() {
        AvwConfig d = AvwConfig.defaults();
        assertThat(d.conclude()).isSameAs(d);
        assertThatThrownBy(() -> new AvwConfig(true, 1.0, 0.5, 15, 2.8, 30, 2.8, 8, 50, 300, 30, 5.25, 1.75, 0.5,
                0.5, 1.5, 1_000, 1_500, 4.5, 3_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.avw.rearmStationarySpeedMps");
        assertThatThrownBy(() -> new AvwConfig(true, 1.0, 1.5, 15, 2.8, 30, 2.8, 8, 400, 300, 30, 5.25, 1.75, 0.5,
                0.5, 1.5, 1_000, 1_500, 4.5, 3_000).conclude())
                .hasMessageContaining("apps.avw.maxRangeM");
        assertThatThrownBy(() -> new AvwConfig(true, 1.0, 1.5, 15, 2.8, 30, 2.8, 8, 50, 300, 30, 1.5, 1.75, 0.5,
                0.5, 1.5, 1_000, 1_500, 4.5, 3_000).conclude())
                .hasMessageContaining("apps.avw.sameLaneOffsetM");
        assertThatThrownBy(() -> new AvwConfig(true, 1.0, 1.5, -1, 2.8, 30, 2.8, 8, 50, 300, 30, 5.25, 1.75, 0.5,
                0.5, 1.5, 1_000, 1_500, 4.5, 3_000).conclude())
                .hasMessageContaining("apps.avw.queueGapM");
        assertThatThrownBy(() -> new AbnormalVehicleWarning(new AvwConfig(true, 1.0, 1.5, 15, 2.8, 30, 2.8, 0, 50,
                300, 30, 5.25, 1.75, 0.5, 0.5, 1.5, 1_000, 1_500, 4.5, 3_000)))
                .hasMessageContaining("apps.avw.warningHorizonS");
        assertThatThrownBy(() -> new AvwConfig(true, 1.0, 1.5, 15, 2.8, Double.NaN, 2.8, 8, 50, 300, 30, 5.25, 1.75,
                0.5, 0.5, 1.5, 1_000, 1_500, 4.5, 3_000).conclude())
                .hasMessageContaining("apps.avw.stopLineDistanceM");
    }

    /** A MAP with one straight ingress lane along the road (lane 0) whose stop line is {@code alongM} from the origin. */
    static MapIntersection stopLineAt(double alongM) {
        LocalEnu enu = new LocalEnu(LAT, LON);
        GeoPoint stopLine = enu.toGeo(alongM, 0.0);
        Lane ingress = new Lane(1, LaneType.VEHICLE, true, List.of(stopLine, enu.toGeo(alongM - 250.0, 0.0)), 3.5,
                Set.of(Maneuver.STRAIGHT), List.of());
        return new MapIntersection(new IntersectionId(0, 1001), "test", 1, stopLine, List.of(ingress));
    }
}
