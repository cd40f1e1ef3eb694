package io.cheluyun.codec.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.asn1.runtime.Absent;
import io.cheluyun.codec.Family;
import io.cheluyun.codec.csae2017.LightState;
import io.cheluyun.codec.csae2017.MessageFrame;
import io.cheluyun.codec.csae2017.TimeChangeDetails;
import io.cheluyun.codec.csae2017.TimeCountingDown;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPAT of both families to absolute epoch times: CSAE 53 counts down in 0.1 s from the intersection's moment,
 * J2735 gives tenths of a second within the hour.
 */
class SignalStatesTest {

    static long micros(String iso) {
        return Instant.parse(iso).toEpochMilli() * 1_000;
    }

    static final long U = MovementEvent.UNKNOWN_TIME;
    static final IntersectionId NODE = new IntersectionId(1, 9);

    /**
     * The crossroads of {@code MapIntersectionsTest.crossroads} at {@code t} in a fixed-time plan: north-south
     * straight (groups 2, 6) green for another 25 s (at least 20, at most 40), then 3 s of amber and red; north-south
     * left (1, 5) red until the straight phase is over, then a protected green; east-west (3, 4, 7, 8) red for
     * 58 s, then green. Every time is a whole tenth after {@code t}.
     */
    static SignalState crossroadsPlan(long t) {
        long s = 1_000_000L;
        List<MovementState> movements = new ArrayList<>();
        for (int sg : new int[] {2, 6}) {
            movements.add(new MovementState(sg, List.of(
                    new MovementEvent(SignalPhase.PROTECTED_MOVEMENT_ALLOWED, t, t + 20 * s, t + 40 * s, t + 25 * s),
                    new MovementEvent(SignalPhase.PERMISSIVE_CLEARANCE, t + 25 * s, t + 28 * s, t + 28 * s, t + 28 * s),
                    new MovementEvent(SignalPhase.STOP_AND_REMAIN, t + 28 * s, U, U, t + 88 * s))));
        }
        for (int sg : new int[] {1, 5}) {
            movements.add(new MovementState(sg, List.of(
                    new MovementEvent(SignalPhase.STOP_AND_REMAIN, t, U, U, t + 28 * s),
                    new MovementEvent(SignalPhase.PROTECTED_MOVEMENT_ALLOWED, t + 28 * s, U, U, t + 43 * s))));
        }
        for (int sg : new int[] {3, 4, 7, 8}) {
            movements.add(new MovementState(sg, List.of(
                    new MovementEvent(SignalPhase.STOP_AND_REMAIN, t, t + 58 * s, U, t + 58_300_000L),
                    new MovementEvent(SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED, t + 58_300_000L, U, U, U))));
        }
        return new SignalState(NODE, t, movements);
    }

    static io.cheluyun.codec.csae2017.SPAT csaeWire(List<SignalState> states, int msgCnt, long now) throws Exception {
        byte[] uper = Family.CSAE53_2017.encode(new MessageFrame.SpatFrame(SignalStates.toCsae2017(states, msgCnt,
                now)));
        return ((MessageFrame.SpatFrame) Family.CSAE53_2017.decode(uper)).value();
    }

    static io.cheluyun.codec.j2735v2016.SPAT j2735Wire(List<SignalState> states, int msgCnt, long now)
            throws Exception {
        var frame = (io.cheluyun.codec.j2735v2016.MessageFrame) Family.J2735_2016.decode(
                Family.J2735_2016.encode(SignalStates.toJ2735(states, msgCnt, now)));
        assertThat(frame.messageId()).isEqualTo(19);
        return (io.cheluyun.codec.j2735v2016.SPAT) frame.value();
    }

    @Test
    void csaeCountdownsBecomeAbsoluteTimesFromTheIntersectionMoment() throws Exception {
        var spat = ((MessageFrame.SpatFrame) MessageFrame.decode(
                new BitReader(VehicleStatesTest.vector("csae53-2017/rsu-spat.uper")))).value();
        // moy 458335 = 318 days 6 h 55 min into 2026 (Nov 15, 06:55 UTC); timeStamp 5238 ms
        List<SignalState> states = SignalStates.fromCsae2017(spat, micros("2026-11-15T06:55:10Z"));
        assertThat(states).hasSize(1);
        SignalState s = states.getFirst();
        assertThat(s.intersection().regionId()).isEqualTo(255);
        assertThat(s.intersection().id()).isEqualTo(9);
        long base = micros("2026-11-15T06:55:05.238Z");
        assertThat(s.timeMicros()).isEqualTo(base);
        var phase33 = s.movement(33);
        assertThat(phase33.current().phase()).isEqualTo(SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED);
        assertThat(phase33.current().startMicros()).isEqualTo(base);
        assertThat(phase33.current().likelyEndMicros()).isEqualTo(base + 3_000_000L); // likelyEndTime 30 = 3.0 s
        assertThat(phase33.current().minEndMicros()).isEqualTo(MovementEvent.UNKNOWN_TIME);
        assertThat(phase33.events()).extracting(MovementEvent::phase).containsExactly(
                SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED, SignalPhase.PERMISSIVE_CLEARANCE, SignalPhase.STOP_AND_REMAIN);
    }

