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
