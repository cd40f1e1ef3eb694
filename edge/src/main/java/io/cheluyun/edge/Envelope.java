package io.cheluyun.edge;

/**
 * Unwraps a message that may be secured (IEEE 1609.2): the payload inside, with the registered device that signed
 * it, or why not. The bare envelope ({@link #BARE}) takes every message as unsigned UPER.
 */
@FunctionalInterface
public interface Envelope {

    /** What unwrapping gave. */
    sealed interface Unwrapped {
    }

    /** The UPER payload; {@code signerId} is the registered device that signed it, null when unsigned. */
    record Payload(byte[] octets, String signerId) implements Unwrapped {
    }

    /** Not taken: {@code BAD_SIGNATURE}, {@code UNKNOWN_SIGNER}, or {@code UNAUTHORISED} (unsigned but required). */
    record Refused(InputProblem problem, String detail) implements Unwrapped {
    }

    Envelope BARE = (octets, channelDeviceId, nowMicros) -> new Payload(octets, null);

    /**
     * @param channelDeviceId the device the transport authenticated (checks {@code self}-signed messages); may be
     *                        null
     */
    Unwrapped unwrap(byte[] octets, String channelDeviceId, long nowMicros);
}
