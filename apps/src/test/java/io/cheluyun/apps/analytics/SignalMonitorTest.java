package io.cheluyun.apps.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.IntersectionScript;
import io.cheluyun.apps.scenario.IntersectionScript.Arm;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.Connection;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.TileGrid;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.OfferResult;
import io.cheluyun.twin.Pipeline;
import io.cheluyun.twin.PipelineConfig;
import io.cheluyun.twin.ShardMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The signal monitor driven through the real twin: a signalised cross in Changchun (two lanes per direction, MAP and
 * SPaT from {@link IntersectionScript}), run through a stepped pipeline of two shards (the default) unless a test
 * says otherwise, so that only shard 0 checking signals is part of every test.
 */
class SignalMonitorTest {

    static final long T0 = 1_790_000_000_000_000L;
    static final IntersectionId ID = new IntersectionId(0, 101);
    static final int N_THROUGH = IntersectionScript.signalGroup(Arm.NORTH, Maneuver.STRAIGHT);
    static final int N_LEFT = IntersectionScript.signalGroup(Arm.NORTH, Maneuver.LEFT_TURN);
    static final int E_THROUGH = IntersectionScript.signalGroup(Arm.EAST, Maneuver.STRAIGHT);
    static final int E_LEFT = IntersectionScript.signalGroup(Arm.EAST, Maneuver.LEFT_TURN);
    static final int S_THROUGH = IntersectionScript.signalGroup(Arm.SOUTH, Maneuver.STRAIGHT);
    static final int S_LEFT = IntersectionScript.signalGroup(Arm.SOUTH, Maneuver.LEFT_TURN);
    static final int W_THROUGH = IntersectionScript.signalGroup(Arm.WEST, Maneuver.STRAIGHT);
    static final int W_LEFT = IntersectionScript.signalGroup(Arm.WEST, Maneuver.LEFT_TURN);

    /** Everything the monitors reported, in order (the pipeline is stepped on the test thread). */
    static final class Recorder implements AnalyticsSink {
        final List<SignalIssue> issues = new ArrayList<>();
        final List<KpiObservation> kpis = new ArrayList<>();

        @Override
        public void safety(SafetyEvent event) {
            throw new AssertionError("the signal monitor reports no safety events: " + event);
        }

        @Override
        public void signal(SignalIssue issue) {
            issues.add(issue);
        }

        @Override
        public void kpi(KpiObservation observation) {
            kpis.add(observation);
        }

        List<SignalIssue> of(SignalIssueKind kind) {
            return issues.stream().filter(i -> i.kind() == kind).toList();
        }

