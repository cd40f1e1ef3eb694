package io.cheluyun.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Changchun grid (scenarios/changchun-grid, SUMO 1.15) read back: geo-reference and MAP from the net, SPaT from
 * the saved signal states with phase ends from the program, vehicles and pedestrians from the FCD sample (first
 * 10 s); expected values are the scenario README's, checked there with {@code proj -I}, or counted in the files.
 */
class SumoReplayTest {

    static final Path SCENARIO = Path.of("..", "scenarios", "changchun-grid");
    private static final long START = 1_763_884_800_000_000L;

    private static SumoScenario scenario;

    @BeforeAll
    static void open() throws Exception {
        scenario = SumoScenario.open(SCENARIO);
    }

    @Test
    void theNetIsGeoReferencedAsTheReadmeSays() {
        SumoNet net = scenario.net();
        MapIntersection b1 = intersection("B1");
        assertThat(b1.referencePoint().latDeg()).isCloseTo(43.840000, within(2e-6));
        assertThat(b1.referencePoint().lonDeg()).isCloseTo(125.200000, within(2e-6));
        assertThat(intersection("A0").referencePoint().lonDeg()).isCloseTo(125.197448, within(2e-6));
        assertThat(intersection("C2").referencePoint().latDeg()).isCloseTo(43.841751, within(2e-6));
        // meridian convergence of UTM 51N at 125.2 E, 43.84 N: (125.2 - 123) * sin(43.84°) = 1.52°
        assertThat(net.convergenceDeg()).isCloseTo(2.2 * Math.sin(Math.toRadians(43.84)), within(0.02));
    }

    @Test
    void everySignalisedJunctionIsAMapIntersectionWithSignalGroupsOfTheLinksSwitchedTogether() {
        assertThat(scenario.net().intersections()).extracting(MapIntersection::name)
                .containsExactly("A0", "A1", "A2", "B0", "B1", "B2", "C0", "C1", "C2");
        MapIntersection b1 = intersection("B1");
        assertThat(b1.id()).isEqualTo(new IntersectionId(SumoNet.REGION, 5));
        assertThat(b1.lanes().stream().filter(Lane::ingress)).hasSize(8);
        assertThat(b1.lanes().stream().filter(l -> !l.ingress())).hasSize(8);
        // A1B1 lane 1 (the outer vehicle lane from the west): right turn = link 15, straight = link 16; B1's program
        // switches its 24 links in 6 groups: links 5, 8, 9, 15, 18, 19 (east-west permissive) are group 3, links
        // 6, 7, 16, 17 (east-west protected) group 4
        assertThat(java.util.stream.IntStream.range(0, 24).map(k -> scenario.net().signalGroup("B1", k)).toArray())
                .containsExactly(1, 2, 2, 1, 1, 3, 4, 4, 3, 3, 1, 2, 2, 1, 1, 3, 4, 4, 3, 3, 5, 6, 5, 6);
        Lane fromWest = b1.lanes().stream().filter(Lane::ingress)
                .filter(l -> Math.abs(l.centreline().getFirst().lonDeg() - scenario.net().toGeo(289.60, 295.20)
                        .lonDeg()) < 1e-7 && Math.abs(l.centreline().getFirst().latDeg()
                        - scenario.net().toGeo(289.60, 295.20).latDeg()) < 1e-7)
                .findFirst().orElseThrow();
        assertThat(fromWest.connections()).extracting(c -> c.signalGroup() + ":" + c.maneuver())
                .containsExactlyInAnyOrder("3:" + Maneuver.RIGHT_TURN, "4:" + Maneuver.STRAIGHT);
        assertThat(fromWest.allowedManeuvers()).containsExactlyInAnyOrder(Maneuver.RIGHT_TURN, Maneuver.STRAIGHT);
    }

