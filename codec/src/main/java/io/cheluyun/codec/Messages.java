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

    /** How input bytes are written. */
    public enum Encoding { AUTO, BINARY, HEX }

    /** How messages are packed. */
    public enum Framing { AUTO, NONE, CSAE_RSU }

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
                decodeFramed(bytes, framing, family, "line " + (k + 1), out);
            }
        } else {
            decodeFramed(input, framing, family, "input", out);
        }
        return out;
    }

    private static void decodeFramed(byte[] bytes, Framing framing, Family family, String where, List<Result> out) {
        Framing f = framing == Framing.AUTO ? (isCsaeRsuFrame(bytes) ? Framing.CSAE_RSU : Framing.NONE) : framing;
        if (f == Framing.CSAE_RSU) {
            csaeRsu(bytes, family, where, out);
        } else {
            backToBack(bytes, 0, bytes.length, family, where, out);
        }
    }

    /** Messages one after another, each ending on an octet boundary (a single padded message is the usual case). */
    private static void backToBack(byte[] bytes, int offset, int length, Family family, String where,
                                   List<Result> out) {
        BitReader r = new BitReader(bytes, offset, length);
        int n = 0;
        while (r.remainingBits() >= 8 || n == 0) {
            n++;
            String at = n == 1 && r.remainingBits() == 8L * length ? where : where + ", message " + n + " at octet "
                    + (r.bitPosition() / 8);
            try {
                int before = r.unknownExtensions();
                Object message = family.decode(r);
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
        if (b.length < 19) {
            return false;
        }
        for (int k = 0; k < 8; k++) {
            if (b[k] < 0x20 || b[k] > 0x7e) {
                return false;
            }
        }
        return 18 + le16(b, 16) == b.length || framingECount(b) > 0;
    }

    /** Framing E's message count when the lengths add up exactly, else 0. */
    private static int framingECount(byte[] b) {
        int count = b[16] & 0xff;
        int at = 17;
        for (int k = 0; k < count; k++) {
            if (at + 2 > b.length) {
                return 0;
            }
            at += 2 + le16(b, at);
        }
        return at == b.length ? count : 0;
    }

    private static void csaeRsu(byte[] b, Family family, String where, List<Result> out) {
        if (b.length < 19) {
            out.add(new Result(where, null, new DecodeException("CSAE RSU frame of " + b.length
                    + " octets is shorter than its 18-octet header", 0)));
            return;
        }
        String rsu = new String(b, 0, 8, StandardCharsets.US_ASCII).strip();
        if (18 + le16(b, 16) == b.length) {
            backToBack(b, 18, b.length - 18, family, where + " (RSU " + rsu + ")", out);
            return;
        }
        int count = framingECount(b);
        if (count == 0) {
            out.add(new Result(where, null, new DecodeException("CSAE RSU frame lengths do not add up to the "
                    + b.length + " octets received", 16 * 8)));
            return;
        }
        int at = 17;
        for (int k = 0; k < count; k++) {
            int len = le16(b, at);
            backToBack(b, at + 2, len, family, where + " (RSU " + rsu + ", message " + (k + 1) + " of " + count
                    + ")", out);
            at += 2 + len;
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
