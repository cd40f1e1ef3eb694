package io.cheluyun.apps.rlvw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.IntersectionScript;
import io.cheluyun.apps.scenario.IntersectionScript.Arm;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.apps.scenario.Timeline;
import io.cheluyun.model.Advice;
import io.cheluyun.model.Connection;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.Severity;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.Units;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RLVW scenarios after T/CSAE 246-2022 Annex K, at a signalised cross in Changchun (two lanes per direction, MAP
 * and SPAT at 10 Hz): a vehicle keeping 50 km/h towards a red must be warned once, about 6 s before the line; a
 * vehicle braking to stop, one the light turns green for, a creeping queue, vehicles past the line or leaving, and a
 * right turn allowed on red must not be.
 */
class RedLightViolationWarningTest {

    static final long T0 = 1_790_000_000_000_000L;
    static final IntersectionId ID = new IntersectionId(0, 101);
    static final int STRAIGHT = IntersectionScript.signalGroup(Arm.SOUTH, Maneuver.STRAIGHT);
    /** Signal group of the south arm's right-turn arrow in {@link #withRightTurnArrows}. */
    static final int RIGHT_ARROW = 30;
    static final double V50 = Units.kmhToMps(50);
    /** Half the scripted 4.6 m car: the front bumper is this far ahead of the reported centre. */
    static final double HALF_LENGTH = 2.3;

    static IntersectionScript cross() {
        return IntersectionScript.cross(ID, 43.8868, 125.3245, 2, 10.0);
    }

    static List<Warning> rlvw(Timeline timeline, RlvwConfig config) {
        return ScenarioRunner.run(timeline.inputs(), () -> List.of(new RedLightViolationWarning(config)));
    }

    static List<Warning> rlvw(IntersectionScript x, double durationS) {
        return rlvw(x.timeline(T0, durationS), RlvwConfig.defaults());
    }

