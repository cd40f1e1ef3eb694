package io.cheluyun.edge.security;

import java.io.Serial;
import java.util.Arrays;

/**
 * The IEEE 1609.2 (2016/2022) {@code Ieee1609Dot2Data} envelope in canonical OER (COER, ITU-T X.696): the subset V2X
 * deployments put on the air, decoded without ever throwing and encoded canonically.
 *
 * <pre>
 * Ieee1609Dot2Data ::= SEQUENCE { protocolVersion Uint8(3), content Ieee1609Dot2Content }   -- no preamble
 * Ieee1609Dot2Content ::= CHOICE { unsecuredData Opaque (0x80), signedData SignedData (0x81),
 *                                  encryptedData (0x82), signedCertificateRequest (0x83), ... }
 * SignedData ::= SEQUENCE { hashId HashAlgorithm, tbsData ToBeSignedData, signer SignerIdentifier,
 *                           signature Signature }                                         -- no preamble
 * ToBeSignedData ::= SEQUENCE { payload SignedDataPayload, headerInfo HeaderInfo }         -- no preamble
 * SignedDataPayload ::= SEQUENCE { data Ieee1609Dot2Data OPTIONAL, extDataHash HashedData OPTIONAL, ... }
 *                                  -- preamble: extension bit, data, extDataHash, 5 zero padding bits
 * HeaderInfo ::= SEQUENCE { psid Psid, generationTime Time64 OPTIONAL, expiryTime Time64 OPTIONAL,
 *                           generationLocation ThreeDLocation OPTIONAL, p2pcdLearningRequest OPTIONAL,
 *                           missingCrlIdentifier OPTIONAL, encryptionKey OPTIONAL, ... }
 *                                  -- preamble: extension bit, 6 presence bits, 1 zero padding bit
 * SignerIdentifier ::= CHOICE { digest HashedId8 (0x80), certificate (0x81), self NULL (0x82), ... }
 * Signature ::= CHOICE { ecdsaNistP256Signature EcdsaP256Signature (0x80), ecdsaBrainpoolP256r1Signature (0x81),
 *                        ..., ecdsaBrainpoolP384r1Signature (0x82), ecdsaNistP384Signature (0x83),
 *                        sm2Signature EcsigP256Signature (0x84, an extension: open type) }
 * EcdsaP256Signature ::= SEQUENCE { rSig EccP256CurvePoint, sSig OCTET STRING (SIZE (32)) }
 * EccP256CurvePoint ::= CHOICE { x-only (0x80), fill NULL (0x81), compressed-y-0 (0x82), compressed-y-1 (0x83),
 *                                uncompressedP256 SEQUENCE { x, y } (0x84) }
 * EcsigP256Signature ::= SEQUENCE { rSig OCTET STRING (SIZE (32)), sSig OCTET STRING (SIZE (32)) }
 * </pre>
 *
 * <p>COER rules applied (X.696): a SEQUENCE's preamble holds the extension bit (when the type is extensible) then one
 * bit per OPTIONAL component, padded with zero bits to whole octets; a CHOICE is its tag octet {@code 0x80 | index}
 * (context class) and, for an extension addition, an open type (length + encoding); a length determinant is one
 * octet below 128, else {@code 0x80 | n} and n octets; {@code Psid ::= INTEGER (0..MAX)} is a length determinant and
 * the minimal unsigned octets; {@code Time64} is 8 octets; fixed-size OCTET STRINGs carry no length. Non-canonical
 * forms (long-form lengths below 128, leading zero octets, non-zero padding bits) are rejected: 1609.2 signs the
 * COER, so they cannot come from a conforming signer.
 *
 * <p>Outside the subset, and so {@link Malformed} with a reason saying "not supported": encrypted data, certificate
 * requests, a {@code certificate} signer, P-384 and Brainpool signatures, {@code extDataHash}, the HeaderInfo
 * components other than the three above, and extension additions of SignedDataPayload and HeaderInfo.
 *
 * <p>Stateless and thread-safe. Byte arrays in the results are fresh copies: bounded by the input, owned by the
 * caller.
 */
