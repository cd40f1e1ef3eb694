package io.cheluyun.codec;

import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.asn1.per.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Cuts captured input into messages and decodes them: raw UPER (one message, or several back to back, each padded
 * to an octet), hex text (one message per line), and the CSAE RSU forwarding frames seen in the field (framing D:
 * 8-byte ASCII RSU id, 8-byte little-endian UTC milliseconds, 2-byte little-endian length, UPER MessageFrame; framing
 * E: the same header, then a 1-byte message count and per message a 2-byte little-endian length and the frame).
 */
public final class Messages {

    private Messages() {
    }

    /** What to decode: the family's top-level message, or the named type of it ({@code type} non-null). */
    private record Target(Family family, String type) {
    }

    /** How input bytes are written. */
    public enum Encoding { AUTO, BINARY, HEX }

    /**
     * How messages are packed: {@code NONE} bare UPER; {@code CSAE_RSU} the CSAE RSU forwarding frame;
     * {@code WYDOT_LOG} the Wyoming CV pilot OBU/RSU logs (26-byte little-endian record header, then an IEEE
     * 1609.2 Data, optionally behind an IEEE 1609.3 WSMP header with a 0x0A after the record);
     * {@code GEONET} an ETSI GeoNetworking packet (basic header, optional 1609.2/TS 103 097 security, common
     * header, single-hop broadcast header, BTP-B header, then the CAM or DENM).
     */
    public enum Framing { AUTO, NONE, CSAE_RSU, WYDOT_LOG, GEONET }

    /**
     * One decoded message, or why it could not be: {@code where} says which ("line 3", "message 2 at octet 40");
     * {@code unknownExtensions}: parts from a newer schema version that were skipped or kept undecoded.
     */
    public record Result(String where, Object message, DecodeException error, int unknownExtensions) {
        Result(String where, Object message, DecodeException error) {
            this(where, message, error, 0);
        }

        public boolean ok() {
            return error == null;
        }
    }

    public static List<Result> decodeAll(byte[] input, Encoding encoding, Framing framing, Family family) {
        return decodeAll(input, encoding, framing, family, null);
    }

