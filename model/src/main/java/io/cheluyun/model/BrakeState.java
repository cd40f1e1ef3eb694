package io.cheluyun.model;

/**
 * Brake system status as broadcast in J2735 / CSAE 53 BrakeSystemStatus: whether the service brakes are applied
 * and whether ABS, traction control or stability control is currently engaged (the inputs of CLW).
 */
public record BrakeState(boolean brakeApplied, boolean absActive, boolean tractionControlActive,
                         boolean stabilityControlActive) {

    public static final BrakeState NONE = new BrakeState(false, false, false, false);

    /** True when any of the control-loss indicators (ABS, TCS, ESC) is active. */
    public boolean anyControlSystemActive() {
        return absActive || tractionControlActive || stabilityControlActive;
    }
}
