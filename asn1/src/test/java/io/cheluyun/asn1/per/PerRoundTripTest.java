package io.cheluyun.asn1.per;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Round trips over random values, bounds and starting bit positions, with {@link BigInteger} as the independent
 * oracle for bit and octet counts; and hostile-input properties: random or truncated input only ever produces a
 * {@link DecodeException} located inside the input.
 */
class PerRoundTripTest {

    /** X.691 11.5.6: bits needed for range {@code ub - lb + 1}, computed without 64-bit arithmetic. */
    private static int oracleRangeBits(long lb, long ub) {
        return BigInteger.valueOf(ub).subtract(BigInteger.valueOf(lb)).bitLength();
    }

    /** Writes {@code prefix} bits of alternating ones and zeros so that the value under test starts unaligned. */
    private static void writePrefix(BitWriter w, int prefix) {
        w.writeBits(0x55, prefix);
    }

    private static void readPrefix(BitReader r, int prefix) throws DecodeException {
        assertThat(r.readBits(prefix)).isEqualTo(0x55L & ((1L << prefix) - 1));
    }

    // ---------------------------------------------------------------- whole numbers

    @Property(tries = 3000)
    void constrainedWholeNumbersRoundTripForAnyBounds(@ForAll long a, @ForAll long b, @ForAll long pick,
            @ForAll @IntRange(min = 0, max = 7) int prefix) throws DecodeException {
        long lb = Math.min(a, b);
        long ub = Math.max(a, b);
        long span = ub - lb;
        long value = span == -1 ? pick : lb + Long.remainderUnsigned(pick, span + 1);
        roundTripConstrained(value, lb, ub, prefix);
    }

    @Property(tries = 3000)
    void constrainedWholeNumbersRoundTripAtTheEdgesOfLong(@ForAll @IntRange(min = 0, max = 2) int mode,
            @ForAll @LongRange(min = 0, max = 1 << 20) long width, @ForAll @LongRange(min = 0, max = 1 << 20) long width2,
            @ForAll long pick, @ForAll @IntRange(min = 0, max = 7) int prefix) throws DecodeException {
        long lb;
        long ub;
        switch (mode) {
            case 0 -> {
                lb = Long.MAX_VALUE - width;
                ub = Long.MAX_VALUE;
            }
            case 1 -> {
                lb = Long.MIN_VALUE;
                ub = Long.MIN_VALUE + width;
            }
            default -> { // spans of nearly 2^64
                lb = Long.MIN_VALUE + width;
                ub = Long.MAX_VALUE - width2;
            }
        }
        long span = ub - lb;
        long value = span == -1 ? pick : lb + Long.remainderUnsigned(pick, span + 1);
        roundTripConstrained(value, lb, ub, prefix);
    }

    private static void roundTripConstrained(long value, long lb, long ub, int prefix) throws DecodeException {
        BitWriter w = new BitWriter(4);
        writePrefix(w, prefix);
        w.writeConstrainedWholeNumber(value, lb, ub);
        w.writeBit(true); // sentinel: the reader must stop exactly where the writer did
        assertThat(w.bitLength()).isEqualTo(prefix + oracleRangeBits(lb, ub) + 1);
        BitReader r = new BitReader(w.toByteArray());
        readPrefix(r, prefix);
        assertThat(r.readConstrainedWholeNumber(lb, ub)).isEqualTo(value);
        assertThat(r.readBit()).isTrue();
    }

    @Property(tries = 3000)
    void semiConstrainedWholeNumbersUseMinimumOctets(@ForAll long a, @ForAll long b,
            @ForAll @IntRange(min = 0, max = 7) int prefix) throws DecodeException {
        long lb = Math.min(a, b);
        long value = Math.max(a, b);
        byte[] magnitude = BigInteger.valueOf(value).subtract(BigInteger.valueOf(lb)).toByteArray();
        // BigInteger adds a sign octet when the top bit is set; the unsigned minimum-octet form has none
        byte[] expected = magnitude.length > 1 && magnitude[0] == 0
                ? Arrays.copyOfRange(magnitude, 1, magnitude.length) : magnitude;
        BitWriter w = new BitWriter();
        w.writeSemiConstrainedWholeNumber(value, lb);
        byte[] enc = w.toByteArray();
        assertThat(enc[0]).isEqualTo((byte) expected.length);
        assertThat(Arrays.copyOfRange(enc, 1, enc.length)).isEqualTo(expected);

        BitWriter u = new BitWriter();
        writePrefix(u, prefix);
        u.writeSemiConstrainedWholeNumber(value, lb);
        u.writeBit(true);
        BitReader r = new BitReader(u.toByteArray());
        readPrefix(r, prefix);
        assertThat(r.readSemiConstrainedWholeNumber(lb)).isEqualTo(value);
        assertThat(r.readBit()).isTrue();
    }

