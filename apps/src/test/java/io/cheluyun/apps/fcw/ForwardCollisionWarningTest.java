package io.cheluyun.apps.fcw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.Severity;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.PipelineConfig;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * FCW scenarios after T/CSAE 246-2022 Annex A: a leader braking ahead in the host's lane must warn the host once
 * and on time; vehicles in the adjacent lane, oncoming traffic, a faster leader and a creeping queue must not.
 * Road: eastwards through Changchun at 10 Hz; leader and follower 60 km/h, 30 m apart centre to centre.
 */
class ForwardCollisionWarningTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final long T0 = 1_790_000_000_000_000L;
    /** FCW alone: the other applications have their own tests. */
    static final Supplier<List<CooperativeApp>> APPS = () -> List.of(new ForwardCollisionWarning(FcwConfig.defaults()));

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    private static List<Warning> fcw(RoadScript road, double durationS) {
        return ScenarioRunner.run(road.messages(T0, durationS), APPS).stream()
                .filter(w -> w.type() == WarningType.FCW).toList();
    }

    /** Leader brakes at −6 m/s² from t = 2 s; the follower keeps 60 km/h until it reacts at t = 4.5 s. */
    static RoadScript leaderBrakesHard() {
        RoadScript road = road();
        road.vehicle("leader").at(130).speedKmh(60).accel(2.0, -6.0);
        road.vehicle("follower").at(100).speedKmh(60).accel(4.5, -8.0);
        return road;
    }

    @Test
    void warnsFollowerOnceWhenLeaderBrakesHard() {
        List<Warning> warnings = fcw(leaderBrakesHard(), 8.0);

        assertThat(warnings).hasSize(1);
        Warning w = warnings.getFirst();
        assertThat(w.targetId()).isEqualTo("follower");
        assertThat(w.relatedIds()).containsExactly("leader");
        assertThat(w.severity()).isEqualTo(Severity.WARNING);
        assertThat(w.ttcS()).isLessThan(3.0).isGreaterThan(2.5);
        assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 3_000_000L);
    }

    @Test
    void firstWarningComesWithinOneMessagePeriodOfTheThresholdCrossing() {
        // gap(τ) = 25.4 − 3τ², closing(τ) = 6τ (τ since braking; lengths 4.6 m): TTC < 3 s when
        // 3τ² + 18τ − 25.4 > 0, i.e. τ > 1.178 s, so at t = 3.178 s
        double gap0 = 30.0 - 4.6;
        double crossingS = 2.0 + (-18.0 + Math.sqrt(18.0 * 18.0 + 12.0 * gap0)) / 6.0;
        Warning w = fcw(leaderBrakesHard(), 8.0).getFirst();
        double warnedAtS = (w.timeMicros() - T0) / 1e6;
        assertThat(warnedAtS).isGreaterThanOrEqualTo(crossingS - 0.01).isLessThanOrEqualTo(crossingS + 0.1);
        assertThat(w.distanceM()).isCloseTo(gap0 - 3.0 * Math.pow(warnedAtS - 2.0, 2), within(0.3));
    }

    @Test
    void ignoresLeaderBrakingInTheAdjacentLane() {
        RoadScript road = road();
        road.vehicle("leader").lateral(-3.5).at(130).speedKmh(60).accel(2.0, -6.0);
        road.vehicle("follower").at(100).speedKmh(60);
        assertThat(fcw(road, 8.0)).isEmpty();
    }

    @Test
    void ignoresOncomingVehicleEvenWhenLaterallyAligned() {
        // narrow road or GNSS error: the oncoming car is within the lane tolerance; only its heading rules it out
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(60);
        road.vehicle("oncoming").lateral(-1.0).oncoming().at(150).speedKmh(60);
        assertThat(fcw(road, 6.0)).isEmpty();
    }

    @Test
    void ignoresLeaderThatIsFaster() {
        RoadScript road = road();
        road.vehicle("leader").at(112).speedKmh(72);
        road.vehicle("follower").at(100).speedKmh(58);
        assertThat(fcw(road, 6.0)).isEmpty();
    }

    @Test
    void ignoresStationaryQueueCreepingBelowTheMinimumSpeed() {
        // stop-and-go at a red light: 2 m bumper gaps, the rear cars creep faster than the front ones
        RoadScript road = road();
        road.vehicle("q1").at(30).speedKmh(1);
        road.vehicle("q2").at(23.4).speedKmh(5);
        road.vehicle("q3").at(16.8).speedKmh(8);
        assertThat(fcw(road, 3.0)).isEmpty();
    }

    @Test
    void warnsWhenClosingFastOnASlowLeader() {
        // closing at 40 km/h with 40 m bumper gap: TTC 3.6 s, falls under 3 s within 0.6 s
        RoadScript road = road();
        road.vehicle("slow").at(145).speedKmh(20);
        road.vehicle("fast").at(100.4).speedKmh(60);
        List<Warning> warnings = fcw(road, 4.0);
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("fast");
            assertThat((w.timeMicros() - T0) / 1e6).isCloseTo(0.6, within(0.11));
        });
    }

    @Test
    void findsAFastFollowerFarBehindAtTheTopOfTheHostSpeedRange() {
        // 120 km/h onto 20 km/h: closing 27.8 m/s, TTC < 3 s once the bumper gap is under 83 m; the follower
        // starts 150 m behind, so the neighbour search must reach that far at the first message under the threshold
        RoadScript road = road();
        road.vehicle("slow").at(250).speedKmh(20);
        road.vehicle("fast").at(100).speedKmh(120);
        List<Warning> warnings = fcw(road, 4.0);
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("fast");
            assertThat(w.ttcS()).isLessThan(3.0).isGreaterThan(2.85);
        });
    }

    @Test
    void warnsOnADiagonalRoadWithTheLeaderOffCentreInTheLane() {
        // bearing 37°: east and north offsets both matter; the leader drives 1.2 m right of the follower's line
        RoadScript road = RoadScript.straight(LAT, LON, 37.0, 10.0);
        road.vehicle("leader").lateral(1.2).at(130).speedKmh(60).accel(2.0, -6.0);
        road.vehicle("follower").at(100).speedKmh(60).accel(4.5, -8.0);
        assertThat(fcw(road, 8.0)).singleElement()
                .satisfies(w -> assertThat(w.targetId()).isEqualTo("follower"));

        RoadScript adjacent = RoadScript.straight(LAT, LON, 37.0, 10.0);
        adjacent.vehicle("leader").lateral(3.5).at(130).speedKmh(60).accel(2.0, -6.0);
        adjacent.vehicle("follower").at(100).speedKmh(60).accel(4.5, -8.0);
        assertThat(fcw(adjacent, 8.0)).isEmpty();
    }

    @Test
    void criticalWhenTheHazardIsFirstSeenUnderTheCriticalTtc() {
        // the leader appears (enters radio range) 12 m ahead while the follower closes at 10 m/s: TTC 0.74 s
        RoadScript road = road();
        road.vehicle("follower").at(100).speedKmh(72);
        road.vehicle("leader").at(116.6).speedKmh(36).sendPhase(0.5);
        Warning w = fcw(road, 2.0).getFirst();
        assertThat(w.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(w.ttcS()).isLessThan(1.5);
    }

    @Test
    void rearmsAfterTheHazardClearsAndWarnsAgainForANewOne() {
        // brake at 2 s, pull away at 3.5 s (clears for well over 1 s), brake again at 8 s
        RoadScript road = road();
        road.vehicle("leader").at(130).speedKmh(60).accel(2.0, -6.0).accel(3.5, 3.0).accel(6.0, 0.0)
                .accel(8.0, -6.0);
        road.vehicle("follower").at(100).speedKmh(60).accel(3.5, -2.0).accel(5.0, 0.0);
        List<Warning> warnings = fcw(road, 11.0);
        assertThat(warnings).hasSize(2);
        assertThat(warnings).extracting(Warning::targetId).containsOnly("follower");
        assertThat(warnings.get(1).timeMicros() - warnings.get(0).timeMicros()).isGreaterThan(4_000_000L);
    }

    @Test
    void ignoresALeaderThatStoppedReporting() {
        // the leader's radio goes silent at 1 s, 95 m ahead; dead reckoning its stale state would put it under
        // the threshold near t = 10 s. Tracks are kept for 30 s here, so only the state-age rule can prevent it.
        RoadScript road = road();
        road.vehicle("leader").at(200).speedKmh(30).silentAfter(1.0);
        road.vehicle("follower").at(100).speedKmh(60);
        PipelineConfig keepTracks = PipelineConfig.defaults().withTrackTimeoutMs(30_000);
        List<Warning> warnings = ScenarioRunner.run(road.messages(T0, 14.0), APPS, keepTracks);
        assertThat(warnings).isEmpty();

        // the same leader still reporting is warned about: the scenario does produce a hazard
        RoadScript reporting = road();
        reporting.vehicle("leader").at(200).speedKmh(30);
        reporting.vehicle("follower").at(100).speedKmh(60);
        assertThat(ScenarioRunner.run(reporting.messages(T0, 14.0), APPS, keepTracks)).isNotEmpty();
    }

    @Test
    void sameInputGivesIdenticalWarningsOnReplay() {
        RoadScript road = leaderBrakesHard();
        road.vehicle("adjacent").lateral(-3.5).at(90).speedKmh(65);
        road.vehicle("oncoming").lateral(-7.0).oncoming().at(400).speedKmh(50);
        road.vehicle("tailgater").at(88).speedKmh(62).sendPhase(0.03);
        List<VehicleState> messages = road.messages(T0, 10.0);

        List<Warning> first = ScenarioRunner.run(messages, APPS);
        List<Warning> second = ScenarioRunner.run(messages, APPS);
        List<Warning> fourShards = ScenarioRunner.run(messages, APPS, PipelineConfig.defaults().withShards(4));

        assertThat(first).isNotEmpty();
        assertThat(second).isEqualTo(first);
        assertThat(fourShards).isEqualTo(first);
    }

    @Test
    void thresholdIsConfigurable() {
        Supplier<List<CooperativeApp>> eager =
                () -> List.of(new ForwardCollisionWarning(FcwConfig.defaults().withTtcThresholdS(4.0)));
        Warning early = ScenarioRunner.run(leaderBrakesHard().messages(T0, 8.0), eager).getFirst();
        Warning standard = fcw(leaderBrakesHard(), 8.0).getFirst();
        assertThat(early.timeMicros()).isLessThan(standard.timeMicros());
        assertThat(early.ttcS()).isLessThan(4.0).isGreaterThanOrEqualTo(3.0);
    }
}
