package io.cheluyun.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Reads the copied test vectors under {@code src/test/resources/vectors} (see MANIFEST.md there). */
final class Vectors {

    private Vectors() {
    }

    static byte[] bytes(String path) throws IOException {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + path)) {
            if (in == null) {
                throw new IOException("test resource /vectors/" + path + " is missing");
            }
            return in.readAllBytes();
        }
    }

    static String text(String path) throws IOException {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** A {@code .mf.hex} file: one message per line in hex. */
    static List<byte[]> hexLines(String path) throws IOException {
        return text(path).lines().filter(l -> !l.isBlank()).map(l -> HexFormat.of().parseHex(l.strip())).toList();
    }
}
