package io.cheluyun.codec;

import java.util.List;

/**
 * The CSAE RSU forwarding frame seen from vendors' RSUs (the vector set's framings D and E), all little-endian:
 * 8-octet RSU id (often ASCII), 8-octet UTC milliseconds, then either a 2-octet length and one UPER MessageFrame
 * (D), or a 1-octet count and per message a 2-octet length and the frame (E). One parser for the capture reader
 * ({@link Messages}) and the UDP ingress.
 *
 * @param rsuId     the 8 id octets
 * @param utcMillis the header's time
 * @param messages  {offset, length} of each message in the frame
 */
public record CsaeRsuFrame(byte[] rsuId, long utcMillis, List<int[]> messages) {

    /** Header octets before framing D's message. */
    public static final int HEADER = 18;

    /** What parsing gave: a frame, or why not. */
    public sealed interface Parsed {
    }

    /** A well-formed frame. */
    public record Ok(CsaeRsuFrame frame) implements Parsed {
    }

    /**
     * Not a frame: {@code wrongLength} when the header is whole but the lengths add up neither as framing D nor as
     * framing E; otherwise too short for a header and a message.
     */
    public record Bad(boolean wrongLength, String detail) implements Parsed {
    }

    public static Parsed parse(byte[] b) {
        if (b.length < HEADER + 1) {
            return new Bad(false, "CSAE RSU frame of " + b.length + " octets is shorter than its " + HEADER
                    + "-octet header and a message");
        }
        byte[] id = java.util.Arrays.copyOfRange(b, 0, 8);
        long utc = 0;
        for (int k = 15; k >= 8; k--) {
            utc = utc << 8 | (b[k] & 0xff);
        }
        int length = le16(b, 16);
        if (HEADER + length == b.length) {
            return new Ok(new CsaeRsuFrame(id, utc, List.of(new int[] {HEADER, length})));
        }
        List<int[]> e = framingE(b);
        if (e == null) {
            return new Bad(true, "CSAE RSU frame says " + length + " octets follow its header but "
                    + (b.length - HEADER) + " did, and its lengths do not add up as a multi-message frame either");
        }
        return new Ok(new CsaeRsuFrame(id, utc, e));
    }

    /** Framing E's messages when the count and lengths add up exactly to the frame, else null. */
    private static List<int[]> framingE(byte[] b) {
        int count = b[16] & 0xff;
        if (count == 0) {
            return null;
        }
        List<int[]> out = new java.util.ArrayList<>(count);
        int at = 17;
        for (int k = 0; k < count; k++) {
            if (at + 2 > b.length) {
                return null;
            }
            int len = le16(b, at);
            if (at + 2 + len > b.length) {
                return null;
            }
            out.add(new int[] {at + 2, len});
            at += 2 + len;
        }
        return at == b.length ? out : null;
    }

    static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
