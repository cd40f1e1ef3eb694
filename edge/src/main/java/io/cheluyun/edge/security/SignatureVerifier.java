package io.cheluyun.edge.security;

import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.security.SecuredMessage.Digest;
import io.cheluyun.edge.security.SecuredMessage.Malformed;
import io.cheluyun.edge.security.SecuredMessage.Parsed;
import io.cheluyun.edge.security.SecuredMessage.Self;
import io.cheluyun.edge.security.SecuredMessage.Signed;
import io.cheluyun.edge.security.SecuredMessage.Unsecured;
import java.util.List;

/**
 * Verifies IEEE 1609.2 signed messages against the {@link TrustStore}: decode, find the signer's certificate,
 * check the header times, check the signature (5.3.1). Every outcome is a {@link Verification} value; nothing throws
 * on hostile input.
 *
 * <p>Order: the time checks run before the signature check because they are cheap and a flood of stale or
 * future-dated messages should not cost ~150 µs of curve arithmetic each; a forged message with a plausible time
 * still reaches the signature check and fails there.
 *
 * <p>Thread-safe (no mutable state beyond the thread-safe trust store).
 */
public final class SignatureVerifier {

    /** A value meaning "no clock given": the time checks are skipped. */
    public static final long NO_NOW = Long.MIN_VALUE;

    /**
     * The {@code edge.signing} section.
     *
     * @param maxAgeMs        a message whose generationTime is older than this at arrival is {@code TOO_OLD}
     *                        (0: no age check). Default 30 000: 1609.2 leaves the relevance window to each
     *                        application's security profile; a Day-1 warning uses states under a second old, and
     *                        30 s still tolerates RSU store-and-forward and a device clock a few seconds off
     *                        while bounding how long a captured message can be replayed
     * @param maxFutureMs     a generationTime more than this ahead of the platform clock is {@code NOT_YET_VALID}
     *                        (0: no check). Default 2 000: network delay only makes messages look older, so the
     *                        margin covers clock error alone; GNSS-timed OBUs and RSUs are within milliseconds and
     *                        an NTP-synchronised server within ~100 ms
     * @param maxCertificates trust store capacity. Default 100 000: a city's RSUs and registered OBUs with room
     *                        for rollover, at ~2 kB per certificate and cached key (~200 MB at the cap)
     */
    public record Config(long maxAgeMs, long maxFutureMs, int maxCertificates) {

        public static Config defaults() {
            return new Config(30_000, 2_000, 100_000);
        }

        /** Checks every key; the exception names the bad one. */
        public Config conclude() {
            if (maxAgeMs < 0) {
                throw new IllegalArgumentException("edge.signing.maxAgeMs must be ≥ 0 (0: off), got " + maxAgeMs);
            }
            if (maxFutureMs < 0) {
                throw new IllegalArgumentException("edge.signing.maxFutureMs must be ≥ 0 (0: off), got "
                        + maxFutureMs);
            }
            if (maxCertificates < 1) {
                throw new IllegalArgumentException("edge.signing.maxCertificates must be ≥ 1, got "
                        + maxCertificates);
            }
            return this;
        }
    }

    /** The outcome kinds, for counters. */
    public enum Status { UNSIGNED, VALID, BAD_SIGNATURE, UNKNOWN_SIGNER, MALFORMED, TOO_OLD, NOT_YET_VALID }

    /** What verification gave. */
    public sealed interface Verification permits Unsigned, Valid, BadSignature, UnknownSigner, MalformedMessage,
            TooOld, NotYetValid {

        Status status();

        /**
         * The edge's rejection reason, null when the payload may be taken: bad signature and malformed envelope →
         * {@code BAD_SIGNATURE}; unknown or not-currently-valid certificate → {@code UNKNOWN_SIGNER}; too old or
         * from the future → {@code IMPLAUSIBLE} (a replay, or a broken clock).
         */
        default InputProblem problem() {
            return switch (status()) {
                case UNSIGNED, VALID -> null;
                case BAD_SIGNATURE, MALFORMED -> InputProblem.BAD_SIGNATURE;
                case UNKNOWN_SIGNER -> InputProblem.UNKNOWN_SIGNER;
                case TOO_OLD, NOT_YET_VALID -> InputProblem.IMPLAUSIBLE;
            };
        }
    }

    /** An {@code unsecuredData} envelope: the payload, nobody vouches for it. */
    public record Unsigned(byte[] payload) implements Verification {
        @Override
        public Status status() {
            return Status.UNSIGNED;
        }
    }

    /**
     * Signed by a registered certificate of {@code deviceId}, and the signature holds.
     *
     * @param header psid, generation time (UTC epoch µs or {@link SecuredMessage#NO_TIME}), expiry, location
     */
    public record Valid(byte[] payload, String deviceId, SecuredMessage.HeaderInfo header,
                        HashedId8 certificate) implements Verification {
        @Override
        public Status status() {
            return Status.VALID;
        }
    }

    /** The signature does not verify with the signer's key (tampered, wrong key, or mismatched algorithm). */
    public record BadSignature(String detail) implements Verification {
        @Override
        public Status status() {
            return Status.BAD_SIGNATURE;
        }
    }

    /** No registered certificate for the signer, or the registered one is outside its validity period. */
    public record UnknownSigner(String detail) implements Verification {
        @Override
        public Status status() {
            return Status.UNKNOWN_SIGNER;
        }
    }

    /** Not a decodable envelope of the supported subset. */
    public record MalformedMessage(String reason) implements Verification {
        @Override
        public Status status() {
            return Status.MALFORMED;
        }
    }

    /** Generated longer ago than {@code maxAgeMs}, or past its expiryTime. */
    public record TooOld(String detail) implements Verification {
        @Override
        public Status status() {
            return Status.TOO_OLD;
        }
    }

