package io.cheluyun.server;

/** Why an input was rejected: the label of the rejection counters. A small, fixed set. */
public enum InputProblem {
    /** Not parseable as JSON. */
    MALFORMED_JSON,
    /** Valid JSON but not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type. */
    WRONG_TYPE,
    /** A field the format does not define (usually a typo). */
    UNKNOWN_FIELD,
    /** Parsed, but a value is not finite or out of the standards' range. */
    INVALID_VALUE,
    /** A line longer than the input limit. */
    OVERSIZED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
