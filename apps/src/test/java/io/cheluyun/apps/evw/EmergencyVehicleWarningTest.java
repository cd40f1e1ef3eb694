package io.cheluyun.apps.evw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.Advice;
import io.cheluyun.model.Severity;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.PipelineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EVW scenarios after the T/CSAE 53-2017 use case: an ambulance catching up from behind tells every vehicle on the
 * carriageway ahead of it, once, to pull over to the right. An ambulance ahead or on the opposite carriageway moving
 * away, a fast truck, and an ambulance behind that is slower and far must not. Road: eastwards through Changchun at
 * 10 Hz; the ambulance is 6 m long, cars 4.6 m, so bumper gaps are centre distances minus 5.3 m.
 */
class EmergencyVehicleWarningTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final long T0 = 1_790_000_000_000_000L;
    static final double HALF_LENGTHS_M = (6.0 + 4.6) / 2.0;
    static final Advice YIELD_RIGHT = Advice.of(Advice.Action.YIELD_RIGHT);

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    static RoadScript.Vehicle ambulance(RoadScript road) {
        return road.vehicle("ambulance").size(VehicleClass.EMERGENCY, 6.0, 2.2);
    }

    static List<Warning> evw(List<?> inputs) {
        return evw(inputs, PipelineConfig.defaults());
    }

    static List<Warning> evw(List<?> inputs, PipelineConfig pipeline) {
        List<Warning> warnings = ScenarioRunner.run(inputs,
                () -> List.of(new EmergencyVehicleWarning(EvwConfig.defaults())), pipeline);
        assertThat(warnings).allSatisfy(w -> assertThat(w.type()).isEqualTo(WarningType.EVW));
        return warnings;
    }

    static double secondsOf(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    @Test
    void tellsEveryVehicleOnTheCarriagewayAheadToYieldRight() {
        RoadScript road = road();
        road.vehicle("host").at(170).speedKmh(50);
        road.vehicle("left").lateral(-3.5).at(150).speedKmh(60);
        road.vehicle("right").lateral(3.5).at(180).speedKmh(40);
        road.vehicle("beyondRange").at(190).speedKmh(40); // 184.7 m gap, 181.4 m at t = 0.2 s
        road.vehicle("threeLanesRight").lateral(10.0).at(120).speedKmh(40);
        road.vehicle("parallelRoad").lateral(30.0).at(150).speedKmh(40);
        ambulance(road).at(0).speedKmh(100);
        List<Warning> warnings = evw(road.messages(T0, 0.25));

        assertThat(warnings).extracting(Warning::targetId)
                .containsExactlyInAnyOrder("host", "left", "right", "threeLanesRight");
        assertThat(warnings).allSatisfy(w -> {
            assertThat(w.relatedIds()).containsExactly("ambulance");
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.advice()).isEqualTo(YIELD_RIGHT);
            assertThat(secondsOf(w)).isEqualTo(0.0);
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 3_000_000L);
        });
        Warning host = warnings.stream().filter(w -> w.targetId().equals("host")).findFirst().orElseThrow();
        double gap = 170.0 - HALF_LENGTHS_M;
        assertThat(host.distanceM()).isCloseTo(gap, within(0.05));
        assertThat(host.ttcS()).isCloseTo(gap / ((100.0 - 50.0) / 3.6), within(0.01));
        VehicleState ambulanceAt0 = road.messages(T0, 0.05).getLast();
        assertThat(ambulanceAt0.vehicleId()).isEqualTo("ambulance");
        assertThat(host.location()).isEqualTo(ambulanceAt0.position());
    }

    @Test
    void firstWarningComesWithinOneMessagePeriodOfTheAmbulanceComingIntoRange() {
        // 294.7 m gap closing at 50 km/h: inside the 180 m range at t = 114.7 / 13.89 = 8.26 s
        RoadScript road = road();
        road.vehicle("host").at(250).speedKmh(50);
        ambulance(road).at(-50).speedKmh(100).sendPhase(0.03);
        double crossingS = (300.0 - HALF_LENGTHS_M - 180.0) / ((100.0 - 50.0) / 3.6);
        assertThat(evw(road.messages(T0, 9.0))).singleElement().satisfies(w -> {
            assertThat(secondsOf(w)).isBetween(crossingS, crossingS + 0.1);
            assertThat(w.distanceM()).isLessThanOrEqualTo(180.0).isGreaterThan(178.5);
        });
    }

    @Test
    void warnsAboutAnAmbulanceHeldUpRightBehindEvenWhenItIsNotFaster() {
        RoadScript road = road();
        road.vehicle("host").at(200).speedKmh(40);
        ambulance(road).at(170).speedKmh(40);
        assertThat(evw(road.messages(T0, 2.0))).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(w.distanceM()).isCloseTo(30.0 - HALF_LENGTHS_M, within(0.05));
            assertThat(w.ttcS()).isNaN();
        });
    }

    @Test
    void ignoresAnAmbulanceAheadMovingAway() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(60);
        ambulance(road).at(200).speedKmh(90);
        assertThat(evw(road.messages(T0, 3.0))).isEmpty();
    }

    @Test
    void ignoresAnAmbulanceOnTheOppositeCarriagewayMovingAway() {
        // it has passed the host on the other side of the median: behind the host, heading the other way
        RoadScript road = road();
        road.vehicle("host").at(200).speedKmh(60);
        ambulance(road).lateral(-7.0).oncoming().at(150).speedKmh(100);
        assertThat(evw(road.messages(T0, 3.0))).isEmpty();
    }

    @Test
    void ignoresAFastTruckComingUpBehind() {
        RoadScript road = road();
        road.vehicle("host").at(200).speedKmh(50);
        road.vehicle("truck").at(100).speedKmh(100).size(VehicleClass.TRUCK, 12.0, 2.5);
        assertThat(evw(road.messages(T0, 3.0))).isEmpty();
    }

    @Test
    void ignoresASlowerAmbulanceFarBehind() {
        RoadScript road = road();
        road.vehicle("host").at(200).speedKmh(60);
        ambulance(road).at(50).speedKmh(30);
        assertThat(evw(road.messages(T0, 3.0))).isEmpty();
    }

    @Test
    void oneWarningWhileTheAmbulanceFallsInBehindAndThenCatchesUpAgain() {
        // closing at 30 km/h, then slowing to the host's speed (t = 2–4.1 s) and following 139 m back for 3 s (longer
        // than the 1 s clear hold, not catching up, not near), then catching up again from t = 7 s: one hazard
        RoadScript road = road();
        road.vehicle("host").at(300).speedKmh(50);
        ambulance(road).at(130).speedKmh(80).accel(2.0, -4.0).accel(4.1, 0.0).accel(7.0, 2.0);
        List<Warning> warnings = evw(road.messages(T0, 10.0));
        assertThat(warnings).singleElement().satisfies(w -> assertThat(secondsOf(w)).isEqualTo(0.0));
    }

    @Test
    void oneWarningForTheWholePassAndNoneOnceItHasGoneBy() {
        // the ambulance overtakes in the passing lane at t ≈ 5.8 s while the host slows down to make way
        RoadScript road = road();
        road.vehicle("host").at(250).speedKmh(50).accel(3.0, -2.0);
        ambulance(road).lateral(-3.5).at(80).speedKmh(100);
        List<VehicleState> messages = road.messages(T0, 10.0);
        List<Warning> warnings = evw(messages);
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(secondsOf(w)).isEqualTo(0.0);
        });
        assertThat(evw(messages, PipelineConfig.defaults().withShards(4))).isEqualTo(warnings);
    }

    @Test
    void configValidationNamesTheBadKey() {
        EvwConfig d = EvwConfig.defaults();
        assertThat(d.conclude()).isSameAs(d);
        assertThatThrownBy(() -> new EvwConfig(true, 300, 400, 1.0, 2.8, 30, 10.5, 0.5, 1_000, 500, 4.5, 3_000)
                .conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.evw.nearRangeM");
        assertThatThrownBy(() -> new EvwConfig(true, 5, 0, 1.0, 2.8, 30, 10.5, 0.5, 1_000, 500, 4.5, 3_000)
                .conclude())
                .hasMessageContaining("apps.evw.maxRangeM");
        assertThatThrownBy(() -> new EvwConfig(true, 300, 50, 0, 2.8, 30, 10.5, 0.5, 1_000, 500, 4.5, 3_000)
                .conclude())
                .hasMessageContaining("apps.evw.minClosingSpeedMps");
        assertThatThrownBy(() -> new EmergencyVehicleWarning(new EvwConfig(true, 300, 50, 1.0, 2.8, 30, Double.NaN,
                0.5, 1_000, 500, 4.5, 3_000)))
                .hasMessageContaining("apps.evw.maxLateralOffsetM");
        assertThatThrownBy(() -> new EvwConfig(true, 300, 50, 1.0, 2.8, 30, 10.5, 0.5, 1_000, 500, 4.5, 0)
                .conclude())
                .hasMessageContaining("apps.evw.validityMs");
    }
}
