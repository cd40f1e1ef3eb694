package io.cheluyun.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.asn1.per.BitReader;
import io.cheluyun.asn1.per.BitWriter;
import io.cheluyun.asn1.per.DecodeException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test against an independent UPER codec: OTP's asn1 application (Debian packages {@code erlang-base}
 * and {@code erlang-asn1}) compiles the same schema folders with the {@code uper} option, makes random valid values
 * of each top-level type and encodes them ({@code src/test/erlang/oracle.escript}). For every value:
 * <ol>
 *   <li>Erlang's decode of its own bytes re-encodes to the same bytes (the oracle is sane on it);</li>
 *   <li>our generated decoder decodes Erlang's bytes, reads them to the end, and our encoder re-encodes them to
 *       exactly Erlang's bytes;</li>
 *   <li>Erlang decodes our re-encoding and re-encodes it to the same bytes (the reverse direction).</li>
 * </ol>
 * The values are reproducible: the escript seeds {@code rand} from {@link #SEED}, and each failure names the family,
 * type, seed, index and the hex of both sides. Skipped, with the reason, where {@code escript} is not on the PATH.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ErlangOracleTest {

    /**
     * The seed of the escript's random values: fixed, so a failure reproduces; {@code -Derlang.oracle.seed=N}
     * explores others, and {@code -Derlang.oracle.scale=K} multiplies every type's number of values.
     */
    private static final int SEED = Integer.getInteger("erlang.oracle.seed", 20_160_301);
    private static final int SCALE = Integer.getInteger("erlang.oracle.scale", 1);

    private static final long COMPILE_TIMEOUT_SECONDS = 150;
    private static final long RUN_TIMEOUT_SECONDS = 90;

    /**
     * A schema folder under {@code src/main/asn1} that the escript compiles once into its own build directory, and
     * the literal rewrites ({@code FROM=TO}) made in the oracle's copy of it.
     *
     * <p>J2735's rewrite works around a bug of OTP's asn1 (seen in asn1 5.0.21, OTP 25): a range constraint on a
     * reference to a constrained INTEGER, {@code ITIScodes(523..541)} with {@code ITIScodes ::= INTEGER (0..65535)},
     * is encoded with the referenced type's range (16 bits) instead of the effective range of the serially applied
     * PER-visible constraints (X.691 9.3, 13.2.2 and 11.5: 523..541, 5 bits), and its value generator makes values
     * above 541. {@code INTEGER(523..541)} has the same values and, by X.691, the same encoding, so the oracle is no
     * weaker for it.
     */
    enum Schema {
        ETSI("etsi"),
        CSAE2017("csae53-2017"),
        CSAE2020("csae53-2020"),
        J2735V2016("j2735-2016", "ITIScodes(523..541)=INTEGER(523..541)"),
        // OTP 25 also reads "SEQUENCE (SIZE(1..8), ...) OF" as unconstrained; X.691 makes it the same encoding as
        // "SEQUENCE (SIZE(1..8, ...)) OF" (an extension bit and a 3-bit count), which OTP gets right
        J2735V2024("j2735-2024", "ITIScodes(523..541)=INTEGER(523..541)",
                "SEQUENCE (SIZE(1..8), ...) OF=SEQUENCE (SIZE(1..8, ...)) OF");

        final String folder;
        final List<String> rewrites;

        Schema(String folder, String... rewrites) {
            this.folder = folder;
            this.rewrites = List.of(rewrites);
        }
    }

    @FunctionalInterface
    interface Decoder<T> {
        T decode(BitReader r) throws DecodeException;
    }

    @FunctionalInterface
    interface Encoder<T> {
        void encode(BitWriter w, T v);
    }

    /** One top-level type of a family, the number of random values it gets, and our generated codec for it. */
    record Target<T>(Schema schema, String type, int count, Decoder<T> decoder, Encoder<T> encoder) {
        @Override
        public String toString() {
            return schema + " " + type + " x" + count;
        }
    }

    static Stream<Target<?>> targets() {
        return Stream.of(
                new Target<>(Schema.ETSI, "CAM", 1000 * SCALE,
                        io.cheluyun.codec.etsi.CAM::decode, io.cheluyun.codec.etsi.CAM::encode),
                new Target<>(Schema.ETSI, "DENM", 1000 * SCALE,
                        io.cheluyun.codec.etsi.DENM::decode, io.cheluyun.codec.etsi.DENM::encode),
                new Target<>(Schema.ETSI, "SPATEM", 300 * SCALE,
                        io.cheluyun.codec.etsi.SPATEM::decode, io.cheluyun.codec.etsi.SPATEM::encode),
                new Target<>(Schema.ETSI, "MAPEM", 300 * SCALE,
                        io.cheluyun.codec.etsi.MAPEM::decode, io.cheluyun.codec.etsi.MAPEM::encode),
                new Target<>(Schema.CSAE2017, "MessageFrame", 600 * SCALE,
                        io.cheluyun.codec.csae2017.MessageFrame::decode,
                        io.cheluyun.codec.csae2017.MessageFrame::encode),
                new Target<>(Schema.CSAE2020, "MessageFrame", 600 * SCALE,
                        io.cheluyun.codec.csae2020.MessageFrame::decode,
                        io.cheluyun.codec.csae2020.MessageFrame::encode),
                new Target<>(Schema.J2735V2024, "MessageFrame", 1000 * SCALE,
                        io.cheluyun.codec.j2735v2024.MessageFrame::decode,
                        io.cheluyun.codec.j2735v2024.MessageFrame::encode),
                // 31 message types behind one open type: twice the values
                new Target<>(Schema.J2735V2016, "MessageFrame", 2000 * SCALE,
                        io.cheluyun.codec.j2735v2016.MessageFrame::decode,
                        io.cheluyun.codec.j2735v2016.MessageFrame::encode));
    }

    @TempDir
    static Path work;

    private static Path escript;
    private static Path oracleScript;
    private static Path moduleDir;
    private static final Map<Schema, Process> COMPILES = new EnumMap<>(Schema.class);

    private static final String NO_ERLANG = "Erlang is not installed (no escript or erl on the PATH): install the"
            + " Debian packages erlang-base and erlang-asn1 to run this UPER differential test against OTP's asn1";

    /** Starts the three schema compiles at once (J2735's takes the longest); each test waits for its own. */
    @BeforeAll
    static void startCompiles() throws IOException {
        escript = onPath("erl") != null ? onPath("escript") : null;
        if (escript == null) {
            return; // each test is skipped, with the reason (an assumption failing here would hide it in Surefire)
        }
        moduleDir = moduleDir();
        oracleScript = moduleDir.resolve("src/test/erlang/oracle.escript");
        assertThat(oracleScript).isRegularFile();
        for (Schema s : Schema.values()) {
            Path schemaDir = moduleDir.resolve("src/main/asn1").resolve(s.folder);
            assertThat(schemaDir).isDirectory();
            List<String> args = new ArrayList<>(List.of("compile", schemaDir.toString(), build(s).toString()));
            args.addAll(s.rewrites);
            COMPILES.put(s, start(log(s, "compile"), args.toArray(String[]::new)));
        }
    }

    @AfterAll
    static void stopCompiles() {
        COMPILES.values().forEach(ErlangOracleTest::kill);
    }

    /** The escript and whatever it started (erl's runtime may run as a child of the launcher). */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void ourCodecAndErlangsAgreeOnRandomValues(Target<?> target) throws Exception {
        Assumptions.assumeTrue(escript != null, NO_ERLANG);
        check(target);
    }

    private static <T> void check(Target<T> t) throws Exception {
        Schema s = t.schema();
        finish(COMPILES.get(s), log(s, "compile"), COMPILE_TIMEOUT_SECONDS, "compiling " + s.folder + " with [uper]");

        // Erlang: random values, their UPER bytes, and Erlang's own decode + re-encode of them
        Path generated = work.resolve(s + "-" + t.type() + ".gen.txt");
        run(log(s, t.type() + "-gen"), "generating " + t,
                "gen", build(s).toString(), t.type(), Integer.toString(t.count()), Integer.toString(SEED),
                generated.toString());
        List<String> lines = nonBlank(generated);
        assertThat(lines).as("values Erlang generated for %s", t).hasSize(t.count());

        // per failing value: Erlang's hex and what went wrong
        Map<Integer, Failure> failures = new TreeMap<>();
        List<Integer> oursIndex = new ArrayList<>();
        List<String> oursHex = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] cols = lines.get(i).split(" ", 2);
            String erlangHex = cols[0];
            String erlangRe = cols.length > 1 ? cols[1] : "";
            int index = i;
            Supplier<Failure> failure = () -> failures.computeIfAbsent(index, k -> new Failure(k, erlangHex));
            if (!erlangRe.equals(erlangHex)) {
                failure.get().add("Erlang's own decode+re-encode gave: " + erlangRe);
                continue;
            }
            byte[] wire = HexFormat.of().parseHex(erlangHex);
            T value;
            BitReader r = new BitReader(wire);
            try {
                value = t.decoder().decode(r);
            } catch (DecodeException | RuntimeException e) {
                failure.get().add("our decoder threw: " + e);
                continue;
            }
            if (r.remainingBits() >= 8) {
                failure.get().add("our decoder left " + r.remainingBits() + " of " + 8L * wire.length
                        + " bits unread");
            }
            String hex;
            try {
                BitWriter w = new BitWriter();
                t.encoder().encode(w, value);
                hex = HexFormat.of().withUpperCase().formatHex(w.toByteArray());
            } catch (RuntimeException e) {
                failure.get().add("our encoder threw on our decode: " + e + "\n  decoded: " + shorten(value));
                continue;
            }
            if (!hex.equals(erlangHex)) {
                failure.get().add("ours:   " + hex + "\n  decoded: " + shorten(value));
            }
            oursIndex.add(i);
            oursHex.add(hex);
        }

        // Reverse direction: Erlang decodes our re-encodings and re-encodes them to the same bytes
        if (!oursHex.isEmpty()) {
            Path ours = work.resolve(s + "-" + t.type() + ".ours.txt");
            Path checked = work.resolve(s + "-" + t.type() + ".checked.txt");
            Files.write(ours, oursHex, StandardCharsets.US_ASCII);
            run(log(s, t.type() + "-check"), "checking our encodings of " + t,
                    "check", build(s).toString(), t.type(), ours.toString(), checked.toString());
            List<String> verdicts = nonBlank(checked);
            assertThat(verdicts).as("Erlang's verdicts on our encodings of %s", t).hasSize(oursHex.size());
            for (int k = 0; k < verdicts.size(); k++) {
                String verdict = verdicts.get(k);
                String hex = oursHex.get(k);
                if (!verdict.equals("ok " + hex)) {
                    int index = oursIndex.get(k);
                    failures.computeIfAbsent(index, i -> new Failure(i, nonBlankLine(lines, i)))
                            .add("Erlang on our encoding " + hex + ": " + verdict);
                }
            }
        }

        // the shortest failing values first: they are the easiest to read
        List<Failure> shown = failures.values().stream()
                .sorted(Comparator.comparingInt((Failure f) -> f.erlangHex().length()).thenComparingInt(Failure::index))
                .limit(12).toList();
        assertThat(failures)
                .withFailMessage(() -> failures.size() + " of " + lines.size() + " random " + t.type() + " values of "
                        + s.folder + " disagree with Erlang's UPER codec (seed " + SEED + "; decode one with: escript "
                        + oracleScript + " show BUILD_DIR " + t.type() + " HEX, BUILD_DIR made by its compile mode);"
                        + " the shortest " + shown.size() + ":\n"
                        + shown.stream().map(f -> f.describe(t)).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    /** What went wrong with one random value, after the hex Erlang encoded it to. */
    record Failure(int index, String erlangHex, List<String> what) {
        Failure(int index, String erlangHex) {
            this(index, erlangHex, new ArrayList<>());
        }

        void add(String problem) {
            what.add(problem);
        }

        String describe(Target<?> t) {
            return t.schema().folder + " " + t.type() + " value #" + index + " (seed " + SEED + ")\n  erlang: "
                    + erlangHex + what.stream().map(w -> "\n  " + w).collect(Collectors.joining());
        }
    }

    private static String nonBlankLine(List<String> lines, int index) {
        return lines.get(index).split(" ", 2)[0];
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 3000 ? text : text.substring(0, 3000) + "...";
    }

    // ---- processes ------------------------------------------------------------------------------------------------

    private static Path build(Schema s) {
        return work.resolve("build-" + s.folder);
    }

    private static Path log(Schema s, String what) {
        return work.resolve(s.folder + "-" + what + ".log");
    }

    private static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(escript.toString());
        command.add(oracleScript.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        p.getOutputStream().close();
        return p;
    }

    private static void run(Path log, String what, String... args) throws IOException, InterruptedException {
        finish(start(log, args), log, RUN_TIMEOUT_SECONDS, what);
    }

    private static void finish(Process p, Path log, long timeoutSeconds, String what)
            throws IOException, InterruptedException {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            kill(p);
            throw new AssertionError("escript timed out after " + timeoutSeconds + " s " + what + ":\n"
                    + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("escript exited " + p.exitValue() + " " + what + ":\n" + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }

    private static List<String> nonBlank(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The codec module's folder: Maven runs tests there and sets {@code basedir}; an IDE may start elsewhere. */
    private static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        Path dir = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("src/main/asn1")) && Files.isDirectory(dir.resolve("codec/src/main/asn1"))) {
            dir = dir.resolve("codec");
        }
        return dir.toAbsolutePath();
    }
}
