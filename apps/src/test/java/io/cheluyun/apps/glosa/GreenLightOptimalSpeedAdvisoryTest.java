package io.cheluyun.apps.glosa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.IntersectionScript;
import io.cheluyun.apps.scenario.IntersectionScript.Arm;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.Advice;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.Severity;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.Units;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GLOSA scenarios at a signalised cross in Changchun (two lanes per direction, MAP and SPAT at 10 Hz, range 200 m):
 * a vehicle approaching a red that turns green is advised the speed that brings it to the line just after the
 * change; one that passes on green anyway is advised a window containing its speed; vehicles leaving, out of range,
 * standing in the queue or without SPAT get nothing, and an approach is advised once unless the window moves.
 */
class GreenLightOptimalSpeedAdvisoryTest {

    static final long T0 = 1_790_000_000_000_000L;
    static final IntersectionId ID = new IntersectionId(0, 101);
    static final int STRAIGHT = IntersectionScript.signalGroup(Arm.SOUTH, Maneuver.STRAIGHT);
    static final double V50 = Units.kmhToMps(50);
    static final double LIMIT = Units.kmhToMps(60);
    static final double MIN = Units.kmhToMps(15);
    /** Half the scripted 4.6 m car: the front bumper is this far ahead of the reported centre. */
    static final double HALF_LENGTH = 2.3;

    static IntersectionScript cross() {
        return IntersectionScript.cross(ID, 43.8868, 125.3245, 2, 10.0);
    }

    /** South straight: red until {@code greenAtS}, green until 40 s, amber, red. */
    static IntersectionScript redThenGreen(double greenAtS) {
        return cross().phase(STRAIGHT, SignalPhase.STOP_AND_REMAIN, 0, greenAtS)
                .phase(STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, greenAtS, 40)
                .phase(STRAIGHT, SignalPhase.PROTECTED_CLEARANCE, 40, 43)
                .phase(STRAIGHT, SignalPhase.STOP_AND_REMAIN, 43, 90);
    }

    static List<Warning> glosa(IntersectionScript x, double durationS, GlosaConfig config) {
        return ScenarioRunner.run(x.timeline(T0, durationS).inputs(),
                () -> List.of(new GreenLightOptimalSpeedAdvisory(config)));
    }

    static List<Warning> glosa(IntersectionScript x, double durationS) {
        return glosa(x, durationS, GlosaConfig.defaults());
    }

    static double at(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    @Test
    void advisesTheSpeedThatReachesTheLineJustAfterTheRedTurnsGreen() {
        // front 147.7 m from the line, green from 10 s to 40 s, 1 s margins: at most 147.7 / 11 = 13.43 m/s (arriving
        // at 11 s), at least max(15 km/h, 147.7 / 39) = 4.17 m/s
        IntersectionScript x = redThenGreen(10);
        x.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(150).speedKmh(50);
        Warning w = glosa(x, 0.5).getFirst();

        assertThat(w.type()).isEqualTo(WarningType.GLOSA);
        assertThat(w.severity()).isEqualTo(Severity.ADVISORY);
        assertThat(w.targetId()).isEqualTo("car");
        assertThat(w.relatedIds()).containsExactly("0/101#" + STRAIGHT);
        assertThat(at(w)).isEqualTo(0.0);
        assertThat(w.distanceM()).isCloseTo(147.7, within(0.05));
        assertThat(w.ttcS()).isNaN();
        assertThat(w.advice().action()).isEqualTo(Advice.Action.SPEED_WINDOW);
        assertThat(w.advice().maxSpeedMps()).isCloseTo(147.7 / 11.0, within(0.01));
        assertThat(w.advice().minSpeedMps()).isCloseTo(MIN, within(1e-9));
        assertThat(w.distanceM() / w.advice().maxSpeedMps()).isCloseTo(11.0, within(0.01)); // 1 s after green
        assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 30_000_000L);
    }

    @Test
    void aVehicleThatPassesOnGreenAnywayIsAdvisedAWindowContainingItsSpeed() {
        // red until 5 s: at 50 km/h the front reaches the line at 10.6 s, well inside the green
        IntersectionScript x = redThenGreen(5);
        x.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(150).speedKmh(50);
        Warning w = glosa(x, 0.5).getFirst();
        assertThat(w.advice().minSpeedMps()).isLessThan(V50);
        assertThat(w.advice().maxSpeedMps()).isGreaterThan(V50).isCloseTo(LIMIT, within(1e-9));

        // already green, ending at 30 s: anything from 15 km/h to the limit reaches it
        IntersectionScript green = cross().phase(STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 30)
                .phase(STRAIGHT, SignalPhase.STOP_AND_REMAIN, 30, 90);
        green.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(100).speedKmh(50);
        Advice advice = glosa(green, 0.5).getFirst().advice();
        assertThat(advice.minSpeedMps()).isCloseTo(MIN, within(1e-9));
        assertThat(advice.maxSpeedMps()).isCloseTo(LIMIT, within(1e-9));
    }

    @Test
    void aGreenTooShortToReachAtTheLimitIsSkippedForTheNextOne() {
        // green now but only until 4 s: 97.7 m needs 32.6 m/s; the next green, 20–40 s, is advised instead
        IntersectionScript x = cross().phase(STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 4)
                .phase(STRAIGHT, SignalPhase.STOP_AND_REMAIN, 4, 20)
                .phase(STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 20, 40);
        x.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(100).speedKmh(50);
        Advice advice = glosa(x, 0.5).getFirst().advice();
        assertThat(advice.maxSpeedMps()).isCloseTo(97.7 / 21.0, within(0.01));
        assertThat(advice.minSpeedMps()).isCloseTo(MIN, within(1e-9));
    }

