package io.cheluyun.model;

/**
 * Signal light state of one movement: J2735 MovementPhaseState, value for value (unavailable 0 ...
 * caution-Conflicting-Traffic 9). CSAE 53 LightState has its own values (flashing green, one yellow, flashing
 * yellow), mapped by the codec's SignalStates adapter.
 */
public enum SignalPhase {
    UNAVAILABLE,
    DARK,
    /** Flashing red: stop, then proceed with care. */
    STOP_THEN_PROCEED,
    /** Red. */
    STOP_AND_REMAIN,
    /** Red-and-amber before green, as used in China and Europe. */
    PRE_MOVEMENT,
    /** Permissive green: conflicting traffic may be present. */
    PERMISSIVE_MOVEMENT_ALLOWED,
    /** Protected green. */
    PROTECTED_MOVEMENT_ALLOWED,
    /** Permissive amber. */
    PERMISSIVE_CLEARANCE,
    /** Protected amber. */
    PROTECTED_CLEARANCE,
    /** Flashing amber. */
    CAUTION_CONFLICTING_TRAFFIC;

    /** True for the green states, in which a vehicle may enter the intersection. */
    public boolean isGreen() {
        return this == PERMISSIVE_MOVEMENT_ALLOWED || this == PROTECTED_MOVEMENT_ALLOWED;
    }

    /** True for the states that forbid entering: red, flashing red (before stopping) and red-amber. */
    public boolean isStop() {
        return this == STOP_AND_REMAIN || this == STOP_THEN_PROCEED || this == PRE_MOVEMENT;
    }

    /** True for amber. */
    public boolean isClearance() {
        return this == PERMISSIVE_CLEARANCE || this == PROTECTED_CLEARANCE;
    }
}
