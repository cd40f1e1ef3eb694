package io.cheluyun.apps.clw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.Severity;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.PipelineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CLW scenarios after the T/CSAE 53-2017 use case: a vehicle reports ABS, traction control or stability control
 * intervening; the vehicles behind it in any lane of the carriageway and oncoming vehicles close to it are warned,
 * once per skid. Vehicles ahead of it moving away, a parallel road and a vehicle braking without any intervention
 * must not be. Road: eastwards through Changchun at 10 Hz, passenger cars 4.6 m long, 60 km/h unless stated.
 */
class ControlLossWarningTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final long T0 = 1_790_000_000_000_000L;
    static final double CAR_M = 4.6;
    static final BrakeState ABS = new BrakeState(true, true, false, false);
    static final BrakeState TCS = new BrakeState(false, false, true, false);
    static final BrakeState ESC = new BrakeState(false, false, false, true);
    static final BrakeState BRAKING = new BrakeState(true, false, false, false);

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    static List<Warning> clw(List<?> inputs) {
        return clw(inputs, PipelineConfig.defaults());
    }

    static List<Warning> clw(List<?> inputs, PipelineConfig pipeline) {
        List<Warning> warnings = ScenarioRunner.run(inputs,
                () -> List.of(new ControlLossWarning(ClwConfig.defaults())), pipeline);
        assertThat(warnings).allSatisfy(w -> assertThat(w.type()).isEqualTo(WarningType.CLW));
        return warnings;
    }

    static double secondsOf(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    static Warning of(List<Warning> warnings, String target) {
        return warnings.stream().filter(w -> w.targetId().equals(target)).findFirst().orElseThrow();
    }

    /** The skidding car at 200 m brakes on ice with ABS cycling from t = 1 s to t = 3 s. */
    static RoadScript skidAt200() {
        RoadScript road = road();
        road.vehicle("skidding").at(200).speedKmh(60).accel(1.0, -3.0).brakes(1.0, ABS).brakes(3.0, BrakeState.NONE)
                .accel(3.0, 0.0);
        return road;
    }

    @Test
    void warnsVehiclesBehindInEveryLaneOfTheCarriageway() {
        RoadScript road = skidAt200();
        road.vehicle("behind").at(150).speedKmh(60).accel(1.5, -3.0);
        road.vehicle("leftBehind").lateral(-3.5).at(120).speedKmh(60);
        road.vehicle("twoLanesLeft").lateral(-6.5).at(60).speedKmh(60);
        road.vehicle("ahead").at(260).speedKmh(60);
        road.vehicle("aheadLeft").lateral(-3.5).at(230).speedKmh(70);
        List<Warning> warnings = clw(road.messages(T0, 4.0));

        assertThat(warnings).extracting(Warning::targetId)
                .containsExactlyInAnyOrder("behind", "leftBehind", "twoLanesLeft");
        assertThat(warnings).allSatisfy(w -> {
            assertThat(w.relatedIds()).containsExactly("skidding");
            assertThat(secondsOf(w)).isEqualTo(1.0);
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 3_000_000L);
        });
        Warning behind = of(warnings, "behind");
        assertThat(behind.distanceM()).isCloseTo(50.0 - CAR_M, within(0.05));
        assertThat(behind.ttcS()).isNaN(); // same speed when the first intervention is reported
        assertThat(of(warnings, "twoLanesLeft").distanceM()).isCloseTo(140.0 - CAR_M, within(0.05));
        VehicleState skidAt1s = road.messages(T0, 1.05).stream().filter(s -> s.vehicleId().equals("skidding"))
                .toList().getLast();
        assertThat(behind.location()).isEqualTo(skidAt1s.position());
    }

    @Test
    void warnsOncomingVehiclesApproachingWithinTheShorterRange() {
        // at t = 1 s the near oncoming car is 96.7 m away centre to centre (92.1 m gap, inside 100 m), closing at
        // 120 km/h; the far one is 166.7 m away and still 130 m when the skid ends at t = 3 s... never inside 100 m
        RoadScript road = skidAt200();
        road.vehicle("oncomingNear").lateral(-3.5).oncoming().at(330).speedKmh(60);
        road.vehicle("oncomingFar").lateral(-7.0).oncoming().at(400).speedKmh(60).accel(0.0, -8.0);
        road.vehicle("alreadyPassed").lateral(-3.5).oncoming().at(170).speedKmh(60);
        List<Warning> warnings = clw(road.messages(T0, 4.0));

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("oncomingNear");
            assertThat(w.relatedIds()).containsExactly("skidding");
            assertThat(secondsOf(w)).isEqualTo(1.0);
            assertThat(w.distanceM()).isCloseTo(330.0 - 200.0 - 2 * 60.0 / 3.6 - CAR_M, within(0.05));
            assertThat(w.ttcS()).isCloseTo(w.distanceM() / (120.0 / 3.6), within(0.01));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void firstWarningComesWithTheFirstMessageReportingAnIntervention() {
        // traction control from t = 1.5 s exactly; the host's messages are 60 ms out of phase
        RoadScript road = road();
        road.vehicle("spinning").at(200).speedKmh(30).brakes(1.5, TCS);
        road.vehicle("host").at(120).speedKmh(50).sendPhase(0.06);
        double onsetS = 1.5;
        assertThat(clw(road.messages(T0, 3.0))).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(secondsOf(w)).isBetween(onsetS, onsetS + 0.1);
            // closing at 20 km/h: the 75.4 m gap at t = 0 has shrunk by 1.5 s × 5.56 m/s
            assertThat(w.distanceM()).isCloseTo(80.0 - CAR_M - 1.5 * 20.0 / 3.6, within(0.05));
            assertThat(w.ttcS()).isCloseTo(w.distanceM() / (20.0 / 3.6), within(0.01));
        });
    }

    @Test
    void criticalForAVehicleAlongside() {
        RoadScript road = road();
        road.vehicle("skidding").at(200).speedKmh(80).brakes(1.0, ESC);
        road.vehicle("alongside").lateral(-3.5).at(201).speedKmh(80);
        assertThat(clw(road.messages(T0, 2.0))).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("alongside");
            assertThat(w.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(w.distanceM()).isEqualTo(0.0);
            assertThat(w.ttcS()).isNaN();
        });
    }

    @Test
    void ignoresHardBrakingWithoutAnyControlSystemIntervening() {
        RoadScript road = road();
        road.vehicle("braking").at(200).speedKmh(60).accel(1.0, -7.0).brakes(1.0, BRAKING);
        road.vehicle("behind").at(150).speedKmh(60);
        road.vehicle("oncoming").lateral(-3.5).oncoming().at(300).speedKmh(60);
        assertThat(clw(road.messages(T0, 3.0))).isEmpty();
    }

    @Test
    void ignoresVehiclesOnAFarParallelRoad() {
        RoadScript road = skidAt200();
        road.vehicle("parallelBehind").lateral(30.0).at(150).speedKmh(60);
        road.vehicle("parallelOncoming").lateral(-30.0).oncoming().at(260).speedKmh(60);
        assertThat(clw(road.messages(T0, 4.0))).isEmpty();
    }

    @Test
    void oneWarningPerSkidWhileAbsCyclesOnAndOff() {
        // ABS on for 0.2 s, off for 0.3 s, five times over: one skid for both the follower and the oncoming car
        RoadScript road = road();
        RoadScript.Vehicle skidding = road.vehicle("skidding").at(200).speedKmh(60).accel(1.0, -3.0);
        for (int k = 0; k < 5; k++) {
            skidding.brakes(1.0 + 0.5 * k, ABS).brakes(1.2 + 0.5 * k, BRAKING);
        }
        road.vehicle("behind").at(150).speedKmh(60).accel(1.5, -3.0);
        road.vehicle("oncoming").lateral(-3.5).oncoming().at(320).speedKmh(40);
        List<Warning> warnings = clw(road.messages(T0, 4.0));
        assertThat(warnings).extracting(Warning::targetId).containsExactlyInAnyOrder("behind", "oncoming");
        assertThat(warnings).allSatisfy(w -> assertThat(secondsOf(w)).isEqualTo(1.0));
    }

    @Test
    void warnsAgainForASecondSkidAfterTheFirstHasCleared() {
        // stability control from 1 s to 1.5 s and again from 4.5 s: clear for 3 s, longer than the 2 s hold
        RoadScript road = road();
        road.vehicle("skidding").at(200).speedKmh(60).brakes(1.0, ESC).brakes(1.5, BrakeState.NONE)
                .brakes(4.5, ESC);
        road.vehicle("behind").at(150).speedKmh(60);
        List<Warning> warnings = clw(road.messages(T0, 5.0));
        assertThat(warnings).extracting(ControlLossWarningTest::secondsOf).containsExactly(1.0, 4.5);
        assertThat(warnings).extracting(Warning::targetId).containsOnly("behind");
    }

    @Test
    void sameWarningsWhateverTheSharding() {
        RoadScript road = skidAt200();
        road.vehicle("behind").at(150).speedKmh(60);
        road.vehicle("oncomingNear").lateral(-3.5).oncoming().at(330).speedKmh(60);
        List<VehicleState> messages = road.messages(T0, 4.0);
        List<Warning> two = clw(messages);
        assertThat(two).hasSize(2);
        assertThat(clw(messages, PipelineConfig.defaults().withShards(4))).isEqualTo(two);
    }

    @Test
    void configValidationNamesTheBadKey() {
        ClwConfig d = ClwConfig.defaults();
        assertThat(d.conclude()).isSameAs(d);
        assertThatThrownBy(() -> new ClwConfig(true, 2.8, 30, 7, 0.5, 200, 300, 0.5, 1.5, 2_000, 500, 4.5, 3_000)
                .conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.clw.oncomingRangeM");
        assertThatThrownBy(() -> new ClwConfig(true, 2.8, 30, 0, 0.5, 200, 100, 0.5, 1.5, 2_000, 500, 4.5, 3_000)
                .conclude())
                .hasMessageContaining("apps.clw.maxLateralOffsetM");
        assertThatThrownBy(() -> new ClwConfig(true, 2.8, 30, 7, 0.5, Double.NaN, 100, 0.5, 1.5, 2_000, 500, 4.5,
                3_000).conclude())
                .hasMessageContaining("apps.clw.maxRangeM");
        assertThatThrownBy(() -> new ControlLossWarning(new ClwConfig(true, 2.8, 30, 7, 0.5, 200, 100, 0, 1.5, 2_000,
                500, 4.5, 3_000)))
                .hasMessageContaining("apps.clw.minClosingSpeedMps");
        assertThatThrownBy(() -> new ClwConfig(true, 2.8, 30, 7, 0.5, 200, 100, 0.5, 1.5, 2_000, -5, 4.5, 3_000)
                .conclude())
                .hasMessageContaining("apps.clw.maxStateAgeMs");
    }
}
