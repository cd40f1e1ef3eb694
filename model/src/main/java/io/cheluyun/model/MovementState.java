package io.cheluyun.model;

import java.util.List;

/**
 * The state of one signal group (movement) at an intersection: the current phase first, then the announced next
 * phases in order, as the J2735 / CSAE 53 MovementState state-time-speed list.
 */
public record MovementState(int signalGroup, List<MovementEvent> events) {

    public MovementState {
        if (signalGroup < 0 || signalGroup > 255) {
            throw new IllegalArgumentException("signalGroup must be within 0..255, got " + signalGroup);
        }
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a movement needs at least its current phase");
        }
    }

    public MovementEvent current() {
        return events.getFirst();
    }
}
