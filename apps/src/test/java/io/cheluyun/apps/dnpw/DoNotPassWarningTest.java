package io.cheluyun.apps.dnpw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.Advice;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DNPW scenarios after T/CSAE 246-2022 Annex E, on a two-way road (the opposite lane at −3.5 m): a host signalling
 * left behind a slower vehicle with an oncoming car within the overtaking distance must be warned once and on time; no
 * signal, an oncoming car far away or already passed, nobody to pass, and a same-direction car in the left lane must
 * not. Road: eastwards at 10 Hz, starting just inside a 0.01° tile so the whole 780 m stretch is one tile; cars are
 * 4.6 m long. With the defaults the overtake needs 8 s × (host + oncoming speed) + 50 m: 316.7 m at 60 + 60 km/h.
 */
class DoNotPassWarningTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3202;
    static final long T0 = 1_790_000_000_000_000L;
    static final ExteriorLights LEFT = ExteriorLights.of(Light.LEFT_TURN_SIGNAL);
    static final double NEEDED_M = 8.0 * 2 * 60 / 3.6 + 50.0;

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    private static List<Warning> dnpw(RoadScript road, double durationS) {
        return dnpw(road, durationS, DnpwConfig.defaults());
    }

    private static List<Warning> dnpw(RoadScript road, double durationS, DnpwConfig config) {
        return ScenarioRunner.run(road.messages(T0, durationS), () -> List.of(new DoNotPassWarning(config)));
    }

    private static double atS(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    /** Host 60 km/h held up 30 m behind a 55 km/h truck; signals left from 1 s. */
    static RoadScript followingSlowVehicle(double signalFromS) {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(60).lights(signalFromS, LEFT);
        road.vehicle("slow").at(130).speedKmh(55);
        return road;
    }

    @Test
    void warnsHostSignallingToOvertakeWithAnOncomingCarTooClose() {
        RoadScript road = followingSlowVehicle(1.0);
        road.vehicle("oncoming").lateral(-3.5).oncoming().at(350).speedKmh(60);

        List<Warning> warnings = dnpw(road, 4.0);

        // at 1 s: host at 116.7 m, oncoming at 333.3 m: bumper gap 212.1 m < 316.7 m, closing at 33.3 m/s
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.type()).isEqualTo(WarningType.DNPW);
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(w.relatedIds()).containsExactly("oncoming");
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(atS(w)).isCloseTo(1.0, within(1e-6));
            assertThat(w.distanceM()).isCloseTo(212.07, within(0.05));
            assertThat(w.ttcS()).isCloseTo(212.07 / (120 / 3.6), within(0.01));
            assertThat(w.advice()).isEqualTo(Advice.of(Advice.Action.DO_NOT_PASS));
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 3_000_000L);
        });
    }

    @Test
    void warnsWithinOneMessagePeriodOfTheOncomingCarEnteringTheNeededDistance() {
        // bumper gap(t) = 650 − 100 − 4.6 − 33.33·t falls to 316.7 m at t = 6.862 s
        RoadScript road = followingSlowVehicle(0.0);
        road.vehicle("oncoming").lateral(-3.5).oncoming().at(650).speedKmh(60).sendPhase(0.04);
        double closingMps = 120 / 3.6;
        double crossingS = (650 - 100 - 4.6 - NEEDED_M) / closingMps;

        Warning w = dnpw(road, 8.0).getFirst();

        assertThat(atS(w)).isGreaterThanOrEqualTo(crossingS - 0.01).isLessThanOrEqualTo(crossingS + 0.1);
        assertThat(w.distanceM()).isLessThanOrEqualTo(NEEDED_M).isGreaterThan(NEEDED_M - 3.4);
    }

    @Test
    void warnsOncePerOncomingVehicleWhileTheSignalStaysOn() {
        // two oncoming cars 100 m apart: the second becomes the conflict once the first has passed (t ≈ 7.5 s)
        RoadScript road = followingSlowVehicle(1.0);
        road.vehicle("first").lateral(-3.5).oncoming().at(350).speedKmh(60);
        road.vehicle("second").lateral(-3.5).oncoming().at(450).speedKmh(60);

        List<Warning> warnings = dnpw(road, 9.0);

        assertThat(warnings).extracting(w -> w.relatedIds().getFirst()).containsExactly("first", "second");
        assertThat(atS(warnings.get(0))).isCloseTo(1.0, within(1e-6));
        assertThat(atS(warnings.get(1))).isCloseTo(7.5, within(0.15));
    }

    @Test
    void ignoresAHostWithoutALeftSignal() {
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(60).lights(0.0, ExteriorLights.of(Light.RIGHT_TURN_SIGNAL));
        road.vehicle("slow").at(130).speedKmh(55);
        road.vehicle("oncoming").lateral(-3.5).oncoming().at(300).speedKmh(60);
        assertThat(dnpw(road, 4.0)).isEmpty();
    }

    @Test
    void ignoresAnOncomingCarFarBeyondTheNeededDistance() {
        // gap after 3 s: 700 − 100 − 4.6 − 100 = 495 m, well over 316.7 m
        RoadScript road = followingSlowVehicle(0.0);
        road.vehicle("oncoming").lateral(-3.5).oncoming().at(700).speedKmh(60);
        assertThat(dnpw(road, 3.0)).isEmpty();
    }

    @Test
    void ignoresAnOncomingCarThatHasAlreadyPassed() {
        RoadScript road = followingSlowVehicle(0.0);
        road.vehicle("passed").lateral(-3.5).oncoming().at(90).speedKmh(60);
        assertThat(dnpw(road, 3.0)).isEmpty();
    }

    @Test
    void ignoresALeftSignalWithNoSlowerVehicleToPass() {
        // a left turn across oncoming traffic is LTA's case; here the only car ahead pulls away faster
        RoadScript road = road();
        road.vehicle("host").at(100).speedKmh(60).lights(0.0, LEFT);
        road.vehicle("faster").at(130).speedKmh(75);
        road.vehicle("oncoming").lateral(-3.5).oncoming().at(300).speedKmh(60);
        assertThat(dnpw(road, 3.0)).isEmpty();
    }

    @Test
    void ignoresASameDirectionCarInTheLeftLane() {
        RoadScript road = followingSlowVehicle(0.0);
        road.vehicle("leftLane").lateral(-3.5).at(250).speedKmh(50);
        assertThat(dnpw(road, 3.0)).isEmpty();
    }

    @Test
    void aLongerPassingTimeWarnsEarlier() {
        // 10 s: needed 10 × 33.3 + 50 = 383.3 m, reached at t = (545.4 − 383.3) / 33.3 = 4.862 s
        RoadScript road = followingSlowVehicle(0.0);
        road.vehicle("oncoming").lateral(-3.5).oncoming().at(650).speedKmh(60);
        Warning w = dnpw(road, 8.0, DnpwConfig.defaults().withPassingTimeS(10.0)).getFirst();
        assertThat(atS(w)).isGreaterThanOrEqualTo(4.85).isLessThanOrEqualTo(4.97);
    }

    @Test
    void rejectsInvalidConfigNamingTheKey() {
        DnpwConfig d = DnpwConfig.defaults();
        assertThat(d.conclude()).isSameAs(d);
        assertThatThrownBy(() -> d.withPassingTimeS(0.0).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.dnpw.passingTimeS");
        assertThatThrownBy(() -> new DnpwConfig(true, 8, 50, 5.6, 60, 1, 1.75, 30, 150, 7.0, 6.0, 27.8, 500,
                1_000, 500, 4.5, 3_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.dnpw.minOncomingLateralM");
        assertThatThrownBy(() -> new DnpwConfig(true, 8, 50, 5.6, 60, 1, 1.75, 30, 60, 2.0, 6.0, 27.8, 500,
                1_000, 500, 4.5, 3_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.dnpw.minOncomingDiffDeg");
        assertThatThrownBy(() -> new DoNotPassWarning(new DnpwConfig(true, 8, 50, 5.6, 60, 1, 1.75, 30, 150, 2.0,
                6.0, 27.8, 10, 1_000, 500, 4.5, 3_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.dnpw.maxRangeM");
    }
}
