package io.cheluyun.edge.security;

import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.Envelope;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.security.SignatureVerifier.Verification;

/**
 * The edge's {@link Envelope} for {@code edge.signing.policy: optional | required}: IEEE 1609.2 envelopes are verified
 * and unwrapped; anything else is taken as bare UPER and left to the gate's policy (which refuses unsigned input
 * when signatures are required).
 *
 * <p>Telling an envelope from bare UPER: an envelope starts {@code 03 80} or {@code 03 81} (protocol version 3,
 * unsecured or signed). A bare UPER message can start with those octets too (a CSAE MessageFrame's first bits are
 * a CHOICE index and a preamble), so a message that starts like an envelope but does not decode as one is taken as
 * bare UPER under {@code optional} (the UPER decoder then judges it; a sender could send bare UPER anyway) and
 * refused as {@code bad_signature} under {@code required}.
 *
 * <p>A {@code self}-signed message is checked against the certificates of the device the transport authenticated
 * (the channel); without one it is refused as {@code unknown_signer}.
 *
 * <p>Thread-safe (the verifier is).
 */
public final class SignedEnvelope implements Envelope {

    private final SignatureVerifier verifier;
    private final boolean required;

    /**
     * @param policy {@code OPTIONAL} or {@code REQUIRED} ({@code OFF} needs no envelope: use {@link Envelope#BARE})
     */
    public SignedEnvelope(SignatureVerifier verifier, EdgeConfig.SignaturePolicy policy) {
        if (policy == EdgeConfig.SignaturePolicy.OFF) {
            throw new IllegalArgumentException("edge.signing.policy off takes bare payloads: use Envelope.BARE");
        }
        this.verifier = verifier;
        this.required = policy == EdgeConfig.SignaturePolicy.REQUIRED;
    }

    /** Whether these octets start like an {@code Ieee1609Dot2Data} (version 3, unsecured or signed). */
    public static boolean looksSecured(byte[] octets) {
        return octets.length >= 3 && octets[0] == SecuredMessage.PROTOCOL_VERSION
                && (octets[1] == (byte) SecuredMessage.TAG_UNSECURED || octets[1] == (byte) SecuredMessage.TAG_SIGNED);
    }

    @Override
    public Unwrapped unwrap(byte[] octets, String channelDeviceId, long nowMicros) {
        if (!looksSecured(octets)) {
            return new Payload(octets, null);
        }
        Verification v = verifier.verify(octets, channelDeviceId, nowMicros);
        return switch (v) {
            case SignatureVerifier.Valid ok -> new Payload(ok.payload(), ok.deviceId());
            case SignatureVerifier.Unsigned u -> new Payload(u.payload(), null);
            case SignatureVerifier.MalformedMessage m -> required
                    ? new Refused(InputProblem.BAD_SIGNATURE, "malformed IEEE 1609.2 envelope: " + m.reason())
                    : new Payload(octets, null);
            case SignatureVerifier.BadSignature b -> new Refused(v.problem(), b.detail());
            case SignatureVerifier.UnknownSigner u -> new Refused(v.problem(), u.detail());
            case SignatureVerifier.TooOld t -> new Refused(v.problem(), "signed message too old: " + t.detail());
            case SignatureVerifier.NotYetValid n -> new Refused(v.problem(), "signed message from the future: "
                    + n.detail());
        };
    }
}