    @Test
    void givesNothingWhenNoGreenCanBeReachedAtAnAdvisableSpeed() {
        // red for 30 s with the front 57.7 m away: arriving after the change needs 1.9 m/s, below 15 km/h
        IntersectionScript x = redThenGreen(30);
        x.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(60).speedKmh(50);
        assertThat(glosa(x, 3.0)).isEmpty();
    }

    @Test
    void advisesADriverFollowingTheAdviceOnceEvenWithLaneLevelPositionNoise() {
        // 48 km/h, just under the advised 13.43 m/s, up to the line (11.08 s): the window only widens (to the limit
        // once the light is green at 10 s)
        IntersectionScript x = redThenGreen(10);
        x.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(150).speedKmh(48).lateralNoise(0.7, 3);
        assertThat(glosa(x, 12.0)).singleElement().satisfies(w -> assertThat(at(w)).isEqualTo(0.0));
    }

    @Test
    void advisesAgainWhenTheWindowNarrowedByMoreThanOneMetrePerSecond() {
        // the driver ignores the advice and keeps 50 km/h: the bound falls as (147.7 − v s) / (11 − s)
        IntersectionScript x = redThenGreen(10);
        x.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(150).speedKmh(50);
        List<Warning> advices = glosa(x, 8.0);

        double first = 147.7 / 11.0;
        double expectedS = Double.NaN;
        for (int k = 0; k < 80; k++) {
            double s = k / 10.0;
            if (first - (147.7 - V50 * s) / (11.0 - s) > 1.0) {
                expectedS = s;
                break;
            }
        }
        assertThat(expectedS).isCloseTo(7.6, within(0.15));
        assertThat(advices).hasSize(2);
        assertThat(at(advices.get(1))).isCloseTo(expectedS, within(0.01));
        assertThat(advices.get(1).advice().maxSpeedMps()).isLessThan(first - 1.0).isGreaterThan(first - 1.2);
    }

    @Test
    void firstAdviceComesWithinOneMessagePeriodOfEnteringTheRange() {
        // range 200 m: the front, 257.7 m away at 50 km/h, enters it at (257.7 − 200) / v = 4.15 s
        IntersectionScript x = redThenGreen(25);
        x.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(260).speedKmh(50);
        double enteringS = (260 - HALF_LENGTH - GlosaConfig.defaults().rangeM()) / V50;

        Warning w = glosa(x, 6.0).getFirst();
        assertThat(at(w)).isGreaterThanOrEqualTo(enteringS - 0.01).isLessThanOrEqualTo(enteringS + 0.1);
        assertThat(w.distanceM()).isLessThanOrEqualTo(200.0).isGreaterThan(198.5);
    }

    @Test
    void ignoresVehiclesLeavingTheIntersection() {
        IntersectionScript x = cross();
        for (Arm arm : Arm.values()) {
            x.phase(IntersectionScript.signalGroup(arm, Maneuver.STRAIGHT), SignalPhase.PROTECTED_MOVEMENT_ALLOWED,
                    0, 60);
        }
        x.vehicle("leaving").approach(Arm.SOUTH, 1).toStopLine(-40).speedKmh(50);
        x.vehicle("crossed").approach(Arm.SOUTH, 1).toStopLine(-1).speedKmh(30);
        assertThat(glosa(x, 6.0)).isEmpty();
    }

    @Test
    void ignoresAVehicleStandingInTheQueueUntilItMovesOff() {
        // the light has just turned green; the queue has not started yet: the second car moves off at 2 s with
        // 2 m/s², passing 1 m/s at 2.5 s
        IntersectionScript queue = cross().phase(STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 30)
                .phase(STRAIGHT, SignalPhase.STOP_AND_REMAIN, 30, 90);
        queue.vehicle("first").approach(Arm.SOUTH, 1).toStopLine(4).speedKmh(0);
        queue.vehicle("second").approach(Arm.SOUTH, 0).toStopLine(11).speedKmh(0).accel(2.0, 2.0);
        assertThat(glosa(queue, 2.5)).isEmpty();
        assertThat(glosa(queue, 4.0)).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("second");
            assertThat(at(w)).isBetween(2.5, 2.6);
        });
    }

    @Test
    void ignoresAnIntersectionWithoutSignalState() {
        IntersectionScript dark = cross();
        dark.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(150).speedKmh(50);
        assertThat(glosa(dark, 5.0)).isEmpty();
    }

    @Test
    void configurationIsValidatedNamingTheKey() {
        assertThat(GlosaConfig.defaults().conclude()).isEqualTo(GlosaConfig.defaults());
        assertThatThrownBy(() -> new GreenLightOptimalSpeedAdvisory(GlosaConfig.defaults().withSpeedLimitMps(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.glosa.speedLimitMps");
        // a limit under the minimum advised speed leaves no window at all
        assertThatThrownBy(() -> GlosaConfig.defaults().withSpeedLimitMps(3.0).conclude())
                .hasMessageContaining("apps.glosa.minAdvisedSpeedMps");
        GlosaConfig d = GlosaConfig.defaults();
        assertThatThrownBy(() -> new GlosaConfig(true, d.rangeM(), d.speedLimitMps(), d.minAdvisedSpeedMps(),
                d.minMovingSpeedMps(), d.greenStartMarginS(), d.greenEndMarginS(), 0, d.windowShiftS(),
                d.clearHoldMs(), d.defaultLengthM(), d.maxValidityMs()).conclude())
                .hasMessageContaining("apps.glosa.changeThresholdMps");
    }
}
