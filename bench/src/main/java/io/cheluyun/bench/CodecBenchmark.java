package io.cheluyun.bench;

import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.asn1.per.BitWriter;
import io.cheluyun.asn1.per.DecodeException;
import io.cheluyun.codec.Family;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * UPER decode and encode of real messages through the generated codecs, one thread: messages per second per core.
 * The reader and writer are reused ({@code reset}), as an ingest loop does, so the numbers are the codec's own
 * cost plus the decoded value's allocation.
 *
 * <p>Messages (test vectors, see codec/src/test/resources/vectors/MANIFEST.md): a WYDOT field BSM with path history
 * (J2735, 190 octets), a CSAE 53-2017 RSU BSM (53 octets), the ODE SPaT (J2735, 59 octets) and a CSAE SPAT with
 * 8 phases (261 octets).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

    private static final String WYDOT_BSM = "001480B8544C4C950CCAA3A6E9610C9657A1C2253FDD78FFFFF005C05EFD7E07D07F7FFF8"
            + "0005F11D1020214C1C100073FC9EFC8031C0FFDEBF8E6F7E05600FFF33F4EAF440948100703F2A2F880F121007EBF2BAFA210"
            + "8C100CABF3D4FE812D0100C03F398FEC144C100B4BF4CF00A15C8100D4BF55D0321708100DE3FFA50D01A28100A84080B1361C"
            + "F8100B7407CD15A1F28100C9407F91742090100A1C0CCF1AC2388100C2412531D02478FFFE0000209340D10000004264BF00";
    private static final String CSAE_BSM = "002ca00000000000000004a399af1aa2561471dba23a7c000de7fe87e8401fffe02258708"
            + "0a68000000d61471ce135e355bc001000";
    private static final String J2735_SPAT = "001338000817a780000089680500204642b342b34802021a15a955a940181190acd0acd"
            + "20100868555c555c00104342aae2aae002821a155715570";
    private static final String CSAE_SPAT = "3660dfcbe28ec00807f80048200390925060000003c003c003c9c1800f000f001e0000"
            + "2306003c003c007800004649418000000f000f000f2706003c003c007800008c1800f000f001e00001492306000003980398039"
            + "894180e600e601cc0000270603980398073000005648c18000001e001e001e25060078007800f000009c1801e001e003c00001"
            + "8925060000003c003c003c9c1800f000f001e00002306003c003c007800006649418000000f000f000f2706003c003c0078000"
            + "08c1800f000f001e00001c92306000003980398039894180e600e601cc0000270603980398073000007648c18000001e001e00"
            + "1e25060078007800f000009c1801e001e003c000000";

    @Param({"j2735-bsm", "csae-bsm", "j2735-spat", "csae-spat"})
    String message;

    private Family family;
    private byte[] wire;
    private Object decoded;
    private final BitReader reader = new BitReader(new byte[0]);
    private final BitWriter writer = new BitWriter(512);

    @Setup
    public void setUp() throws DecodeException {
        String hex = switch (message) {
            case "j2735-bsm" -> WYDOT_BSM;
            case "csae-bsm" -> CSAE_BSM;
            case "j2735-spat" -> J2735_SPAT;
            case "csae-spat" -> CSAE_SPAT;
            default -> throw new IllegalArgumentException(message);
        };
        family = message.startsWith("j2735") ? Family.J2735_2016 : Family.CSAE53_2017;
        wire = HexFormat.of().parseHex(hex);
        decoded = family.decode(wire);
        if (!java.util.Arrays.equals(family.encode(decoded), wire)) {
            throw new IllegalStateException(message + " does not re-encode to its own bytes");
        }
    }

    @Benchmark
    public Object decode() throws DecodeException {
        reader.reset(wire, 0, wire.length);
        return family.decode(reader);
    }

    @Benchmark
    public int encode() {
        writer.reset();
        family.encode(writer, decoded);
        return writer.octetLength();
    }
}
