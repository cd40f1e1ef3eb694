package io.cheluyun.server;

import io.cheluyun.asn1.per.EncodeException;
import io.cheluyun.asn1.runtime.TextValueException;
import io.cheluyun.codec.Family;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cheluyun encode}: reads messages as JSON (JER) or XER — one per line as {@code decode} prints them, or one
 * document for the whole input (asn1c's indented XER) — and prints each as a line of UPER hex. A message that does
 * not fit its schema is reported with where in it and why; the others still print; the exit status is 1 if any
 * failed.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode JSON (JER) or XER messages to UPER, printed as hex, one line per message."})
final class EncodeCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    CliInput.CodecOptions codec;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "top-level type: MessageFrame (j2735, csae53-2017) or CAM, DENM, SPATEM, MAPEM, "
                    + "CollectivePerceptionMessage (etsi); checked against what the input holds")
    String type;

    @Parameters(index = "0", paramLabel = "FILE", description = "messages, or - for stdin")
    String input;

    @Override
    public Integer call() throws IOException {
        PrintStream out = Main.Streams.OUT.get();
        PrintStream err = Main.Streams.ERR.get();
        Family f = codec.family();
        boolean xer = codec.xer();
        if (type != null && !f.topLevelTypes().contains(type)) {
            throw new IllegalArgumentException("--type " + type + " is not a top-level type of " + f.cliName()
                    + " " + f.topLevelTypes());
        }
        String text = new String(CliInput.read(input, "encode"), StandardCharsets.UTF_8);
        List<String[]> documents = split(text, xer);
        int failed = 0;
        for (String[] doc : documents) {
            try {
                Object message = xer ? f.fromXer(doc[1]) : f.fromJson(doc[1]);
                if (type != null && !f.rootName(message).equals(type)) {
                    throw new TextValueException("a " + f.rootName(message) + ", not a " + type);
                }
                out.println(HexFormat.of().formatHex(f.encode(message)));
            } catch (EncodeException | IllegalArgumentException e) { // TextValueException is an IllegalArgumentException
                failed++;
                err.println("encode: " + doc[0] + ": " + e.getMessage());
            }
        }
        err.printf("encode: %d message(s), %d encoded, %d failed%n", documents.size(), documents.size() - failed,
                failed);
        return failed == 0 ? 0 : 1;
    }

    /** {where, text} per message: each non-empty line when every one is a whole document, else the whole input. */
    static List<String[]> split(String text, boolean xer) {
        List<String[]> lines = new ArrayList<>();
        String[] all = text.split("\n", -1);
        boolean perLine = true;
        for (int k = 0; k < all.length; k++) {
            String l = all[k].strip();
            if (l.isEmpty()) {
                continue;
            }
            boolean whole = xer ? l.startsWith("<") && l.endsWith(">") && !l.startsWith("<?")
                    && l.substring(1, l.indexOf('>')).equals(l.substring(l.lastIndexOf("</") + 2, l.length() - 1))
                    : l.startsWith("{") && l.endsWith("}");
            perLine &= whole;
            lines.add(new String[] {"line " + (k + 1), l});
        }
        return perLine ? lines : List.<String[]>of(new String[] {"input", text});
    }
}
