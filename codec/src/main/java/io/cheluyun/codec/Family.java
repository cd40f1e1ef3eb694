package io.cheluyun.codec;

import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.asn1.per.BitWriter;
import io.cheluyun.asn1.per.DecodeException;
import io.cheluyun.asn1.runtime.JerWriter;
import io.cheluyun.asn1.runtime.ValueWriter;
import io.cheluyun.asn1.runtime.XerWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A message family and schema vintage the platform speaks on the wire, with its top-level message: each RSU or
 * port is configured with one (CSAE 53-2017 and 2020 are wire-incompatible, so the vintage is part of the name).
 * Decoding takes one complete UPER message; the views turn a decoded message into JER (JSON) or XER (XML) text.
 */
public enum Family {

    /** SAE J2735 (2016-03): {@code MessageFrame} with an open type selected by messageId. */
    J2735_2016("j2735", "MessageFrame") {
        @Override
        public Object decode(BitReader r) throws DecodeException {
            return io.cheluyun.codec.j2735v2016.MessageFrame.decode(r);
        }

        @Override
        public void encode(BitWriter w, Object message) {
            io.cheluyun.codec.j2735v2016.MessageFrame.encode(w, (io.cheluyun.codec.j2735v2016.MessageFrame) message);
        }

        @Override
        public void write(ValueWriter out, Object message) {
            io.cheluyun.codec.j2735v2016.MessageFrame.write(out, (io.cheluyun.codec.j2735v2016.MessageFrame) message);
        }
    },

    /** T/CSAE 53-2017 (Day-1): {@code MessageFrame} is a CHOICE of bsmFrame, mapFrame, rsmFrame, spatFrame, rsiFrame. */
    CSAE53_2017("csae53-2017", "MessageFrame") {
        @Override
        public Object decode(BitReader r) throws DecodeException {
            return io.cheluyun.codec.csae2017.MessageFrame.decode(r);
        }

        @Override
        public void encode(BitWriter w, Object message) {
            io.cheluyun.codec.csae2017.MessageFrame.encode(w, (io.cheluyun.codec.csae2017.MessageFrame) message);
        }

        @Override
        public void write(ValueWriter out, Object message) {
            io.cheluyun.codec.csae2017.MessageFrame.write(out, (io.cheluyun.codec.csae2017.MessageFrame) message);
        }
    },

    /**
     * ETSI ITS (CAM EN 302 637-2 v1.4.1, DENM EN 302 637-3 v1.3.1, CDD TS 102 894-2 v1.3.1): no common frame; the
     * ItsPduHeader's messageID (second octet: 1 DENM, 2 CAM) says which PDU follows.
     */
    ETSI("etsi", "CAM|DENM") {
        @Override
        public Object decode(BitReader r) throws DecodeException {
            // CAM and DENM are both SEQUENCE { header ItsPduHeader, body } with no extension marker or optional
            // component, so the header decodes on its own and its messageID selects the body's type
            long at = r.bitPosition();
            io.cheluyun.codec.etsi.ItsPduHeader header = io.cheluyun.codec.etsi.ItsPduHeader.decode(r);
            return switch (header.messageID()) {
                case 1 -> new io.cheluyun.codec.etsi.DENM(header,
                        io.cheluyun.codec.etsi.DecentralizedEnvironmentalNotificationMessage.decode(r));
                case 2 -> new io.cheluyun.codec.etsi.CAM(header, io.cheluyun.codec.etsi.CoopAwareness.decode(r));
                default -> throw new DecodeException("ItsPduHeader messageID " + header.messageID()
                        + " is not a DENM (1) or CAM (2)", at + 8);
            };
        }

        @Override
        public void encode(BitWriter w, Object message) {
            switch (message) {
                case io.cheluyun.codec.etsi.CAM cam -> io.cheluyun.codec.etsi.CAM.encode(w, cam);
                case io.cheluyun.codec.etsi.DENM denm -> io.cheluyun.codec.etsi.DENM.encode(w, denm);
                default -> throw new IllegalArgumentException("not an ETSI CAM or DENM: " + message.getClass());
            }
        }

        @Override
        public void write(ValueWriter out, Object message) {
            switch (message) {
                case io.cheluyun.codec.etsi.CAM cam -> io.cheluyun.codec.etsi.CAM.write(out, cam);
                case io.cheluyun.codec.etsi.DENM denm -> io.cheluyun.codec.etsi.DENM.write(out, denm);
                default -> throw new IllegalArgumentException("not an ETSI CAM or DENM: " + message.getClass());
            }
        }

        @Override
        public String rootName(Object message) {
            return message.getClass().getSimpleName();
        }
    };

    private final String cliName;
    private final String topLevel;

    Family(String cliName, String topLevel) {
        this.cliName = cliName;
        this.topLevel = topLevel;
    }

    /** The name used on the command line and in configuration: {@code j2735}, {@code csae53-2017}, {@code etsi}. */
    public String cliName() {
        return cliName;
    }

    /** Decodes one top-level message from the reader's position. */
    public abstract Object decode(BitReader r) throws DecodeException;

    public abstract void encode(BitWriter w, Object message);

    /** Walks a decoded message for a text view. */
    public abstract void write(ValueWriter out, Object message);

    /** The XER document element for a message. */
    public String rootName(Object message) {
        return topLevel;
    }

    /** Decodes a complete message; bits left over beyond the final octet's padding are an error. */
    public Object decode(byte[] octets) throws DecodeException {
        BitReader r = new BitReader(octets);
        Object message = decode(r);
        if (r.remainingBits() >= 8) {
            throw new DecodeException((r.remainingBits() / 8) + " octet(s) left after the " + topLevel,
                    r.bitPosition());
        }
        return message;
    }

    public byte[] encode(Object message) {
        BitWriter w = new BitWriter();
        encode(w, message);
        return w.toByteArray();
    }

    public String toJson(Object message) {
        StringBuilder sb = new StringBuilder();
        write(new JerWriter(sb), message);
        return sb.toString();
    }

    public String toXer(Object message) {
        StringBuilder sb = new StringBuilder();
        XerWriter x = new XerWriter(sb).root(rootName(message));
        write(x, message);
        x.end();
        return sb.toString();
    }

    /** The family named {@code name} (its {@link #cliName()}; case-insensitive; {@code j2735-2016} also works). */
    public static Family byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Family f : values()) {
            if (f.cliName.equals(n) || f.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(n)) {
                return f;
            }
        }
        if (n.startsWith("csae53-2020")) {
            throw new IllegalArgumentException("family csae53-2020 (T/CSAE 53-2020 + Day-II) has no schema yet; "
                    + "supported: " + names());
        }
        throw new IllegalArgumentException("unknown family '" + name + "'; supported: " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Family::cliName).collect(Collectors.joining(", "));
    }
}
