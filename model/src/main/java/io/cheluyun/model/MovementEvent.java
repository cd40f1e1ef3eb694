package io.cheluyun.model;

/**
 * One phase of a movement with its timing, absolute on message time (J2735 MovementEvent / CSAE 53 PhaseState).
 * Adapters convert the families' encodings (CSAE 53 countdowns in 0.1 s relative to the message, J2735 tenths of a
 * second within the hour) to epoch microseconds. {@link #UNKNOWN_TIME} marks a time the sender did not give.
 */
public record MovementEvent(SignalPhase phase, long startMicros, long minEndMicros, long maxEndMicros,
                            long likelyEndMicros) {

    public static final long UNKNOWN_TIME = Long.MIN_VALUE;

    public MovementEvent {
        if (phase == null) {
            throw new IllegalArgumentException("phase is required");
        }
    }

    /** When the phase is expected to end: the likely end, else the minimum end, else {@link #UNKNOWN_TIME}. */
    public long expectedEndMicros() {
        return likelyEndMicros != UNKNOWN_TIME ? likelyEndMicros : minEndMicros;
    }
}