public final class SecuredMessage {

    /** {@code Ieee1609Dot2Data.protocolVersion}: 3 in 1609.2-2016 and -2022. */
    public static final int PROTOCOL_VERSION = 3;
    /** An absent {@code Time64} (generation or expiry time). */
    public static final long NO_TIME = Long.MIN_VALUE;
    /** PSID of the SAE J2735 basic safety message (IEEE 1609.12 allocation 0x20). */
    public static final long PSID_BSM = 0x20;
    /** PSID of the ETSI cooperative awareness basic service (ETSI TS 102 965: 36). */
    public static final long PSID_CAM = 36;
    /** PSID of the ETSI decentralized environmental notification basic service (ETSI TS 102 965: 37). */
    public static final long PSID_DENM = 37;
    /**
     * Largest PSID taken: four octets, above every value IEEE 1609.12 can allocate (its p-encoded PSIDs end at
     * 0xEFFFFFFF, which is the integer 270 549 119 = 0x1020407F).
     */
    public static final long MAX_PSID = 0xFFFF_FFFFL;

    static final int TAG_UNSECURED = 0x80;
    static final int TAG_SIGNED = 0x81;
    static final int TAG_SIGNER_DIGEST = 0x80;
    static final int TAG_SIGNER_SELF = 0x82;
    static final int TAG_ECDSA_P256 = 0x80;
    static final int TAG_SM2 = 0x84;
    static final int TAG_X_ONLY = 0x80;
    static final int ECC_P256_OCTETS = 32;

    private SecuredMessage() {
    }

    /**
     * The signed header ({@code HeaderInfo}) this subset carries.
     *
     * @param psid                 the application's PSID, 0..{@link #MAX_PSID}
     * @param generationTimeMicros when the message was signed, UTC epoch µs, or {@link #NO_TIME}
     * @param expiryTimeMicros     when it stops being valid, UTC epoch µs, or {@link #NO_TIME}
     * @param generationLocation   where it was signed, or null
     */
    public record HeaderInfo(long psid, long generationTimeMicros, long expiryTimeMicros,
                             ThreeDLocation generationLocation) {

        public HeaderInfo {
            if (psid < 0 || psid > MAX_PSID) {
                throw new IllegalArgumentException("psid must be 0.." + MAX_PSID + ", got " + psid);
            }
            checkTime("generationTimeMicros", generationTimeMicros);
            checkTime("expiryTimeMicros", expiryTimeMicros);
        }

        /** PSID and generation time, nothing else (what a BSM's security profile asks for). */
        public static HeaderInfo of(long psid, long generationTimeMicros) {
            return new HeaderInfo(psid, generationTimeMicros, NO_TIME, null);
        }

        public boolean hasGenerationTime() {
            return generationTimeMicros != NO_TIME;
        }

        public boolean hasExpiryTime() {
            return expiryTimeMicros != NO_TIME;
        }

        private static void checkTime(String name, long micros) {
            if (micros != NO_TIME && micros < Time64.EPOCH_2004_UTC_S * 1_000_000L) {
                throw new IllegalArgumentException(name + " must be on or after 2004-01-01 (the Time64 epoch) or "
                        + "NO_TIME, got " + micros);
            }
        }
    }

    /** Who signed: a certificate digest, or {@code self} (the key is known from context). */
    public sealed interface SignerId permits Digest, Self {
    }

    /** {@code SignerIdentifier.digest}: the HashedId8 of the signer's certificate. */
    public record Digest(HashedId8 id) implements SignerId {
    }

    /** {@code SignerIdentifier.self}: no identifier; the verifier knows the key from the channel. */
    public record Self() implements SignerId {
        public static final Self INSTANCE = new Self();
    }

    /**
     * A signature's values.
     *
     * @param algorithm which alternative carried it
     * @param r         32 octets: ECDSA, the x-coordinate of R from any {@code rSig} form; SM2, r
     * @param s         32 octets
     */
    public record SignatureValue(SigningAlgorithm algorithm, byte[] r, byte[] s) {
    }

