package io.cheluyun.apps.lta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.IntersectionScript;
import io.cheluyun.apps.scenario.IntersectionScript.Arm;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.Advice;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.Severity;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.Units;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.PipelineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LTA scenarios after T/CSAE 246-2022 Annex C at a signalised cross in Changchun (two lanes per direction, stop
 * lines 15 m from the centre): a host turning left from the south arm must be warned once about a vehicle coming
 * straight from the north that reaches the middle of the box within 5.5 s; not about one far away, one stopping at
 * its red, one turning left itself or one already through, and not when the host is not turning left or must wait
 * at its red arrow anyway.
 */
class LeftTurnAssistTest {

    static final long T0 = 1_790_000_000_000_000L;
    static final IntersectionId ID = new IntersectionId(0, 101);
    static final ExteriorLights LEFT = ExteriorLights.of(Light.LEFT_TURN_SIGNAL);
    static final double V50 = Units.kmhToMps(50);
    /** Oncoming north-arm lanes: the stop line lies 15 m before the centre, the front 2.3 m ahead of the centre. */
    static final double STOP_LINE_TO_CENTRE = 15.0;
    static final double HALF_LENGTH = 2.3;

    static IntersectionScript cross() {
        return IntersectionScript.cross(ID, 43.8868, 125.3245, 2, 10.0);
    }

    /** Permissive green for both the south and the north arm, left turns included. */
    static IntersectionScript permissive() {
        IntersectionScript x = cross();
        for (Arm arm : new Arm[] {Arm.SOUTH, Arm.NORTH}) {
            x.phase(IntersectionScript.signalGroup(arm, Maneuver.STRAIGHT), SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED,
                    0, 60);
            x.phase(IntersectionScript.signalGroup(arm, Maneuver.LEFT_TURN), SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED,
                    0, 60);
        }
        return x;
    }

    /** A host 20 m before its line at 20 km/h, indicating left. */
    static IntersectionScript.Vehicle host(IntersectionScript x) {
        return x.vehicle("host").approach(Arm.SOUTH, 0).toStopLine(20).speedKmh(20).turn(Maneuver.LEFT_TURN)
                .lights(0, LEFT);
    }

    /** A vehicle coming straight from the north at 50 km/h, {@code toStopLineM} before its line. */
    static IntersectionScript.Vehicle oncoming(IntersectionScript x, String id, double toStopLineM) {
        return x.vehicle(id).approach(Arm.NORTH, 0).toStopLine(toStopLineM).speedKmh(50);
    }

    static List<Warning> lta(IntersectionScript x, double durationS, LtaConfig config) {
        return ScenarioRunner.run(x.timeline(T0, durationS).inputs(), () -> List.of(new LeftTurnAssist(config)));
    }

    static List<Warning> lta(IntersectionScript x, double durationS) {
        return lta(x, durationS, LtaConfig.defaults());
    }

