package io.cheluyun.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Input handling shared by the codec commands: bounded reads of a file or stdin, the text-format option. */
final class CliInput {

    /** Inputs larger than this are refused before reading: a capture file, not a disk image. */
    static final long MAX_INPUT_BYTES = 256L << 20;

    private CliInput() {
    }

    /** The options every codec command takes: which family, which text format. */
    static final class CodecOptions {
        @picocli.CommandLine.Option(names = "--family", required = true, paramLabel = "FAMILY",
                description = "j2735 | j2735-2024 | csae53-2017 | csae53-2020 | etsi")
        String family;

        @picocli.CommandLine.Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
                description = "json | xer")
        String format;

        io.cheluyun.codec.Family family() {
            return io.cheluyun.codec.Family.byName(family);
        }

        boolean xer() {
            return isXer(format);
        }
    }

    /** The bytes of FILE, or of standard input for {@code -}, refusing more than {@link #MAX_INPUT_BYTES}. */
    static byte[] read(String input, String command) throws IOException {
        if (input.equals("-")) {
            byte[] b = System.in.readNBytes((int) MAX_INPUT_BYTES + 1);
            if (b.length > MAX_INPUT_BYTES) {
                throw new IOException("standard input is larger than " + MAX_INPUT_BYTES + " bytes");
            }
            return b;
        }
        Path p = Path.of(input);
        if (!Files.isRegularFile(p)) {
            throw new IOException(command + " input '" + input + "' is not a readable file");
        }
        if (Files.size(p) > MAX_INPUT_BYTES) {
            throw new IOException(command + " input '" + input + "' is larger than " + MAX_INPUT_BYTES + " bytes");
        }
        return Files.readAllBytes(p);
    }

    /** True for {@code --format xer}, false for {@code json}. */
    static boolean isXer(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> false;
            case "xer" -> true;
            default -> throw new IllegalArgumentException("--format must be json or xer, got " + format);
        };
    }
}
