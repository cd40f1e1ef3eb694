package io.cheluyun.apps.analytics;

/**
 * What the signal / traffic-control monitor reports, in the spirit of USDOT's ConnectedVehicle conflict monitor:
 * each is one row of {@code signal_issue}.
 */
public enum SignalIssueKind {
    /** SPaT broadcast rate below the minimum (default 8 Hz, J2735 expects 10) over a window. */
    SPAT_RATE,
    /** A SPaT movement without a usable phase or timing, or a signal group the intersection's MAP does not use. */
    SPAT_INCONSISTENT,
    /** A MAP without lanes, ingress lanes without connections, or connections to lanes that do not exist. */
    MAP_INCONSISTENT,
    /**
     * Two signal groups whose MAP connections cross show green at the same time, at least one of them protected (a
     * permissive left turn against permissive opposing traffic is a yield, not a conflict).
     */
    CONFLICTING_GREEN,
    /** A transition a controller must not make, such as green straight to red without yellow. */
    ILLEGAL_TRANSITION,
    /** The announced end of an unchanged phase jumped by more than the tolerance between two messages. */
    TIMING_JUMP,
    /** A vehicle stopped at the stop line while its signal group showed green, with no queue ahead. */
    STOP_ON_GREEN,
    /** A vehicle on a lane against its direction of travel. */
    LANE_DIRECTION
}
