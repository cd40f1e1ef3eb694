package io.cheluyun.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.asn1.per.BitWriter;
import io.cheluyun.asn1.per.DecodeException;
import io.cheluyun.asn1.runtime.JerWriter;
import io.cheluyun.asn1.runtime.TextValueException;
import io.cheluyun.asn1.runtime.ValueReader;
import io.cheluyun.asn1.runtime.ValueWriter;
import io.cheluyun.asn1.runtime.XerReader;
import io.cheluyun.asn1.runtime.XerWriter;
import io.cheluyun.codec.csae2017.MessageFrame;
import io.cheluyun.codec.etsi.CAM;
import io.cheluyun.codec.etsi.CollectivePerceptionMessage;
import io.cheluyun.codec.etsi.CoopAwareness;
import io.cheluyun.codec.etsi.DENM;
import io.cheluyun.codec.etsi.DecentralizedEnvironmentalNotificationMessage;
import io.cheluyun.codec.etsi.ItsPduHeader;
import io.cheluyun.codec.etsi.MAPEM;
import io.cheluyun.codec.etsi.SPATEM;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * A message family and schema vintage the platform speaks on the wire, with its top-level message: each RSU or
 * port is configured with one (CSAE 53-2017 and 2020 are wire-incompatible, so the vintage is part of the name).
 * Decoding takes UPER; the views turn a message into JER (JSON) or XER (XML) text and back.
 */
public enum Family {

    /** SAE J2735 (2016-03): {@code MessageFrame} with an open type selected by messageId. */
    J2735_2016("j2735", List.of(new Codec<>(io.cheluyun.codec.j2735v2016.MessageFrame.class,
            io.cheluyun.codec.j2735v2016.MessageFrame::decode, io.cheluyun.codec.j2735v2016.MessageFrame::encode,
            io.cheluyun.codec.j2735v2016.MessageFrame::write, io.cheluyun.codec.j2735v2016.MessageFrame::read))),

    /** SAE J2735 (2024): the 2016 set split into modules, with SDSM and the 2020/2024 extension additions. */
    J2735_2024("j2735-2024", List.of(new Codec<>(io.cheluyun.codec.j2735v2024.MessageFrame.class,
            io.cheluyun.codec.j2735v2024.MessageFrame::decode, io.cheluyun.codec.j2735v2024.MessageFrame::encode,
            io.cheluyun.codec.j2735v2024.MessageFrame::write, io.cheluyun.codec.j2735v2024.MessageFrame::read))),

    /** T/CSAE 53-2017 (Day-1): {@code MessageFrame}, a CHOICE of bsmFrame, mapFrame, rsmFrame, spatFrame, rsiFrame. */
    CSAE53_2017("csae53-2017", List.of(new Codec<>(MessageFrame.class, MessageFrame::decode, MessageFrame::encode,
            MessageFrame::write, MessageFrame::read))),

    /**
     * T/CSAE 53-2020 Day-1 with the Day-II messages of T/CSAE 157-2020 (SSM, RSC, VIR, PAM, PSM, RTCM) behind the
     * {@code msgFrameExt} alternative. The Day-II layouts are reconstructed from implementations, not the standard's
     * text (docs/codec.md).
     */
    CSAE53_2020("csae53-2020", List.of(new Codec<>(io.cheluyun.codec.csae2020.MessageFrame.class,
            io.cheluyun.codec.csae2020.MessageFrame::decode, io.cheluyun.codec.csae2020.MessageFrame::encode,
            io.cheluyun.codec.csae2020.MessageFrame::write, io.cheluyun.codec.csae2020.MessageFrame::read))),

    /**
     * ETSI ITS (CAM EN 302 637-2 v1.4.1, DENM EN 302 637-3 v1.3.1, CDD TS 102 894-2 v1.3.1, SPATEM/MAPEM TS 103 301
     * with ISO TS 19091 DSRC, CPM TS 103 324 v2.1.1): no common frame; the ItsPduHeader's messageID (1 DENM, 2 CAM,
     * 4 SPATEM, 5 MAPEM, 14 CPM) says which PDU follows.
     */
    ETSI("etsi", List.of(new Codec<>(CAM.class, CAM::decode, CAM::encode, CAM::write, CAM::read),
            new Codec<>(DENM.class, DENM::decode, DENM::encode, DENM::write, DENM::read),
            new Codec<>(SPATEM.class, SPATEM::decode, SPATEM::encode, SPATEM::write, SPATEM::read),
            new Codec<>(MAPEM.class, MAPEM::decode, MAPEM::encode, MAPEM::write, MAPEM::read),
            new Codec<>(CollectivePerceptionMessage.class, CollectivePerceptionMessage::decode,
                    CollectivePerceptionMessage::encode, CollectivePerceptionMessage::write,
                    CollectivePerceptionMessage::read)));

