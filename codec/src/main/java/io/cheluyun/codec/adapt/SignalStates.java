package io.cheluyun.codec.adapt;

import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Signal phase and timing of every family to the canonical {@link SignalState}, all times absolute epoch
 * microseconds. The families count time differently, which is the point of this class:
 * <ul>
 *   <li>T/CSAE 53 {@code TimeCountingDown}: {@code TimeMark}s are countdowns in 0.1 s from the moment of the
 *       intersection state ({@code moy} + {@code timeStamp}, else the message's, else receipt); {@code startTime} 0
 *       is the current light.</li>
 *   <li>SAE J2735 {@code TimeChangeDetails}: {@code TimeMark} is the absolute tenth of a second within the UTC hour
 *       (0..35999, 36000 leap second), resolved to the hour nearest the intersection's time; 36001 is unknown.</li>
 * </ul>
 */
public final class SignalStates {

    /** TimeMark 36001: unknown (J2735 DE_TimeMark, CSAE TimeMark). */
    static final int TIME_MARK_UNKNOWN = 36001;
    static final long HOUR_MICROS = 3_600_000_000L;
    /** DE_IntersectionStatusObject with only bit 5, fixedTimeOperation, set (same bit in J2735 and CSAE 53). */
    static final long FIXED_TIME_OPERATION = 1L << 5;
    /** J2735 DE_DSRCmsgID of the SPAT. */
    static final int J2735_SPAT_ID = 19;

    private SignalStates() {
    }

    /** Every intersection of a CSAE 53 SPAT. */
    public static List<SignalState> fromCsae2017(io.cheluyun.codec.csae2017.SPAT spat, long receivedMicros) {
        long messageTime = moyTime(spat.moy(), spat.timeStamp(), receivedMicros);
        List<SignalState> out = new ArrayList<>();
        for (var is : spat.intersections()) {
            long base = moyTime(is.moy(), is.timeStamp(), messageTime);
            List<MovementState> movements = new ArrayList<>();
            for (var phase : is.phases()) {
                List<MovementEvent> events = new ArrayList<>();
                for (var ps : phase.phaseStates()) {
                    SignalPhase light = csaeLight(ps.light());
                    if (ps.timing() instanceof io.cheluyun.codec.csae2017.TimeChangeDetails.Counting c) {
                        var t = c.value();
                        events.add(new MovementEvent(light, countdown(t.startTime(), base),
                                countdown(t.minEndTime(), base), countdown(t.maxEndTime(), base),
                                countdown(t.likelyEndTime(), base)));
                    } else {
                        events.add(new MovementEvent(light, MovementEvent.UNKNOWN_TIME, MovementEvent.UNKNOWN_TIME,
                                MovementEvent.UNKNOWN_TIME, MovementEvent.UNKNOWN_TIME));
                    }
                }
                if (!events.isEmpty()) {
                    // the current light has started (countdown 0); later ones follow in start order
                    events.sort(Comparator.comparingLong(MovementEvent::startMicros));
                    movements.add(new MovementState(phase.id(), events));
                }
            }
            var id = is.intersectionId();
            out.add(new SignalState(new IntersectionId(id.region() == io.cheluyun.asn1.runtime.Absent.INT
                    ? 0 : id.region(), id.id()), base, movements));
        }
        return out;
    }

    /** Every intersection of a J2735 SPaT. */
    public static List<SignalState> fromJ2735(io.cheluyun.codec.j2735v2016.SPAT spat, long receivedMicros) {
        List<SignalState> out = new ArrayList<>();
        for (var is : spat.intersections()) {
            long base = moyTime(is.moy(), is.timeStamp(), receivedMicros);
            List<MovementState> movements = new ArrayList<>();
            for (var ms : is.states()) {
                List<MovementEvent> events = new ArrayList<>();
                for (var ev : ms.stateTimeSpeed()) {
                    SignalPhase phase = SignalPhase.values()[(int) ev.eventState().number];
                    var t = ev.timing();
                    events.add(t == null
                            ? new MovementEvent(phase, MovementEvent.UNKNOWN_TIME, MovementEvent.UNKNOWN_TIME,
                                    MovementEvent.UNKNOWN_TIME, MovementEvent.UNKNOWN_TIME)
                            : new MovementEvent(phase, hourMark(t.startTime(), base), hourMark(t.minEndTime(), base),
                                    hourMark(t.maxEndTime(), base), hourMark(t.likelyTime(), base)));
                }
                movements.add(new MovementState(ms.signalGroup(), events));
            }
            var id = is.id();
            out.add(new SignalState(new IntersectionId(id.region() == io.cheluyun.asn1.runtime.Absent.INT
                    ? 0 : id.region(), id.id()), base, movements));
        }
        return out;
    }

    /**
     * Every intersection of an ETSI SPATEM. Its SPAT is ISO TS 19091's, whose DSRC module is J2735-2016's type for
     * type, so it is transcoded through UPER (the wire is the same) and read like a J2735 SPaT.
     */
    public static List<SignalState> fromSpatem(io.cheluyun.codec.etsi.SPATEM spatem, long receivedMicros) {
        io.cheluyun.asn1.per.BitWriter w = new io.cheluyun.asn1.per.BitWriter();
        io.cheluyun.codec.etsi.SPAT.encode(w, spatem.spat());
        return fromJ2735(Transcode.to(w, io.cheluyun.codec.j2735v2016.SPAT::decode), receivedMicros);
    }

    /**
     * Signal states as a T/CSAE 53-2017 SPAT (annex, Msg_SPAT with DF_IntersectionState, DF_Phase, DF_PhaseState,
     * DF_TimeCountingDown): the inverse of {@link #fromCsae2017}.
     * <ul>
     *   <li>The message's {@code moy}/{@code timeStamp} (DE_MinuteOfTheYear, DE_DSecond) are {@code nowMicros};
     *       each intersection's are its state's time (to the millisecond), the moment its countdowns start.</li>
     *   <li>{@code status} (DE_IntersectionStatusObject): {@code fixedTimeOperation} only. The model carries no
     *       controller mode, and the platform's own signals (the SUMO co-simulation) run fixed-time programmes; no
     *       failure, pre-emption or manual-control bit is claimed.</li>
     *   <li>One DF_Phase per movement, its id the signal group, one DF_PhaseState per event in the model's order
     *       ({@link #fromCsae2017} sorts them by start time, so an event of unknown start comes back first).</li>
     *   <li>Times as countdowns (DE_TimeMark in 0.1 s) from the intersection's moment, rounded to the nearest tenth
     *       and clamped to 0..36000: a phase that began earlier has started (0), one further than an hour away is
     *       sent as 3600.0 s. Unknown {@code startTime}/{@code likelyEndTime} (mandatory) are 36001, "unknown";
     *       unknown {@code minEndTime}/{@code maxEndTime} are left out.</li>
     *   <li>Light (DE_LightState) from {@link SignalPhase}, the inverse of {@link #csaeLight}: permissive green is
     *       {@code permissive-green}, not {@code flashing-green} (both read as permissive green; flashing green is
     *       the end-of-green warning, which the model's timing already tells); protected and permissive clearance
     *       are both the single {@code yellow}; red-amber ({@link SignalPhase#PRE_MOVEMENT}), which the Chinese
     *       sequence (GB 14886) does not have, is {@code red}, still a stop state. These two come back as
     *       {@link SignalPhase#PERMISSIVE_CLEARANCE} and {@link SignalPhase#STOP_AND_REMAIN}.</li>
     * </ul>
     * More intersections (32), movements per intersection (16) or events per movement (16) than the lists hold, or
     * an intersection without movements, are an error: the caller splits the message.
     */
    public static io.cheluyun.codec.csae2017.SPAT toCsae2017(List<SignalState> states, int msgCnt, long nowMicros) {
        checkSize("intersections", states.size(), 32);
        List<io.cheluyun.codec.csae2017.IntersectionState> out = new ArrayList<>();
        for (SignalState s : states) {
            checkSize("movements of " + s.intersection(), s.movements().size(), 16);
            long base = millisecondOf(s.timeMicros());
            List<io.cheluyun.codec.csae2017.Phase> phases = new ArrayList<>();
            for (MovementState m : s.movements()) {
                checkSize("events of signal group " + m.signalGroup(), m.events().size(), 16);
                List<io.cheluyun.codec.csae2017.PhaseState> phaseStates = new ArrayList<>();
                for (MovementEvent e : m.events()) {
                    var timing = new io.cheluyun.codec.csae2017.TimeCountingDown(
                            countdownTenths(e.startMicros(), base, TIME_MARK_UNKNOWN),
                            countdownTenths(e.minEndMicros(), base, io.cheluyun.asn1.runtime.Absent.INT),
                            countdownTenths(e.maxEndMicros(), base, io.cheluyun.asn1.runtime.Absent.INT),
                            countdownTenths(e.likelyEndMicros(), base, TIME_MARK_UNKNOWN),
                            io.cheluyun.asn1.runtime.Absent.INT, io.cheluyun.asn1.runtime.Absent.INT,
                            io.cheluyun.asn1.runtime.Absent.INT);
                    phaseStates.add(new io.cheluyun.codec.csae2017.PhaseState(csaeLightOf(e.phase()),
                            new io.cheluyun.codec.csae2017.TimeChangeDetails.Counting(timing)));
                }
                phases.add(new io.cheluyun.codec.csae2017.Phase(m.signalGroup(), phaseStates));
            }
            var id = s.intersection();
            out.add(new io.cheluyun.codec.csae2017.IntersectionState(new io.cheluyun.codec.csae2017.NodeReferenceID(
                    id.regionId() == 0 ? io.cheluyun.asn1.runtime.Absent.INT : id.regionId(), id.id()),
                    FIXED_TIME_OPERATION, RoadEvents.moy(base), VehicleStates.secMark(base), null, phases));
        }
        return new io.cheluyun.codec.csae2017.SPAT(msgCnt & 127, RoadEvents.moy(nowMicros),
                VehicleStates.secMark(nowMicros), null, out);
    }

    /**
     * Signal states as a J2735-2016 MessageFrame holding a SPAT (DE_DSRCmsgID 19; DF_IntersectionState,
     * DF_MovementState, DF_MovementEvent, DF_TimeChangeDetails): the inverse of {@link #fromJ2735}.
     * <ul>
     *   <li>SPAT {@code timeStamp} (DE_MinuteOfTheYear) of {@code nowMicros}; each intersection's {@code moy} and
     *       {@code timeStamp} (DE_DSecond) are its state's time to the millisecond; {@code revision} (DE_MsgCount)
     *       is {@code msgCnt}; {@code status} {@code fixedTimeOperation}, as in {@link #toCsae2017}.</li>
     *   <li>One DF_MovementState per movement, one DF_MovementEvent per event, in order, its DE_MovementPhaseState
     *       the model's phase value for value.</li>
     *   <li>DE_TimeMark: the tenth of a second within the UTC hour (0..35999), rounded to the nearest tenth; the
     *       receiver resolves it to the hour nearest the intersection's moment, so times are clamped to within
     *       half an hour of it. Unknown {@code minEndTime} (mandatory) is 36001, unknown optional ones are left
     *       out, and an event with no known time has no {@code timing}.</li>
     * </ul>
     * More intersections (32), movements (255) or events per movement (16) than the lists hold are an error.
     */
    public static io.cheluyun.codec.j2735v2016.MessageFrame toJ2735(List<SignalState> states, int msgCnt,
                                                                   long nowMicros) {
        checkSize("intersections", states.size(), 32);
        List<io.cheluyun.codec.j2735v2016.IntersectionState> out = new ArrayList<>();
        for (SignalState s : states) {
            checkSize("movements of " + s.intersection(), s.movements().size(), 255);
            long base = millisecondOf(s.timeMicros());
            List<io.cheluyun.codec.j2735v2016.MovementState> movements = new ArrayList<>();
            for (MovementState m : s.movements()) {
                checkSize("events of signal group " + m.signalGroup(), m.events().size(), 16);
                List<io.cheluyun.codec.j2735v2016.MovementEvent> events = new ArrayList<>();
                for (MovementEvent e : m.events()) {
                    boolean anyKnown = e.startMicros() != MovementEvent.UNKNOWN_TIME
                            || e.minEndMicros() != MovementEvent.UNKNOWN_TIME
                            || e.maxEndMicros() != MovementEvent.UNKNOWN_TIME
                            || e.likelyEndMicros() != MovementEvent.UNKNOWN_TIME;
                    var timing = !anyKnown ? null : new io.cheluyun.codec.j2735v2016.TimeChangeDetails(
                            hourTenths(e.startMicros(), base, io.cheluyun.asn1.runtime.Absent.INT),
                            hourTenths(e.minEndMicros(), base, TIME_MARK_UNKNOWN),
                            hourTenths(e.maxEndMicros(), base, io.cheluyun.asn1.runtime.Absent.INT),
                            hourTenths(e.likelyEndMicros(), base, io.cheluyun.asn1.runtime.Absent.INT),
                            io.cheluyun.asn1.runtime.Absent.INT, io.cheluyun.asn1.runtime.Absent.INT);
                    events.add(new io.cheluyun.codec.j2735v2016.MovementEvent(
                            io.cheluyun.codec.j2735v2016.MovementPhaseState.values()[e.phase().ordinal()], timing,
                            null, null));
                }
                movements.add(new io.cheluyun.codec.j2735v2016.MovementState(null, m.signalGroup(), events, null,
                        null));
            }
            var id = s.intersection();
            out.add(new io.cheluyun.codec.j2735v2016.IntersectionState(null,
                    new io.cheluyun.codec.j2735v2016.IntersectionReferenceID(
                            id.regionId() == 0 ? io.cheluyun.asn1.runtime.Absent.INT : id.regionId(), id.id()),
                    msgCnt & 127, FIXED_TIME_OPERATION, RoadEvents.moy(base), VehicleStates.secMark(base), null,
                    movements, null, null));
        }
        return new io.cheluyun.codec.j2735v2016.MessageFrame(J2735_SPAT_ID,
                new io.cheluyun.codec.j2735v2016.SPAT(RoadEvents.moy(nowMicros), null, out, null));
    }

    private static void checkSize(String what, int n, int max) {
        if (n < 1 || n > max) {
            throw new IllegalArgumentException("a SPAT carries 1 to " + max + " " + what + "; got " + n);
        }
    }

    /** The epoch time to the millisecond, the resolution of the intersection's moy + DSecond. */
    private static long millisecondOf(long micros) {
        return Math.floorDiv(micros, 1_000L) * 1_000L;
    }

    /** A CSAE countdown (DE_TimeMark, 0.1 s from {@code base}), inverse of {@link #countdown}. */
    static int countdownTenths(long t, long base, int unknown) {
        if (t == MovementEvent.UNKNOWN_TIME) {
            return unknown;
        }
        return VehicleStates.clamp(Math.floorDiv(t - base + 50_000L, 100_000L), 0, 36_000);
    }

    /**
     * A J2735 DE_TimeMark (tenth of a second within the UTC hour), inverse of {@link #hourMark}: rounded to the
     * tenth, clamped to half an hour either side of {@code base} so that it resolves to the hour it belongs to.
     */
    static int hourTenths(long t, long base, int unknown) {
        if (t == MovementEvent.UNKNOWN_TIME) {
            return unknown;
        }
        long reach = HOUR_MICROS / 2 - 100_000L; // a tenth inside the half hour, so rounding cannot cross it
        long tenths = Math.floorDiv(Math.max(base - reach, Math.min(base + reach, t)) + 50_000L, 100_000L);
        return (int) Math.floorMod(tenths, 36_000L);
    }

    /** DE_LightState of a phase: the inverse of {@link #csaeLight}, choices explained at {@link #toCsae2017}. */
    static io.cheluyun.codec.csae2017.LightState csaeLightOf(SignalPhase phase) {
        return switch (phase) {
            case UNAVAILABLE -> io.cheluyun.codec.csae2017.LightState.unavailable;
            case DARK -> io.cheluyun.codec.csae2017.LightState.dark;
            case STOP_THEN_PROCEED -> io.cheluyun.codec.csae2017.LightState.flashing_red;
            case STOP_AND_REMAIN, PRE_MOVEMENT -> io.cheluyun.codec.csae2017.LightState.red;
            case PERMISSIVE_MOVEMENT_ALLOWED -> io.cheluyun.codec.csae2017.LightState.permissive_green;
            case PROTECTED_MOVEMENT_ALLOWED -> io.cheluyun.codec.csae2017.LightState.protected_green;
            case PERMISSIVE_CLEARANCE, PROTECTED_CLEARANCE -> io.cheluyun.codec.csae2017.LightState.yellow;
            case CAUTION_CONFLICTING_TRAFFIC -> io.cheluyun.codec.csae2017.LightState.flashing_yellow;
        };
    }

    /** CSAE 53 LightState: the Chinese signal sequence has flashing green (green ending) and a single yellow. */
    static SignalPhase csaeLight(io.cheluyun.codec.csae2017.LightState light) {
        return switch (light) {
            case dark -> SignalPhase.DARK;
            case flashing_red -> SignalPhase.STOP_THEN_PROCEED;
            case red -> SignalPhase.STOP_AND_REMAIN;
            case flashing_green, permissive_green -> SignalPhase.PERMISSIVE_MOVEMENT_ALLOWED;
            case protected_green -> SignalPhase.PROTECTED_MOVEMENT_ALLOWED;
            case yellow -> SignalPhase.PERMISSIVE_CLEARANCE;
            case flashing_yellow -> SignalPhase.CAUTION_CONFLICTING_TRAFFIC;
            case unavailable, UNKNOWN_EXTENSION -> SignalPhase.UNAVAILABLE;
        };
    }

    /** A CSAE countdown in 0.1 s from {@code base}; absent or unknown stays unknown. */
    static long countdown(int tenths, long base) {
        if (tenths == io.cheluyun.asn1.runtime.Absent.INT || tenths >= TIME_MARK_UNKNOWN) {
            return MovementEvent.UNKNOWN_TIME;
        }
        return base + tenths * 100_000L;
    }

    /** A J2735 tenth-of-a-second within the hour, in the hour that puts it nearest {@code base}. */
    static long hourMark(int tenths, long base) {
        if (tenths == io.cheluyun.asn1.runtime.Absent.INT || tenths >= TIME_MARK_UNKNOWN) {
            return MovementEvent.UNKNOWN_TIME;
        }
        long hour = Math.floorDiv(base, HOUR_MICROS) * HOUR_MICROS;
        long t = hour + Math.min(tenths, 35_999) * 100_000L;
        if (t - base > HOUR_MICROS / 2) {
            t -= HOUR_MICROS;
        } else if (base - t > HOUR_MICROS / 2) {
            t += HOUR_MICROS;
        }
        return t;
    }

    /**
     * The epoch time of minute-of-the-year + millisecond-in-the-minute (DE_MinuteOfTheYear, DE_DSecond) in the year
     * of {@code reference} (or the neighbouring year at New Year); either part absent falls back to the reference.
     */
    static long moyTime(int moy, int dsecond, long reference) {
        boolean hasMoy = moy != io.cheluyun.asn1.runtime.Absent.INT && moy < 527_040;
        boolean hasMs = dsecond != io.cheluyun.asn1.runtime.Absent.INT && dsecond < 60_000;
        if (!hasMoy && !hasMs) {
            return reference;
        }
        if (!hasMoy) {
            return VehicleStates.secMarkTime(dsecond, reference);
        }
        ZonedDateTime ref = Instant.ofEpochSecond(Math.floorDiv(reference, 1_000_000L)).atZone(ZoneOffset.UTC);
        long best = Long.MIN_VALUE;
        for (int year = ref.getYear() - 1; year <= ref.getYear() + 1; year++) {
            long t = ZonedDateTime.of(year, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli() * 1_000L
                    + moy * 60_000_000L + (hasMs ? dsecond * 1_000L : 0);
            if (best == Long.MIN_VALUE || Math.abs(t - reference) < Math.abs(best - reference)) {
                best = t;
            }
        }
        return best;
    }
}
