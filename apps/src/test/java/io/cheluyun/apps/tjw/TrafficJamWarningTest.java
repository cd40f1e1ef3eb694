package io.cheluyun.apps.tjw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.Advice;
import io.cheluyun.model.Severity;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.PipelineConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TJW scenarios: a host at 90 km/h approaching a queue of stopped cars in its lane or the next one must be warned once
 * and on time, however the queue grows; a queue on the opposite carriageway, a host already in the queue, one or two
 * stopped cars, a queue behind the host and slow cars too far apart must not. Road: eastwards at 10 Hz, starting just
 * inside a 0.01° tile so the whole 780 m stretch is one tile; cars are 4.6 m long. The default look-ahead at 25 m/s is
 * max(200 m, 25 m/s × 10 s) = 250 m.
 */
class TrafficJamWarningTest {

    static final double LAT = 43.8868;
    static final double LON = 125.3202;
    static final long T0 = 1_790_000_000_000_000L;

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    /** Four stopped cars, centres 8 m apart (3.4 m bumper gaps), the tail q4 at 376 m. */
    static void queue(RoadScript road, double lateralM, boolean oncoming, int size) {
        for (int i = 0; i < size; i++) {
            RoadScript.Vehicle v = road.vehicle("q" + (i + 1)).lateral(lateralM).at(400 - 8 * i).speedKmh(0);
            if (oncoming) {
                v.oncoming();
            }
        }
    }

    private static List<Warning> tjw(RoadScript road, double durationS) {
        return tjw(road.messages(T0, durationS), PipelineConfig.defaults());
    }

    private static List<Warning> tjw(List<VehicleState> messages, PipelineConfig pipeline) {
        return ScenarioRunner.run(messages, () -> List.of(new TrafficJamWarning(TjwConfig.defaults())), pipeline);
    }

    private static double atS(Warning w) {
        return (w.timeMicros() - T0) / 1e6;
    }

