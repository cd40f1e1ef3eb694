package io.cheluyun.edge;

/**
 * Why an input was rejected: the {@code reason} label of the rejection counters (beside the {@code transport}
 * label). A small, fixed set, so the counters stay bounded whatever senders do.
 */
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
    /** A line, datagram or payload longer than the configured limit. */
    OVERSIZED,
    /** A transport frame that is not what the port or topic is configured for (bad header, not hex). */
    MALFORMED_FRAME,
    /** A frame whose length field disagrees with the octets that arrived. */
    WRONG_LENGTH,
    /** UPER that ends before the message does. */
    TRUNCATED,
    /** UPER that is not a valid encoding of the family's message (a value out of its constraint, a bad choice). */
    MALFORMED_UPER,
    /** A message type the platform does not take on this channel (e.g. a BSM on a SPAT port, an unknown topic). */
    UNKNOWN_MESSAGE_TYPE,
    /** A sender the device registry does not know (and the edge is not in open-demo mode). */
    UNKNOWN_SENDER,
    /** A known sender without valid credentials, or publishing where it may not (another device's topic). */
    UNAUTHORISED,
    /** A signed message whose signature does not verify, or whose signed envelope is malformed. */
    BAD_SIGNATURE,
    /** A signed message whose signer certificate is not registered. */
    UNKNOWN_SIGNER,
    /** A message the plausibility checks reject (position jump, impossible speed, replay, …). */
    IMPLAUSIBLE,
    /** A message from a sender quarantined for misbehaviour. */
    QUARANTINED,
    /**
     * The same octets again within the replay window through another path (one broadcast heard by two RSUs): not an
     * error, dropped so the twin sees it once, and counted.
     */
    DUPLICATE,
    /** The pipeline or a transport queue was full: dropped by the load-shedding policy. */
    SHED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
