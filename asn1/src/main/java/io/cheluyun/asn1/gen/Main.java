package io.cheluyun.asn1.gen;

import io.cheluyun.asn1.schema.Parser;
import io.cheluyun.asn1.schema.SchemaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build-time entry point: {@code Main OUTPUT_DIR (PACKAGE=SCHEMA_DIR)...} parses every {@code *.asn} file of each
 * schema folder and writes the generated Java sources for it into that package under OUTPUT_DIR. A schema error
 * is thrown as a {@link SchemaException} whose message starts with file:line, which fails the Maven build there.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: Main OUTPUT_DIR PACKAGE=SCHEMA_DIR...");
        }
        Path out = Path.of(args[0]);
        for (int k = 1; k < args.length; k++) {
            int eq = args[k].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected PACKAGE=SCHEMA_DIR, got " + args[k]);
            }
            String pkg = args[k].substring(0, eq);
            Path dir = Path.of(args[k].substring(eq + 1));
            int n = generate(dir, pkg, out);
            System.out.println("asn1: " + dir + " -> " + pkg + " (" + n + " classes)");
        }
    }

    static int generate(Path schemaDir, String pkg, Path out) throws IOException {
        List<Parser.Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(schemaDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".asn")).sorted().toList()) {
                sources.add(new Parser.Source(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        if (sources.isEmpty()) {
            throw new SchemaException(schemaDir + ": no .asn files");
        }
        Map<String, String> classes = JavaGenerator.generate(Parser.parse(sources), pkg);
        Path dir = out.resolve(pkg.replace('.', '/'));
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : classes.entrySet()) {
            String simple = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
            Path file = dir.resolve(simple + ".java");
            if (!Files.exists(file) || !Files.readString(file).equals(e.getValue())) {
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            }
        }
        return classes.size();
    }
}
