package io.cheluyun.apps.vrucw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cheluyun.apps.scenario.IntersectionScript;
import io.cheluyun.apps.scenario.IntersectionScript.Arm;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pedestrian cases after T/CSAE 246-2022 Annex A: crossing in front of the vehicle, waiting on the far sidewalk,
 * crossing behind it, the vehicle stopping for the crossing; plus a pedestrian seen by two sensors.
 */
class VulnerableRoadUserWarningTest {

    static final long T0 = 1_790_000_000_000_000L;
    /** The crosswalk of the south arm, 12 m south of the centre (3 m before the stop line... after it, inside). */
    static final double CROSSWALK_N = -12.0;

    static IntersectionScript cross() {
        return IntersectionScript.cross(new IntersectionId(0, 9), 43.8868, 125.3245, 1, 10.0);
    }

    static List<Warning> vrucw(IntersectionScript x, double seconds) {
        return ScenarioRunner.run(x.timeline(T0, seconds).inputs(),
                () -> List.of(new VulnerableRoadUserWarning(VrucwConfig.defaults())));
    }

    @Test
    void warnsTheDriverOfAPedestrianCrossingAheadWithinThreeSecondsOfTheConflict() {
        IntersectionScript x = cross();
        IntersectionScript.Vehicle car = x.vehicle("car").approach(Arm.SOUTH, 0).toStopLine(100).speedKmh(40);
        x.walker("ped-1", "rsu-7", ObjectClass.PEDESTRIAN).path(9, CROSSWALK_N, -9, CROSSWALK_N).startS(4.5)
                .speedMps(1.4);
        List<Warning> warnings = vrucw(x, 12.0);

        assertThat(warnings).hasSize(1);
        Warning w = warnings.getFirst();
        assertThat(w.type()).isEqualTo(WarningType.VRUCW);
        assertThat(w.targetId()).isEqualTo("car");
        assertThat(w.relatedIds()).containsExactly("obj:rsu-7:ped-1");
        assertThat(w.ttcS()).isLessThan(3.0).isGreaterThanOrEqualTo(2.8);

        // independently: the first moment the pedestrian is in the car's widened footprint (centre lane x = 1.75,
        // half width 0.9 + 1 m; from the rear bumper to 1 m before the front one)
        double conflict = Double.NaN;
        for (double s = 0; s < 12; s += 0.001) {
            double carNorth = -(car.toStopLineAt(s) + IntersectionScript.STOP_LINE_M);
            double pedEast = 9 - Math.max(0, s - 4.5) * 1.4;
            double along = CROSSWALK_N - carNorth;
            if (Math.abs(pedEast - 1.75) <= 1.9 && along >= -2.3 && along <= 3.3) {
                conflict = s;
                break;
            }
        }
        double warnedAt = Units.microsToSeconds(w.timeMicros() - T0);
        assertThat(conflict - warnedAt).isBetween(2.9, 3.0);
    }

    @Test
    void ignoresAPedestrianWaitingOnTheFarSidewalk() {
        IntersectionScript x = cross();
        x.vehicle("car").approach(Arm.SOUTH, 0).toStopLine(100).speedKmh(40);
        x.walker("ped-1", "rsu-7", ObjectClass.PEDESTRIAN).path(-9, CROSSWALK_N, -9, CROSSWALK_N);
        assertThat(vrucw(x, 14.0)).isEmpty();
    }

    @Test
    void ignoresAPedestrianCrossingBehindTheCar() {
        IntersectionScript x = cross();
        x.vehicle("car").approach(Arm.SOUTH, 0).toStopLine(100).speedKmh(40);
        // the car passes the crosswalk at ~9 s; the pedestrian steps off the kerb at 10 s
        x.walker("ped-1", "rsu-7", ObjectClass.PEDESTRIAN).path(9, CROSSWALK_N, -9, CROSSWALK_N).startS(10)
                .speedMps(1.4);
        assertThat(vrucw(x, 16.0)).isEmpty();
    }

    @Test
    void ignoresTheCrossingWhenTheCarHasStoppedForIt() {
        IntersectionScript x = cross();
        x.vehicle("car").approach(Arm.SOUTH, 0).toStopLine(60).speedKmh(30).stopAtStopLine(0.0, 2.0);
        x.walker("ped-1", "rsu-7", ObjectClass.PEDESTRIAN).path(9, CROSSWALK_N, -9, CROSSWALK_N).startS(6)
                .speedMps(1.4);
        assertThat(vrucw(x, 20.0)).isEmpty();
    }

    @Test
    void aPedestrianSeenByTwoSensorsIsOneRoadUserAndOneWarning() {
        IntersectionScript x = cross();
        x.vehicle("car").approach(Arm.SOUTH, 0).toStopLine(100).speedKmh(40);
        x.walker("ped-1", "rsu-7", ObjectClass.PEDESTRIAN).path(9, CROSSWALK_N, -9, CROSSWALK_N).startS(4.5)
                .speedMps(1.4);
        // a second RSU's camera sees the same person 0.6 m off, under its own track id
        x.walker("77", "rsu-8", ObjectClass.PEDESTRIAN).path(9.4, CROSSWALK_N + 0.4, -8.6, CROSSWALK_N + 0.4)
                .startS(4.5).speedMps(1.4);
        List<Warning> warnings = vrucw(x, 12.0);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst().severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void rejectsBadConfigurationNamingTheKey() {
        assertThatThrownBy(() -> new VrucwConfig(true, 4, 0.1, 5, 1.5, 4, 1000, 1, 1, 1, 150, 4.5, 1.8, 3000)
                .conclude()).hasMessageContaining("apps.vrucw.ttcThresholdS");
        assertThatThrownBy(() -> new VrucwConfig(true, 4, 0.1, 3, 1.5, 4, 1000, -1, 1, 1, 150, 4.5, 1.8, 3000)
                .conclude()).hasMessageContaining("apps.vrucw.lateralMarginM");
    }
}