    /** Generated further ahead of the platform clock than {@code maxFutureMs}. */
    public record NotYetValid(String detail) implements Verification {
        @Override
        public Status status() {
            return Status.NOT_YET_VALID;
        }
    }

    private final TrustStore trust;
    private final long maxAgeMicros;
    private final long maxFutureMicros;

    public SignatureVerifier(TrustStore trust, Config config) {
        config.conclude();
        this.trust = trust;
        this.maxAgeMicros = config.maxAgeMs() * 1000;
        this.maxFutureMicros = config.maxFutureMs() * 1000;
    }

    /** A verifier with its own trust store of {@code config.maxCertificates()}. */
    public static SignatureVerifier create(Config config) {
        return new SignatureVerifier(new TrustStore(config.conclude().maxCertificates()), config);
    }

    public TrustStore trustStore() {
        return trust;
    }

    /** Verifies a message whose signer is a certificate digest ({@code self} signers are {@code UNKNOWN_SIGNER}). */
    public Verification verify(byte[] message, long nowMicros) {
        return verify(SecuredMessage.decode(message), null, nowMicros);
    }

    /**
     * Verifies a message.
     *
     * @param channelDeviceId the device the channel authenticated (mTLS certificate CN, MQTT login), whose
     *                        registered certificates check a {@code self}-signed message; null: none. A
     *                        {@code digest}-signed message names its own signer, which may differ from this: the
     *                        caller compares {@link Valid#deviceId()} with it if it must
     * @param nowMicros       the platform clock, UTC epoch µs, for the time and certificate-validity checks;
     *                        {@link #NO_NOW}: skip them
     */
    public Verification verify(byte[] message, String channelDeviceId, long nowMicros) {
        return verify(SecuredMessage.decode(message), channelDeviceId, nowMicros);
    }

    /** As {@link #verify(byte[], String, long)} on an already decoded message. */
    public Verification verify(Parsed parsed, String channelDeviceId, long nowMicros) {
        return switch (parsed) {
            case Malformed m -> new MalformedMessage(m.reason());
            case Unsecured u -> new Unsigned(u.payload());
            case Signed s -> signed(s, channelDeviceId, nowMicros);
        };
    }

    private Verification signed(Signed s, String channelDeviceId, long nowMicros) {
        Verification stale = times(s.header(), nowMicros);
        if (stale != null) {
            return stale;
        }
        return switch (s.signer()) {
            case Digest d -> {
                TrustStore.Entry e = trust.entry(d.id());
                if (e == null) {
                    yield new UnknownSigner("no registered certificate has HashedId8 " + d.id());
                }
                yield check(s, e, e.certificateHash(), nowMicros);
            }
            case Self self -> {
                List<TrustStore.Entry> entries = channelDeviceId == null ? List.of() : trust.entries(channelDeviceId);
                if (entries.isEmpty()) {
                    yield new UnknownSigner("self-signed message and " + (channelDeviceId == null
                            ? "no authenticated channel device" : "no certificate registered for device "
                            + channelDeviceId));
                }
                Verification last = null;
                for (TrustStore.Entry e : entries) { // ≤ MAX_PER_DEVICE: the device's current and rollover keys
                    last = check(s, e, SignatureInput.certificateHash(e.signer().algorithm(), null), nowMicros);
                    if (last instanceof Valid) {
                        break;
                    }
                }
                yield last;
            }
        };
    }

    private Verification times(SecuredMessage.HeaderInfo h, long now) {
        if (now == NO_NOW) {
            return null;
        }
        if (h.hasExpiryTime() && now > h.expiryTimeMicros()) {
            return new TooOld("expired " + (now - h.expiryTimeMicros()) / 1000 + " ms ago (expiryTime)");
        }
        if (!h.hasGenerationTime()) {
            return null;
        }
        long age = now - h.generationTimeMicros();
        if (maxAgeMicros > 0 && age > maxAgeMicros) {
            return new TooOld("generated " + age / 1000 + " ms ago, more than edge.signing.maxAgeMs "
                    + maxAgeMicros / 1000);
        }
        if (maxFutureMicros > 0 && -age > maxFutureMicros) {
            return new NotYetValid("generated " + -age / 1000 + " ms in the future, more than "
                    + "edge.signing.maxFutureMs " + maxFutureMicros / 1000);
        }
        return null;
    }

    private static Verification check(Signed s, TrustStore.Entry e, byte[] certificateHash, long now) {
        TrustStore.TrustedSigner signer = e.signer();
        if (now != NO_NOW && (now < e.notBeforeMicros() || now > e.notAfterMicros())) {
            return new UnknownSigner("certificate " + signer.id() + " of device " + signer.deviceId()
                    + " is not valid now (valid " + signer.certificate().getNotBefore().toInstant() + " to "
                    + signer.certificate().getNotAfter().toInstant() + ")");
        }
        SigningAlgorithm algorithm = s.signature().algorithm();
        if (algorithm != signer.algorithm()) {
            return new BadSignature(algorithm + " signature but certificate " + signer.id() + " of device "
                    + signer.deviceId() + " holds a " + signer.algorithm() + " key");
        }
        byte[] message = SignatureInput.message(algorithm, s.tbsOctets(), certificateHash);
        boolean ok = switch (algorithm) {
            case ECDSA_P256 -> SignatureInput.verifyEcdsa(e.key(), message, s.signature().r(), s.signature().s());
            case SM2 -> SignatureInput.verifySm2(e.key(), message, s.signature().r(), s.signature().s());
        };
        if (!ok) {
            return new BadSignature("signature does not verify with certificate " + signer.id() + " of device "
                    + signer.deviceId());
        }
        return new Valid(s.payload(), signer.deviceId(), s.header(), signer.id());
    }
}
