package io.cheluyun.server;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a given length. A longer line is skipped to its end and reported as oversized, so a
 * hostile input (a gigabyte without a newline) costs bounded memory and loses only itself.
 */
public final class BoundedLineReader {

    /** A line, or an oversized one (text {@code null}), with its 1-based number. */
    public record Line(long number, String text, long length) {
        public boolean oversized() {
            return text == null;
        }
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;
    private long lineNumber;

    public BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, or {@code null} at end of input. */
    public Line next() throws IOException {
        StringBuilder sb = new StringBuilder();
        long length = 0;
        boolean sawAny = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!sawAny) {
                        return null;
                    }
                    return finish(sb, length);
                }
            }
            sawAny = true;
            char c = buffer[pos++];
            if (c == '\n') {
                return finish(sb, length);
            }
            length++;
            if (length <= maxChars) {
                sb.append(c);
            } else if (sb.length() > 0) {
                sb.setLength(0); // over the limit: keep counting, stop storing
                sb.trimToSize();
            }
        }
    }

    private Line finish(StringBuilder sb, long length) {
        lineNumber++;
        if (length > maxChars) {
            return new Line(lineNumber, null, length);
        }
        int end = sb.length();
        if (end > 0 && sb.charAt(end - 1) == '\r') {
            sb.setLength(end - 1);
        }
        return new Line(lineNumber, sb.toString(), length);
    }
}
