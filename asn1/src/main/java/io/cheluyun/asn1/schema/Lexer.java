package io.cheluyun.asn1.schema;

import io.cheluyun.asn1.schema.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits ASN.1 module text into tokens (X.680 clause 12). Comments ({@code --} to the next {@code --} or end of line,
 * and nested {@code /* *}{@code /}) are dropped. Identifiers may contain hyphens but not two in a row nor end with
 * one (12.2), which is how {@code a--comment} and {@code x-1} are told apart.
 */
final class Lexer {

    private static final String[] SYMBOLS = {"::=", "...", "..", "[[", "]]", "{", "}", "(", ")", "[", "]", ",", ";",
        ".", "|", "^", "@", "!", "<", ">", ":", "-"};

    private final String file;
    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    static List<Token> tokenize(String file, String src) {
        return new Lexer(file, src).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                out.add(new Token(Kind.END, "", line, col()));
                return out;
            }
            int startLine = line;
            int startCol = col();
            char c = src.charAt(pos);
            if (Character.isLetter(c) || (c == '&' && pos + 1 < src.length() && Character.isLetter(src.charAt(pos + 1)))) {
                int start = pos++;
                while (pos < src.length()) {
                    char d = src.charAt(pos);
                    if (Character.isLetterOrDigit(d) || d == '_') {
                        pos++;
                    } else if (d == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != '-'
                            && (Character.isLetterOrDigit(src.charAt(pos + 1)))) {
                        pos++;
                    } else {
                        break;
                    }
                }
                out.add(new Token(Kind.WORD, src.substring(start, pos), startLine, startCol));
            } else if (Character.isDigit(c)) {
                int start = pos;
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
                out.add(new Token(Kind.NUMBER, src.substring(start, pos), startLine, startCol));
            } else if (c == '"') {
                out.add(new Token(Kind.CSTRING, cstring(), startLine, startCol));
            } else if (c == '\'') {
                int end = src.indexOf('\'', pos + 1);
                if (end < 0 || end + 1 >= src.length()) {
                    throw SchemaException.at(file, startLine, startCol, "unterminated 'string'");
                }
                String digits = src.substring(pos + 1, end).replaceAll("\\s", "");
                char radix = Character.toUpperCase(src.charAt(end + 1));
                if (radix != 'B' && radix != 'H') {
                    throw SchemaException.at(file, startLine, startCol, "expected 'B or 'H after a quoted string");
                }
                pos = end + 2;
                out.add(new Token(radix == 'B' ? Kind.BSTRING : Kind.HSTRING, digits, startLine, startCol));
            } else {
                String symbol = null;
                for (String s : SYMBOLS) {
                    if (src.startsWith(s, pos)) {
                        symbol = s;
                        break;
                    }
                }
                if (symbol == null) {
                    throw SchemaException.at(file, startLine, startCol, "unexpected character '" + c + "'");
                }
                pos += symbol.length();
                out.add(new Token(Kind.SYMBOL, symbol, startLine, startCol));
            }
        }
    }

    private String cstring() {
        StringBuilder sb = new StringBuilder();
        int startLine = line;
        int startCol = col();
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw SchemaException.at(file, startLine, startCol, "unterminated \"string\"");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                if (pos < src.length() && src.charAt(pos) == '"') {
                    sb.append('"');
                    pos++;
                    continue;
                }
                return sb.toString();
            }
            if (c == '\n') {
                newLine();
            }
            sb.append(c);
        }
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                newLine();
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("--", pos)) {
                pos += 2;
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    if (src.startsWith("--", pos)) {
                        pos += 2;
                        break;
                    }
                    pos++;
                }
            } else if (src.startsWith("/*", pos)) {
                int depth = 0;
                int startLine = line;
                int startCol = col();
                do {
                    if (pos >= src.length()) {
                        throw SchemaException.at(file, startLine, startCol, "unterminated /* comment");
                    }
                    if (src.startsWith("/*", pos)) {
                        depth++;
                        pos += 2;
                    } else if (src.startsWith("*/", pos)) {
                        depth--;
                        pos += 2;
                    } else {
                        if (src.charAt(pos) == '\n') {
                            pos++;
                            newLine();
                        } else {
                            pos++;
                        }
                    }
                } while (depth > 0);
            } else {
                return;
            }
        }
    }

    private void newLine() {
        line++;
        lineStart = pos;
    }

    private int col() {
        return pos - lineStart + 1;
    }
}
