package io.cheluyun.asn1.schema;

/** One lexical item of an ASN.1 module (X.680 clause 12), with where it stands for error messages. */
record Token(Kind kind, String text, int line, int column) {

    enum Kind {
        /** Type, value, module or field reference, keyword; may start with {@code &} (class fields, X.681). */
        WORD,
        /** Non-negative decimal number; a sign is a separate {@link #SYMBOL}. */
        NUMBER,
        /** {@code "..."} character string, quotes removed and doubled quotes collapsed. */
        CSTRING,
        /** {@code '0101'B} binary string, the digits only. */
        BSTRING,
        /** {@code 'A0F'H} hexadecimal string, the digits only. */
        HSTRING,
        /** Punctuation: {@code ::= ... .. [[ ]] { } ( ) [ ] , ; . | ^ @ ! < > :} and {@code -}. */
        SYMBOL,
        END
    }

    boolean is(String symbolOrWord) {
        return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equals(symbolOrWord);
    }

    @Override
    public String toString() {
        return kind == Kind.END ? "end of file" : "'" + text + "'";
    }
}