    @Property(tries = 3000)
    void unconstrainedWholeNumbersAreMinimumTwosComplement(@ForAll long v,
            @ForAll @IntRange(min = 0, max = 7) int prefix) throws DecodeException {
        byte[] expected = BigInteger.valueOf(v).toByteArray(); // minimum-octet two's complement
        BitWriter w = new BitWriter();
        w.writeUnconstrainedWholeNumber(v);
        byte[] enc = w.toByteArray();
        assertThat(enc[0]).isEqualTo((byte) expected.length);
        assertThat(Arrays.copyOfRange(enc, 1, enc.length)).isEqualTo(expected);

        BitWriter u = new BitWriter();
        writePrefix(u, prefix);
        u.writeUnconstrainedWholeNumber(v);
        u.writeBit(true);
        BitReader r = new BitReader(u.toByteArray());
        readPrefix(r, prefix);
        assertThat(r.readUnconstrainedWholeNumber()).isEqualTo(v);
        assertThat(r.readBit()).isTrue();
    }

    @Property(tries = 2000)
    void normallySmallNumbersRoundTrip(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n,
            @ForAll @IntRange(min = 1, max = 16383) int length) throws DecodeException {
        BitWriter w = new BitWriter();
        w.writeNormallySmallNonNegative(n);
        int octets = Math.max(1, (BigInteger.valueOf(n).bitLength() + 7) / 8);
        assertThat(w.bitLength()).isEqualTo(n < 64 ? 7 : 1 + 8 + 8 * octets);
        w.writeNormallySmallLength(length);
        w.writeBit(true);
        BitReader r = new BitReader(w.toByteArray());
        assertThat(r.readNormallySmallNonNegative()).isEqualTo(n);
        assertThat(r.readNormallySmallLength()).isEqualTo(length);
        assertThat(r.readBit()).isTrue();
    }

    // ---------------------------------------------------------------- lengths and strings

    @Property(tries = 1000)
    void lengthChunksCoverTheCountAndReadBackIdentically(@ForAll @IntRange(min = 0, max = 1 << 20) int n)
            throws DecodeException {
        BitWriter w = new BitWriter();
        int[] written = new int[80];
        int pieces = 0;
        int off = 0;
        int chunk;
        do {
            chunk = w.writeLengthChunk(n - off);
            written[pieces++] = chunk;
            off += chunk;
        } while (chunk >= 16384);
        assertThat(off).isEqualTo(n);
        BitReader r = new BitReader(w.toByteArray());
        for (int i = 0; i < pieces; i++) {
            assertThat(r.readLengthChunk()).isEqualTo(written[i]);
        }
        assertThat(r.remainingBits()).isZero();
    }

