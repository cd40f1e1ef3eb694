package io.cheluyun.server;

import io.cheluyun.codec.Family;
import io.cheluyun.codec.Messages;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cheluyun decode}: prints each message of a capture as one JSON (JER) or XER line. A message that does not
 * decode is reported on stderr with where it is and the bit offset of the fault; the others still print; the exit
 * status is 1 if any failed.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode UPER messages (raw binary, hex text one message per line, or CSAE RSU frames) and "
                + "print each as a JSON (JER) or XER line."})
final class DecodeCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    CliInput.CodecOptions codec;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "ASN.1 type of the messages when they are not the family's MessageFrame (CAM/DENM for "
                    + "etsi), e.g. a bare BasicSafetyMessage")
    String type;

    @Option(names = "--input-encoding", defaultValue = "auto", paramLabel = "ENC",
            description = "auto | binary | hex (auto: hex if the file is only hex digits and white space)")
    String encoding;

    @Option(names = "--framing", defaultValue = "auto", paramLabel = "FRAMING",
            description = "auto | none | csae-rsu | wydot-log | geonet (see README)")
    String framing;

    @Parameters(index = "0", paramLabel = "FILE", description = "capture file, or - for stdin")
    String input;

    @Override
    public Integer call() throws IOException {
        PrintStream out = Main.Streams.OUT.get();
        PrintStream err = Main.Streams.ERR.get();
        Family f = codec.family();
        boolean xer = codec.xer();
        Messages.Encoding enc = option(Messages.Encoding.class, "--input-encoding", encoding);
        Messages.Framing fr = option(Messages.Framing.class, "--framing", framing);
        byte[] bytes = CliInput.read(input, "decode");
        List<Messages.Result> results = Messages.decodeAll(bytes, enc, fr, f, type);
        int failed = 0;
        for (Messages.Result r : results) {
            if (r.ok()) {
                out.println(xer ? f.toXer(r.message()) : f.toJson(r.message()));
                if (r.unknownExtensions() > 0) {
                    err.println("decode: " + r.where() + ": " + r.unknownExtensions() + " extension(s) unknown to the "
                            + f.cliName() + " schema kept undecoded (a newer version of the standard?)");
                }
            } else {
                failed++;
                err.println("decode: " + r.where() + ": " + r.error().getMessage());
            }
        }
        err.printf("decode: %d message(s), %d decoded, %d failed%n", results.size(), results.size() - failed,
                failed);
        return failed == 0 ? 0 : 1;
    }

    private static <E extends Enum<E>> E option(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + java.util.Arrays.stream(
                    type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()
                    + ", got " + value);
        }
    }
}
