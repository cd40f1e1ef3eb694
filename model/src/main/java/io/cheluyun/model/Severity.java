package io.cheluyun.model;

/** How urgently the target must act. */
public enum Severity {
    /** Information, no action needed now. */
    INFO,
    /** Advice the driver may follow (speed advice, signage). */
    ADVISORY,
    /** A hazard that needs the driver's attention. */
    WARNING,
    /** Immediate action needed (e.g. time to collision under the critical threshold). */
    CRITICAL
}
