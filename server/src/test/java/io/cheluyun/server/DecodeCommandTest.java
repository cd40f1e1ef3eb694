package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {

    /** The asn1_codec example BSM (usdot-jpo-ode/asn1_codec, Apache-2.0; codec test vectors MANIFEST.md). */
    static final String BSM_HEX = "001480ad562fa8400039e8e717090f9665fe1bacc37ffffffff0003bbafdfa1fa1007fff800000000"
            + "0020214c1c100417ffffffe824e100a3fffffffe8942102047ffffffe922a1026a40143ffe95d610423405d7ffea75610322c"
            + "0599ffeadfa10391c06b5ffeb7e6103cb40a03ffed2121033bc08adffed9a6102e8408e5ffede2e102bdc0885ffedf0a1000b"
            + "c019bfff7f321ffffc005dfffc55a1ffffffffffffdd1a100407fffffffe1a2fffe0000";

    @TempDir
    Path dir;

    static ReplayCommandTest.Run run(String... args) {
        return ReplayCommandTest.cli(args);
    }

    @Test
    void decodesRawBinaryToOneJsonLine() throws Exception {
        Path f = Files.write(dir.resolve("bsm.uper"), HexFormat.of().parseHex(BSM_HEX));
        ReplayCommandTest.Run r = run("decode", "--family", "j2735", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"messageId\":20,\"value\":{\"coreData\":{\"msgCnt\":88,\"id\":\"BEA10000\""));
    }

    @Test
    void decodesHexLinesAsXer() throws Exception {
        Path f = Files.writeString(dir.resolve("bsms.hex"), BSM_HEX + "\n\n" + BSM_HEX.toUpperCase() + "\n");
        ReplayCommandTest.Run r = run("decode", "--family", "j2735", "--format", "xer", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2)
                .allSatisfy(l -> assertThat(l).startsWith("<MessageFrame><messageId>20</messageId><value>"
                        + "<BasicSafetyMessage><coreData><msgCnt>88</msgCnt>"));
        assertThat(r.err()).contains("2 message(s), 2 decoded, 0 failed");
    }

    @Test
    void malformedMessagesGiveTheirPlaceAndBitOffsetAndExitNonZeroWithoutAStackTrace() throws Exception {
        String truncated = BSM_HEX.substring(0, 40);
        String wrongId = "0015" + BSM_HEX.substring(4); // messageId 21 (CommonSafetyRequest) with a BSM body
        Path f = Files.writeString(dir.resolve("bad.hex"), BSM_HEX + "\n" + truncated + "\nzz\n" + wrongId + "\n");
        ReplayCommandTest.Run r = run("decode", "--family", "j2735", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines()).hasSizeGreaterThanOrEqualTo(1);
        assertThat(r.err()).contains("line 2: ").contains("at bit ").contains("line 3: not hex")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void encodeTurnsDecodedJsonAndXerLinesBackIntoTheSameBytes() throws Exception {
        Path bin = Files.write(dir.resolve("bsm.uper"), HexFormat.of().parseHex(BSM_HEX));
        for (String format : new String[] {"json", "xer"}) {
            ReplayCommandTest.Run decoded = run("decode", "--family", "j2735", "--format", format, bin.toString());
            Path text = Files.writeString(dir.resolve("bsm." + format), decoded.out());
            ReplayCommandTest.Run encoded = run("encode", "--family", "j2735", "--type", "MessageFrame", "--format",
                    format, text.toString());
            assertThat(encoded.exit()).as(encoded.err()).isZero();
            assertThat(encoded.out().strip()).isEqualTo(BSM_HEX);
        }
    }

    @Test
    void encodeReportsWhereAJsonMessageIsWrong() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.json"),
                "{\"messageId\":20,\"value\":{\"coreData\":{\"msgCnt\":300}}}\n");
        ReplayCommandTest.Run r = run("encode", "--family", "j2735", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 1: /value/coreData: component id is required");
    }

    @Test
    void unknownFamilyAndFormatAreUsageErrorsNamingTheChoices() throws Exception {
        Path f = Files.write(dir.resolve("bsm.uper"), HexFormat.of().parseHex(BSM_HEX));
        ReplayCommandTest.Run family = run("decode", "--family", "dsrc", f.toString());
        assertThat(family.exit()).isEqualTo(1);
        assertThat(family.err()).contains("unknown family 'dsrc'").contains("j2735, j2735-2024, csae53-2017, csae53-2020, etsi");
        ReplayCommandTest.Run format = run("decode", "--family", "j2735", "--format", "yaml", f.toString());
        assertThat(format.err()).contains("--format must be json or xer");
    }
}
