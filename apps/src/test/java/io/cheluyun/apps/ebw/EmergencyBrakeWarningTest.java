package io.cheluyun.apps.ebw;

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
 * EBW scenarios after the T/CSAE 53-2017 use case: a vehicle ahead in the host's lane brakes hard and every follower
 * in range is warned once, on the first message of the braking. A braking vehicle behind the host, an oncoming one,
 * mild braking and hard braking in the adjacent lane must not warn. Road: eastwards through Changchun at 10 Hz,
 * passenger cars 4.6 m long.
 */
class EmergencyBrakeWarningTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final long T0 = 1_790_000_000_000_000L;
    static final double CAR_M = 4.6;

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    static List<Warning> ebw(List<?> inputs) {
        return ebw(inputs, PipelineConfig.defaults());
    }

    static List<Warning> ebw(List<?> inputs, PipelineConfig pipeline) {
        List<Warning> warnings = ScenarioRunner.run(inputs,
                () -> List.of(new EmergencyBrakeWarning(EbwConfig.defaults())), pipeline);
        assertThat(warnings).allSatisfy(w -> assertThat(w.type()).isEqualTo(WarningType.EBW));
        return warnings;
    }

    static double secondsOf(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    /**
     * Leader at 60 km/h brakes at −6 m/s² from t = 2 s; the follower closes in at 70 km/h, 30 m behind at t = 0, and
     * brakes itself (−8 m/s²) from t = 2.8 s, stopping 3.8 m short of the leader.
     */
    static RoadScript leaderBrakesHard() {
        RoadScript road = road();
        road.vehicle("leader").at(130).speedKmh(60).accel(2.0, -6.0);
        road.vehicle("follower").at(100).speedKmh(70).accel(2.8, -8.0);
        return road;
    }

    @Test
    void warnsTheFollowerOnceWhenTheVehicleAheadBrakesHard() {
        RoadScript road = leaderBrakesHard();
        List<Warning> warnings = ebw(road.messages(T0, 5.0));

        assertThat(warnings).hasSize(1);
        Warning w = warnings.getFirst();
        assertThat(w.targetId()).isEqualTo("follower");
        assertThat(w.relatedIds()).containsExactly("leader");
        assertThat(w.severity()).isEqualTo(Severity.WARNING);
        assertThat(w.advice()).isNull();
        assertThat(secondsOf(w)).isEqualTo(2.0);
        // at t = 2 s: gap 25.4 m − 2 s × 2.78 m/s = 19.84 m, closing 2.78 m/s (the braking has only just begun)
        double closing = (70.0 - 60.0) / 3.6;
        double gap = 30.0 - CAR_M - 2.0 * closing;
        assertThat(w.distanceM()).isCloseTo(gap, within(0.05));
        assertThat(w.ttcS()).isCloseTo(gap / closing, within(0.05));
        assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 3_000_000L);
        VehicleState leaderAt2s = road.messages(T0, 2.05).stream()
                .filter(s -> s.vehicleId().equals("leader")).toList().getLast();
        assertThat(w.location()).isEqualTo(leaderAt2s.position());
    }

    @Test
    void warnsEveryFollowerInRangeButNotOneFurtherBack() {
        RoadScript road = road();
        road.vehicle("leader").at(300).speedKmh(60).accel(2.0, -6.0);
        road.vehicle("near").at(270).speedKmh(60).accel(2.5, -3.5); // reacts, below the hard-braking threshold
        road.vehicle("far").at(160).speedKmh(60); // 135.4 m gap: inside the 150 m range
        road.vehicle("beyond").at(120).speedKmh(60); // 175.4 m gap, still 152.2 m when the leader stops
        List<Warning> warnings = ebw(road.messages(T0, 5.0));

        assertThat(warnings).extracting(Warning::targetId).containsExactlyInAnyOrder("near", "far");
        assertThat(warnings).allSatisfy(w -> {
            assertThat(w.relatedIds()).containsExactly("leader");
            assertThat(secondsOf(w)).isEqualTo(2.0);
        });
        assertThat(warnings).filteredOn(w -> w.targetId().equals("far")).singleElement()
                .satisfies(w -> {
                    assertThat(w.distanceM()).isCloseTo(140.0 - CAR_M, within(0.05));
                    assertThat(w.ttcS()).isNaN(); // same speed: not closing at the first braking message
                });
    }

    @Test
    void firstWarningComesWithTheFirstMessageAtTheHardBrakingThreshold() {
        // mild braking (−2 m/s²) from 2 s, then −5 m/s² from 3 s: the condition becomes true at t = 3 s exactly
        RoadScript road = road();
        road.vehicle("leader").at(130).speedKmh(60).accel(2.0, -2.0).accel(3.0, -5.0);
        road.vehicle("follower").at(100).speedKmh(60).sendPhase(0.04);
        double crossingS = 3.0;
        Warning w = ebw(road.messages(T0, 5.0)).getFirst();
        assertThat(secondsOf(w)).isGreaterThanOrEqualTo(crossingS).isLessThanOrEqualTo(crossingS + 0.1);
    }

    @Test
    void followerComingIntoRangeFindsTheBrakingVehicleOnItsOwnUpdate() {
        // the braking vehicle falls silent right after its first braking message (t = 2 s), so only the follower's
        // own updates can find it. Follower at 120 km/h, leader at 60 km/h: bumper gap 184.1 m at t = 0,
        // 150.77 m at t = 2 s (out of range), 149.07 m at t = 2.1 s (the leader dead-reckoned at −6 m/s²)
        RoadScript road = road();
        road.vehicle("leader").at(350).speedKmh(60).accel(2.0, -6.0).silentAfter(2.0);
        road.vehicle("follower").at(161.3).speedKmh(120);
        List<Warning> warnings = ebw(road.messages(T0, 3.0));

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("follower");
            assertThat(secondsOf(w)).isCloseTo(2.1, within(1e-6));
            double leaderAdvance = 60.0 / 3.6 * 0.1 - 3.0 * 0.01;
            assertThat(w.distanceM()).isCloseTo(150.77 + leaderAdvance - 120.0 / 3.6 * 0.1, within(0.05));
            assertThat(w.ttcS()).isGreaterThan(8.0).isLessThan(10.0);
        });
    }

    @Test
    void ignoresABrakingVehicleBehindTheHost() {
        RoadScript road = road();
        road.vehicle("host").at(130).speedKmh(60);
        road.vehicle("braking").at(100).speedKmh(60).accel(1.0, -7.0);
        assertThat(ebw(road.messages(T0, 4.0))).isEmpty();
    }

    @Test
    void ignoresAnOncomingVehicleBrakingHardEvenWhenLaterallyAligned() {
        // a narrow road or GNSS error puts the oncoming car inside the lane tolerance; its heading rules it out
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(60);
        road.vehicle("oncoming").lateral(-1.0).oncoming().at(220).speedKmh(60).accel(1.0, -7.0);
        assertThat(ebw(road.messages(T0, 3.0))).isEmpty();
    }

    @Test
    void ignoresMildBraking() {
        RoadScript road = road();
        road.vehicle("leader").at(130).speedKmh(60).accel(1.0, -2.0);
        road.vehicle("follower").at(100).speedKmh(60);
        assertThat(ebw(road.messages(T0, 5.0))).isEmpty();
    }

    @Test
    void ignoresHardBrakingInTheAdjacentLane() {
        RoadScript road = road();
        road.vehicle("leader").lateral(-3.5).at(130).speedKmh(60).accel(1.0, -7.0);
        road.vehicle("follower").at(100).speedKmh(60);
        assertThat(ebw(road.messages(T0, 4.0))).isEmpty();
    }

    @Test
    void brakeAppliedWithoutAnAccelerationCountsAsHardBrakingOnlyWhileMoving() {
        // the leader's sender omits the acceleration: only its brake flag (set below −0.5 m/s²) is known
        RoadScript road = road();
        road.vehicle("leader").at(130).speedKmh(60).accel(2.0, -2.0);
        road.vehicle("follower").at(100).speedKmh(60);
        assertThat(ebw(withoutAcceleration(road.messages(T0, 4.0), "leader"))).singleElement()
                .satisfies(w -> {
                    assertThat(w.targetId()).isEqualTo("follower");
                    assertThat(secondsOf(w)).isEqualTo(2.0);
                });

        // a standing vehicle holding its brake pedal is not braking hard
        RoadScript standing = road();
        standing.vehicle("leader").at(130).speedKmh(0).brakes(0.0, new BrakeState(true, false, false, false));
        standing.vehicle("follower").at(100).speedKmh(30);
        assertThat(ebw(withoutAcceleration(standing.messages(T0, 3.0), "leader"))).isEmpty();
    }

    @Test
    void oneWarningWhileTheDecelerationWavesAroundTheThreshold() {
        // ABS modulation: −6, −3.5, −6, −3.5 m/s², always within the 3 m/s² sustain band
        RoadScript road = road();
        road.vehicle("leader").at(130).speedKmh(60).accel(2.0, -6.0).accel(2.3, -3.5).accel(2.6, -6.0)
                .accel(2.9, -3.5);
        road.vehicle("follower").at(100).speedKmh(60).accel(2.8, -3.0);
        List<Warning> warnings = ebw(road.messages(T0, 5.0));
        assertThat(warnings).singleElement().satisfies(w -> assertThat(secondsOf(w)).isEqualTo(2.0));
    }

    @Test
    void warnsAgainForASecondBrakingAfterTheFirstHasCleared() {
        // −6 m/s² for 0.5 s, cruise for 2.5 s (clear for longer than the 1 s hold), −6 m/s² again from 5 s
        RoadScript road = road();
        road.vehicle("leader").at(130).speedKmh(60).accel(2.0, -6.0).accel(2.5, 0.0).accel(5.0, -6.0);
        road.vehicle("follower").at(100).speedKmh(50);
        List<Warning> warnings = ebw(road.messages(T0, 5.5));
        assertThat(warnings).extracting(EmergencyBrakeWarningTest::secondsOf).containsExactly(2.0, 5.0);
        assertThat(warnings).extracting(Warning::targetId).containsOnly("follower");
    }

    @Test
    void sameWarningsWhateverTheSharding() {
        RoadScript road = leaderBrakesHard();
        road.vehicle("adjacent").lateral(-3.5).at(90).speedKmh(65);
        road.vehicle("second").at(60).speedKmh(65);
        List<VehicleState> messages = road.messages(T0, 5.0);
        List<Warning> one = ebw(messages);
        // "second" is warned about the leader (t = 2 s) and about the follower's own hard braking (t = 2.8 s)
        assertThat(one).extracting(Warning::warningId).containsExactlyInAnyOrder("EBW:follower>leader@" + (T0 + 2_000_000L),
                "EBW:second>leader@" + (T0 + 2_000_000L), "EBW:second>follower@" + (T0 + 2_800_000L));
        assertThat(ebw(messages, PipelineConfig.defaults().withShards(4))).isEqualTo(one);
    }

    @Test
    void configValidationNamesTheBadKey() {
        assertThat(EbwConfig.defaults().conclude()).isEqualTo(EbwConfig.defaults());
        EbwConfig d = EbwConfig.defaults();
        assertThatThrownBy(() -> new EbwConfig(true, 4.0, 5.0, d.minSpeedMps(), 30, 1.75, 0.5, 150, 0.5, 1.5, 1_000,
                500, 4.5, 3_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.ebw.rearmDecelMps2");
        assertThatThrownBy(() -> new EbwConfig(true, Double.NaN, 3.0, d.minSpeedMps(), 30, 1.75, 0.5, 150, 0.5, 1.5,
                1_000, 500, 4.5, 3_000).conclude())
                .hasMessageContaining("apps.ebw.hardBrakeDecelMps2");
        assertThatThrownBy(() -> new EbwConfig(true, 4.0, 3.0, d.minSpeedMps(), 30, 1.75, 0.5, 5, 0.5, 1.5, 1_000,
                500, 4.5, 3_000).conclude())
                .hasMessageContaining("apps.ebw.maxRangeM");
        assertThatThrownBy(() -> new EbwConfig(true, 4.0, 3.0, d.minSpeedMps(), 95, 1.75, 0.5, 150, 0.5, 1.5, 1_000,
                500, 4.5, 3_000).conclude())
                .hasMessageContaining("apps.ebw.maxHeadingDiffDeg");
        assertThatThrownBy(() -> new EmergencyBrakeWarning(new EbwConfig(true, 4.0, 3.0, d.minSpeedMps(), 30, 1.75,
                0.5, 150, 0.5, 1.5, -1, 500, 4.5, 3_000)))
                .hasMessageContaining("apps.ebw.clearHoldMs");
        assertThatThrownBy(() -> new EbwConfig(true, 4.0, 3.0, d.minSpeedMps(), 30, 1.75, 0.5, 150, 0.5, 1.5, 1_000,
                500, 4.5, 50).conclude())
                .hasMessageContaining("apps.ebw.validityMs");
    }

    /** The states as a sender that omits the longitudinal acceleration would report them. */
    static List<VehicleState> withoutAcceleration(List<VehicleState> messages, String vehicleId) {
        return messages.stream().map(s -> !s.vehicleId().equals(vehicleId) ? s
                : new VehicleState(s.vehicleId(), s.timeMicros(), s.position(), s.elevationM(), s.headingDeg(),
                        s.speedMps(), Double.NaN, s.yawRateDegPerS(), s.lengthM(), s.widthM(), s.vehicleClass(),
                        s.brakes(), s.lights())).toList();
    }
}
