package io.cheluyun.edge.misbehaviour;

import java.util.Locale;

/**
 * What {@link MisbehaviourDetector#check} concluded about one message. {@link #OK} passes; {@link #DUPLICATE} is
 * dropped without blame (the same octets already arrived, e.g. through another RSU); {@link #QUARANTINED} is refused
 * because the sender is in quarantine; {@link #STALE_TIMESTAMP} is refused without blame (networks delay and
 * reorder; an old message is useless, not proof of misbehaviour). Every other verdict is a violation that counts
 * towards quarantine ({@link #isViolation()}).
 *
 * <p>Where ETSI TS 103 759 has a matching observation type, the description names it.
 */
public enum Verdict {
    /** Plausible: hand it to the twin. */
    OK,
    /** Identical octets already arrived (through an RSU, or from the vehicle's own OBU): drop, no blame. */
    DUPLICATE,
    /** The channel, or the vehicle id, is in quarantine. */
    QUARANTINED,
    /** The position moved farther than the vehicle could have since its last plausible one (TS 103 759: position
     *  change too large). */
    POSITION_JUMP,
    /** Speed above the plausible maximum (speed value too large), or inconsistent with how far the position moved. */
    SPEED_IMPLAUSIBLE,
    /** Reported acceleration, or the speed change between two messages, beyond braking/traction physics. */
    ACCELERATION_IMPLAUSIBLE,
    /** The reported headings do not match the direction the position moved. */
    HEADING_MISMATCH,
    /** Generated too far after its receive time. */
    FUTURE_TIMESTAMP,
    /** Too old at receipt, or older than the vehicle's newest state by more than the reordering window. */
    STALE_TIMESTAMP,
    /** Identical octets again from the same OBU, or from an OBU while another OBU speaks for the vehicle. */
    REPLAY,
    /** The sender exceeds its message rate (beacon interval too small). */
    RATE_EXCEEDED,
    /** A relayed vehicle claims a position beyond the relaying RSU's radio range. */
    FAR_FROM_RELAY,
    /** Sybil-like: a channel speaking for several vehicles, an id taken from another channel, or a track sitting on
     *  another vehicle. */
    GHOST;

    /** True for the verdicts that count towards quarantine. */
    public boolean isViolation() {
        return switch (this) {
            case OK, DUPLICATE, QUARANTINED, STALE_TIMESTAMP -> false;
            default -> true;
        };
    }

    /** Lower-case label for metrics and logs ({@code position_jump}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
