package io.cheluyun.apps.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.apps.scenario.IntersectionScript.Arm;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.LaneMatch;
import io.cheluyun.twin.Pipeline;
import io.cheluyun.twin.PipelineConfig;
import io.cheluyun.twin.ShardObserver;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intersection script and, through it, the twin's lane matching and signal table on a real MAP. */
class IntersectionScriptTest {

    static final long T0 = 1_790_000_000_000_000L;
    static final IntersectionId ID = new IntersectionId(0, 101);

    record Seen(VehicleState state, LaneMatch lane) {
    }

    /** Runs the timeline through a stepped pipeline and records each update with its lane match. */
    static List<Seen> run(Timeline timeline, List<SignalState> signalsOut) {
        List<Seen> seen = new ArrayList<>();
        Pipeline p = Pipeline.create(PipelineConfig.defaults().withShards(1), i -> new ShardObserver() {
            @Override
            public void onVehicle(VehicleState state, long ingestNanos, TwinView twin) {
                seen.add(new Seen(state, twin.laneMatch(state.vehicleId())));
            }

            @Override
            public void onSignal(SignalState state, long ingestNanos, TwinView twin) {
                signalsOut.add(twin.signal(state.intersection()));
            }
        }, () -> 0L);
        for (Object input : timeline.inputs()) {
            assertThat(ScenarioRunner.offer(p.ingest(), input)).isEqualTo(io.cheluyun.twin.OfferResult.ACCEPTED);
            p.drain();
        }
        return seen;
    }

    static IntersectionScript cross() {
        return IntersectionScript.cross(ID, 43.8868, 125.3245, 2, 10.0);
    }

    @Test
    void matchesTheApproachLaneWithTheDistanceToTheStopLineThenTheExitLane() {
        IntersectionScript x = cross();
        IntersectionScript.Vehicle v = x.vehicle("car").approach(Arm.SOUTH, 1).toStopLine(80).speedKmh(36);
        List<Seen> seen = run(x.timeline(T0, 14.0), new ArrayList<>());

        Seen early = seen.get(10); // 1 s: 70 m before the stop line
        assertThat(early.lane().laneId()).isEqualTo(IntersectionScript.laneId(Arm.SOUTH, true, 1));
        assertThat(early.lane().ingress()).isTrue();
        assertThat(early.lane().distanceToStopLineM()).isCloseTo(v.toStopLineAt(1.0), org.assertj.core.data.Offset.offset(0.05));
        assertThat(early.lane().lateralOffsetM()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(early.lane().headingErrorDeg()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.5));

        Seen late = seen.get(130); // 13 s: 50 m beyond the far stop line, northbound
        assertThat(late.lane().laneId()).isEqualTo(IntersectionScript.laneId(Arm.NORTH, false, 1));
        assertThat(late.lane().ingress()).isFalse();
        assertThat(late.lane().distanceToStopLineM()).isNaN();
    }

    @Test
    void aLeftTurnerEndsOnTheWestExitAndIsNeverMatchedToAnOpposingLane() {
        IntersectionScript x = cross();
        x.vehicle("left").approach(Arm.SOUTH, 0).toStopLine(30).speedKmh(25).turn(Maneuver.LEFT_TURN);
        List<Seen> seen = run(x.timeline(T0, 12.0), new ArrayList<>());
        assertThat(seen.getLast().lane().laneId()).isEqualTo(IntersectionScript.laneId(Arm.WEST, false, 0));
        // the southbound ingress lanes of the north arm and the westbound exit on the south side run against it
        assertThat(seen).allSatisfy(s -> {
            if (s.lane() != null) {
                assertThat(Math.abs(s.lane().headingErrorDeg())).isLessThanOrEqualTo(45.0);
            }
        });
    }

    @Test
    void gnssNoiseAcrossTheLaneLineDoesNotFlipTheLaneWhereNearestLineMatchingWould() {
        IntersectionScript x = cross();
        x.vehicle("noisy").approach(Arm.SOUTH, 0).toStopLine(250).speedKmh(40).lateralNoise(1.0, 42);
        List<Seen> seen = run(x.timeline(T0, 20.0), new ArrayList<>());
        int inner = IntersectionScript.laneId(Arm.SOUTH, true, 0);
        int approachUpdates = 0;
        int wrong = 0;
        int nearestLineWouldBeWrong = 0;
        for (Seen s : seen) {
            if (s.lane() == null || !s.lane().ingress() || s.lane().distanceToStopLineM() < 0) {
                continue;
            }
            approachUpdates++;
            if (s.lane().laneId() != inner) {
                wrong++;
            }
            // relative to the held inner lane, nearest-line matching picks the neighbour beyond half a lane
            double fromInnerCentre = s.lane().laneId() == inner ? s.lane().lateralOffsetM()
                    : s.lane().lateralOffsetM() + IntersectionScript.LANE_WIDTH_M;
            if (fromInnerCentre > IntersectionScript.LANE_WIDTH_M / 2) {
                nearestLineWouldBeWrong++;
            }
        }
        assertThat(approachUpdates).isGreaterThan(150);
        assertThat(nearestLineWouldBeWrong).isGreaterThan(5); // the noise does cross the lane line
        assertThat(wrong).isLessThan(nearestLineWouldBeWrong / 3);
    }

    @Test
    void signalStatesCarryTheCurrentPhaseAndTheNextWithAbsoluteTimes() {
        IntersectionScript x = cross();
        int group = IntersectionScript.signalGroup(Arm.SOUTH, Maneuver.STRAIGHT);
        x.phase(group, SignalPhase.STOP_AND_REMAIN, 0, 10).phase(group, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 10, 40)
                .phase(group, SignalPhase.PROTECTED_CLEARANCE, 40, 43);
        List<SignalState> signals = new ArrayList<>();
        run(x.timeline(T0, 12.0), signals);
        SignalState at5 = signals.get(50);
        assertThat(at5.timeMicros()).isEqualTo(T0 + 5_000_000);
        var movement = at5.movement(group);
        assertThat(movement.current().phase()).isEqualTo(SignalPhase.STOP_AND_REMAIN);
        assertThat(movement.current().likelyEndMicros()).isEqualTo(T0 + 10_000_000);
        assertThat(movement.events().get(1).phase()).isEqualTo(SignalPhase.PROTECTED_MOVEMENT_ALLOWED);
        assertThat(signals.get(110).movement(group).current().phase().isGreen()).isTrue();
    }
}
