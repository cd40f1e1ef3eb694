package io.cheluyun.apps.slw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.apps.scenario.Timeline;
import io.cheluyun.model.Advice;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.RoadEventType;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SLW scenarios after the T/CSAE 53-2017 use case: a vehicle entering or driving in an area with an announced limit
 * faster than the limit plus the tolerance is told once to slow down to it; one within the tolerance, one on a
 * parallel road, and events without a limit or no longer in force are not warned. Road: eastwards through Changchun
 * at 10 Hz. A 60 km/h limit (16.67 m/s) tolerates up to 16.67 + max(5 %, 1 m/s) = 17.67 m/s (63.6 km/h).
 */
class SpeedLimitWarningTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final long T0 = 1_790_000_000_000_000L;
    static final double LIMIT_60 = Units.kmhToMps(60);

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    static RoadEvent event(String id, RoadEventType type, List<GeoPoint> area, double limitKmh, double fromS,
                           double toS) {
        return new RoadEvent(id, "rsu-7", type, -1, area, Units.kmhToMps(limitKmh), T0 + Units.secondsToMicros(fromS),
                T0 + Units.secondsToMicros(toS), "GB 5768 limit sign");
    }

    private static List<Warning> slw(Timeline timeline) {
        List<Warning> warnings = ScenarioRunner.run(timeline.inputs(),
                () -> List.of(new SpeedLimitWarning(SlwConfig.defaults())));
        assertThat(warnings).allMatch(w -> w.type() == WarningType.SLW);
        return warnings;
    }

    private static List<Warning> slw(RoadScript road, double durationS, RoadEvent... events) {
        Timeline timeline = new Timeline().add(road.messages(T0, durationS));
        for (RoadEvent e : events) {
            timeline.add(e);
        }
        return slw(timeline);
    }

    private static double atS(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    @Test
    void warnsASpeedingVehicleTwoSecondsBeforeTheZoneAndAdvisesTheLimit() {
        // 80 km/h towards a 60 km/h zone from 205 m: within 2 s (44.4 m) of it at 7.225 s; warned once for the
        // whole 400 m zone it then speeds through
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(80);
        RoadEvent limit = event("limit-60", RoadEventType.SPEED_LIMIT, road.zone(205, 605, -5.25, 1.75), 60, 0, 600);
        double v = Units.kmhToMps(80);

        List<Warning> warnings = slw(road, 30.0, limit);

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(w.relatedIds()).containsExactly("limit-60");
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(atS(w)).isCloseTo(7.3, within(0.001));
            assertThat(w.distanceM()).isCloseTo(205 - v * 7.3, within(0.3));
            assertThat(w.ttcS()).isCloseTo((205 - v * 7.3) / v, within(0.02));
            assertThat(w.advice().action()).isEqualTo(Advice.Action.SLOW_DOWN);
            assertThat(w.advice().maxSpeedMps()).isCloseTo(LIMIT_60, within(1e-9));
            assertThat(w.advice().minSpeedMps()).isNaN();
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 5_000_000L);
        });
    }

    @Test
    void firstWarningComesWithinOneMessagePeriodOfExceedingTheLimitPlusTolerance() {
        // inside the zone at 58 km/h, accelerating at 1 m/s² from 2 s: above 17.67 m/s at 2 + 1.556 s
        RoadScript road = road();
        road.vehicle("host").at(250).speedKmh(58).accel(2.0, 1.0);
        RoadEvent limit = event("limit-60", RoadEventType.SPEED_LIMIT, road.zone(205, 605, -5.25, 1.75), 60, 0, 600);
        double crossingS = 2.0 + (SlwConfig.defaults().thresholdMps(LIMIT_60) - Units.kmhToMps(58)) / 1.0;

        Warning w = slw(road, 6.0, limit).getFirst();

        assertThat(atS(w)).isBetween(crossingS - 0.01, crossingS + 0.1);
        assertThat(w.distanceM()).isZero();
        assertThat(w.ttcS()).isZero();
        assertThat(w.location().lonDeg()).isGreaterThan(LON); // the vehicle's own position, inside the zone
    }

    @Test
    void ignoresVehiclesAtTheLimitOrWithinTheTolerance() {
        RoadScript road = road();
        road.vehicle("at-limit").at(210).speedKmh(60);
        road.vehicle("tolerated").lateral(-3.5).at(210).speedKmh(63);
        road.vehicle("speeder").at(150).speedKmh(70).sendPhase(0.05);
        RoadEvent limit = event("limit-60", RoadEventType.SPEED_LIMIT, road.zone(205, 605, -5.25, 1.75), 60, 0, 600);

        assertThat(slw(road, 10.0, limit)).extracting(Warning::targetId).containsExactly("speeder");
    }

    @Test
    void ignoresALimitZoneOnAParallelRoad() {
        // a 40 km/h zone on the frontage road 25-40 m to the left: within the query radius, never on the path
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(80);
        RoadEvent school = event("school-40", RoadEventType.SPEED_LIMIT, road.zone(0, 400, -40, -25), 40, 0, 600);

        assertThat(slw(road, 15.0, school)).isEmpty();
    }

    @Test
    void ignoresEventsWithoutALimitAndLimitsNoLongerInForce() {
        // a hazard without a limit from 50 m; a 40 km/h limit from 100 m that ended at 1 s (the vehicle is 2 s
        // from it only at 2.5 s); then a work zone with a 60 km/h limit at 300 m, which does warn (any event type)
        RoadScript road = road();
        road.vehicle("host").at(0).speedKmh(80);
        RoadEvent hazard = new RoadEvent("debris", "rsu-7", RoadEventType.HAZARD, -1, road.zone(50, 150, -5, 2),
                Double.NaN, T0, T0 + 600_000_000L, "");
        RoadEvent expired = event("old-limit", RoadEventType.SPEED_LIMIT, road.zone(100, 200, -5, 2), 40, -60, 1);
        RoadEvent works = event("works-60", RoadEventType.WORK_ZONE, road.zone(300, 400, -5, 2), 60, 0, 600);
        Timeline timeline = new Timeline().add(road.messages(T0, 13.0)).add(hazard).announce(expired, T0).add(works);

        assertThat(slw(timeline)).extracting(Warning::relatedIds).containsExactly(List.of("works-60"));
    }

    @Test
    void warnsOnceWhileSpeedingAndAgainOnlyAfterHavingKeptToTheLimitForTheClearHold() {
        // in a long 60 km/h zone at 80 km/h: warned at once. Slows below the limit at 3.78 s, speeds again at
        // 5.72 s (1.9 s later: the same episode), keeps to 54.8 km/h from 9.28 s to 15.22 s (re-armed after 3 s)
        // and speeds once more: warned again
        RoadScript road = road();
        road.vehicle("host").at(10).speedKmh(80)
                .accel(1.0, -2.0).accel(4.0, 0.0).accel(5.0, 2.0).accel(6.5, 0.0)
                .accel(8.0, -2.0).accel(10.0, 0.0).accel(14.0, 2.0).accel(16.0, 0.0);
        RoadEvent limit = event("limit-60", RoadEventType.SPEED_LIMIT, road.zone(0, 2000, -5.25, 1.75), 60, 0, 600);
        double v0 = Units.kmhToMps(80);
        double secondCrossingS = 14.0 + (SlwConfig.defaults().thresholdMps(LIMIT_60) - (v0 - 6 + 3 - 4)) / 2.0;

        List<Warning> warnings = slw(road, 17.0, limit);

        assertThat(warnings).hasSize(2);
        assertThat(atS(warnings.get(0))).isZero();
        assertThat(atS(warnings.get(1))).isBetween(secondCrossingS - 0.01, secondCrossingS + 0.1);
    }

    @Test
    void warnsAgainWhenTheLimitIsLoweredButNotWhenTheSameLimitIsRepeated() {
        // a 75 km/h vehicle in a 60 zone is warned; the RSU lowers the zone to 40 at 3 s (warned again: a new
        // limit) and repeats that announcement at 5 s (the same limit: nothing new)
        RoadScript road = road();
        road.vehicle("host").at(10).speedKmh(75);
        List<GeoPoint> area = road.zone(0, 2000, -5.25, 1.75);
        RoadEvent sixty = event("limit-zone", RoadEventType.SPEED_LIMIT, area, 60, 0, 600);
        RoadEvent forty = event("limit-zone", RoadEventType.SPEED_LIMIT, area, 40, 0, 600);
        Timeline timeline = new Timeline().add(road.messages(T0, 8.0)).add(sixty)
                .announce(forty, T0 + 3_000_000L).announce(forty, T0 + 5_000_000L);

        List<Warning> warnings = slw(timeline);

        assertThat(warnings).hasSize(2);
        assertThat(atS(warnings.get(0))).isZero();
        assertThat(warnings.get(0).advice().maxSpeedMps()).isCloseTo(LIMIT_60, within(1e-9));
        assertThat(atS(warnings.get(1))).isCloseTo(3.0, within(0.001));
        assertThat(warnings.get(1).advice().maxSpeedMps()).isCloseTo(Units.kmhToMps(40), within(1e-9));
    }

    @Test
    void validatesEveryKeyByName() {
        assertThat(SlwConfig.defaults().conclude()).isEqualTo(SlwConfig.defaults());
        // 5 % of 120 km/h is 1.67 m/s; at 40 km/h the 1 m/s floor applies
        assertThat(SlwConfig.defaults().thresholdMps(Units.kmhToMps(120))).isCloseTo(Units.kmhToMps(126),
                within(1e-9));
        assertThat(SlwConfig.defaults().thresholdMps(Units.kmhToMps(40))).isCloseTo(Units.kmhToMps(40) + 1.0,
                within(1e-9));
        assertThatThrownBy(() -> new SlwConfig(true, -0.1, 1.0, 2.0, 5.0, 3_000, 5_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.slw.toleranceFraction");
        assertThatThrownBy(() -> new SlwConfig(true, 0.05, Double.NaN, 2.0, 5.0, 3_000, 5_000).conclude())
                .hasMessageContaining("apps.slw.minToleranceMps");
        assertThatThrownBy(() -> new SlwConfig(true, 0.05, 1.0, 0.0, 5.0, 3_000, 5_000).conclude())
                .hasMessageContaining("apps.slw.entryHorizonS");
        assertThatThrownBy(() -> new SlwConfig(true, 0.05, 1.0, 2.0, -1, 3_000, 5_000).conclude())
                .hasMessageContaining("apps.slw.edgeMarginM");
        assertThatThrownBy(() -> new SlwConfig(true, 0.05, 1.0, 2.0, 5.0, -1, 5_000).conclude())
                .hasMessageContaining("apps.slw.clearHoldMs");
        assertThatThrownBy(() -> new SpeedLimitWarning(new SlwConfig(true, 0.05, 1.0, 2.0, 5.0, 3_000, 0)))
                .hasMessageContaining("apps.slw.validityMs");
    }
}