    /** What decoding gave. */
    public sealed interface Parsed permits Unsecured, Signed, Malformed {
    }

    /** {@code unsecuredData}: the payload as sent, nothing to verify. */
    public record Unsecured(byte[] payload) implements Parsed {
    }

    /**
     * {@code signedData} whose {@code tbsData.payload.data} is an unsecured Data.
     *
     * @param payload   the application payload (the inner unsecuredData)
     * @param header    psid, times, location
     * @param signer    digest or self
     * @param signature the signature values
     * @param tbsOctets the COER of {@code tbsData} exactly as received: the signature's data input (1609.2 5.3.1)
     */
    public record Signed(byte[] payload, HeaderInfo header, SignerId signer, SignatureValue signature,
                         byte[] tbsOctets) implements Parsed {

        public long psid() {
            return header.psid();
        }

        /** UTC epoch µs, or {@link #NO_TIME}. */
        public long generationTimeMicros() {
            return header.generationTimeMicros();
        }
    }

    /** Not a Data of the supported subset; {@code reason} names the field and octet offset. */
    public record Malformed(String reason) implements Parsed {
    }

    public static Parsed decode(byte[] message) {
        return decode(message, 0, message.length);
    }

    /** Decodes exactly {@code length} octets at {@code offset}; trailing octets are malformed. Never throws. */
    public static Parsed decode(byte[] message, int offset, int length) {
        if (offset < 0 || length < 0 || offset > message.length - length) {
            return new Malformed("slice " + offset + "+" + length + " is outside the " + message.length
                    + " octets given");
        }
        Reader r = new Reader(message, offset, offset + length);
        try {
            Parsed parsed = data(r);
            if (r.p != r.end) {
                throw new Bad((r.end - r.p) + " trailing octets after the Ieee1609Dot2Data at octet "
                        + r.at());
            }
            return parsed;
        } catch (Bad e) {
            return new Malformed(e.getMessage());
        }
    }

    /** {@code 03 80 <length> payload}: an unsecured Data. */
    public static byte[] encodeUnsecured(byte[] payload) {
        Writer w = new Writer(payload.length + 8);
        w.put(PROTOCOL_VERSION);
        w.put(TAG_UNSECURED);
        w.length(payload.length);
        w.put(payload);
        return w.toArray();
    }

    private static Parsed data(Reader r) {
        int version = r.u8("protocolVersion");
        if (version != PROTOCOL_VERSION) {
            throw new Bad("protocolVersion " + version + " is not 3 at octet " + (r.at() - 1));
        }
        int tag = r.u8("content");
        return switch (tag) {
            case TAG_UNSECURED -> {
                int length = r.length("unsecuredData");
                yield new Unsecured(r.octets(length, "unsecuredData"));
            }
            case TAG_SIGNED -> signedData(r);
            case 0x82 -> throw new Bad("content encryptedData is not supported");
            case 0x83 -> throw new Bad("content signedCertificateRequest is not supported");
            default -> throw badTag("content", tag, r);
        };
    }

    private static Signed signedData(Reader r) {
        int hashId = r.u8("signedData.hashId");
        if (hashId != SigningAlgorithm.ECDSA_P256.hashId() && hashId != SigningAlgorithm.SM2.hashId()) {
            throw new Bad(hashId == 1 ? "hashId sha384 is not supported" : "hashId " + hashId + " is unknown");
        }
        int tbsStart = r.p;
        int preamble = r.u8("tbsData.payload preamble");
        if ((preamble & 0x1f) != 0) {
            throw new Bad("tbsData.payload preamble " + hex(preamble) + " has non-zero padding bits");
        }
        if ((preamble & 0x80) != 0) {
            throw new Bad("tbsData.payload extension additions are not supported");
        }
        if ((preamble & 0x20) != 0) {
            throw new Bad("tbsData.payload.extDataHash is not supported");
        }
        if ((preamble & 0x40) == 0) {
            throw new Bad("tbsData.payload.data is absent");
        }
        int version = r.u8("tbsData.payload.data.protocolVersion");
        if (version != PROTOCOL_VERSION) {
            throw new Bad("tbsData.payload.data.protocolVersion " + version + " is not 3");
        }
        int innerTag = r.u8("tbsData.payload.data.content");
        if (innerTag == TAG_SIGNED) {
            throw new Bad("nested signedData in tbsData.payload.data is not supported");
        }
        if (innerTag != TAG_UNSECURED) {
            throw badTag("tbsData.payload.data.content", innerTag, r);
        }
        byte[] payload = r.octets(r.length("tbsData.payload.data.unsecuredData"),
                "tbsData.payload.data.unsecuredData");
        HeaderInfo header = headerInfo(r);
        byte[] tbs = Arrays.copyOfRange(r.b, tbsStart, r.p);
        SignerId signer = signer(r);
        SignatureValue signature = signature(r);
        if (signature.algorithm().hashId() != hashId) {
            throw new Bad("hashId " + hashId + " does not go with a " + signature.algorithm() + " signature (which "
                    + "uses " + signature.algorithm().hashName() + ")");
        }
        return new Signed(payload, header, signer, signature, tbs);
    }

