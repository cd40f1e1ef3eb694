package io.cheluyun.model;

import java.util.List;

/** Signal state of one intersection at one instant: the canonical form of SPAT / SPaT / SPATEM. */
public record SignalState(IntersectionId intersection, long timeMicros, List<MovementState> movements) {

    public SignalState {
        if (intersection == null) {
            throw new IllegalArgumentException("intersection is required");
        }
        movements = List.copyOf(movements);
    }

    /** The movement of a signal group, or {@code null} if this state does not report it. */
    public MovementState movement(int signalGroup) {
        for (MovementState m : movements) {
            if (m.signalGroup() == signalGroup) {
                return m;
            }
        }
        return null;
    }
}