    @Provide
    Arbitrary<Integer> stringSizes() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(16_380, 16_390),
                Arbitraries.integers().between(65_530, 70_000),
                Arbitraries.of(32_768, 49_152, 131_072, 131_073));
    }

    /** Bounds that admit {@code n}, picked by {@code mode} to reach each of the three size forms. */
    private static int[] boundsFor(int n, int mode, int slack) {
        return switch (mode) {
            case 0 -> new int[] {n, n}; // fixed (length-encoded from 64K on)
            case 1 -> new int[] {Math.max(0, n - slack), n + slack}; // constrained length while below 64K
            case 2 -> new int[] {0, -1}; // unbounded
            default -> new int[] {n / 2, n + 70_000}; // upper bound of 64K or more
        };
    }

    @Property(tries = 150)
    void octetStringsRoundTrip(@ForAll("stringSizes") int n, @ForAll @IntRange(min = 0, max = 3) int mode,
            @ForAll @IntRange(min = 0, max = 300) int slack, @ForAll @IntRange(min = 0, max = 7) int prefix,
            @ForAll long seed) throws DecodeException {
        byte[] v = new byte[n];
        new Random(seed).nextBytes(v);
        int[] b = boundsFor(n, mode, slack);
        BitWriter w = new BitWriter();
        writePrefix(w, prefix);
        w.writeOctetString(v, b[0], b[1]);
        w.writeBit(true);
        BitReader r = new BitReader(w.toByteArray());
        readPrefix(r, prefix);
        assertThat(r.readOctetString(b[0], b[1])).isEqualTo(v);
        assertThat(r.readBit()).isTrue();
    }

    @Property(tries = 150)
    void bitStringsRoundTrip(@ForAll("stringSizes") int n, @ForAll @IntRange(min = 0, max = 3) int mode,
            @ForAll @IntRange(min = 0, max = 300) int slack, @ForAll @IntRange(min = 0, max = 7) int prefix,
            @ForAll long seed) throws DecodeException {
        byte[] v = new byte[(n + 7) / 8];
        new Random(seed).nextBytes(v);
        if ((n & 7) != 0) {
            v[v.length - 1] &= (byte) (0xFF << (8 - (n & 7))); // the reader returns zero pad bits
        }
        int[] b = boundsFor(n, mode, slack);
        BitWriter w = new BitWriter();
        writePrefix(w, prefix);
        w.writeBitString(v, n, b[0], b[1]);
        w.writeBit(true);
        BitReader r = new BitReader(w.toByteArray());
        readPrefix(r, prefix);
        assertThat(r.readBitString(b[0], b[1])).isEqualTo(v);
        assertThat(r.lastBitLength()).isEqualTo(n);
        assertThat(r.readBit()).isTrue();
    }

    @Provide
    Arbitrary<String> numericStrings() {
        return Arbitraries.strings().withChars(" 0123456789").ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> ia5Strings() {
        return Arbitraries.strings().ascii().ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> unicodeStrings() {
        return Arbitraries.strings().all().ofMaxLength(20);
    }

    @Property(tries = 500)
    void knownMultiplierStringsRoundTrip(@ForAll("numericStrings") String numeric, @ForAll("ia5Strings") String ia5,
            @ForAll("unicodeStrings") String universal, @ForAll @IntRange(min = 0, max = 3) int mode,
            @ForAll @IntRange(min = 0, max = 7) int prefix) throws DecodeException {
        String alphabet = " 0123456789";
        int[] bn = boundsFor(numeric.length(), mode, 5);
        int[] bi = boundsFor(ia5.length(), mode, 5);
        int cps = universal.codePointCount(0, universal.length());
        int[] bu = boundsFor(cps, mode, 5);
        BitWriter w = new BitWriter();
        writePrefix(w, prefix);
        w.writeKnownMultiplierString(numeric, bn[0], bn[1], 4, alphabet);
        w.writeKnownMultiplierString(ia5, bi[0], bi[1], 7, null);
        w.writeKnownMultiplierString(universal, bu[0], bu[1], 32, null);
        w.writeBit(true);
        BitReader r = new BitReader(w.toByteArray());
        readPrefix(r, prefix);
        assertThat(r.readKnownMultiplierString(bn[0], bn[1], 4, alphabet)).isEqualTo(numeric);
        assertThat(r.readKnownMultiplierString(bi[0], bi[1], 7, null)).isEqualTo(ia5);
        assertThat(r.readKnownMultiplierString(bu[0], bu[1], 32, null)).isEqualTo(universal);
        assertThat(r.readBit()).isTrue();
    }

    @Property(tries = 20)
    void fragmentedCharacterStringsRoundTrip(@ForAll @IntRange(min = 16_383, max = 40_000) int n,
            @ForAll @IntRange(min = 0, max = 7) int prefix, @ForAll long seed) throws DecodeException {
        Random rnd = new Random(seed);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('A' + rnd.nextInt(26));
        }
        String s = new String(c);
        BitWriter w = new BitWriter();
        writePrefix(w, prefix);
        w.writeKnownMultiplierString(s, 0, -1, 5, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        w.writeBit(true);
        BitReader r = new BitReader(w.toByteArray());
        readPrefix(r, prefix);
        assertThat(r.readKnownMultiplierString(0, -1, 5, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")).isEqualTo(s);
        assertThat(r.readBit()).isTrue();
    }

    @Property(tries = 200)
    void openTypesRoundTripThroughNestedScratchWriters(@ForAll @IntRange(min = 0, max = 40) int innerBits,
            @ForAll @IntRange(min = 0, max = 7) int prefix, @ForAll long payload) throws DecodeException {
        BitWriter w = new BitWriter();
        writePrefix(w, prefix);
        BitWriter ext = w.scratch();
        ext.writeBits(payload, innerBits);
        BitWriter nested = ext.scratch();
        nested.writeUnconstrainedWholeNumber(payload);
        ext.writeOpenType(nested);
        w.writeOpenType(ext);
        w.writeBit(true);
        BitReader r = new BitReader(w.toByteArray());
        readPrefix(r, prefix);
        BitReader ot = r.readOpenType();
        // ext holds innerBits, then the nested open type: a length octet and the integer's length octet and octets
        int extBits = innerBits + 8 + 8 + 8 * BigInteger.valueOf(payload).toByteArray().length;
        assertThat(ot.remainingBits()).isEqualTo(8L * ((extBits + 7) / 8));
        long mask = innerBits == 64 ? -1L : (1L << innerBits) - 1;
        assertThat(ot.readBits(innerBits)).isEqualTo(payload & mask);
        assertThat(ot.readOpenType().readUnconstrainedWholeNumber()).isEqualTo(payload);
        assertThat(r.readBit()).isTrue();
    }

    // ---------------------------------------------------------------- hostile input

    @Property(tries = 5000)
    void arbitraryInputOnlyEverThrowsDecodeExceptionInsideTheInput(@ForAll @Size(max = 48) byte[] input,
            @ForAll @IntRange(min = 0, max = 15) int firstOp) {
        BitReader r = new BitReader(input);
        try {
            for (int i = 0; i < 6; i++) {
                readSomething(r, (firstOp + i * 5) % 16);
            }
            assertThat(r.bitPosition()).isBetween(0L, 8L * input.length);
        } catch (DecodeException e) {
            assertThat(e.bitOffset()).isBetween(0L, 8L * input.length);
        }
    }

    private static void readSomething(BitReader r, int op) throws DecodeException {
        switch (op) {
            case 0 -> r.readConstrainedWholeNumber(0, 100);
            case 1 -> r.readSemiConstrainedWholeNumber(-5);
            case 2 -> r.readUnconstrainedWholeNumber();
            case 3 -> r.readNormallySmallNonNegative();
            case 4 -> r.readNormallySmallLength();
            case 5 -> r.readConstrainedLength(1, 300);
            case 6 -> r.readOctetString(0, -1);
            case 7 -> r.readOctetString(0, 20);
            case 8 -> r.readBitString(0, -1);
            case 9 -> r.readKnownMultiplierString(0, -1, 4, " 0123456789");
            case 10 -> r.readKnownMultiplierString(0, 70_000, 32, null);
            case 11 -> r.readOpenType().readUnconstrainedWholeNumber();
            case 12 -> r.skipOpenType();
            case 13 -> r.checkedCount(r.readSemiConstrainedWholeNumber(0), 3);
            case 14 -> r.readConstrainedWholeNumber(Long.MIN_VALUE, Long.MAX_VALUE - 7);
            default -> r.readKnownMultiplierString(3, 3, 7, null);
        }
    }

    @Property(tries = 300)
    void everyTruncationOfAValidEncodingIsADecodeException(@ForAll("stringSizes") int n,
            @ForAll @IntRange(min = 0, max = 7) int prefix, @ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] v = new byte[n];
        rnd.nextBytes(v);
        BitWriter w = new BitWriter();
        writePrefix(w, prefix);
        w.writeOctetString(v, 0, -1);
        byte[] full = w.toByteArray();
        // every octet of the encoding holds at least one bit of it, so dropping any suffix must fail
        int cut = rnd.nextInt(full.length);
        BitReader r = new BitReader(full, 0, cut);
        DecodeException e = null;
        try {
            r.readBits(prefix);
            r.readOctetString(0, -1);
        } catch (DecodeException ex) {
            e = ex;
        }
        assertThat(e).as("decoding %d of %d octets", cut, full.length).isNotNull();
        assertThat(e.bitOffset()).isBetween(0L, 8L * cut);
    }
}