    static double at(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    /** When the oncoming front, {@code toStopLineM} before its line at 50 km/h, comes within 5.5 s of the centre. */
    static double gapClosesAtS(double toStopLineM) {
        return (toStopLineM + STOP_LINE_TO_CENTRE - HALF_LENGTH - 5.5 * V50) / V50;
    }

    @Test
    void warnsTheLeftTurnerOnceAboutAnOncomingVehicleGoingStraight() {
        IntersectionScript x = permissive();
        host(x);
        oncoming(x, "oncoming", 80);
        List<Warning> warnings = lta(x, 5.0);

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.type()).isEqualTo(WarningType.LTA);
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(w.relatedIds()).containsExactly("oncoming");
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.ttcS()).isGreaterThan(5.35).isLessThan(5.5);
            assertThat(w.distanceM()).isCloseTo(w.ttcS() * V50, within(0.05));
            assertThat(w.advice()).isEqualTo(Advice.of(Advice.Action.YIELD_ONCOMING));
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 3_000_000L);
        });
    }

    @Test
    void firstWarningComesWithinOneMessagePeriodOfTheGapClosing() {
        // (80 + 15 − 2.3 − 5.5 v) / v = 1.174 s
        IntersectionScript x = permissive();
        host(x);
        oncoming(x, "oncoming", 80);
        Warning w = lta(x, 5.0).getFirst();
        double closesS = gapClosesAtS(80);
        assertThat(at(w)).isGreaterThanOrEqualTo(closesS - 0.01).isLessThanOrEqualTo(closesS + 0.1);
        assertThat(w.ttcS()).isCloseTo((80 + STOP_LINE_TO_CENTRE - HALF_LENGTH) / V50 - at(w), within(0.01));

        // with the host sending 50 ms after the oncoming car, the oncoming car's own message at 1.2 s raises it
        IntersectionScript later = permissive();
        host(later).sendPhase(0.05);
        oncoming(later, "oncoming", 80);
        Warning fromOncoming = lta(later, 5.0).getFirst();
        assertThat(at(fromOncoming)).isCloseTo(1.2, within(1e-6));
        assertThat(fromOncoming.targetId()).isEqualTo("host");
    }

    @Test
    void ignoresAHostThatIsNotTurningLeft() {
        IntersectionScript straight = permissive();
        straight.vehicle("host").approach(Arm.SOUTH, 0).toStopLine(20).speedKmh(20);
        oncoming(straight, "oncoming", 80);
        assertThat(lta(straight, 5.0)).isEmpty();

        // a left signal on a lane without a left turn announces a lane change, not a turn
        IntersectionScript laneChange = permissive();
        laneChange.vehicle("host").approach(Arm.SOUTH, 1).toStopLine(20).speedKmh(20).lights(0, LEFT);
        oncoming(laneChange, "oncoming", 80);
        assertThat(lta(laneChange, 5.0)).isEmpty();
    }

    @Test
    void ignoresAnOncomingVehicleFarEnoughForTheTurn() {
        // 200 m out at 50 km/h: still more than 10 s from the centre after 4 s
        IntersectionScript x = permissive();
        host(x);
        oncoming(x, "far", 200);
        assertThat(lta(x, 4.0)).isEmpty();
    }

    @Test
    void ignoresAnOncomingVehicleStoppingAtItsRed() {
        // protected left: the north straight is red; the oncoming car, 35 m out at 40 km/h (4.3 s from the centre
        // at constant speed), brakes to stop 3 m before its line; another already stands at the line
        IntersectionScript x = cross()
                .phase(IntersectionScript.signalGroup(Arm.NORTH, Maneuver.STRAIGHT), SignalPhase.STOP_AND_REMAIN, 0, 60)
                .phase(IntersectionScript.signalGroup(Arm.SOUTH, Maneuver.LEFT_TURN),
                        SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 60);
        host(x);
        x.vehicle("stopping").approach(Arm.NORTH, 0).toStopLine(35).speedKmh(40).stopAtStopLine(0, 3);
        x.vehicle("standing").approach(Arm.NORTH, 1).toStopLine(3).speedKmh(0);
        assertThat(lta(x, 5.0)).isEmpty();

        // the same car not braking would run the red into the turn
        IntersectionScript running = cross()
                .phase(IntersectionScript.signalGroup(Arm.NORTH, Maneuver.STRAIGHT), SignalPhase.STOP_AND_REMAIN, 0, 60)
                .phase(IntersectionScript.signalGroup(Arm.SOUTH, Maneuver.LEFT_TURN),
                        SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 60);
        host(running);
        running.vehicle("running").approach(Arm.NORTH, 0).toStopLine(35).speedKmh(40);
        assertThat(lta(running, 5.0)).singleElement().satisfies(w -> {
            assertThat(w.relatedIds()).containsExactly("running");
            assertThat(at(w)).isEqualTo(0.0);
        });
    }

    @Test
    void ignoresAnOncomingVehicleTurningLeftToo() {
        IntersectionScript x = permissive();
        host(x);
        oncoming(x, "alsoLeft", 60).turn(Maneuver.LEFT_TURN).lights(0, LEFT);
        assertThat(lta(x, 5.0)).isEmpty();
    }

    @Test
    void ignoresAnOncomingVehicleAlreadyPastTheMiddleOfTheBox() {
        // 20 m past its line is 5 m past the centre: unmatched in the box, then on the south exit lane
        IntersectionScript x = permissive();
        host(x);
        oncoming(x, "through", -20);
        assertThat(lta(x, 4.0)).isEmpty();
    }

    @Test
    void warnsCriticallyAboutAnOncomingVehicleInTheBoxFromItsGeometry() {
        // 9 m past its line, beyond the lane's 8 m extension: no lane match; 6 m from the centre at 30 km/h. An
        // unmatched vehicle is found from the host's side: at the host's next message, 0.1 s later
        IntersectionScript x = permissive();
        x.vehicle("host").approach(Arm.SOUTH, 0).toStopLine(3).speedKmh(0).turn(Maneuver.LEFT_TURN).lights(0, LEFT);
        x.vehicle("inBox").approach(Arm.NORTH, 1).toStopLine(-9).speedKmh(30);
        double v30 = Units.kmhToMps(30);
        assertThat(lta(x, 0.5)).singleElement().satisfies(w -> {
            assertThat(at(w)).isEqualTo(0.1);
            assertThat(w.relatedIds()).containsExactly("inBox");
            assertThat(w.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(w.ttcS()).isCloseTo((6.0 - HALF_LENGTH - 0.1 * v30) / v30, within(0.01));
        });
    }

    @Test
    void warnsAHostWaitingInsideTheBoxForAGap() {
        // the host pulls into the box (the left-turn waiting area) and stands 10 m past its line from 7.2 s, where
        // no lane matches; the oncoming car closes the gap at 8.37 s
        IntersectionScript x = permissive();
        x.vehicle("host").approach(Arm.SOUTH, 0).toStopLine(5).speedKmh(15).stopAtStopLine(0, -10)
                .turn(Maneuver.LEFT_TURN).lights(0, LEFT);
        oncoming(x, "oncoming", 180);
        List<Warning> warnings = lta(x, 10.0);
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(at(w)).isGreaterThanOrEqualTo(gapClosesAtS(180) - 0.01)
                    .isLessThanOrEqualTo(gapClosesAtS(180) + 0.1);
        });
    }

    @Test
    void ignoresAHostWhoseLeftArrowIsRed() {
        // protected-left phasing: the oncoming straight flows while the waiting left turner has a red arrow
        IntersectionScript x = cross()
                .phase(IntersectionScript.signalGroup(Arm.NORTH, Maneuver.STRAIGHT),
                        SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 60)
                .phase(IntersectionScript.signalGroup(Arm.SOUTH, Maneuver.LEFT_TURN), SignalPhase.STOP_AND_REMAIN,
                        0, 60);
        x.vehicle("host").approach(Arm.SOUTH, 0).toStopLine(3).speedKmh(0).turn(Maneuver.LEFT_TURN).lights(0, LEFT);
        oncoming(x, "oncoming", 80);
        assertThat(lta(x, 5.0)).isEmpty();
    }

    @Test
    void warnsOncePerOncomingVehicleWhileTheHostWaits() {
        // the host waits at its line (position noise 0.5 m) while a platoon of two passes, 30 m apart
        IntersectionScript x = permissive();
        x.vehicle("host").approach(Arm.SOUTH, 0).toStopLine(3).speedKmh(0).turn(Maneuver.LEFT_TURN).lights(0, LEFT)
                .lateralNoise(0.5, 11);
        oncoming(x, "first", 80);
        oncoming(x, "second", 110);
        List<Warning> warnings = lta(x, 12.0);
        assertThat(warnings).extracting(Warning::relatedIds)
                .containsExactly(List.of("first"), List.of("second"));
        assertThat(at(warnings.get(0))).isCloseTo(gapClosesAtS(80), within(0.11));
        assertThat(at(warnings.get(1))).isCloseTo(gapClosesAtS(110), within(0.11));
    }

    @Test
    void sameWarningsWhenTheIntersectionIsSplitAcrossShards() {
        IntersectionScript x = permissive();
        host(x);
        oncoming(x, "oncoming", 80);
        oncoming(x, "second", 140).approach(Arm.NORTH, 1);
        List<Object> inputs = x.timeline(T0, 8.0).inputs();
        List<Warning> one = ScenarioRunner.run(inputs, () -> List.of(new LeftTurnAssist(LtaConfig.defaults())),
                PipelineConfig.defaults().withShards(1));
        List<Warning> four = ScenarioRunner.run(inputs, () -> List.of(new LeftTurnAssist(LtaConfig.defaults())),
                PipelineConfig.defaults().withShards(4));
        assertThat(one).hasSize(2);
        assertThat(four).isEqualTo(one);
    }

    @Test
    void configurationIsValidatedNamingTheKey() {
        assertThat(LtaConfig.defaults().conclude()).isEqualTo(LtaConfig.defaults());
        assertThatThrownBy(() -> new LeftTurnAssist(LtaConfig.defaults().withGapS(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.lta.gapS");
        LtaConfig d = LtaConfig.defaults();
        assertThatThrownBy(() -> new LtaConfig(true, d.hostZoneM(), d.maxHostSpeedMps(), d.gapS(), d.gapS() - 1,
                d.criticalTtcS(), d.clearHoldMs(), d.minOncomingSpeedMps(), d.maxOncomingSpeedMps(),
                d.minOpposingHeadingDiffDeg(), d.maxTurnProgressDeg(), d.maxLateralM(), d.maxStateAgeMs(),
                d.defaultLengthM(), d.validityMs()).conclude())
                .hasMessageContaining("apps.lta.rearmGapS");
        assertThatThrownBy(() -> new LtaConfig(true, d.hostZoneM(), d.maxHostSpeedMps(), d.gapS(), d.rearmGapS(),
                d.criticalTtcS(), d.clearHoldMs(), d.minOncomingSpeedMps(), d.maxOncomingSpeedMps(), 60,
                d.maxTurnProgressDeg(), d.maxLateralM(), d.maxStateAgeMs(), d.defaultLengthM(), d.validityMs())
                .conclude())
                .hasMessageContaining("apps.lta.minOpposingHeadingDiffDeg");
    }
}
