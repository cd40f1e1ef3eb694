package io.cheluyun.model;

/**
 * Exterior lights as a bit set. Bit positions follow the named bits of J2735 DE_ExteriorLights, which CSAE 53
 * ExteriorLights repeats in the same order, so adapters copy the bit string unchanged.
 */
public record ExteriorLights(int bits) {

    public static final ExteriorLights NONE = new ExteriorLights(0);

    /** The named lights with their bit position in the standards' bit string. */
    public enum Light {
        LOW_BEAM, HIGH_BEAM, LEFT_TURN_SIGNAL, RIGHT_TURN_SIGNAL, HAZARD_SIGNAL, AUTOMATIC_LIGHT_CONTROL,
        DAYTIME_RUNNING, FOG_LIGHT, PARKING_LIGHT;

        int mask() {
            return 1 << ordinal();
        }
    }

    public static ExteriorLights of(Light... lights) {
        int bits = 0;
        for (Light light : lights) {
            bits |= light.mask();
        }
        return new ExteriorLights(bits);
    }

    public boolean isOn(Light light) {
        return (bits & light.mask()) != 0;
    }

    /**
     * The turn the driver indicates: {@link Maneuver#LEFT_TURN} or {@link Maneuver#RIGHT_TURN} for one turn signal,
     * {@code null} for none, both, or hazard lights (which flash both).
     */
    public Maneuver indicatedTurn() {
        boolean left = isOn(Light.LEFT_TURN_SIGNAL);
        boolean right = isOn(Light.RIGHT_TURN_SIGNAL);
        if (left == right || isOn(Light.HAZARD_SIGNAL)) {
            return null;
        }
        return left ? Maneuver.LEFT_TURN : Maneuver.RIGHT_TURN;
    }
}