    @Test
    void j2735TenthsOfTheHourResolveToTheNearestHour() throws Exception {
        var f = io.cheluyun.codec.j2735v2016.MessageFrame.decode(
                new BitReader(VehicleStatesTest.vector("j2735/jpoode-spat.uper")));
        // timeStamp 35176 ms, no moy: the minute comes from receipt (10:36:40 UTC)
        List<SignalState> states = SignalStates.fromJ2735((io.cheluyun.codec.j2735v2016.SPAT) f.value(),
                micros("2026-11-23T10:36:40Z"));
        SignalState s = states.getFirst();
        assertThat(s.intersection().id()).isEqualTo(12111);
        assertThat(s.timeMicros()).isEqualTo(micros("2026-11-23T10:36:35.176Z"));
        MovementEvent green = s.movement(2).current();
        assertThat(green.phase()).isEqualTo(SignalPhase.PROTECTED_MOVEMENT_ALLOWED);
        // minEndTime 22120 tenths = 36 min 52.0 s into the hour
        assertThat(green.minEndMicros()).isEqualTo(micros("2026-11-23T10:36:52Z"));
        assertThat(green.maxEndMicros()).isEqualTo(micros("2026-11-23T10:36:52.100Z"));
        assertThat(s.movement(4).current().phase()).isEqualTo(SignalPhase.STOP_AND_REMAIN);
    }

    @Test
    void anEtsiSpatemReadsLikeTheJ2735SpatItCarries() throws Exception {
        var f = io.cheluyun.codec.j2735v2016.MessageFrame.decode(
                new BitReader(VehicleStatesTest.vector("j2735/jpoode-spat.uper")));
        var spat = (io.cheluyun.codec.j2735v2016.SPAT) f.value();
        var w = new io.cheluyun.asn1.per.BitWriter();
        io.cheluyun.codec.j2735v2016.SPAT.encode(w, spat);
        var isoSpat = io.cheluyun.codec.etsi.SPAT.decode(new BitReader(w.toByteArray()));
        var spatem = new io.cheluyun.codec.etsi.SPATEM(new io.cheluyun.codec.etsi.ItsPduHeader(2, 4, 9L), isoSpat);
        long received = micros("2026-11-23T10:36:40Z");
        assertThat(SignalStates.fromSpatem(spatem, received)).isEqualTo(SignalStates.fromJ2735(spat, received));
    }

    @Test
    void timeMarksNearTheHourBoundaryGoToTheNeighbouringHour() {
        long base = micros("2026-11-23T10:59:50Z");
        assertThat(SignalStates.hourMark(100, base)).isEqualTo(micros("2026-11-23T11:00:10Z"));
        assertThat(SignalStates.hourMark(35_990, micros("2026-11-23T11:00:05Z")))
                .isEqualTo(micros("2026-11-23T10:59:59Z"));
        assertThat(SignalStates.hourMark(36_001, base)).isEqualTo(MovementEvent.UNKNOWN_TIME);
    }