    @Test
    void theFirstTenSecondsReplayEveryRecordInTimeOrder() throws Exception {
        Path fcd = SCENARIO.resolve("fcd-sample.xml");
        Path tls = SCENARIO.resolve("tls-sample.xml");
        List<SumoReplay.Step> steps = new ArrayList<>();
        SumoReplay.Counts counts = new SumoReplay(scenario, START, 1.0).run(fcd, tls, 1e9, steps::add);

        String fcdText = Files.readString(fcd);
        assertThat(counts.steps()).isEqualTo(count(fcdText, "<timestep "));
        assertThat(counts.vehicles()).isEqualTo(count(fcdText, "<vehicle "));
        assertThat(counts.objects()).isEqualTo(count(fcdText, "<person "));
        assertThat(counts.spats()).isEqualTo(count(Files.readString(tls), "<tlsState "));
        assertThat(counts.maps()).isEqualTo(9L * 10);
        for (int k = 1; k < steps.size(); k++) {
            assertThat(steps.get(k).timeS()).isGreaterThan(steps.get(k - 1).timeS());
        }

        VehicleState truck = steps.getFirst().records().stream().filter(r -> r instanceof VehicleState v
                && v.vehicleId().equals("truck0")).map(VehicleState.class::cast).findFirst().orElseThrow();
        assertThat(truck.timeMicros()).isEqualTo(START);
        assertThat(truck.position().lonDeg()).isEqualTo(125.197553);
        assertThat(truck.position().latDeg()).isEqualTo(43.841645);
        assertThat(truck.headingDeg()).isCloseTo(180.0 + scenario.net().convergenceDeg(), within(1e-9));
        assertThat(truck.speedMps()).isEqualTo(15.01);
        assertThat(truck.vehicleClass()).isEqualTo(VehicleClass.TRUCK);
        assertThat(truck.lengthM()).isEqualTo(12.0);
        assertThat(steps.stream().flatMap(s -> s.records().stream()).filter(PerceivedObject.class::isInstance))
                .isNotEmpty();
    }

    @Test
    void spatCarriesTheSignalOfEachSignalGroupAndWhenItEndsByTheProgram() throws Exception {
        List<SignalState> at0 = new ArrayList<>();
        new SumoReplay(scenario, START, 1.0).run(SCENARIO.resolve("fcd-sample.xml"),
                SCENARIO.resolve("tls-sample.xml"), 0.0, step -> step.records().stream()
                        .filter(SignalState.class::isInstance).map(SignalState.class::cast).forEach(at0::add));
        SignalState b1 = at0.stream().filter(s -> s.intersection().equals(new IntersectionId(1, 5))).findFirst()
                .orElseThrow();
        assertThat(b1.movements()).extracting(MovementState::signalGroup).containsExactly(1, 2, 3, 4, 5, 6);
        // phase 0 "gGGggrrrrr...": group 2 (link 1) protected green until the yellow at 42 s, group 1 (link 0)
        // permissive green until 42 s, group 3 (link 5) red until E-W green at 45 s
        assertThat(event(b1, 2).phase()).isEqualTo(SignalPhase.PROTECTED_MOVEMENT_ALLOWED);
        assertThat(event(b1, 2).likelyEndMicros()).isEqualTo(START + 42_000_000L);
        assertThat(event(b1, 1).phase()).isEqualTo(SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED);
        assertThat(event(b1, 3).phase()).isEqualTo(SignalPhase.STOP_AND_REMAIN);
        assertThat(event(b1, 3).likelyEndMicros()).isEqualTo(START + 45_000_000L);
    }

    @Test
    void aSignalAwayFromItsProgramHasNoPredictedEnd() {
        SumoNet.TlsProgram program = scenario.net().programs().get("B1");
        assertThat(SumoReplay.phaseEnd(program, 10.0, 0, 1, 'G')).isEqualTo(42_000_000L);
        assertThat(SumoReplay.phaseEnd(program, 100.0, 0, 1, 'G')).isEqualTo(132_000_000L);
        assertThat(SumoReplay.phaseEnd(program, 10.0, 3, 1, 'r')).isEqualTo(MovementEvent.UNKNOWN_TIME);
    }

    private static MovementEvent event(SignalState s, int signalGroup) {
        return s.movements().stream().filter(m -> m.signalGroup() == signalGroup).map(MovementState::events)
                .findFirst().orElseThrow().getFirst();
    }

    private static MapIntersection intersection(String name) {
        return scenario.net().intersections().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static long count(String text, String token) {
        Matcher m = Pattern.compile(Pattern.quote(token)).matcher(text);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