    /** ETSI ItsPduHeader messageID → the PDU's type name (TS 102 894-2 A.114). */
    private static final Map<Long, String> ETSI_MESSAGE_IDS = Map.of(1L, "DENM", 2L, "CAM", 4L, "SPATEM", 5L, "MAPEM",
            14L, "CollectivePerceptionMessage");

    private final String cliName;
    /** The top-level types: one for a family with a common frame; ETSI's PDUs otherwise, CAM first. */
    private final List<Codec<?>> codecs;

    Family(String cliName, List<Codec<?>> codecs) {
        this.cliName = cliName;
        this.codecs = codecs;
    }

    /** The generated static methods of one top-level type. */
    private record Codec<T>(Class<T> type, Decoder<T> decoder, Encoder<T> encoder, Writer<T> writer,
                            Reader<T> reader) {
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode(BitReader r) throws DecodeException;
    }

    @FunctionalInterface
    private interface Encoder<T> {
        void encode(BitWriter w, T value);
    }

    @FunctionalInterface
    private interface Writer<T> {
        void write(ValueWriter out, T value);
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ValueReader in);
    }

    /** The name used on the command line and in configuration: {@code j2735}, {@code csae53-2017}, {@code etsi}. */
    public String cliName() {
        return cliName;
    }

    /** Decodes one top-level message from the reader's position. */
    public Object decode(BitReader r) throws DecodeException {
        if (this != ETSI) {
            return codecs.getFirst().decoder().decode(r);
        }
        // CAM and DENM are both SEQUENCE { header ItsPduHeader, body } without extension marker or optional
        // component, so the header decodes on its own and its messageID selects the body's type
        long at = r.bitPosition();
        ItsPduHeader header = ItsPduHeader.decode(r);
        return switch (header.messageID()) {
            case 1 -> new DENM(header, DecentralizedEnvironmentalNotificationMessage.decode(r));
            case 2 -> new CAM(header, CoopAwareness.decode(r));
            case 4 -> new SPATEM(header, io.cheluyun.codec.etsi.SPAT.decode(r));
            case 5 -> new MAPEM(header, io.cheluyun.codec.etsi.MapData.decode(r));
            case 14 -> new CollectivePerceptionMessage( // CDD v2 header, same wire layout
                    new io.cheluyun.codec.etsi.ETSIITSCDDItsPduHeader(header.protocolVersion(), header.messageID(),
                            header.stationID()), io.cheluyun.codec.etsi.CpmPayload.decode(r));
            default -> throw new DecodeException("ItsPduHeader messageID " + header.messageID() + " is none of "
                    + ETSI_MESSAGE_IDS, at + 8);
        };
    }

    public void encode(BitWriter w, Object message) {
        Codec<?> c = codecOf(message);
        if (c == null) {
            throw new IllegalArgumentException("a " + message.getClass().getName() + " is not a " + cliName
                    + " message");
        }
        encodeWith(c, w, message);
    }

    /** Walks a decoded message (or a value of any other type of the family) for a text view. */
    public void write(ValueWriter out, Object message) {
        Codec<?> c = codecOf(message);
        if (c != null) {
            writeWith(c, out, message);
        } else {
            writeAny(out, message);
        }
    }

    /** The top-level type {@code message} is, or null. */
    private Codec<?> codecOf(Object message) {
        for (Codec<?> c : codecs) {
            if (c.type().isInstance(message)) {
                return c;
            }
        }
        return null;
    }

    /** The names of this family's top-level types (what {@code encode --type} accepts). */
    public List<String> topLevelTypes() {
        return codecs.stream().map(c -> c.type().getSimpleName()).toList();
    }

    /** A value of any other generated type of this family (a bare message decoded with {@link #decodeAs}). */
    private void writeAny(ValueWriter out, Object value) {
        Class<?> type = value.getClass();
        if (!type.getPackageName().equals(javaPackage())) {
            throw new IllegalArgumentException("a " + type.getName() + " is not a " + cliName + " value");
        }
        try {
            java.lang.invoke.MethodHandles.publicLookup().findStatic(type, "write",
                    java.lang.invoke.MethodType.methodType(void.class, ValueWriter.class, type)).invoke(out, value);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("no text view for " + type.getName(), e);
        }
    }

    private static <T> void encodeWith(Codec<T> c, BitWriter w, Object message) {
        c.encoder().encode(w, c.type().cast(message));
    }

    private static <T> void writeWith(Codec<T> c, ValueWriter out, Object message) {
        c.writer().write(out, c.type().cast(message));
    }

    /**
     * Reads a message back from a text view: the family's frame, or for ETSI the PDU named by {@code rootName}
     * (XER's document element) or else by the header's messageID.
     */
    public Object read(ValueReader in, String rootName) {
        if (this != ETSI) {
            return codecs.getFirst().reader().read(in);
        }
        String kind = rootName;
        if (kind == null) {
            ValueReader header = in.field("header");
            ValueReader id = header == null ? null
                    : header.field("messageID") != null ? header.field("messageID") : header.field("messageId");
            kind = id == null ? null : ETSI_MESSAGE_IDS.get(id.integer());
        }
        for (Codec<?> c : codecs) {
            if (c.type().getSimpleName().equals(kind)) {
                return c.reader().read(in);
            }
        }
        throw in.error("an ETSI message is one of " + ETSI_MESSAGE_IDS + " (by header.messageID)");
    }

    /**
     * Decodes a value of any type of this family's schema by its ASN.1 name (e.g. a bare {@code BasicSafetyMessage}
     * without MessageFrame). Looked up once per call through method handles: for tools, not for the ingest path.
     */
    public Object decodeAs(String asn1Type, byte[] octets) throws DecodeException {
        if (asn1Type == null || asn1Type.equals(rootName(null))) {
            return decode(octets);
        }
        try {
            Class<?> type = Class.forName(javaPackage() + "." + asn1Type.replace("-", ""));
            java.lang.invoke.MethodHandle decode = java.lang.invoke.MethodHandles.publicLookup().findStatic(type,
                    "decode", java.lang.invoke.MethodType.methodType(type, BitReader.class));
            return decode.invoke(new BitReader(octets));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException(cliName + " has no type " + asn1Type);
        } catch (DecodeException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private String javaPackage() {
        return codecs.getFirst().type().getPackageName();
    }

    /** The XER document element for a message. */
    public String rootName(Object message) {
        if (message == null) {
            return codecs.getFirst().type().getSimpleName();
        }
        Codec<?> c = codecOf(message); // a CHOICE frame's value is an alternative record: name the frame type
        return c != null ? c.type().getSimpleName() : message.getClass().getSimpleName();
    }

    /** Decodes a complete message; octets left over after it are an error. */
    public Object decode(byte[] octets) throws DecodeException {
        BitReader r = new BitReader(octets);
        Object message = decode(r);
        if (r.remainingBits() >= 8) {
            throw new DecodeException((r.remainingBits() / 8) + " octet(s) left after the message", r.bitPosition());
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

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message from its JSON (JER) text; a wrong shape or value is a {@link TextValueException} saying where. */
    public Object fromJson(String json) {
        try {
            return read(new JerReader(JSON.readTree(json), ""), null);
        } catch (JsonProcessingException e) {
            throw new TextValueException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** A message from its XER text. */
    public Object fromXer(String xer) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            Element root = f.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xer.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            return read(new XerReader(root), root.getTagName());
        } catch (TextValueException e) {
            throw e;
        } catch (Exception e) {
            throw new TextValueException("not XER: " + e.getMessage());
        }
    }

    /** The family named {@code name} (its {@link #cliName()}; case-insensitive; {@code j2735-2016} also works). */
    public static Family byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Family f : values()) {
            if (f.cliName.equals(n) || f.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown family '" + name + "'; supported: " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Family::cliName).collect(Collectors.joining(", "));
    }
}
