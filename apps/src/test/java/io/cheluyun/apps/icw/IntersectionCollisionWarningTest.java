package io.cheluyun.apps.icw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.IntersectionScript;
import io.cheluyun.apps.scenario.IntersectionScript.Arm;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Crossing-path cases after T/CSAE 246-2022 Annex A: straight crossing on collision course, the partner passing
 * behind, the partner waiting at its stop line, both slow, opposing traffic.
 */
class IntersectionCollisionWarningTest {

    static final long T0 = 1_790_000_000_000_000L;
    /** Two 4.6 × 1.8 m cars: radii (4.6 + 1.8) / 4 each, plus the 1 m margin. */
    static final double CONFLICT_M = 2 * (4.6 + 1.8) / 4 + 1.0;

    static IntersectionScript cross() {
        return IntersectionScript.cross(new IntersectionId(0, 7), 43.8868, 125.3245, 1, 10.0);
    }

    static List<Warning> icw(IntersectionScript x, double seconds) {
        return ScenarioRunner.run(x.timeline(T0, seconds).inputs(),
                () -> List.of(new IntersectionCollisionWarning(IcwConfig.defaults())));
    }

    /** Northbound and eastbound lanes cross at (1.75, −1.75): 13.25 m inside each stop line. */
    static final double STOP_TO_CONFLICT_M = IntersectionScript.STOP_LINE_M - IntersectionScript.LANE_WIDTH_M / 2;

    @Test
    void warnsBothDriversOnACollisionCourseAcrossTheIntersection() {
        IntersectionScript x = cross();
        IntersectionScript.Vehicle north = x.vehicle("northbound").approach(Arm.SOUTH, 0).toStopLine(80).speedKmh(50);
        IntersectionScript.Vehicle east = x.vehicle("eastbound").approach(Arm.WEST, 0).toStopLine(80).speedKmh(50)
                .sendPhase(0.05);
        List<Warning> warnings = icw(x, 10.0);

        assertThat(warnings).extracting(Warning::targetId).containsExactlyInAnyOrder("northbound", "eastbound");
        Warning first = warnings.getFirst();
        assertThat(first.type()).isEqualTo(WarningType.ICW);
        assertThat(first.ttcS()).isLessThan(2.1).isGreaterThan(1.9);
        assertThat(first.severity()).isEqualTo(Severity.WARNING);
        assertThat(warnings.get(1).relatedIds()).containsExactly(first.targetId());

        // independent check of the timing: with both at 50 km/h on straight lanes the centres meet at the conflict
        // point; the gap closes at √2 · v, so the predicted conflict is 2.1 s away when the remaining distance to
        // the crossing point along each lane is d with √2 · (d − 2.1 v) ... solved by stepping the script itself
        double crossing = Double.NaN;
        for (double s = 0; s < 10; s += 0.001) {
            if (conflictWithin(north, east, s, 2.1)) {
                crossing = s;
                break;
            }
        }
        double warnedAt = Units.microsToSeconds(first.timeMicros() - T0);
        assertThat(warnedAt - crossing).isBetween(0.0, 0.1);
    }

    /** Brute force on the script's own motion: do the centres come within the conflict distance within horizon? */
    static boolean conflictWithin(IntersectionScript.Vehicle a, IntersectionScript.Vehicle b, double s,
                                  double horizon) {
        double va = a.speedAt(s);
        double vb = b.speedAt(s);
        for (double f = 0; f <= horizon; f += 0.001) {
            // northbound: y = −(toStopLine + 15), x = 1.75; eastbound: x = −(toStopLine + 15), y = −1.75
            double ya = -(a.toStopLineAt(s) - va * f + IntersectionScript.STOP_LINE_M);
            double xb = -(b.toStopLineAt(s) - vb * f + IntersectionScript.STOP_LINE_M);
            if (Math.hypot(1.75 - xb, ya + 1.75) < CONFLICT_M) {
                return true;
            }
        }
        return false;
    }

    @Test
    void staysSilentWhenThePartnerPassesWellBehind() {
        IntersectionScript x = cross();
        x.vehicle("northbound").approach(Arm.SOUTH, 0).toStopLine(80).speedKmh(50);
        // 4 s later at the crossing point
        x.vehicle("eastbound").approach(Arm.WEST, 0).toStopLine(80 + 4 * 50 / 3.6).speedKmh(50);
        assertThat(icw(x, 14.0)).isEmpty();
    }

    @Test
    void staysSilentForAVehicleWaitingAtItsStopLine() {
        IntersectionScript x = cross();
        x.vehicle("northbound").approach(Arm.SOUTH, 0).toStopLine(80).speedKmh(50);
        x.vehicle("waiting").approach(Arm.WEST, 0).toStopLine(1.0).speedKmh(0);
        assertThat(icw(x, 10.0)).isEmpty();
    }

    @Test
    void ignoresTwoSlowVehiclesNegotiatingTheBox() {
        IntersectionScript x = cross();
        x.vehicle("slow-north").approach(Arm.SOUTH, 0).toStopLine(10).speedKmh(8);
        x.vehicle("slow-east").approach(Arm.WEST, 0).toStopLine(10).speedKmh(8);
        assertThat(icw(x, 12.0)).isEmpty();
    }

    @Test
    void ignoresOpposingTrafficPassingInItsOwnLane() {
        IntersectionScript x = cross();
        x.vehicle("northbound").approach(Arm.SOUTH, 0).toStopLine(80).speedKmh(50);
        x.vehicle("southbound").approach(Arm.NORTH, 0).toStopLine(80).speedKmh(50);
        assertThat(icw(x, 10.0)).isEmpty();
    }

    @Test
    void oneWarningPerDriverPerHazardThenCritical() {
        IntersectionScript x = cross();
        x.vehicle("northbound").approach(Arm.SOUTH, 0).toStopLine(40).speedKmh(60);
        x.vehicle("eastbound").approach(Arm.WEST, 0).toStopLine(40).speedKmh(60);
        List<Warning> warnings = icw(x, 6.0);
        assertThat(warnings).hasSize(2);
        // at 16.7 m/s from 53 m, 2.1 s out is reached between messages: the first TTC is close to the threshold
        assertThat(warnings.getFirst().ttcS()).isCloseTo(2.0, within(0.11));
    }

    @Test
    void rejectsBadConfigurationNamingTheKey() {
        IcwConfig d = IcwConfig.defaults();
        assertThatThrownBy(() -> new IcwConfig(true, 3.0, 0.5, 4.0, 1.5, 3.0, 1000, 2.8, 30, 150, 1, 19, 500, 4.5, 1.8,
                3000).conclude()).hasMessageContaining("apps.icw.ttcThresholdS");
        assertThatThrownBy(() -> new IcwConfig(true, 3.0, 0.5, 2.1, 1.5, 3.0, 1000, 2.8, 160, 150, 1, 19, 500, 4.5,
                1.8, 3000).conclude()).hasMessageContaining("apps.icw.minCrossingAngleDeg");
        assertThat(d.conclude()).isSameAs(d);
    }
}