    private static HeaderInfo headerInfo(Reader r) {
        int preamble = r.u8("headerInfo preamble");
        if ((preamble & 0x01) != 0) {
            throw new Bad("headerInfo preamble " + hex(preamble) + " has a non-zero padding bit");
        }
        if ((preamble & 0x80) != 0) {
            throw new Bad("headerInfo extension additions are not supported");
        }
        if ((preamble & 0x08) != 0) {
            throw new Bad("headerInfo.p2pcdLearningRequest is not supported");
        }
        if ((preamble & 0x04) != 0) {
            throw new Bad("headerInfo.missingCrlIdentifier is not supported");
        }
        if ((preamble & 0x02) != 0) {
            throw new Bad("headerInfo.encryptionKey is not supported");
        }
        int psidLength = r.length("headerInfo.psid");
        if (psidLength < 1 || psidLength > 4) {
            throw new Bad("headerInfo.psid of " + psidLength + " octets (1..4 supported)");
        }
        if (psidLength > 1 && r.peek("headerInfo.psid") == 0) {
            throw new Bad("headerInfo.psid has a leading zero octet (not canonical)");
        }
        long psid = r.unsigned(psidLength, "headerInfo.psid");
        long generation = (preamble & 0x40) != 0 ? time(r, "headerInfo.generationTime") : NO_TIME;
        long expiry = (preamble & 0x20) != 0 ? time(r, "headerInfo.expiryTime") : NO_TIME;
        ThreeDLocation location = null;
        if ((preamble & 0x10) != 0) {
            int lat = (int) r.unsigned(4, "headerInfo.generationLocation.latitude");
            int lon = (int) r.unsigned(4, "headerInfo.generationLocation.longitude");
            int elevation = (int) r.unsigned(2, "headerInfo.generationLocation.elevation");
            if (lat < -900_000_000 || lat > ThreeDLocation.LATITUDE_UNAVAILABLE) {
                throw new Bad("headerInfo.generationLocation.latitude " + lat + " is out of range");
            }
            if (lon < -1_799_999_999 || lon > ThreeDLocation.LONGITUDE_UNAVAILABLE) {
                throw new Bad("headerInfo.generationLocation.longitude " + lon + " is out of range");
            }
            location = new ThreeDLocation(lat, lon, elevation);
        }
        return new HeaderInfo(psid, generation, expiry, location);
    }

    private static long time(Reader r, String field) {
        long t = r.unsigned(8, field);
        if (t < 0 || t > Time64.MAX) {
            throw new Bad(field + " " + Long.toUnsignedString(t) + " is beyond the representable range");
        }
        return Time64.toUtcMicros(t);
    }

    private static SignerId signer(Reader r) {
        int tag = r.u8("signer");
        return switch (tag) {
            case TAG_SIGNER_DIGEST -> {
                r.need(HashedId8.OCTETS, "signer.digest");
                HashedId8 id = HashedId8.fromOctets(r.b, r.p);
                r.p += HashedId8.OCTETS;
                yield new Digest(id);
            }
            case 0x81 -> throw new Bad("signer.certificate is not supported (register the certificate and sign "
                    + "with digest)");
            case TAG_SIGNER_SELF -> Self.INSTANCE;
            default -> throw badTag("signer", tag, r);
        };
    }