    @Test
    void csaeSpatCarriesACrossroadsPlanThroughUperAndBack() throws Exception {
        long t = micros("2026-11-23T08:00:12.300Z");
        SignalState plan = crossroadsPlan(t);
        long now = t + 50_000;
        var wire = csaeWire(List.of(plan), 130, now);

        assertThat(SignalStates.fromCsae2017(wire, now + 20_000)).containsExactly(plan);
        assertThat(wire.msgCnt()).isEqualTo(2);
        assertThat(wire.moy()).isEqualTo(469_920); // 326 days and 8 hours into 2026
        assertThat(wire.timeStamp()).isEqualTo(12_350);
        var is = wire.intersections().getFirst();
        assertThat(is.moy()).isEqualTo(469_920);
        assertThat(is.timeStamp()).isEqualTo(12_300);
        assertThat(is.status()).isEqualTo(1L << 5); // fixedTimeOperation
        assertThat(is.phases()).extracting(io.cheluyun.codec.csae2017.Phase::id).containsExactly(2, 6, 1, 5, 3, 4, 7, 8);
        var green = is.phases().getFirst().phaseStates().getFirst();
        assertThat(green.light()).isEqualTo(LightState.protected_green);
        assertThat(green.timing()).isEqualTo(new TimeChangeDetails.Counting(
                new TimeCountingDown(0, 200, 400, 250, Absent.INT, Absent.INT, Absent.INT)));
        var red = is.phases().getFirst().phaseStates().get(2);
        assertThat(red.timing()).isEqualTo(new TimeChangeDetails.Counting(
                new TimeCountingDown(280, Absent.INT, Absent.INT, 880, Absent.INT, Absent.INT, Absent.INT)));
    }

    @Test
    void csaeCountdownsRoundToTheTenthAndClampToTheTimeMarkRange() throws Exception {
        long t = micros("2026-11-23T08:00:12.300Z");
        var odd = new SignalState(NODE, t + 345, List.of(new MovementState(2, List.of(
                new MovementEvent(SignalPhase.PROTECTED_MOVEMENT_ALLOWED, t - 9_000_000L, t - 5_000_000L,
                        t + 7_200_000_000L, t + 12_370_000L)))));
        var is = csaeWire(List.of(odd), 0, t).intersections().getFirst();
        assertThat(is.timeStamp()).isEqualTo(12_300); // the state's time to the millisecond
        // started 9 s ago: 0; its minimum end is past: 0; 2 h away: 3600.0 s; 12.37 s: 12.4 s
        assertThat(is.phases().getFirst().phaseStates().getFirst().timing()).isEqualTo(new TimeChangeDetails.Counting(
                new TimeCountingDown(0, 0, 36_000, 124, Absent.INT, Absent.INT, Absent.INT)));
        MovementEvent back = SignalStates.fromCsae2017(csaeWire(List.of(odd), 0, t), t).getFirst().movement(2)
                .current();
        assertThat(back).isEqualTo(new MovementEvent(SignalPhase.PROTECTED_MOVEMENT_ALLOWED, t, t,
                t + 3_600_000_000L, t + 12_400_000L));
    }

    @Test
    void csaeUnknownTimesAreTheTimeMarkUnknownOrLeftOut() throws Exception {
        long t = micros("2026-11-23T08:00:12.300Z");
        var unknown = new SignalState(NODE, t, List.of(new MovementState(4, List.of(
                new MovementEvent(SignalPhase.DARK, U, U, U, U)))));
        var wire = csaeWire(List.of(unknown), 0, t);
        assertThat(wire.intersections().getFirst().phases().getFirst().phaseStates().getFirst().timing())
                .isEqualTo(new TimeChangeDetails.Counting(new TimeCountingDown(36_001, Absent.INT, Absent.INT, 36_001,
                        Absent.INT, Absent.INT, Absent.INT)));
        assertThat(SignalStates.fromCsae2017(wire, t)).containsExactly(unknown);
    }

    @Test
    void lightsWithoutACsaeValueTakeTheNearestOne() throws Exception {
        assertThat(SignalStates.csaeLightOf(SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED))
                .isEqualTo(LightState.permissive_green);
        assertThat(SignalStates.csaeLightOf(SignalPhase.PROTECTED_CLEARANCE)).isEqualTo(LightState.yellow);
        assertThat(SignalStates.csaeLightOf(SignalPhase.PRE_MOVEMENT)).isEqualTo(LightState.red);
        List<SignalPhase> lossless = new ArrayList<>(List.of(SignalPhase.values()));
        lossless.removeAll(List.of(SignalPhase.PROTECTED_CLEARANCE, SignalPhase.PRE_MOVEMENT));
        for (SignalPhase p : lossless) {
            assertThat(SignalStates.csaeLight(SignalStates.csaeLightOf(p))).isEqualTo(p);
        }
        long t = micros("2026-11-23T08:00:12.300Z");
        var amber = new SignalState(NODE, t, List.of(new MovementState(1, List.of(
                new MovementEvent(SignalPhase.PROTECTED_CLEARANCE, t, U, U, t + 3_000_000L),
                new MovementEvent(SignalPhase.PRE_MOVEMENT, t + 3_000_000L, U, U, t + 5_000_000L)))));
        assertThat(SignalStates.fromCsae2017(csaeWire(List.of(amber), 0, t), t).getFirst().movement(1).events())
                .extracting(MovementEvent::phase)
                .containsExactly(SignalPhase.PERMISSIVE_CLEARANCE, SignalPhase.STOP_AND_REMAIN);
    }