        <T extends KpiObservation> List<T> kpis(Class<T> type) {
            return kpis.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    record Run(Recorder out, List<SignalMonitor> monitors) {
        SignalMonitor checker() {
            return monitors.getFirst();
        }
    }

    static Run run(List<?> inputs, PipelineConfig pipeline, boolean objectOwnership) {
        Recorder out = new Recorder();
        List<SignalMonitor> monitors = new ArrayList<>();
        ShardMap tiles = new ShardMap(new TileGrid(pipeline.tileDeg()), pipeline.shards(), pipeline.haloM());
        Pipeline p = Pipeline.create(pipeline, shard -> {
            SignalMonitor m = new SignalMonitor(SignalMonitorConfig.defaults(), out, shard == 0,
                    objectOwnership ? (lat, lon) -> tiles.ownerOf(lat, lon) == shard : null);
            monitors.add(m);
            return m;
        }, () -> 0L);
        for (Object input : inputs) {
            assertThat(ScenarioRunner.offer(p.ingest(), input)).isEqualTo(OfferResult.ACCEPTED);
            p.drain();
        }
        for (var worker : p.workers()) {
            assertThat(worker.observerErrorCount()).isZero();
        }
        return new Run(out, monitors);
    }

    static Run run(List<?> inputs) {
        return run(inputs, PipelineConfig.defaults(), false);
    }

    static Run run(IntersectionScript x, double durationS) {
        return run(x.timeline(T0, durationS).inputs());
    }

    static IntersectionScript cross(double rateHz) {
        return IntersectionScript.cross(ID, 43.8868, 125.3245, 2, rateHz);
    }

    static IntersectionScript cross() {
        return cross(10.0);
    }

    static double at(SignalIssue issue) {
        return (issue.timeMicros() - T0) / 1e6;
    }

    /**
     * Unrolls a fixed-time cycle for one signal group, merging a phase that runs on into the next cycle into one
     * interval (a controller announces the end of the whole red, not of the cycle).
     */
    static void cycle(IntersectionScript x, int group, double cycleS, double durationS, Object... phaseUntil) {
        SignalPhase current = null;
        double from = 0;
        double c = 0;
        for (; c < durationS; c += cycleS) {
            double start = c;
            for (int i = 0; i < phaseUntil.length; i += 2) {
                SignalPhase phase = (SignalPhase) phaseUntil[i];
                if (phase != current) {
                    if (current != null) {
                        x.phase(group, current, from, start);
                    }
                    current = phase;
                    from = start;
                }
                start = c + (double) phaseUntil[i + 1];
            }
        }
        x.phase(group, current, from, c);
    }

    /**
     * A clean fixed-time plan, 44 s cycle: north–south through and left turns permissive together (a permitted left
     * yields to the opposing through traffic), then east–west through protected, then east–west left turns
     * protected; each green followed by 3 s of yellow and 1 s all-red.
     */
    static IntersectionScript cleanPlan(IntersectionScript x, double durationS) {
        SignalPhase g = SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED;
        SignalPhase y = SignalPhase.PERMISSIVE_CLEARANCE;
        SignalPhase pg = SignalPhase.PROTECTED_MOVEMENT_ALLOWED;
        SignalPhase py = SignalPhase.PROTECTED_CLEARANCE;
        SignalPhase r = SignalPhase.STOP_AND_REMAIN;
        for (int group : new int[] {N_THROUGH, N_LEFT, S_THROUGH, S_LEFT}) {
            cycle(x, group, 44, durationS, g, 12.0, y, 15.0, r, 44.0);
        }
        for (int group : new int[] {E_THROUGH, W_THROUGH}) {
            cycle(x, group, 44, durationS, r, 16.0, pg, 28.0, py, 31.0, r, 44.0);
        }
        for (int group : new int[] {E_LEFT, W_LEFT}) {
            cycle(x, group, 44, durationS, r, 32.0, pg, 40.0, py, 43.0, r, 44.0);
        }
        return x;
    }

    // ---- SPaT rate ----------------------------------------------------------------------------------------------

    @Test
    void spatBroadcastAtFiveHertzIsReportedOnceWithItsRate() {
        Run r = run(cleanPlan(cross(5.0), 12.0), 12.0);

        assertThat(r.out().of(SignalIssueKind.SPAT_RATE)).singleElement().satisfies(i -> {
            assertThat(i.intersection()).isEqualTo(ID);
            assertThat(i.signalGroup()).isEqualTo(-1);
            assertThat(i.vehicleId()).isNull();
            assertThat(at(i)).isBetween(5.0, 6.5);
            assertThat(i.detail()).contains("SPaT at 5.0/s").contains("minimum 8.0/s").endsWith("[count=1]");
        });
        assertThat(r.checker().spatRates()).containsOnlyKeys(ID);
        assertThat(r.checker().spatRates().get(ID)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void spatBroadcastAtTenHertzIsFineAndItsRateIsPublished() {
        Run r = run(cleanPlan(cross(), 12.0), 12.0);

        assertThat(r.out().issues).isEmpty();
        assertThat(r.checker().spatRates().get(ID)).isCloseTo(10.0, within(1e-9));
        assertThat(r.checker().intersections().get(ID)).satisfies(s -> {
            assertThat(s.mapRevision()).isEqualTo(1);
            assertThat(s.lastSpatMicros()).isBetween(T0 + 10_900_000L, T0 + 11_900_000L);
        });
        // only the checking instance publishes
        assertThat(r.monitors().get(1).spatRates()).isEmpty();
    }

    @Test
    void aControllerThatFallsSilentIsReportedWithinTwoSecondsWhileTrafficGoesOn() {
        IntersectionScript x = cleanPlan(cross(), 14.0);
        x.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(100).speedKmh(36);
        List<Object> inputs = new ArrayList<>();
        for (Object input : x.timeline(T0, 14.0).inputs()) {
            if (!(input instanceof SignalState s) || s.timeMicros() < T0 + 6_000_000L) {
                inputs.add(input);
            }
        }
        // one shard: the checking shard's message time must go on (here through the car's messages; in a city
        // through its own vehicles and every other intersection's SPaT) for the silence to be noticed
        Run r = run(inputs, PipelineConfig.defaults().withShards(1), false);

        assertThat(r.out().of(SignalIssueKind.SPAT_RATE)).singleElement().satisfies(i -> {
            assertThat(at(i)).isGreaterThan(6.0).isLessThanOrEqualTo(8.0);
            assertThat(i.detail()).contains("/s over the last 5 s");
        });
        assertThat(r.checker().spatRates().get(ID)).isLessThan(8.0);
    }

    // ---- conflicting greens -------------------------------------------------------------------------------------

    @Test
    void protectedGreensOnTwoCrossingThroughMovementsAreReportedNamingBoth() {
        IntersectionScript x = cross().phase(E_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 10)
                .phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 10);
        Run r = run(x, 8.0);

        assertThat(r.out().of(SignalIssueKind.CONFLICTING_GREEN)).singleElement().satisfies(i -> {
            assertThat(at(i)).isEqualTo(0.0);
            assertThat(i.intersection()).isEqualTo(ID);
            assertThat(i.signalGroup()).isEqualTo(E_THROUGH);
            assertThat(i.detail()).startsWith("signal groups 3 (PROTECTED_MOVEMENT_ALLOWED) and 5 "
                    + "(PROTECTED_MOVEMENT_ALLOWED) green together").contains("their paths cross: lane 11 → 36 and lane 21 → 6")
                    .endsWith("[count=1]");
        });
    }

    @Test
    void repeatsWithinTheIntervalAreCountedAndReportedWithTheNextReport() {
        IntersectionScript x = cross().phase(E_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 30)
                .phase(S_THROUGH, SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED, 0, 30);
        Run r = run(x, 12.5);

        // every SPaT (10 Hz) shows the conflict: one report at 0 s, then the 100 of the next 10 s in one report
        List<SignalIssue> issues = r.out().of(SignalIssueKind.CONFLICTING_GREEN);
        assertThat(issues).hasSize(2);
        assertThat(issues.get(0).detail()).endsWith("[count=1]");
        assertThat(at(issues.get(1))).isBetween(9.9, 11.0);
        assertThat(issues.get(1).detail()).contains("3 (PROTECTED_MOVEMENT_ALLOWED) and 5 "
                + "(PERMISSIVE_MOVEMENT_ALLOWED)");
        int count = Integer.parseInt(issues.get(1).detail().replaceAll(".*\\[count=(\\d+)]$", "$1"));
        assertThat(count).isBetween(99, 101);
    }

    @Test
    void aPermittedLeftTurnAgainstPermissiveOpposingTrafficIsNotAConflictButAgainstAProtectedOneItIs() {
        IntersectionScript permitted = cross().phase(N_LEFT, SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED, 0, 10)
                .phase(S_THROUGH, SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED, 0, 10);
        assertThat(run(permitted, 3.0).out().of(SignalIssueKind.CONFLICTING_GREEN)).isEmpty();

        IntersectionScript promised = cross().phase(N_LEFT, SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED, 0, 10)
                .phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 10);
        assertThat(run(promised, 3.0).out().of(SignalIssueKind.CONFLICTING_GREEN)).singleElement()
                .satisfies(i -> assertThat(i.detail()).startsWith("signal groups 2 (PERMISSIVE_MOVEMENT_ALLOWED) "
                        + "and 5 (PROTECTED_MOVEMENT_ALLOWED)"));
    }

    @Test
    void opposingThroughMovementsAndOpposingLeftTurnsDoNotConflict() {
        IntersectionScript x = cross().phase(N_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 10)
                .phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 10)
                .phase(E_LEFT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 10)
                .phase(W_LEFT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 10);
        // 1 and 5 run parallel; 4 and 8 turn in front of each other; but 4 crosses 5 (and 8 crosses 1)
        List<SignalIssue> issues = run(x, 3.0).out().of(SignalIssueKind.CONFLICTING_GREEN);
        assertThat(issues).extracting(SignalIssue::signalGroup).containsExactlyInAnyOrder(N_THROUGH, E_LEFT);
        assertThat(issues).extracting(SignalIssue::detail).anySatisfy(d -> assertThat(d).startsWith(
                "signal groups 1 (PROTECTED_MOVEMENT_ALLOWED) and 8 ")).anySatisfy(d -> assertThat(d).startsWith(
                "signal groups 4 (PROTECTED_MOVEMENT_ALLOWED) and 5 "));
    }