    static double at(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    /** Red for the south approach's straight-and-right group for the whole scenario. */
    static IntersectionScript redAhead() {
        return cross().phase(STRAIGHT, SignalPhase.STOP_AND_REMAIN, 0, 60);
    }

    /** A car 120 m before the line keeping 50 km/h: its front would reach the line on red at 8.47 s. */
    static IntersectionScript runner(IntersectionScript x) {
        x.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(120).speedKmh(50);
        return x;
    }

    @Test
    void warnsADriverKeepingSpeedTowardsARedOnceAndAboutSixSecondsBeforeTheLine() {
        List<Warning> warnings = rlvw(runner(redAhead()), 12.0);

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.type()).isEqualTo(WarningType.RLVW);
            assertThat(w.targetId()).isEqualTo("car");
            assertThat(w.relatedIds()).containsExactly("0/101#" + STRAIGHT);
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.ttcS()).isGreaterThan(5.85).isLessThanOrEqualTo(6.0);
            assertThat(w.distanceM()).isCloseTo(w.ttcS() * V50, within(0.05));
            assertThat(w.advice()).isEqualTo(Advice.of(Advice.Action.STOP));
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 3_000_000L);
        });
    }

    @Test
    void firstWarningComesWithinOneMessagePeriodOfTheArrivalFallingInsideTheHorizon() {
        // front to the line: 117.7 m − v·s; arrival within 6 s once that is ≤ 6·v, at s = (117.7 − 6 v) / v = 2.474 s
        double crossingS = (120 - HALF_LENGTH - 6.0 * V50) / V50;
        Warning w = rlvw(runner(redAhead()), 12.0).getFirst();
        assertThat(at(w)).isGreaterThanOrEqualTo(crossingS - 0.01).isLessThanOrEqualTo(crossingS + 0.1);
        assertThat(w.distanceM()).isCloseTo(120 - HALF_LENGTH - V50 * at(w), within(0.1));
        assertThat(w.ttcS()).isCloseTo((120 - HALF_LENGTH - V50 * at(w)) / V50, within(0.01));
    }

    @Test
    void criticalWhenEvenHardBrakingAfterTheReactionTimeCannotStopBeforeTheLine() {
        // 20 m before the line at 50 km/h when the SPAT is first heard: 17.7 m to the front, 3.8 m left after 1 s
        // reaction, needing 25 m/s²
        IntersectionScript x = redAhead();
        x.vehicle("late").approach(Arm.SOUTH, 1).toStopLine(20).speedKmh(50);
        assertThat(rlvw(x, 3.0)).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(at(w)).isEqualTo(0.0);
            assertThat(w.ttcS()).isCloseTo(17.7 / V50, within(0.01));
        });
    }

    @Test
    void warnsWhenTheAmberEndsBeforeTheVehicleClearsTheLine() {
        // amber until 3 s: a front 39.7 m away enters at 2.86 s but the rear clears only at 3.19 s
        IntersectionScript x = cross().phase(STRAIGHT, SignalPhase.PROTECTED_CLEARANCE, 0, 3)
                .phase(STRAIGHT, SignalPhase.STOP_AND_REMAIN, 3, 60);
        x.vehicle("amber").approach(Arm.SOUTH, 1).toStopLine(42).speedKmh(50);
        assertThat(rlvw(x, 4.0)).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("amber");
            assertThat(at(w)).isEqualTo(0.0);
        });
    }

    @Test
    void ignoresAVehicleThatClearsTheLineBeforeTheAmberEnds() {
        // a front 32.7 m away enters at 2.35 s and the rear clears at 2.69 s, before the red at 3 s
        IntersectionScript x = cross().phase(STRAIGHT, SignalPhase.PROTECTED_CLEARANCE, 0, 3)
                .phase(STRAIGHT, SignalPhase.STOP_AND_REMAIN, 3, 60);
        x.vehicle("through").approach(Arm.SOUTH, 1).toStopLine(35).speedKmh(50);
        assertThat(rlvw(x, 4.0)).isEmpty();
    }

    @Test
    void ignoresAVehicleTheLightTurnsGreenForBeforeItArrives() {
        // the front, 77.7 m away at 50 km/h, reaches the line at 5.59 s: green from 4 s, still red at 7 s
        IntersectionScript turnsGreen = cross().phase(STRAIGHT, SignalPhase.STOP_AND_REMAIN, 0, 4)
                .phase(STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 4, 60);
        turnsGreen.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(80).speedKmh(50);
        assertThat(rlvw(turnsGreen, 8.0)).isEmpty();

        IntersectionScript staysRed = cross().phase(STRAIGHT, SignalPhase.STOP_AND_REMAIN, 0, 7)
                .phase(STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 7, 60);
        staysRed.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(80).speedKmh(50);
        assertThat(rlvw(staysRed, 8.0)).hasSize(1);
    }

    @Test
    void ignoresAVehicleAlreadyBrakingToStopBeforeTheLine() {
        // starts braking at 1 s, before the arrival comes within 6 s, and stops with its front 0.7 m before the line
        IntersectionScript x = redAhead();
        x.vehicle("careful").approach(Arm.SOUTH, 1).toStopLine(120).speedKmh(50).stopAtStopLine(1.0, 3.0);
        assertThat(rlvw(x, 15.0)).isEmpty();
    }

    @Test
    void ignoresAQueueCreepingTowardsTheLineBelowTwoMetresPerSecond() {
        // 5.7 m at 1.5 m/s would be 3.8 s from the line: inside the horizon, but too slow to judge
        IntersectionScript x = redAhead();
        x.vehicle("creeper").approach(Arm.SOUTH, 1).toStopLine(8).speedKmh(5.4);
        assertThat(rlvw(x, 3.0)).isEmpty();
    }

    @Test
    void ignoresVehiclesPastTheStopLineAndLeavingOnTheExitLanes() {
        IntersectionScript x = cross();
        for (Arm arm : Arm.values()) {
            x.phase(IntersectionScript.signalGroup(arm, Maneuver.STRAIGHT), SignalPhase.STOP_AND_REMAIN, 0, 60);
            x.phase(IntersectionScript.signalGroup(arm, Maneuver.LEFT_TURN), SignalPhase.STOP_AND_REMAIN, 0, 60);
        }
        x.vehicle("crossed").approach(Arm.SOUTH, 1).toStopLine(-3).speedKmh(30);
        x.vehicle("leaving").approach(Arm.SOUTH, 0).toStopLine(-40).speedKmh(50);
        assertThat(rlvw(x, 6.0)).isEmpty();
    }

    @Test
    void ignoresAnIntersectionWithoutSignalState() {
        assertThat(rlvw(runner(cross()), 12.0)).isEmpty();
    }

    @Test
    void aRightTurnMayPassTheCircularRedUnlessTheRuleIsSwitchedOff() {
        // China: right turns may proceed on a circular red (Regulations for the Implementation of the Road Traffic
        // Safety Law, Art. 38); the script's right turn shares the straight movement's circular signal
        IntersectionScript x = redAhead();
        x.vehicle("right").approach(Arm.SOUTH, 1).toStopLine(60).speedKmh(30).turn(Maneuver.RIGHT_TURN)
                .lights(0, ExteriorLights.of(Light.RIGHT_TURN_SIGNAL));
        assertThat(rlvw(x.timeline(T0, 6.0), RlvwConfig.defaults())).isEmpty();
        assertThat(rlvw(x.timeline(T0, 6.0), RlvwConfig.defaults().withRightTurnOnRed(false))).hasSize(1);
    }

    @Test
    void aRightTurnWithItsOwnArrowFollowsTheArrowNotTheStraightRed() {
        IntersectionScript greenArrow = redAhead().phase(RIGHT_ARROW, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 60);
        greenArrow.vehicle("right").approach(Arm.SOUTH, 1).toStopLine(60).speedKmh(30).turn(Maneuver.RIGHT_TURN)
                .lights(0, ExteriorLights.of(Light.RIGHT_TURN_SIGNAL));
        assertThat(rlvw(withRightTurnArrows(greenArrow, 8.0), RlvwConfig.defaults())).isEmpty();

        IntersectionScript redArrow = cross().phase(STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 60)
                .phase(RIGHT_ARROW, SignalPhase.STOP_AND_REMAIN, 0, 60);
        redArrow.vehicle("right").approach(Arm.SOUTH, 1).toStopLine(60).speedKmh(30).turn(Maneuver.RIGHT_TURN)
                .lights(0, ExteriorLights.of(Light.RIGHT_TURN_SIGNAL));
        assertThat(rlvw(withRightTurnArrows(redArrow, 8.0), RlvwConfig.defaults())).singleElement()
                .satisfies(w -> assertThat(w.relatedIds()).containsExactly("0/101#" + RIGHT_ARROW));

        // the same driver going straight from that lane has the green
        IntersectionScript straight = cross().phase(STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 60)
                .phase(RIGHT_ARROW, SignalPhase.STOP_AND_REMAIN, 0, 60);
        straight.vehicle("ahead").approach(Arm.SOUTH, 1).toStopLine(60).speedKmh(30);
        assertThat(rlvw(withRightTurnArrows(straight, 8.0), RlvwConfig.defaults())).isEmpty();
    }

    @Test
    void aBriefDipUnderTheThresholdGivesOneWarningAndAClearedHazardRearms() {
        // warned at 2.5 s; a 0.4 s touch of the brakes (−3 m/s²) predicts a stop for less than the 1 s clear hold
        IntersectionScript dip = redAhead();
        dip.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(120).speedKmh(50).lateralNoise(0.5, 7)
                .accel(3.0, -3.0).accel(3.4, 0.0);
        assertThat(rlvw(dip, 10.0)).hasSize(1);

        // 2 s of braking clears the hazard; cruising on at 7.9 m/s it comes back inside 6 s at 5.88 s
        IntersectionScript rearm = redAhead();
        rearm.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(120).speedKmh(50).accel(3.0, -3.0).accel(5.0, 0.0);
        List<Warning> warnings = rlvw(rearm, 12.0);
        assertThat(warnings).hasSize(2);
        assertThat(at(warnings.get(1))).isCloseTo(5.88, within(0.11));
    }

    @Test
    void configurationIsValidatedNamingTheKey() {
        assertThat(RlvwConfig.defaults().conclude()).isEqualTo(RlvwConfig.defaults());
        assertThatThrownBy(() -> new RedLightViolationWarning(RlvwConfig.defaults().withHorizonS(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.rlvw.horizonS");
        RlvwConfig d = RlvwConfig.defaults();
        assertThatThrownBy(() -> new RlvwConfig(true, 5, d.minSpeedMps(), d.horizonS(), d.reactionTimeS(),
                d.criticalDecelMps2(), true, d.clearHoldMs(), d.defaultLengthM(), d.validityMs()).conclude())
                .hasMessageContaining("apps.rlvw.lookAheadM");
        assertThatThrownBy(() -> new RlvwConfig(true, d.lookAheadM(), d.minSpeedMps(), d.horizonS(),
                d.reactionTimeS(), 0, true, d.clearHoldMs(), d.defaultLengthM(), d.validityMs()).conclude())
                .hasMessageContaining("apps.rlvw.criticalDecelMps2");
        assertThatThrownBy(() -> new RlvwConfig(true, d.lookAheadM(), d.minSpeedMps(), d.horizonS(),
                d.reactionTimeS(), d.criticalDecelMps2(), true, d.clearHoldMs(), d.defaultLengthM(), 50).conclude())
                .hasMessageContaining("apps.rlvw.validityMs");
    }

    /** The script's MAP with every right turn on its own signal group (an arrow): 30 + arm. */
    static Timeline withRightTurnArrows(IntersectionScript x, double durationS) {
        MapIntersection map = x.map();
        List<Lane> lanes = new ArrayList<>();
        for (Lane lane : map.lanes()) {
            List<Connection> connections = new ArrayList<>();
            for (Connection c : lane.connections()) {
                connections.add(c.maneuver() != Maneuver.RIGHT_TURN ? c : new Connection(c.connectingLaneId(),
                        c.remoteIntersection(), RIGHT_ARROW + lane.laneId() / 10 - Arm.SOUTH.ordinal(),
                        c.maneuver()));
            }
            lanes.add(new Lane(lane.laneId(), lane.type(), lane.ingress(), lane.centreline(), lane.widthM(),
                    lane.allowedManeuvers(), connections));
        }
        MapIntersection arrows = new MapIntersection(map.id(), map.name(), map.revision() + 1,
                map.referencePoint(), lanes);
        return x.timeline(T0, durationS).add(arrows); // a later MAP of the same intersection replaces the first
    }
}
