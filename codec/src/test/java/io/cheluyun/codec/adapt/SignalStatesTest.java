package io.cheluyun.codec.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.codec.csae2017.MessageFrame;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import java.time.Instant;
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
}