    // ---- the normal case ----------------------------------------------------------------------------------------

    @Test
    void aCleanPlanWithTrafficUsingItRaisesNothing() {
        IntersectionScript x = cleanPlan(cross(), 60.0);
        x.vehicle("s-through").approach(Arm.SOUTH, 1).toStopLine(60).speedKmh(36);
        x.vehicle("n-left").approach(Arm.NORTH, 0).toStopLine(40).speedKmh(25).turn(Maneuver.LEFT_TURN);
        // queued at the east red; they leave 1 s and 2.5 s into the east–west green (16 s)
        x.vehicle("e-queued").approach(Arm.EAST, 1).toStopLine(3).speedKmh(0).accel(17.0, 2.0).accel(23.0, 0);
        x.vehicle("e-second").approach(Arm.EAST, 1).toStopLine(10.5).speedKmh(0).accel(18.5, 2.0)
                .accel(24.5, 0);
        x.vehicle("w-right").approach(Arm.WEST, 1).toStopLine(150).speedKmh(30).turn(Maneuver.RIGHT_TURN)
                .sendPhase(0.05);
        // brakes at 1 m/s² to stand 3 m before the south line from 23.3 s (red) and leaves 1 s into the next green
        x.vehicle("s-waits-at-red").approach(Arm.SOUTH, 0).toStopLine(200).speedKmh(40).accel(12.18, -1.0)
                .accel(45.0, 2.0).accel(51.0, 0);
        Run r = run(x, 60.0);

        assertThat(r.out().issues).isEmpty();
        assertThat(r.out().kpis(KpiObservation.Crossing.class)).extracting(KpiObservation.Crossing::vehicleId)
                .containsExactlyInAnyOrder("s-through", "n-left", "e-queued", "e-second", "w-right",
                        "s-waits-at-red");
        assertThat(r.out().kpis(KpiObservation.Stop.class)).singleElement()
                .satisfies(stop -> assertThat(stop.vehicleId()).isEqualTo("s-waits-at-red"));
    }

    // ---- transitions and timing --------------------------------------------------------------------------------

    @Test
    void greenStraightToRedAndYellowBackToGreenAreIllegal() {
        IntersectionScript x = cross().phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 3)
                .phase(S_THROUGH, SignalPhase.STOP_AND_REMAIN, 3, 10)
                .phase(E_THROUGH, SignalPhase.PROTECTED_CLEARANCE, 0, 2)
                .phase(E_THROUGH, SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED, 2, 10);
        List<SignalIssue> issues = run(x, 6.0).out().of(SignalIssueKind.ILLEGAL_TRANSITION);

