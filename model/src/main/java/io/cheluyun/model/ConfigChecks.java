package io.cheluyun.model;

/**
 * The one check every configuration record's {@code conclude()} makes: a key out of range stops start-up with the
 * key's full name, the accepted range and the value given.
 */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    /** Throws {@link IllegalArgumentException} naming {@code key} unless {@code ok}. */
    public static void require(boolean ok, String key, String range, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(key + " must be " + range + ", got " + value);
        }
    }
}