    private static SignatureValue signature(Reader r) {
        int tag = r.u8("signature");
        switch (tag) {
            case TAG_ECDSA_P256 -> {
                int point = r.u8("signature.rSig");
                byte[] x = switch (point) {
                    case TAG_X_ONLY, 0x82, 0x83 -> r.octets(ECC_P256_OCTETS, "signature.rSig");
                    case 0x84 -> {
                        byte[] rx = r.octets(ECC_P256_OCTETS, "signature.rSig.x");
                        r.octets(ECC_P256_OCTETS, "signature.rSig.y"); // y is not needed to verify
                        yield rx;
                    }
                    case 0x81 -> throw new Bad("signature.rSig is fill (NULL), which no signature carries");
                    default -> throw badTag("signature.rSig", point, r);
                };
                return new SignatureValue(SigningAlgorithm.ECDSA_P256, x,
                        r.octets(ECC_P256_OCTETS, "signature.sSig"));
            }
            case TAG_SM2 -> {
                int length = r.length("signature.sm2Signature");
                if (length != 2 * ECC_P256_OCTETS) {
                    throw new Bad("signature.sm2Signature open type of " + length + " octets is not 64");
                }
                return new SignatureValue(SigningAlgorithm.SM2, r.octets(ECC_P256_OCTETS, "signature.rSig"),
                        r.octets(ECC_P256_OCTETS, "signature.sSig"));
            }
            case 0x81 -> throw new Bad("signature ecdsaBrainpoolP256r1Signature is not supported");
            case 0x82 -> throw new Bad("signature ecdsaBrainpoolP384r1Signature is not supported");
            case 0x83 -> throw new Bad("signature ecdsaNistP384Signature is not supported");
            default -> throw badTag("signature", tag, r);
        }
    }

    private static Bad badTag(String field, int tag, Reader r) {
        String where = " at octet " + (r.at() - 1);
        if ((tag & 0xc0) != 0x80) {
            return new Bad(field + " tag " + hex(tag) + " is not a context-specific CHOICE tag" + where);
        }
        return new Bad(field + " alternative " + (tag & 0x3f) + " is unknown or not supported" + where);
    }

    private static String hex(int octet) {
        return String.format("0x%02x", octet);
    }

    // ---------------------------------------------------------------------------------------------- encoding

    /** The COER of {@code ToBeSignedData}: payload (data = unsecured Data) and headerInfo. */
    static byte[] encodeTbs(byte[] payload, HeaderInfo header) {
        Writer w = new Writer(payload.length + 48);
        w.put(0x40); // SignedDataPayload preamble: no extensions, data present, extDataHash absent
        w.put(PROTOCOL_VERSION);
        w.put(TAG_UNSECURED);
        w.length(payload.length);
        w.put(payload);
        w.put((header.hasGenerationTime() ? 0x40 : 0) | (header.hasExpiryTime() ? 0x20 : 0)
                | (header.generationLocation() != null ? 0x10 : 0));
        long psid = header.psid();
        int octets = Math.max(1, (64 - Long.numberOfLeadingZeros(psid) + 7) / 8);
        w.length(octets);
        w.unsigned(psid, octets);
        if (header.hasGenerationTime()) {
            w.unsigned(Time64.fromUtcMicros(header.generationTimeMicros()), 8);
        }
        if (header.hasExpiryTime()) {
            w.unsigned(Time64.fromUtcMicros(header.expiryTimeMicros()), 8);
        }
        ThreeDLocation l = header.generationLocation();
        if (l != null) {
            w.unsigned(l.latitude1e7(), 4);
            w.unsigned(l.longitude1e7(), 4);
            w.unsigned(l.elevationRaw(), 2);
        }
        return w.toArray();
    }