        assertThat(issues).hasSize(2);
        assertThat(issues.get(0)).satisfies(i -> {
            assertThat(at(i)).isEqualTo(2.0);
            assertThat(i.signalGroup()).isEqualTo(E_THROUGH);
            assertThat(i.detail()).startsWith("signal group 3: PROTECTED_CLEARANCE → PERMISSIVE_MOVEMENT_ALLOWED");
        });
        assertThat(issues.get(1)).satisfies(i -> {
            assertThat(at(i)).isEqualTo(3.0);
            assertThat(i.signalGroup()).isEqualTo(S_THROUGH);
            assertThat(i.detail()).startsWith("signal group 5: PROTECTED_MOVEMENT_ALLOWED → STOP_AND_REMAIN "
                    + "without clearance (yellow)");
        });
    }

    @Test
    void greenYellowRedRedAmberGreenAndADarkFlickerAreLegal() {
        IntersectionScript x = cross().phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 3)
                .phase(S_THROUGH, SignalPhase.PROTECTED_CLEARANCE, 3, 6)
                .phase(S_THROUGH, SignalPhase.STOP_AND_REMAIN, 6, 9)
                .phase(S_THROUGH, SignalPhase.PRE_MOVEMENT, 9, 11)
                .phase(S_THROUGH, SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED, 11, 20)
                // red straight to green, and a green that goes dark for half a second
                .phase(E_THROUGH, SignalPhase.STOP_AND_REMAIN, 0, 4)
                .phase(E_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 4, 8)
                .phase(E_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 8.5, 20);
        assertThat(run(x, 14.0).out().of(SignalIssueKind.ILLEGAL_TRANSITION)).isEmpty();
    }

    /** A SPaT of one signal group at scenario time {@code s} with its current phase from {@code event}. */
    static SignalState spat(double s, int group, MovementEvent event) {
        return new SignalState(ID, T0 + Units.secondsToMicros(s), List.of(new MovementState(group, List.of(event))));
    }

    static long time(double s) {
        return Double.isNaN(s) ? MovementEvent.UNKNOWN_TIME : T0 + Units.secondsToMicros(s);
    }

    static MovementEvent event(SignalPhase phase, double startS, double minEndS, double maxEndS, double likelyEndS) {
        return new MovementEvent(phase, time(startS), time(minEndS), time(maxEndS), time(likelyEndS));
    }

    /** SPaT of signal group 5 at 10 Hz for {@code durationS}, its current phase a function of time. */
    static List<Object> spats(double durationS, DoubleFunction<MovementEvent> eventAt) {
        List<Object> out = new ArrayList<>();
        for (int k = 0; k < durationS * 10; k++) {
            double s = k / 10.0;
            out.add(spat(s, S_THROUGH, eventAt.apply(s)));
        }
        return out;
    }

    @Test
    void aLikelyEndJumpingFiveSecondsIsATimingJump() {
        SignalPhase green = SignalPhase.PROTECTED_MOVEMENT_ALLOWED;
        List<SignalIssue> issues = run(spats(8.0, s -> event(green, 0, 10, 40, s < 5 ? 20 : 25))).out()
                .of(SignalIssueKind.TIMING_JUMP);
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(at(i)).isEqualTo(5.0);
            assertThat(i.signalGroup()).isEqualTo(S_THROUGH);
            assertThat(i.detail()).startsWith("signal group 5 (PROTECTED_MOVEMENT_ALLOWED): likely end moved +5.0 s");
        });
    }

    @Test
    void aMinimumEndMovingThreeSecondsEarlierIsATimingJump() {
        SignalPhase red = SignalPhase.STOP_AND_REMAIN;
        assertThat(run(spats(8.0, s -> event(red, 0, s < 4 ? 20 : 17, 40, Double.NaN))).out()
                .of(SignalIssueKind.TIMING_JUMP)).singleElement().satisfies(i -> {
                    assertThat(at(i)).isEqualTo(4.0);
                    assertThat(i.detail()).contains("minimum end moved -3.0 s earlier");
                });
    }

    @Test
    void aCountdownAndAnActuatedExtensionAreNotTimingJumps() {
        SignalPhase green = SignalPhase.PROTECTED_MOVEMENT_ALLOWED;
        // fixed end times counting down; then a green extended by every detection: likely end 3 s after each
        // message, minimum end moving later in 1 s steps
        List<Object> inputs = new ArrayList<>(spats(6.0, s -> event(green, 0, 10, 40, 9)));
        for (int k = 60; k < 120; k++) {
            double s = k / 10.0;
            inputs.add(spat(s, S_THROUGH, event(green, 0, 10 + Math.floor(s - 6), 40, s + 3)));
        }
        Run r = run(inputs);
        assertThat(r.out().of(SignalIssueKind.TIMING_JUMP)).isEmpty();
        assertThat(r.out().issues).isEmpty();
    }

    // ---- SPaT and MAP consistency -------------------------------------------------------------------------------

    @Test
    void aSpatGroupTheMapDoesNotUseAndMapGroupsTheSpatNeverReportsAreInconsistent() {
        IntersectionScript x = cross().phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 10)
                .phase(42, SignalPhase.STOP_AND_REMAIN, 0, 10);
        List<SignalIssue> issues = run(x, 8.0).out().of(SignalIssueKind.SPAT_INCONSISTENT);

        assertThat(issues).filteredOn(i -> i.signalGroup() == 42).singleElement().satisfies(i -> {
            assertThat(at(i)).isEqualTo(0.0);
            assertThat(i.detail()).startsWith("signal group 42 is in the SPaT but no connection of MAP revision 1 "
                    + "uses it");
        });
        List<SignalIssue> missing = issues.stream().filter(i -> i.signalGroup() != 42).toList();
        assertThat(missing).extracting(SignalIssue::signalGroup)
                .containsExactlyInAnyOrder(N_THROUGH, N_LEFT, E_THROUGH, E_LEFT, S_LEFT, W_THROUGH, W_LEFT);
        assertThat(missing).allSatisfy(i -> {
            assertThat(at(i)).isEqualTo(5.0);
            assertThat(i.detail()).contains("of MAP revision 1 has not been in the SPaT for 5.0 s");
        });
    }

    @Test
    void unavailablePhasesAndImpossibleEndTimesAreInconsistentAndSmallLagsAreNot() {
        List<Object> inputs = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            double s = k / 10.0;
            inputs.add(new SignalState(ID, time(s), List.of(
                    new MovementState(S_THROUGH, List.of(event(SignalPhase.UNAVAILABLE, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN))),
                    new MovementState(N_THROUGH, List.of(event(SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 30, 25,
                            28))),
                    new MovementState(E_THROUGH, List.of(event(SignalPhase.STOP_AND_REMAIN, -20, s - 3, 60,
                            Double.NaN))),
                    // ends half a second before the message: a controller a little behind, within tolerance
                    new MovementState(W_THROUGH, List.of(event(SignalPhase.STOP_AND_REMAIN, -20, s - 0.5, s - 0.5,
                            s - 0.5))))));
        }
        List<SignalIssue> issues = run(inputs).out().of(SignalIssueKind.SPAT_INCONSISTENT);
        assertThat(issues).extracting(SignalIssue::signalGroup)
                .containsExactlyInAnyOrder(S_THROUGH, N_THROUGH, E_THROUGH);
        assertThat(issues).extracting(SignalIssue::detail).containsExactlyInAnyOrder(
                "signal group 5 reports phase UNAVAILABLE [count=1]",
                "signal group 1 (PROTECTED_MOVEMENT_ALLOWED): minimum end 5.0 s after the maximum end [count=1]",
                "signal group 3 (STOP_AND_REMAIN): end time 3.0 s before the message time [count=1]");
    }

    /** The scripted MAP with lane {@code laneId}'s straight connection pointing at {@code toLane}. */
    static MapIntersection withConnection(MapIntersection map, int laneId, int toLane, int revision) {
        List<Lane> lanes = new ArrayList<>();
        for (Lane lane : map.lanes()) {
            if (lane.laneId() != laneId) {
                lanes.add(lane);
                continue;
            }
            List<Connection> connections = new ArrayList<>();
            for (Connection c : lane.connections()) {
                connections.add(c.maneuver() == Maneuver.STRAIGHT
                        ? new Connection(toLane, null, c.signalGroup(), c.maneuver()) : c);
            }
            lanes.add(new Lane(lane.laneId(), lane.type(), lane.ingress(), lane.centreline(), lane.widthM(),
                    lane.allowedManeuvers(), connections));
        }
        return new MapIntersection(map.id(), map.name(), revision, map.referencePoint(), lanes);
    }

    @Test
    void aNewMapRevisionConnectingToAMissingLaneIsReportedOnceWhenItArrives() {
        IntersectionScript x = cleanPlan(cross(), 8.0);
        int lane = IntersectionScript.laneId(Arm.SOUTH, true, 1);
        MapIntersection broken = withConnection(x.map(), lane, 99, 2);
        List<Object> inputs = new ArrayList<>();
        for (Object input : x.timeline(T0, 8.0).inputs()) {
            inputs.add(input);
            if (input instanceof SignalState s && s.timeMicros() == T0 + 3_000_000L) {
                inputs.add(broken); // the MAP is rebroadcast (every second in practice): revision 2 from 3 s on
            }
        }
        for (int k = 0; k < 5; k++) {
            inputs.add(inputs.indexOf(broken) + 10 * (k + 1), broken);
        }
        Run r = run(inputs);

        assertThat(r.out().of(SignalIssueKind.MAP_INCONSISTENT)).singleElement().satisfies(i -> {
            assertThat(at(i)).isEqualTo(3.1);
            assertThat(i.signalGroup()).isEqualTo(-1);
            assertThat(i.detail()).isEqualTo("MAP revision 2: lane " + lane + " connects to lane 99, which the MAP "
                    + "does not have [count=1]");
        });
        assertThat(r.checker().intersections().get(ID).mapRevision()).isEqualTo(2);
    }

    @Test
    void ingressLanesWithoutConnectionsAndConnectionsWithoutSignalGroupsAreReported() {
        IntersectionScript x = cleanPlan(cross(), 3.0);
        MapIntersection map = x.map();
        List<Lane> lanes = new ArrayList<>();
        for (Lane lane : map.lanes()) {
            if (lane.laneId() == 1) { // north arm, innermost ingress lane: no connections
                lanes.add(new Lane(1, lane.type(), true, lane.centreline(), lane.widthM(), lane.allowedManeuvers(),
                        List.of()));
            } else if (lane.laneId() == 12) { // east arm, outer ingress lane: right turn without a signal group
                List<Connection> connections = new ArrayList<>();
                for (Connection c : lane.connections()) {
                    connections.add(c.maneuver() == Maneuver.RIGHT_TURN
                            ? new Connection(c.connectingLaneId(), null, -1, c.maneuver()) : c);
                }
                lanes.add(new Lane(12, lane.type(), true, lane.centreline(), lane.widthM(),
                        lane.allowedManeuvers(), connections));
            } else {
                lanes.add(lane);
            }
        }
        MapIntersection broken = new MapIntersection(ID, map.name(), 1, map.referencePoint(), lanes);
        List<Object> inputs = new ArrayList<>();
        for (Object input : x.timeline(T0, 3.0).inputs()) {
            inputs.add(input instanceof MapIntersection ? broken : input);
        }
        assertThat(run(inputs).out().of(SignalIssueKind.MAP_INCONSISTENT)).singleElement().satisfies(i ->
                assertThat(i.detail()).isEqualTo("MAP revision 1: ingress lane 1 has no connections; connection "
                        + "lane 12 → 7 has no signal group [count=1]"));
    }

    // ---- vehicles ------------------------------------------------------------------------------------------------

    @Test
    void aVehicleStandingAtTheLineOnGreenWithTheLaneAheadFreeIsReportedOnce() {
        IntersectionScript x = cross().phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 30);
        IntersectionScript.Vehicle stalled = x.vehicle("stalled").approach(Arm.SOUTH, 1).toStopLine(40)
                .speedKmh(36).stopAtStopLine(0, 4);
        double stoppedS = 0;
        while (stalled.speedAt(stoppedS) >= 0.5) {
            stoppedS = Math.round((stoppedS + 0.1) * 10) / 10.0;
        }
        double standsFromS = stoppedS;
        Run r = run(x, 20.0);

        assertThat(r.out().of(SignalIssueKind.STOP_ON_GREEN)).singleElement().satisfies(i -> {
            assertThat(i.vehicleId()).isEqualTo("stalled");
            assertThat(i.signalGroup()).isEqualTo(S_THROUGH);
            assertThat(i.intersection()).isEqualTo(ID);
            assertThat(at(i)).isCloseTo(standsFromS + 3.0, within(1e-6));
            assertThat(i.detail()).startsWith("vehicle stalled stood 4.")
                    .contains("lane 22 on green of signal group 5");
        });
    }

    @Test
    void theSecondCarOfAQueueDischargingAtGreenOnsetIsNotStoppedOnGreen() {
        // red until 10 s; the first car leaves 1 s into green, the second 3.5 s into green, 2.5 s after the first
        IntersectionScript x = cross().phase(S_THROUGH, SignalPhase.STOP_AND_REMAIN, 0, 10)
                .phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 10, 40);
        x.vehicle("first").approach(Arm.SOUTH, 1).toStopLine(3).speedKmh(0).accel(11.0, 2.0);
        x.vehicle("second").approach(Arm.SOUTH, 1).toStopLine(10.5).speedKmh(0).accel(13.5, 2.0);
        Run r = run(x, 20.0);

        assertThat(r.out().of(SignalIssueKind.STOP_ON_GREEN)).isEmpty();
        assertThat(r.out().kpis(KpiObservation.Crossing.class)).extracting(KpiObservation.Crossing::vehicleId)
                .containsExactly("first", "second");
    }

    @Test
    void aVehicleWaitingBehindAStoppedVehicleIsNotStoppedOnGreen() {
        // the first car stands blocked just past the line (beyond the check), the second waits 6.5 m behind it
        IntersectionScript x = cross().phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 30);
        x.vehicle("blocked").approach(Arm.SOUTH, 1).toStopLine(-1).speedKmh(0);
        x.vehicle("waiting").approach(Arm.SOUTH, 1).toStopLine(5.5).speedKmh(0);
        assertThat(run(x, 10.0).out().of(SignalIssueKind.STOP_ON_GREEN)).isEmpty();

        // without the first car, the second one is reported
        IntersectionScript alone = cross().phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 30);
        alone.vehicle("waiting").approach(Arm.SOUTH, 1).toStopLine(5.5).speedKmh(0);
        assertThat(run(alone, 10.0).out().of(SignalIssueKind.STOP_ON_GREEN)).singleElement()
                .satisfies(i -> assertThat(at(i)).isEqualTo(3.0));
    }

    /** A wrong-way driver heading south on the south arm's northbound (ingress) lane 21, 10 m/s. */
    static List<VehicleState> ghost(IntersectionScript x, double fromNorthM, double durationS) {
        List<VehicleState> states = new ArrayList<>();
        double east = IntersectionScript.LANE_WIDTH_M / 2;
        for (int k = 0; k < durationS * 10; k++) {
            GeoPoint p = x.at(east, fromNorthM - k);
            states.add(VehicleState.of("ghost", time(k / 10.0), p.latDeg(), p.lonDeg(), 180.0, 10.0));
        }
        return states;
    }

    @Test
    void aWrongWayDriverIsReportedOnceAfterOneSecond() {
        IntersectionScript x = cleanPlan(cross(), 8.0);
        x.vehicle("right-way").approach(Arm.SOUTH, 0).toStopLine(150).speedKmh(36);
        Run r = run(x.timeline(T0, 8.0).add(ghost(x, -30, 8.0)).inputs());

        assertThat(r.out().of(SignalIssueKind.LANE_DIRECTION)).singleElement().satisfies(i -> {
            assertThat(i.vehicleId()).isEqualTo("ghost");
            assertThat(i.intersection()).isEqualTo(ID);
            assertThat(at(i)).isEqualTo(1.0);
            assertThat(i.detail()).startsWith("vehicle ghost drove against ingress lane 21 for 1.0 s: heading 180°");
        });
        assertThat(r.out().issues).hasSize(1);
    }

    @Test
    void aDriverOnTheEgressLaneInItsOwnDirectionIsNotWrongWay() {
        IntersectionScript x = cleanPlan(cross(), 6.0);
        // southbound on the south arm's southbound (egress) lane 26: its own direction
        List<VehicleState> states = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            GeoPoint p = x.at(-IntersectionScript.LANE_WIDTH_M / 2, -30.0 - k);
            states.add(VehicleState.of("leaving", time(k / 10.0), p.latDeg(), p.lonDeg(), 180.0, 10.0));
        }
        assertThat(run(x.timeline(T0, 6.0).add(states).inputs()).out().issues).isEmpty();
    }

    // ---- KPI observations ---------------------------------------------------------------------------------------

    /** Green south, red east: one car crosses from the south, two stop in a queue on the east arm. */
    static IntersectionScript traffic() {
        IntersectionScript x = cross().phase(S_THROUGH, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 30)
                .phase(E_THROUGH, SignalPhase.STOP_AND_REMAIN, 0, 30);
        x.vehicle("s1").approach(Arm.SOUTH, 1).toStopLine(50).speedKmh(36);
        x.vehicle("e1").approach(Arm.EAST, 1).toStopLine(60).speedKmh(36).stopAtStopLine(0, 3);
        x.vehicle("e2").approach(Arm.EAST, 1).toStopLine(80).speedKmh(36).stopAtStopLine(0, 10.5);
        x.walker("camera-car", "rsu-1", ObjectClass.VEHICLE).path(-60, 60, -60, 60);
        x.walker("camera-pedestrian", "rsu-1", ObjectClass.PEDESTRIAN).path(-20, -20, -20, -20);
        return x;
    }

    @Test
    void crossingsStopsAndQueuesAreObservedForTheirApproach() {
        Run r = run(traffic(), 20.0);

        assertThat(r.out().kpis(KpiObservation.Crossing.class)).singleElement().satisfies(c -> {
            assertThat(c.vehicleId()).isEqualTo("s1");
            assertThat(c.intersection()).isEqualTo(ID);
            assertThat(c.approach()).isEqualTo("S");
            assertThat(c.speedMps()).isCloseTo(10.0, within(1e-6));
            assertThat(c.timeMicros()).isBetween(T0 + 5_000_000L, T0 + 5_100_000L);
        });
        assertThat(r.out().kpis(KpiObservation.Stop.class)).extracting(KpiObservation.Stop::vehicleId,
                KpiObservation.Stop::approach).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("e1", "E"), org.assertj.core.groups.Tuple.tuple("e2", "E"));

        List<KpiObservation.Queue> queues = r.out().kpis(KpiObservation.Queue.class);
        assertThat(queues).allSatisfy(q -> {
            assertThat(q.intersection()).isEqualTo(ID);
            assertThat(q.timeMicros() % 1_000_000L).isZero();
        });
        assertThat(queues).extracting(KpiObservation.Queue::approach).containsOnly("S", "E");
        // the south approach had a car but no queue; the east queue reaches back to the second car, 10.5 m
        assertThat(queues).filteredOn(q -> q.approach().equals("S")).isNotEmpty()
                .allSatisfy(q -> assertThat(q.lengthM()).isZero());
        assertThat(queues.stream().filter(q -> q.approach().equals("E")).toList().getLast().lengthM())
                .isCloseTo(10.5, within(0.05));
        // one queue observation per approach and period
        assertThat(queues.stream().map(q -> q.approach() + "@" + q.timeMicros()).distinct().count())
                .isEqualTo(queues.size());
    }

    @Test
    void presenceCountsConnectedVehiclesAndPerceivedMotorVehiclesNearTheIntersection() {
        List<KpiObservation.Presence> presence = run(traffic(), 6.0).out().kpis(KpiObservation.Presence.class);
        // at 2 s all three cars are within 150 m of the centre; the camera sees one car and one pedestrian
        assertThat(presence).filteredOn(p -> p.timeMicros() == T0 + 2_000_000L).singleElement().satisfies(p -> {
            assertThat(p.intersection()).isEqualTo(ID);
            assertThat(p.connected()).isEqualTo(3);
            assertThat(p.perceived()).isEqualTo(1);
        });
    }

    @Test
    void everyShardReportsOnlyWhatItOwnsSoTheTotalsDoNotDependOnTheTiles() {
        IntersectionScript x = cleanPlan(cross(), 40.0);
        x.vehicle("s1").approach(Arm.SOUTH, 1).toStopLine(120).speedKmh(40);
        x.vehicle("s2").approach(Arm.SOUTH, 0).toStopLine(140).speedKmh(36).turn(Maneuver.LEFT_TURN);
        x.vehicle("n1").approach(Arm.NORTH, 1).toStopLine(200).speedKmh(45).stopAtStopLine(10, 2).sendPhase(0.03);
        x.vehicle("e1").approach(Arm.EAST, 1).toStopLine(160).speedKmh(40).sendPhase(0.07);
        x.vehicle("w1").approach(Arm.WEST, 1).toStopLine(90).speedKmh(30).turn(Maneuver.RIGHT_TURN);
        // a truck only a camera sees drives along the south side, away from the connected vehicles, across tiles
        x.walker("camera-truck", "rsu-1", ObjectClass.TRUCK).path(60, -60, -60, -60).startS(15).speedMps(5);
        List<Object> inputs = x.timeline(T0, 40.0).inputs();

        Run one = run(inputs, PipelineConfig.defaults().withShards(1), true);
        // tiles of about 110 m × 80 m over four shards: every vehicle changes owner several times
        Run four = run(inputs, PipelineConfig.defaults().withShards(4).withTileDeg(0.001), true);

        assertThat(four.out().kpis(KpiObservation.Crossing.class))
                .containsExactlyInAnyOrderElementsOf(one.out().kpis(KpiObservation.Crossing.class))
                .extracting(KpiObservation.Crossing::vehicleId).containsExactlyInAnyOrder("s1", "s2", "e1", "w1");
        assertThat(four.out().kpis(KpiObservation.Stop.class))
                .containsExactlyInAnyOrderElementsOf(one.out().kpis(KpiObservation.Stop.class)).hasSize(1);
        assertThat(presenceByTick(four.out())).isEqualTo(presenceByTick(one.out()));
        assertThat(presenceByTick(one.out())).hasSizeGreaterThan(30)
                .allSatisfy((t, counts) -> assertThat(counts.get(1)).isEqualTo(1));
        assertThat(queueByTick(four.out())).isEqualTo(queueByTick(one.out()));
        assertThat(four.out().issues).isEqualTo(one.out().issues).isEmpty();
    }

    /** Connected and perceived per tick, summed over shards (what the aggregator does). */
    static Map<Long, List<Integer>> presenceByTick(Recorder out) {
        Map<Long, int[]> sums = new TreeMap<>();
        for (KpiObservation.Presence p : out.kpis(KpiObservation.Presence.class)) {
            int[] s = sums.computeIfAbsent(p.timeMicros(), t -> new int[2]);
            s[0] += p.connected();
            s[1] += p.perceived();
        }
        Map<Long, List<Integer>> result = new TreeMap<>();
        sums.forEach((t, s) -> result.put(t, List.of(s[0], s[1])));
        return result;
    }

    /** Queue length per approach and tick, the maximum over shards (what the aggregator does). */
    static Map<String, Double> queueByTick(Recorder out) {
        Map<String, Double> max = new HashMap<>();
        for (KpiObservation.Queue q : out.kpis(KpiObservation.Queue.class)) {
            max.merge(q.approach() + "@" + q.timeMicros(), q.lengthM(), Math::max);
        }
        return max;
    }

    // ---- configuration --------------------------------------------------------------------------------------------

    @Test
    void configurationIsValidatedByKey() {
        assertThat(SignalMonitorConfig.defaults().conclude()).isEqualTo(SignalMonitorConfig.defaults());
        SignalMonitorConfig d = SignalMonitorConfig.defaults();
        SignalMonitorConfig badRate = new SignalMonitorConfig(d.issueIntervalMs(), d.spatWindowMs(), -1,
                d.timeToleranceMs(), d.missingGroupWindowMs(), d.intersectionTimeoutMs(), d.maxTransitionGapMs(),
                d.timingJumpToleranceMs(), d.stopSpeedMps(), d.movingSpeedMps(), d.stopOnGreenDistanceM(),
                d.stopOnGreenMinMs(), d.queueAheadM(), d.wrongWayHeadingDeg(), d.wrongWayMinSpeedMps(),
                d.wrongWayMinMs(), d.approachRangeM(), d.kpiPeriodMs(), d.vehicleTimeoutMs());
        assertThatThrownBy(() -> new SignalMonitor(badRate, AnalyticsSink.NONE, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("analytics.signals.minSpatRateHz");
        assertThatThrownBy(() -> d.withIssueIntervalMs(-1).conclude())
                .hasMessageContaining("analytics.signals.issueIntervalMs");
    }
}