    @Test
    void warnsAFastHostApproachingTheTailOfAQueueInItsLane() {
        RoadScript road = road();
        queue(road, 0.0, false, 4);
        road.vehicle("host").at(0).speedKmh(90);

        List<Warning> warnings = tjw(road, 7.0);

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.type()).isEqualTo(WarningType.TJW);
            assertThat(w.targetId()).isEqualTo("host");
            assertThat(w.relatedIds()).containsExactly("q4");
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.distanceM()).isLessThanOrEqualTo(250.0).isGreaterThan(247.4);
            assertThat(w.ttcS()).isCloseTo(w.distanceM() / 25.0, within(0.001));
            assertThat(w.advice()).isEqualTo(Advice.of(Advice.Action.SLOW_DOWN));
            assertThat(w.validUntilMicros()).isEqualTo(w.timeMicros() + 5_000_000L);
        });
    }

    @Test
    void warnsWithinOneMessagePeriodOfTheTailComingWithinTheLookAhead() {
        // bumper gap(t) = 376 − 4.6 − 25·t reaches 250 m at t = 4.856 s
        RoadScript road = road();
        queue(road, 0.0, false, 4);
        road.vehicle("host").at(0).speedKmh(90).sendPhase(0.03);
        double crossingS = (376 - 4.6 - 250) / 25.0;

        Warning w = tjw(road, 7.0).getFirst();

        assertThat(atS(w)).isGreaterThanOrEqualTo(crossingS - 0.01).isLessThanOrEqualTo(crossingS + 0.1);
        assertThat(w.distanceM()).isCloseTo(371.4 - 25.0 * atS(w), within(0.05));
    }

    @Test
    void warnsAHostInTheNextLaneOfTheSameCarriageway() {
        RoadScript road = road();
        queue(road, 3.5, false, 4);
        road.vehicle("host").at(0).speedKmh(90);
        assertThat(tjw(road, 7.0)).singleElement().satisfies(w -> assertThat(w.targetId()).isEqualTo("host"));
    }

    @Test
    void warnsOnceWhileTheHostBrakesTowardsAQueueThatGrows() {
        // "joiner" slows from 36 km/h at 5 s and stops at 368 m behind q4 (slower than 3 m/s from 7.8 s): the tail
        // changes from q4 to joiner after the host's warning; the host brakes from 7 s and stays behind
        RoadScript road = road();
        queue(road, 0.0, false, 4);
        road.vehicle("joiner").at(298).speedKmh(36).accel(5.0, -2.5);
        road.vehicle("host").at(0).speedKmh(90).accel(7.0, -2.5);

        List<Warning> warnings = tjw(road, 12.0);

        assertThat(warnings).filteredOn(w -> w.targetId().equals("host")).singleElement()
                .satisfies(w -> assertThat(w.relatedIds()).containsExactly("q4"));
        // the joiner itself approached the queue at 10 m/s, 73 m from its tail: warned once, early
        assertThat(warnings).filteredOn(w -> w.targetId().equals("joiner")).singleElement()
                .satisfies(w -> assertThat(atS(w)).isLessThan(0.5));
    }

    @Test
    void chainsStoppedCarsIntoOneQueueWithTheRearmostAsTailAndLeavesLoneSlowCarsOut() {
        RoadScript road = road();
        queue(road, 0.0, false, 4);
        road.vehicle("q5").lateral(3.5).at(385).speedKmh(5); // creeping in the next lane beside q3: chained
        road.vehicle("lone").at(150).speedKmh(0);            // 216 m behind the queue: no chain
        road.vehicle("fast").at(340).speedKmh(60);           // in the gap, but not slow
        List<TrafficJamWarning> apps = new ArrayList<>();
        ScenarioRunner.run(road.messages(T0, 2.0), () -> {
            TrafficJamWarning app = new TrafficJamWarning(TjwConfig.defaults());
            apps.add(app);
            return List.of(app);
        });

        List<TrafficJamWarning.Jam> jams = apps.stream().flatMap(a -> a.jams().stream()).toList();

        assertThat(jams).singleElement().satisfies(jam -> {
            assertThat(jam.size()).isEqualTo(5);
            // q4's rear at 373.7 m stays the rearmost; q1's front at 402.3 m the foremost
            assertThat(jam.tail().vehicleId()).isEqualTo("q4");
            assertThat(jam.headingDeg()).isCloseTo(90.0, within(1e-6));
            assertThat(jam.lengthM()).isCloseTo(400 + 2.3 - (376 - 2.3), within(0.01));
        });
    }

    @Test
    void ignoresAQueueOnTheOppositeCarriageway() {
        RoadScript road = road();
        queue(road, -7.0, true, 5);
        road.vehicle("host").at(0).speedKmh(90);
        assertThat(tjw(road, 8.0)).isEmpty();
    }

    @Test
    void ignoresAHostThatIsAlreadyInTheQueue() {
        RoadScript road = road();
        queue(road, 0.0, false, 4);
        road.vehicle("host").at(368).speedKmh(2);
        road.vehicle("crawler").at(300).speedKmh(25); // 6.9 m/s: congested flow, under the 8 m/s host threshold
        assertThat(tjw(road, 5.0)).isEmpty();
    }

    @Test
    void ignoresOnlyTwoStoppedVehicles() {
        RoadScript road = road();
        queue(road, 0.0, false, 2);
        road.vehicle("host").at(100).speedKmh(90);
        assertThat(tjw(road, 8.0)).isEmpty();
    }

    @Test
    void ignoresAQueueBehindTheHost() {
        RoadScript road = road();
        queue(road, 0.0, false, 4);
        road.vehicle("host").at(420).speedKmh(90);
        assertThat(tjw(road, 5.0)).isEmpty();
    }

    @Test
    void ignoresSlowVehiclesTooFarApartToFormAQueue() {
        RoadScript road = road();
        for (int i = 0; i < 4; i++) {
            road.vehicle("s" + i).at(400 - 40 * i).speedKmh(5);
        }
        road.vehicle("host").at(0).speedKmh(90);
        assertThat(tjw(road, 7.0)).isEmpty();
    }

    @Test
    void sameInputGivesIdenticalWarningsWithFourShards() {
        RoadScript road = road();
        queue(road, 0.0, false, 4);
        road.vehicle("host").at(0).speedKmh(90);
        road.vehicle("host2").lateral(3.5).at(60).speedKmh(80).sendPhase(0.05);
        List<VehicleState> messages = road.messages(T0, 7.0);

        List<Warning> two = tjw(messages, PipelineConfig.defaults());
        List<Warning> four = tjw(messages, PipelineConfig.defaults().withShards(4));

        assertThat(two).extracting(Warning::targetId).containsExactlyInAnyOrder("host", "host2");
        assertThat(four).isEqualTo(two);
    }

    @Test
    void rejectsInvalidConfigNamingTheKey() {
        TjwConfig d = TjwConfig.defaults();
        assertThat(d.conclude()).isSameAs(d);
        assertThatThrownBy(() -> d.withMinQueueSize(1).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.tjw.minQueueSize");
        assertThatThrownBy(() -> new TjwConfig(true, 3.0, 3, 25, 30, 2.0, 200, 10, 500, 7, 50, 5_000, 1_000,
                1_000, 4.5, 5_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.tjw.minHostSpeedMps");
        assertThatThrownBy(() -> new TjwConfig(true, 3.0, 3, 25, 30, 8.0, 600, 10, 500, 7, 50, 5_000, 1_000,
                1_000, 4.5, 5_000).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.tjw.minLookAheadM");
        assertThatThrownBy(() -> new TrafficJamWarning(new TjwConfig(true, 3.0, 3, 25, 30, 8.0, 200, 10, 500, 7,
                50, 5_000, 1_000, 1_000, 4.5, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apps.tjw.validityMs");
    }
}