    @Test
    void csaeRefusesMoreMovementsThanAnIntersectionStateHolds() {
        List<MovementState> many = new ArrayList<>();
        for (int sg = 1; sg <= 17; sg++) {
            many.add(new MovementState(sg, List.of(new MovementEvent(SignalPhase.DARK, U, U, U, U))));
        }
        assertThatThrownBy(() -> SignalStates.toCsae2017(List.of(new SignalState(NODE, 1, many)), 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 16 movements of 1/9; got 17");
    }

    @Test
    void j2735SpatCarriesACrossroadsPlanThroughUperAndBack() throws Exception {
        long t = micros("2026-11-23T08:00:12.300Z");
        SignalState plan = crossroadsPlan(t);
        var wire = j2735Wire(List.of(plan), 7, t + 50_000);

        assertThat(SignalStates.fromJ2735(wire, t + 80_000)).containsExactly(plan);
        assertThat(wire.timeStamp()).isEqualTo(469_920);
        var is = wire.intersections().getFirst();
        assertThat(is.revision()).isEqualTo(7);
        assertThat(is.moy()).isEqualTo(469_920);
        assertThat(is.timeStamp()).isEqualTo(12_300);
        assertThat(is.status()).isEqualTo(1L << 5);
        var green = is.states().getFirst().stateTimeSpeed().getFirst();
        assertThat(green.eventState())
                .isEqualTo(io.cheluyun.codec.j2735v2016.MovementPhaseState.protected_Movement_Allowed);
        // 08:00:12.3 is tenth 123 of the hour; 20, 40 and 25 s later: 323, 523, 373
        assertThat(green.timing()).isEqualTo(new io.cheluyun.codec.j2735v2016.TimeChangeDetails(123, 323, 523, 373,
                Absent.INT, Absent.INT));
        var red = is.states().getFirst().stateTimeSpeed().get(2);
        assertThat(red.timing()).isEqualTo(new io.cheluyun.codec.j2735v2016.TimeChangeDetails(403, 36_001,
                Absent.INT, 1003, Absent.INT, Absent.INT));
    }

    @Test
    void j2735TimeMarksWrapAtTheHourAndClampToHalfAnHourAway() throws Exception {
        long t = micros("2026-11-23T10:59:58Z");
        var state = new SignalState(NODE, t, List.of(new MovementState(2, List.of(
                new MovementEvent(SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED, micros("2026-11-23T10:59:50Z"), U, U,
                        micros("2026-11-23T11:00:03.04Z")),
                new MovementEvent(SignalPhase.PERMISSIVE_CLEARANCE, micros("2026-11-23T11:00:03Z"), U,
                        t + 7_200_000_000L, U)))));
        var wire = j2735Wire(List.of(state), 0, t);
        var events = wire.intersections().getFirst().states().getFirst().stateTimeSpeed();
        assertThat(events.getFirst().timing()).isEqualTo(new io.cheluyun.codec.j2735v2016.TimeChangeDetails(
                35_900, 36_001, Absent.INT, 30, Absent.INT, Absent.INT));
        List<MovementEvent> back = SignalStates.fromJ2735(wire, t).getFirst().movement(2).events();
        assertThat(back.getFirst()).isEqualTo(new MovementEvent(SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED,
                micros("2026-11-23T10:59:50Z"), U, U, micros("2026-11-23T11:00:03Z")));
        // two hours ahead is sent as the last tenth that still resolves after t: 29 min 59.9 s
        assertThat(back.get(1).maxEndMicros()).isEqualTo(t + 1_799_900_000L);
    }

    @Test
    void j2735EventsWithoutKnownTimesHaveNoTiming() throws Exception {
        long t = micros("2026-11-23T08:00:12.300Z");
        var state = new SignalState(new IntersectionId(0, 12), t, List.of(new MovementState(2, List.of(
                new MovementEvent(SignalPhase.UNAVAILABLE, U, U, U, U)))));
        var wire = j2735Wire(List.of(state), 0, t);
        var is = wire.intersections().getFirst();
        assertThat(is.id().hasRegion()).isFalse();
        assertThat(is.states().getFirst().stateTimeSpeed().getFirst().timing()).isNull();
        assertThat(SignalStates.fromJ2735(wire, t)).containsExactly(state);
    }
}