    /** The whole signed Data around an encoded {@code tbsData}; r and s are 32 octets each. */
    static byte[] encodeSigned(SigningAlgorithm algorithm, byte[] tbs, SignerId signer, byte[] r, byte[] s) {
        Writer w = new Writer(tbs.length + 84);
        w.put(PROTOCOL_VERSION);
        w.put(TAG_SIGNED);
        w.put(algorithm.hashId());
        w.put(tbs);
        switch (signer) {
            case Digest d -> {
                w.put(TAG_SIGNER_DIGEST);
                w.put(d.id().toOctets());
            }
            case Self self -> w.put(TAG_SIGNER_SELF);
        }
        switch (algorithm) {
            case ECDSA_P256 -> {
                w.put(TAG_ECDSA_P256);
                w.put(TAG_X_ONLY);
            }
            case SM2 -> {
                w.put(TAG_SM2);
                w.length(2 * ECC_P256_OCTETS); // extension addition: open type
            }
        }
        w.put(r);
        w.put(s);
        return w.toArray();
    }

    /** Thrown inside the decoder only, caught by {@link #decode}: the message is the Malformed reason. */
    private static final class Bad extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Bad(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Bounds-checked reads; every read states the field for the reason. */
    private static final class Reader {
        final byte[] b;
        final int start;
        final int end;
        int p;

        Reader(byte[] b, int start, int end) {
            this.b = b;
            this.start = start;
            this.end = end;
            this.p = start;
        }

        int at() {
            return p - start;
        }

        void need(int n, String field) {
            if (n > end - p) {
                throw new Bad(field + " needs " + n + " octets at octet " + at() + " but " + (end - p) + " remain");
            }
        }

        int u8(String field) {
            need(1, field);
            return b[p++] & 0xff;
        }

        int peek(String field) {
            need(1, field);
            return b[p] & 0xff;
        }

        /** n ≤ 8 octets, big-endian, as an unsigned value in a long (callers range-check 8-octet values). */
        long unsigned(int n, String field) {
            need(n, field);
            long v = 0;
            for (int k = 0; k < n; k++) {
                v = v << 8 | (b[p++] & 0xff);
            }
            return v;
        }

        /** A COER length determinant (X.696 8.6), canonical, at most what remains. */
        int length(String field) {
            int first = u8(field + " length");
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int n = first & 0x7f;
                if (n == 0 || n > 4) {
                    throw new Bad(field + " length determinant " + hex(first) + " at octet " + (at() - 1)
                            + " is not supported (1..4 length octets)");
                }
                need(n, field + " length");
                if (b[p] == 0) {
                    throw new Bad(field + " length has a leading zero octet (not canonical) at octet " + at());
                }
                long v = unsigned(n, field + " length");
                if (v < 0x80) {
                    throw new Bad(field + " length " + v + " in long form (not canonical)");
                }
                length = (int) Math.min(v, Integer.MAX_VALUE);
            }
            if (length > end - p) {
                throw new Bad(field + " of " + length + " octets at octet " + at() + " runs past the end ("
                        + (end - p) + " remain)");
            }
            return length;
        }

        byte[] octets(int n, String field) {
            need(n, field);
            byte[] out = Arrays.copyOfRange(b, p, p + n);
            p += n;
            return out;
        }
    }

    /** A growable output buffer; the encodings are a few hundred octets. */
    private static final class Writer {
        private byte[] buf;
        private int n;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        void put(int octet) {
            ensure(1);
            buf[n++] = (byte) octet;
        }

        void put(byte[] octets) {
            ensure(octets.length);
            System.arraycopy(octets, 0, buf, n, octets.length);
            n += octets.length;
        }

        void unsigned(long value, int octets) {
            ensure(octets);
            for (int k = octets - 1; k >= 0; k--) {
                buf[n++] = (byte) (value >>> (8 * k));
            }
        }

        /** Canonical length determinant: short form below 128, else 0x80|n and the minimal n octets. */
        void length(int length) {
            if (length < 0x80) {
                put(length);
                return;
            }
            int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            put(0x80 | octets);
            unsigned(length, octets);
        }

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, n);
        }
    }
}