    /**
     * As {@link #decodeAll(byte[], Encoding, Framing, Family)}, the messages being of the named ASN.1 type of the
     * family (null: its top-level message). A bare type is one message per input: no back-to-back splitting.
     */
    public static List<Result> decodeAll(byte[] input, Encoding encoding, Framing framing, Family family,
                                         String asn1Type) {
        Target target = new Target(family, asn1Type == null || asn1Type.equals(family.rootName(null))
                ? null : asn1Type);
        List<Result> out = new ArrayList<>();
        Encoding e = encoding == Encoding.AUTO ? (looksLikeHex(input) ? Encoding.HEX : Encoding.BINARY) : encoding;
        if (e == Encoding.HEX) {
            String[] lines = new String(input, StandardCharsets.US_ASCII).split("\n", -1);
            for (int k = 0; k < lines.length; k++) {
                String line = lines[k].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = HexFormat.of().parseHex(line.replace(" ", ""));
                } catch (IllegalArgumentException ex) {
                    out.add(new Result("line " + (k + 1), null,
                            new DecodeException("not hex: " + ex.getMessage(), 0)));
                    continue;
                }
                decodeFramed(bytes, framing, target, "line " + (k + 1), out);
            }
        } else {
            decodeFramed(input, framing, target, "input", out);
        }
        return out;
    }

    private static void decodeFramed(byte[] bytes, Framing framing, Target family, String where, List<Result> out) {
        Framing f = framing == Framing.AUTO ? detect(bytes, family.family()) : framing;
        switch (f) {
            case CSAE_RSU -> csaeRsu(bytes, family, where, out);
            case WYDOT_LOG -> wydotLog(bytes, family, where, out);
            case GEONET -> {
                try {
                    int[] at = geoNetworkingPayload(bytes);
                    backToBack(bytes, at[0], at[1], family, where + " (GeoNetworking payload at octet " + at[0] + ")",
                            out);
                } catch (DecodeException e) {
                    out.add(new Result(where, null, e));
                }
            }
            default -> backToBack(bytes, 0, bytes.length, family, where, out);
        }
    }

    /** The framing these octets most plausibly use, given the family (each framing belongs to one family). */
    static Framing detect(byte[] b, Family family) {
        if (family == Family.CSAE53_2017 && isCsaeRsuFrame(b)) {
            return Framing.CSAE_RSU;
        }
        if (family == Family.J2735_2016 && b.length > 28 && b[26] == 0x03 && (b[27] == (byte) 0x80 || b[27] == (byte) 0x81 || b[27] == 0x00)
                && 26 + le16(b, 24) <= b.length) {
            return Framing.WYDOT_LOG;
        }
        if (family == Family.ETSI && b.length > 12 && (b[0] & 0xf0) == 0x10 && (b[0] & 0x0f) <= 2 && b[1] == 0) {
            return Framing.GEONET;
        }
        return Framing.NONE;
    }

    /**
     * Framing A/B of the vector set: records of a 26-byte little-endian header (direction, position, speed,
     * heading, UTC seconds and milliseconds, verification status, then the payload length) and the payload; a
     * payload that starts with a WSMP header is followed by one 0x0A octet.
     */
    private static void wydotLog(byte[] b, Target family, String where, List<Result> out) {
        int at = 0;
        int n = 0;
        while (at < b.length) {
            n++;
            String rec = where + ", record " + n + " at octet " + at;
            if (at + 26 > b.length) {
                out.add(new Result(rec, null, new DecodeException("log record header cut short: " + (b.length - at)
                        + " of 26 octets", 8L * at)));
                return;
            }
            int len = le16(b, at + 24);
            int payload = at + 26;
            if (payload + len > b.length) {
                out.add(new Result(rec, null, new DecodeException("log record of " + len + " octets runs past the "
                        + "end of the input", 8L * (at + 24))));
                return;
            }
            int next = payload + len;
            try {
                int p = payload;
                if (b[p] == 0x03 && b[p + 1] == 0x00) { // IEEE 1609.3 WSMP: version 3, PSID, WSM length
                    p = skipWsmp(b, p, next);
                    if (next < b.length && b[next] == 0x0A) {
                        next++;
                    }
                }
                int[] data = ieee1609Payload(b, p, payload + len);
                backToBack(b, data[0], data[1], family, rec, out);
            } catch (DecodeException e) {
                out.add(new Result(rec, null, e));
            }
            at = next;
        }
    }

    /** Skips an IEEE 1609.3 WSMP header: 0x03 0x00, a p-encoded PSID, a 1- or 2-octet WSM length. */
    private static int skipWsmp(byte[] b, int p, int end) throws DecodeException {
        p += 2;
        int first = b[p] & 0xff;
        int psidLength = first < 0x80 ? 1 : first < 0xc0 ? 2 : first < 0xe0 ? 3 : 4;
        p += psidLength;
        if (p >= end) {
            throw new DecodeException("WSMP header cut short", 8L * p);
        }
        p += (b[p] & 0x80) == 0 ? 1 : 2;
        return p;
    }

    /**
     * {offset, length} of the application payload of an IEEE 1609.2 Data in canonical OER: unsecured
     * {@code 03 80 <length> payload}, or signed {@code 03 81 00 40 03 80 <length> payload ...} (the signed data's
     * tbsData.payload.data, itself an unsecured Data).
     */
    static int[] ieee1609Payload(byte[] b, int p, int end) throws DecodeException {
        if (p + 3 > end || b[p] != 0x03) {
            throw new DecodeException("not an IEEE 1609.2 Data (protocol version 3)", 8L * p);
        }
        if (b[p + 1] == (byte) 0x81) { // signedData: hashId(1), tbsData.payload.data = Ieee1609Dot2Data
            if (p + 7 > end || b[p + 2] != 0x00 || b[p + 3] != 0x40) {
                throw new DecodeException("IEEE 1609.2 signed data without an embedded unsecured payload", 8L * p);
            }
            p += 4;
            if (b[p] != 0x03) {
                throw new DecodeException("not an IEEE 1609.2 Data inside the signed data", 8L * p);
            }
        }
        if (b[p + 1] != (byte) 0x80) {
            throw new DecodeException("IEEE 1609.2 content type " + (b[p + 1] & 0xff) + " is not unsecuredData",
                    8L * (p + 1));
        }
        p += 2;
        int length = b[p] & 0xff;
        p++;
        if (length >= 0x80) { // OER length: 0x8N then N length octets
            int octets = length & 0x7f;
            if (octets == 0 || octets > 3 || p + octets > end) {
                throw new DecodeException("bad OER length determinant", 8L * (p - 1));
            }
            length = 0;
            for (int k = 0; k < octets; k++) {
                length = length << 8 | (b[p++] & 0xff);
            }
        }
        if (p + length > end) {
            throw new DecodeException("IEEE 1609.2 payload of " + length + " octets runs past its record", 8L * p);
        }
        return new int[] {p, length};
    }

    /**
     * {offset, length} of the CAM/DENM in a GeoNetworking packet (EN 302 636-4-1): basic header (4; next header 1
     * common, 2 secured), the 1609.2/TS 103 097 envelope if secured, the common header (8; header type 5 =
     * single-hop broadcast, whose extended header is 28 octets), then the 4-octet BTP-B header.
     */
    static int[] geoNetworkingPayload(byte[] b) throws DecodeException {
        int nextHeader = b[0] & 0x0f;
        int p = 4;
        int end = b.length;
        if (nextHeader == 2) {
            int[] secured = ieee1609Payload(b, p, end);
            p = secured[0];
            end = secured[0] + secured[1];
        } else if (nextHeader != 1) {
            throw new DecodeException("GeoNetworking basic header next header " + nextHeader + " is not 1 or 2", 4);
        }
        if (p + 8 > end) {
            throw new DecodeException("GeoNetworking common header cut short", 8L * p);
        }
        int headerType = (b[p + 1] & 0xf0) >>> 4;
        int payloadLength = (b[p + 4] & 0xff) << 8 | (b[p + 5] & 0xff);
        if (headerType != 5) {
            throw new DecodeException("GeoNetworking header type " + headerType
                    + " is not supported (only single-hop broadcast, 5)", 8L * (p + 1));
        }
        p += 8 + 28; // common + SHB extended header
        if (p + payloadLength > end || payloadLength < 4) {
            throw new DecodeException("GeoNetworking payload of " + payloadLength + " octets does not fit", 8L * p);
        }
        return new int[] {p + 4, payloadLength - 4}; // after BTP-B (destination port, destination port info)
    }

    /** Messages one after another, each ending on an octet boundary (a single padded message is the usual case). */
    private static void backToBack(byte[] bytes, int offset, int length, Target family, String where,
                                   List<Result> out) {
        if (family.type() != null) { // a bare type: one value, the whole slice
            try {
                byte[] slice = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
                out.add(new Result(where, family.family().decodeAs(family.type(), slice), null));
            } catch (DecodeException ex) {
                out.add(new Result(where, null, ex));
            }
            return;
        }
        BitReader r = new BitReader(bytes, offset, length);
        int n = 0;
        while (r.remainingBits() >= 8 || n == 0) {
            n++;
            String at = n == 1 && r.remainingBits() == 8L * length ? where : where + ", message " + n + " at octet "
                    + (r.bitPosition() / 8);
            try {
                int before = r.unknownExtensions();
                Object message = family.family().decode(r);
                out.add(new Result(at, message, null, r.unknownExtensions() - before));
                long pad = (8 - r.bitPosition() % 8) % 8;
                r.skipBits(Math.min(pad, r.remainingBits()));
            } catch (DecodeException ex) {
                out.add(new Result(at, null, ex));
                return; // without a length prefix there is no way to find the next message
            }
        }
    }

    static boolean isCsaeRsuFrame(byte[] b) {
        if (b.length < CsaeRsuFrame.HEADER + 1) {
            return false;
        }
        for (int k = 0; k < 8; k++) {
            if (b[k] < 0x20 || b[k] > 0x7e) {
                return false;
            }
        }
        return CsaeRsuFrame.parse(b) instanceof CsaeRsuFrame.Ok;
    }

    private static void csaeRsu(byte[] b, Target family, String where, List<Result> out) {
        switch (CsaeRsuFrame.parse(b)) {
            case CsaeRsuFrame.Bad bad -> out.add(new Result(where, null, new DecodeException(bad.detail(),
                    bad.wrongLength() ? 16 * 8 : 0)));
            case CsaeRsuFrame.Ok ok -> {
                String rsu = new String(ok.frame().rsuId(), StandardCharsets.US_ASCII).strip();
                List<int[]> messages = ok.frame().messages();
                for (int k = 0; k < messages.size(); k++) {
                    int[] m = messages.get(k);
                    backToBack(b, m[0], m[1], family, where + " (RSU " + rsu + (messages.size() == 1 ? ""
                            : ", message " + (k + 1) + " of " + messages.size()) + ")", out);
                }
            }
        }
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    /** Text (printable ASCII lines) whose first line is hex digits: a bad later line is reported, not misread. */
    static boolean looksLikeHex(byte[] input) {
        for (byte c : input) {
            if ((c < 0x20 || c > 0x7e) && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
        }
        String text = new String(input, StandardCharsets.US_ASCII);
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .map(l -> l.chars().allMatch(c -> c == ' ' || Character.digit(c, 16) >= 0)).orElse(false);
    }
}
