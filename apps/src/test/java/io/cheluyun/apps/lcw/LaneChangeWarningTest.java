package io.cheluyun.apps.lcw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.Advice;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.Severity;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.PipelineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BSW/LCW scenarios after T/CSAE 246-2022 Annex D: a host signalling (or drifting) towards an adjacent lane with a
 * vehicle alongside or closing from behind must be warned once and on time; the lane on the other side, vehicles far
 * ahead or far behind and not closing, oncoming traffic and a host without intent must not. Road: eastwards through
 * Changchun at 10 Hz; the lane to the left is at −3.5 m, the one to the right at +3.5 m; cars are 4.6 m long.
 */
class LaneChangeWarningTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final long T0 = 1_790_000_000_000_000L;
    static final ExteriorLights LEFT = ExteriorLights.of(Light.LEFT_TURN_SIGNAL);
    static final ExteriorLights RIGHT = ExteriorLights.of(Light.RIGHT_TURN_SIGNAL);

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    private static List<Warning> lcw(RoadScript road, double durationS) {
        return lcw(road.messages(T0, durationS), PipelineConfig.defaults());
    }

    private static List<Warning> lcw(List<VehicleState> messages, PipelineConfig pipeline) {
        return ScenarioRunner.run(messages, () -> List.of(new LaneChangeWarning(LcwConfig.defaults())), pipeline);
    }

    private static double atS(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    @Test
    void warnsHostSignallingLeftWithAVehicleAlongsideInTheLeftLane() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(80).lights(1.0, LEFT);
        road.vehicle("adjacent").lateral(-3.5).at(98).speedKmh(80);

        List<Warning> warnings = lcw(road, 4.0);

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.type()).isEqualTo(WarningType.BSW_LCW);
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(w.relatedIds()).containsExactly("adjacent");
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(atS(w)).isCloseTo(1.0, within(1e-6));
            // 2 m centre offset, 4.6 m cars: they overlap lengthwise, so the lane change collides now
            assertThat(w.distanceM()).isEqualTo(0.0);
            assertThat(w.ttcS()).isEqualTo(0.0);
            assertThat(w.advice()).isEqualTo(Advice.of(Advice.Action.DO_NOT_CHANGE_LANE));
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 2_000_000L);
        });
    }

    @Test
    void warnsHostSignallingRightWithAVehicleInTheRearBlindZoneOnTheRight() {
        // the adjacent car's nose is 6 m behind the host's tail: inside the 10 m zone, same speed, not closing
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(60).lights(0.5, RIGHT);
        road.vehicle("adjacent").lateral(3.5).at(100 - 4.6 - 6.0).speedKmh(60);

        Warning w = lcw(road, 3.0).getFirst();

        assertThat(w.targetId()).isEqualTo("host");
        assertThat(w.relatedIds()).containsExactly("adjacent");
        assertThat(w.distanceM()).isCloseTo(6.0, within(0.05));
        assertThat(w.ttcS()).isNaN();
    }

    /** Host 60 km/h signalling left from the start; a car 90 km/h in the left lane closes from 60 m behind. */
    static RoadScript closingFromBehind() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(60).lights(0.0, LEFT);
        road.vehicle("fast").lateral(-3.5).at(40).speedKmh(90);
        return road;
    }

    @Test
    void warnsWithinOneMessagePeriodOfAClosingVehicleReachingTheTtcThreshold() {
        // bumper gap(t) = (100 − 2.3) − (40 + 2.3) − (25 − 16.67)·t = 55.4 − 8.33·t; TTC = gap / 8.33 ≤ 3.5 s
        // when gap ≤ 29.17 m, i.e. at t = 3.148 s (the 10 m zone is reached only at t = 5.45 s)
        double closingMps = (90.0 - 60.0) / 3.6;
        double gap0 = 55.4;
        double crossingS = (gap0 - 3.5 * closingMps) / closingMps;

        Warning w = lcw(closingFromBehind(), 6.0).getFirst();

        assertThat(w.relatedIds()).containsExactly("fast");
        assertThat(atS(w)).isGreaterThanOrEqualTo(crossingS - 0.01).isLessThanOrEqualTo(crossingS + 0.1);
        assertThat(w.ttcS()).isLessThanOrEqualTo(3.5).isGreaterThan(3.35);
        assertThat(w.distanceM()).isCloseTo(gap0 - closingMps * atS(w), within(0.05));
    }

    @Test
    void warnsOnceWhileTheSignalStaysOnAndTheVehicleOvertakes() {
        // the closing car enters the TTC band, then the zone, passes alongside and leaves ahead: one hazard
        assertThat(lcw(closingFromBehind(), 12.0)).hasSize(1);
    }

    @Test
    void warnsAgainWhenTheSignalIsSwitchedOffAndOnAgain() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(80).lights(1.0, LEFT).lights(2.0, ExteriorLights.NONE)
                .lights(5.0, LEFT);
        road.vehicle("adjacent").lateral(-3.5).at(100).speedKmh(80);

        List<Warning> warnings = lcw(road, 7.0);

        assertThat(warnings).extracting(LaneChangeWarningTest::atS).containsExactly(1.0, 5.0);
    }

    @Test
    void warnsAHostDriftingLeftWithoutASignal() {
        // from 1 s the host moves 3.5 m left in 4 s: 0.875 m/s across the road, over the 0.5 m/s threshold
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(80).laneChange(1.0, -3.5, 4.0);
        road.vehicle("adjacent").lateral(-3.5).at(94).speedKmh(80);

        Warning w = lcw(road, 3.0).getFirst();

        assertThat(w.targetId()).isEqualTo("host");
        assertThat(atS(w)).isCloseTo(1.1, within(1e-6));
    }

    @Test
    void ignoresALeftSignalWhenTheOccupiedLaneIsOnTheRight() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(80).lights(0.0, LEFT);
        road.vehicle("adjacent").lateral(3.5).at(99).speedKmh(80);
        assertThat(lcw(road, 4.0)).isEmpty();
    }

    @Test
    void ignoresAHostDriftingRightWhenTheOccupiedLaneIsOnTheLeft() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(80).laneChange(0.5, 3.5, 4.0);
        road.vehicle("adjacent").lateral(-3.5).at(99).speedKmh(80);
        assertThat(lcw(road, 4.0)).isEmpty();
    }

    @Test
    void ignoresAnAdjacentVehicleFarAhead() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(80).lights(0.0, LEFT);
        road.vehicle("ahead").lateral(-3.5).at(130).speedKmh(80);
        assertThat(lcw(road, 4.0)).isEmpty();
    }

    @Test
    void ignoresAnAdjacentVehicleFarBehindThatIsNotClosing() {
        // 55 m behind and slightly slower: it only falls back
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(80).lights(0.0, LEFT);
        road.vehicle("behind").lateral(-3.5).at(45).speedKmh(78);
        assertThat(lcw(road, 4.0)).isEmpty();
    }

    @Test
    void ignoresOncomingTrafficInTheLaneOnTheLeft() {
        // a two-way road: the oncoming car passes right alongside the signalling host at t ≈ 4.5 s
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(40).lights(0.0, LEFT);
        road.vehicle("oncoming").lateral(-3.5).oncoming().at(250).speedKmh(80);
        assertThat(lcw(road, 7.0)).isEmpty();
    }

    @Test
    void ignoresAVehicleAlongsideWhenTheHostShowsNoIntent() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(80);
        road.vehicle("adjacent").lateral(-3.5).at(99).speedKmh(80);
        road.vehicle("closing").lateral(3.5).at(60).speedKmh(100);
        assertThat(lcw(road, 6.0)).isEmpty();
    }

    @Test
    void ignoresTurnSignalsThatAreHazardLights() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(60)
                .lights(0.0, ExteriorLights.of(Light.LEFT_TURN_SIGNAL, Light.RIGHT_TURN_SIGNAL, Light.HAZARD_SIGNAL));
        road.vehicle("adjacent").lateral(-3.5).at(99).speedKmh(60);
        assertThat(lcw(road, 3.0)).isEmpty();
    }

    @Test
    void sameInputGivesIdenticalWarningsWithFourShards() {
        RoadScript road = closingFromBehind();
        road.vehicle("host2").at(300).speedKmh(80).lights(1.0, RIGHT);
        road.vehicle("adjacent2").lateral(3.5).at(296).speedKmh(80).sendPhase(0.05);
        List<VehicleState> messages = road.messages(T0, 6.0);

        List<Warning> two = lcw(messages, PipelineConfig.defaults());
        List<Warning> four = lcw(messages, PipelineConfig.defaults().withShards(4));

        assertThat(two).extracting(Warning::targetId).containsExactlyInAnyOrder("host", "host2");
        assertThat(four).isEqualTo(two);
    }

    @Test
    void rejectsInvalidConfigNamingTheKey() {
        LcwConfig d = LcwConfig.defaults();
        assertThat(d.conclude()).isSameAs(d);
        assertThatThrownBy(() -> new LcwConfig(true, 3.5, 3.0, 1_000, 2.8, 0.5, 2.0, 5.0, 30, 7, 10, 0.5, 36, 500,
                4.5, 2_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.lcw.rearmTtcS");
        assertThatThrownBy(() -> new LcwConfig(true, 3.5, 4.5, 1_000, 2.8, 0.5, 6.0, 5.0, 30, 7, 10, 0.5, 36, 500,
                4.5, 2_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.lcw.minLateralM");
        assertThatThrownBy(() -> new LcwConfig(true, 3.5, 4.5, 1_000, 2.8, 0.0, 2.0, 5.0, 30, 7, 10, 0.5, 36, 500,
                4.5, 2_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.lcw.minDriftMps");
        assertThatThrownBy(() -> new LaneChangeWarning(new LcwConfig(true, 3.5, 4.5, 1_000, 2.8, 0.5, 2.0, 5.0, 30,
                7, 10, 0.5, 36, 500, 4.5, 50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.lcw.validityMs");
    }
}
