package io.cheluyun.asn1.per;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Reads ITU-T X.691 Unaligned PER from a byte array, most significant bit first, at any bit position.
 *
 * <p>Input is untrusted (it arrives over the air). Every read checks the bits it needs against the bits left and
 * throws {@link DecodeException} otherwise, never {@link ArrayIndexOutOfBoundsException}; every length is checked
 * against the bits left <em>before</em> anything is allocated for it, so a length of 2<sup>30</sup> in a 20-octet
 * message costs nothing. Error messages name what was being read and where it started; positions count from the
 * first bit of the outermost message (also inside open types read as views, see {@link #readOpenType()}).
 *
 * <p>Nothing is allocated except the arrays and strings returned (and the small reader returned by
 * {@link #readOpenType()}); with {@link #reset(byte[], int, int)} one reader serves a whole stream of messages.
 * Arguments that only a bug in the calling code can produce ({@code lb > ub}, a bit count above 64) throw
 * {@link IllegalArgumentException}. Not thread-safe.
 */
public final class BitReader {

    /**
     * Largest count {@link #checkedCount(long, long)} accepts for items that may encode in zero bits (a SEQUENCE OF
     * NULL, or of a single-valued type): the bits left cannot bound such a count, so a fixed cap does.
     */
    public static final int MAX_ZERO_BIT_ITEMS = 65536;

    /** Largest array this reader will allocate, in elements, leaving headroom below the VM's array limit. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final byte[] EMPTY = new byte[0];

    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    // not final only so that reset(...) can point a long-lived reader at the next message without garbage
    private byte[] buf;
    /** Absolute bit index of this reader's first bit in {@code buf}. */
    private long start;
    /** Absolute bit index just past this reader's last bit. */
    private long end;
    /** Offset, in the outermost message, of this reader's first bit: what error positions are relative to. */
    private long origin;
    /** Absolute bit index of the next bit to read. */
    private long pos;
    private int lastBitLength;
    /** The outermost reader, where unknown extensions are counted for the whole message. */
    private BitReader root = this;
    private int unknownExtensions;

    /** A reader over all of {@code buf}. */
    public BitReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /** A reader over {@code lengthBytes} octets of {@code buf} from {@code offset}; bit 0 is the first of them. */
    public BitReader(byte[] buf, int offset, int lengthBytes) {
        this(buf, 8L * Objects.checkFromIndexSize(offset, lengthBytes, buf.length),
                8L * offset + 8L * lengthBytes, 0);
    }

    private BitReader(byte[] buf, long startBit, long endBit, long origin) {
        this.buf = buf;
        this.start = startBit;
        this.end = endBit;
        this.origin = origin;
        this.pos = startBit;
    }

    /**
     * Points this reader at {@code lengthBytes} octets of {@code buf} from {@code offset}, as a new reader would be:
     * lets an ingest loop keep one reader per thread instead of allocating one per message. Readers returned earlier
     * by {@link #readOpenType()} are unaffected.
     */
    public void reset(byte[] buf, int offset, int lengthBytes) {
        Objects.checkFromIndexSize(offset, lengthBytes, buf.length);
        this.buf = buf;
        this.start = 8L * offset;
        this.end = 8L * offset + 8L * lengthBytes;
        this.origin = 0;
        this.pos = this.start;
        this.root = this;
        this.unknownExtensions = 0;
        this.lastBitLength = 0;
    }

    // ---------------------------------------------------------------------------------------------- position

    /** Bits read so far from this reader's first bit. */
    public long bitPosition() {
        return pos - start;
    }

    /** Bits left to read. */
    public long remainingBits() {
        return end - pos;
    }

    /** Skips {@code n} bits. */
    public void skipBits(long n) throws DecodeException {
        if (n < 0) {
            throw new IllegalArgumentException("cannot skip a negative number of bits: " + n);
        }
        require(n, "skipped bits", pos);
        pos += n;
    }

    /** Throws unless at least {@code n} bits are left: "needs N bits, M left". */
    public void requireBits(long n) throws DecodeException {
        require(n, "input", pos);
    }

    /**
     * Validates a decoded item count before anything is allocated for it: each item needs at least
     * {@code minBitsPerItem} bits, so {@code count * minBitsPerItem} may not exceed the bits left. Items that may
     * encode in no bits at all ({@code minBitsPerItem <= 0}) are capped at {@link #MAX_ZERO_BIT_ITEMS} instead.
     *
     * @return {@code count} as an int, safe to allocate
     */
    public int checkedCount(long count, long minBitsPerItem) throws DecodeException {
        if (count < 0) {
            throw error("item count " + count + " is negative", pos);
        }
        if (minBitsPerItem <= 0) {
            if (count > MAX_ZERO_BIT_ITEMS) {
                throw error("item count " + count + " of items without bits exceeds the cap of "
                        + MAX_ZERO_BIT_ITEMS, pos);
            }
            return (int) count;
        }
        long left = end - pos;
        if (count > left / minBitsPerItem || count > MAX_ARRAY) {
            throw error("item count " + count + " of at least " + minBitsPerItem + " bits each needs more than the "
                    + left + " bits left", pos);
        }
        return (int) count;
    }

    // ---------------------------------------------------------------------------------------------- raw bits

    /** One bit: BOOLEAN (clause 12), presence and extension bits. */
    public boolean readBit() throws DecodeException {
        long p = pos;
        if (p >= end) {
            throw shortage("bit", 1, p);
        }
        pos = p + 1;
        return (buf[(int) (p >>> 3)] & (0x80 >>> (int) (p & 7))) != 0;
    }

    /**
     * {@code n} bits as an unsigned value, most significant first.
     *
     * @param n 0 to 64
     */
    public long readBits(int n) throws DecodeException {
        checkBitCount(n);
        long p = pos;
        if (end - p < n) {
            throw shortage(n + "-bit field", n, p);
        }
        pos = p + n;
        return bitsAt(p, n);
    }

    /** {@code n} whole octets at the current bit position, which need not be octet-aligned. */
    public byte[] readOctets(int n) throws DecodeException {
        if (n < 0) {
            throw new IllegalArgumentException("octet count must be >= 0, got " + n);
        }
        long p = pos;
        if (end - p < 8L * n) {
            throw shortage(n + " octets", 8L * n, p);
        }
        byte[] out = n == 0 ? EMPTY : new byte[n];
        copyOctets(p, out, 0, n);
        pos = p + 8L * n;
        return out;
    }

    // -------------------------------------------------------------------------------------------- whole numbers

    /**
     * X.691 11.5.6 (UNALIGNED constrained whole number): {@code ceil(log2(ub - lb + 1))} bits holding
     * {@code value - lb}, none for a single-valued range. Any bounds, up to the full long range.
     *
     * @throws DecodeException if the bits are missing, or hold an offset above {@code ub - lb} (possible when the range
     *                         is not a power of two)
     */
    public long readConstrainedWholeNumber(long lb, long ub) throws DecodeException {
        if (lb > ub) {
            throw new IllegalArgumentException("empty range " + lb + ".." + ub);
        }
        long span = ub - lb;
        int bits = Per.rangeBits(span);
        long p = pos;
        if (end - p < bits) {
            throw shortage("constrained whole number " + lb + ".." + ub, bits, p);
        }
        long offset = bitsAt(p, bits);
        if (Long.compareUnsigned(offset, span) > 0) {
            throw error("constrained whole number " + lb + ".." + ub + ": value " + offsetValue(lb, offset)
                    + " above " + ub, p);
        }
        pos = p + bits;
        return lb + offset;
    }

    /**
     * X.691 11.7 (semi-constrained whole number, INTEGER (lb..MAX)): a one-octet length (1 to 8) and that many octets
     * holding {@code value - lb}.
     *
     * @throws DecodeException if truncated, if the length is 0, or if the value does not fit a long
     */
    public long readSemiConstrainedWholeNumber(long lb) throws DecodeException {
        long p = pos;
        int octets = readIntegerLength(true, lb);
        long offset = bitsAt(pos, octets * 8);
        // the offset is unsigned; lb + offset must not pass Long.MAX_VALUE (MAX - lb is exact when taken as unsigned)
        if (Long.compareUnsigned(offset, Long.MAX_VALUE - lb) > 0) {
            throw error("semi-constrained whole number " + lb + "..MAX: integer too large for 64 bits", p);
        }
        pos += octets * 8L;
        return lb + offset;
    }

    /**
     * X.691 11.8 (unconstrained whole number): a one-octet length (1 to 8) and that many octets of 2's complement.
     *
     * @throws DecodeException if truncated, if the length is 0, or "integer too large for 64 bits" above 8 octets
     */
    public long readUnconstrainedWholeNumber() throws DecodeException {
        int octets = readIntegerLength(false, 0);
        int bits = octets * 8;
        long raw = bitsAt(pos, bits);
        pos += bits;
        int shift = 64 - bits;
        return (raw << shift) >> shift; // sign-extend from the top bit of the first octet
    }

    /** Reads and checks the octet count of 11.7/11.8, and checks the octets are there; leaves pos after the count. */
    private int readIntegerLength(boolean semiConstrained, long lb) throws DecodeException {
        long p = pos;
        int octets = readLengthChunk();
        if (octets == 0) {
            throw error(integerKind(semiConstrained, lb) + ": length 0, an integer has at least one octet", p);
        }
        if (octets > 8) {
            throw error(integerKind(semiConstrained, lb) + ": " + octets + " octets, integer too large for 64 bits", p);
        }
        if (end - pos < octets * 8L) {
            throw shortage(integerKind(semiConstrained, lb), octets * 8L, pos);
        }
        return octets;
    }

    /** Names the integer being read, for error messages only (never built on the success path). */
    private static String integerKind(boolean semiConstrained, long lb) {
        return semiConstrained ? "semi-constrained whole number " + lb + "..MAX" : "unconstrained whole number";
    }

    /**
     * X.691 11.6 (normally small non-negative whole number): a 0 bit and 6 bits, or a 1 bit and a semi-constrained
     * whole number with {@code lb = 0}. CHOICE and ENUMERATED extension indices (23.8, 14.3).
     */
    public long readNormallySmallNonNegative() throws DecodeException {
        if (!readBit()) {
            return readBits(6);
        }
        return readSemiConstrainedWholeNumber(0);
    }

    /**
     * X.691 11.9.3.4 (normally small length): a 0 bit and {@code n - 1} in 6 bits, or a 1 bit and an unconstrained
     * length determinant. The length of the extension-addition bitmap of a SEQUENCE or SET (19.8).
     *
     * @return 1 to 16383
     * @throws DecodeException on a zero or fragmented length after the 1 bit
     */
    public int readNormallySmallLength() throws DecodeException {
        if (!readBit()) {
            return (int) readBits(6) + 1;
        }
        long p = pos;
        int n = readLengthChunk();
        if (n == 0 || n >= Per.K16) {
            throw error("normally small length: " + (n == 0 ? "length 0" : "fragmented length")
                    + " is not supported here", p);
        }
        return n;
    }

    // ------------------------------------------------------------------------------------- length determinants

    /**
     * X.691 11.9.4.1: a length in {@code lb..ub} ({@code ub} below 64K) as a constrained whole number; no bits when
     * {@code lb == ub}.
     */
    public int readConstrainedLength(int lb, int ub) throws DecodeException {
        if (lb < 0 || ub < lb || ub >= Per.K64) {
            throw new IllegalArgumentException("constrained length bounds must satisfy 0 <= lb <= ub < 65536, got "
                    + lb + ".." + ub);
        }
        long span = (long) ub - lb;
        int bits = Per.rangeBits(span);
        long p = pos;
        if (end - p < bits) {
            throw shortage("length determinant " + lb + ".." + ub, bits, p);
        }
        long offset = bitsAt(p, bits);
        if (offset > span) {
            throw error("length determinant " + lb + ".." + ub + ": length " + (lb + offset) + " above " + ub, p);
        }
        pos = p + bits;
        return (int) (lb + offset);
    }

    /**
     * One general length determinant (X.691 11.9.3.6 to 11.9.3.8, mirror of {@link BitWriter#writeLengthChunk}): the
     * item count of the next piece of content. A result of 16384 or more (16K, 32K, 48K or 64K) is a fragment, and
     * another length follows its items; anything less ends the content. The complete loop is
     * {@code do { chunk = r.readLengthChunk(); ...read chunk items... } while (chunk >= 16384);}.
     *
     * @throws DecodeException if truncated, or on a fragment header with m = 0 or m above 4 (11.9.3.8)
     */
    public int readLengthChunk() throws DecodeException {
        long p = pos;
        if (end - p < 8) {
            throw shortage("length determinant", 8, p);
        }
        int first = (int) bitsAt(p, 8);
        if ((first & 0x80) == 0) {
            pos = p + 8;
            return first;
        }
        if ((first & 0x40) == 0) {
            if (end - p < 16) {
                throw shortage("length determinant", 16, p);
            }
            pos = p + 16;
            return (int) bitsAt(p, 16) & 0x3FFF;
        }
        int m = first & 0x3F;
        if (m == 0 || m > 4) {
            throw error("length determinant: fragment header 0x" + Integer.toHexString(first)
                    + " with m = " + m + ", must be 1 to 4", p);
        }
        pos = p + 8;
        return m * Per.K16;
    }

    // ------------------------------------------------------------------------------------------------- strings

    /**
     * X.691 clause 17 (OCTET STRING) with effective size constraint {@code SIZE(lb..ub)}, mirror of
     * {@link BitWriter#writeOctetString}: fragments are concatenated.
     *
     * @param ub upper bound, or negative for none
     * @throws DecodeException if truncated, or the size is outside {@code lb..ub}
     */
    public byte[] readOctetString(int lb, int ub) throws DecodeException {
        int form = Per.sizeForm(lb, ub);
        if (form == Per.FIXED) {
            return readOctets(lb);
        }
        if (form == Per.CONSTRAINED) {
            return readOctets(readConstrainedLength(lb, ub));
        }
        long p = pos;
        int first = readLengthChunk();
        if (first < Per.K16) {
            checkSizeRead(first, lb, ub, "OCTET STRING", p);
            return readOctets(first);
        }
        pos = p;
        int n = scanChunks(8, lb, ub, "OCTET STRING");
        byte[] out = new byte[n];
        int off = 0;
        int chunk;
        do {
            chunk = readLengthChunk();
            copyOctets(pos, out, off, chunk);
            pos += 8L * chunk;
            off += chunk;
        } while (chunk >= Per.K16);
        return out;
    }

    /**
     * X.691 clause 16 (BIT STRING) with effective size constraint {@code SIZE(lb..ub)}, mirror of
     * {@link BitWriter#writeBitString}. Returns the bits packed most significant first, trailing pad bits zero; the
     * number of bits is then available from {@link #lastBitLength()} (a separate call rather than a result record, so
     * that reading a bit string allocates only its array).
     *
     * @param ub upper bound, or negative for none
     * @throws DecodeException if truncated, or the length is outside {@code lb..ub}
     */
    public byte[] readBitString(int lb, int ub) throws DecodeException {
        int form = Per.sizeForm(lb, ub);
        int n;
        if (form == Per.FIXED) {
            n = lb;
        } else if (form == Per.CONSTRAINED) {
            n = readConstrainedLength(lb, ub);
        } else {
            long p = pos;
            int first = readLengthChunk();
            if (first >= Per.K16) {
                pos = p;
                int total = scanChunks(1, lb, ub, "BIT STRING");
                byte[] out = new byte[(total + 7) >>> 3];
                int off = 0;
                int chunk;
                do {
                    chunk = readLengthChunk();
                    readBitField(out, off, chunk);
                    off += chunk;
                } while (chunk >= Per.K16);
                lastBitLength = total;
                return out;
            }
            checkSizeRead(first, lb, ub, "BIT STRING", p);
            n = first;
        }
        if (end - pos < n) {
            throw shortage("BIT STRING of " + n + " bits", n, pos);
        }
        byte[] out = n == 0 ? EMPTY : new byte[(n + 7) >>> 3];
        readBitField(out, 0, n);
        lastBitLength = n;
        return out;
    }

    /** Number of bits in the array returned by the last {@link #readBitString(int, int)}. */
    public int lastBitLength() {
        return lastBitLength;
    }

    /**
     * X.691 30.4 (known-multiplier character string), mirror of {@link BitWriter#writeKnownMultiplierString}.
     *
     * @param bitsPerChar the UNALIGNED "b" of 30.4.2, 0 to 32; above 16 each value is a Unicode code point
     * @param alphabet    null if characters were written as their codes; else the permitted alphabet in canonical
     *                    order, each value being an index into it
     * @throws DecodeException if truncated, the length is outside {@code lb..ub}, an index is outside the alphabet,
     *                         or (above 16 bits) a value is not a Unicode code point
     */
    public String readKnownMultiplierString(int lb, int ub, int bitsPerChar, String alphabet)
            throws DecodeException {
        if (bitsPerChar < 0 || bitsPerChar > 32) {
            throw new IllegalArgumentException("bits per character must be within 0..32, got " + bitsPerChar);
        }
        int form = Per.sizeForm(lb, ub);
        if (form != Per.GENERAL) {
            int n = form == Per.FIXED ? lb : readConstrainedLength(lb, ub);
            long p = pos;
            checkCharCount(n, bitsPerChar, p);
            StringBuilder sb = new StringBuilder(n);
            readChars(sb, n, bitsPerChar, alphabet);
            return sb.toString();
        }
        long p = pos;
        int first = readLengthChunk();
        if (first < Per.K16) {
            checkSizeRead(first, lb, ub, "character string", p);
            checkCharCount(first, bitsPerChar, pos);
            StringBuilder sb = new StringBuilder(first);
            readChars(sb, first, bitsPerChar, alphabet);
            return sb.toString();
        }
        pos = p;
        int n = scanChunks(bitsPerChar, lb, ub, "character string");
        StringBuilder sb = new StringBuilder(n);
        int chunk;
        do {
            chunk = readLengthChunk();
            readChars(sb, chunk, bitsPerChar, alphabet);
        } while (chunk >= Per.K16);
        return sb.toString();
    }

    private void checkCharCount(int n, int bitsPerChar, long p) throws DecodeException {
        if (bitsPerChar == 0) {
            if (n > MAX_ZERO_BIT_ITEMS) {
                throw error("character string of " + n + " zero-bit characters exceeds the cap of "
                        + MAX_ZERO_BIT_ITEMS, p);
            }
        } else {
            long bits = (long) n * bitsPerChar;
            if (end - p < bits) {
                throw shortage("character string of " + n + " characters", bits, p);
            }
        }
    }

    /** Reads {@code n} characters whose bits have been checked to be present. */
    private void readChars(StringBuilder sb, int n, int bitsPerChar, String alphabet) throws DecodeException {
        for (int k = 0; k < n; k++) {
            long p = pos;
            long v = bitsAt(p, bitsPerChar);
            pos = p + bitsPerChar;
            if (alphabet != null) {
                if (v >= alphabet.length()) {
                    throw error("character string: index " + v + " outside permitted alphabet of "
                            + alphabet.length() + " characters", p);
                }
                sb.append(alphabet.charAt((int) v));
            } else if (bitsPerChar <= 16) {
                sb.append((char) v);
            } else {
                if (v > Character.MAX_CODE_POINT) {
                    throw error("character string: value 0x" + Long.toHexString(v) + " is not a Unicode code point",
                            p);
                }
                sb.appendCodePoint((int) v);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- open types

    /**
     * X.691 11.2 (open type field): reads the length-prefixed octets of an open type and returns a reader over
     * exactly those octets, leaving this reader after them. Without fragmentation (under 16K octets, which is every
     * V2X extension) the result is a view over the same array, nothing copied; fragments are concatenated into a new
     * array. Error positions inside a view count from the start of the outermost message; inside a concatenation
     * they count from the open type's first content octet, as if the fragment headers were not there.
     *
     * @throws DecodeException if truncated or a fragment header is invalid
     */
    public BitReader readOpenType() throws DecodeException {
        long p = pos;
        int first = readLengthChunk();
        if (first < Per.K16) {
            long bits = 8L * first;
            long from = pos;
            if (end - from < bits) {
                throw shortage("open type of " + first + " octets", bits, from);
            }
            pos = from + bits;
            BitReader view = new BitReader(buf, from, from + bits, origin + (from - start));
            view.root = root;
            return view;
        }
        pos = p;
        int n = scanChunks(8, 0, -1, "open type");
        byte[] out = new byte[n];
        int off = 0;
        int chunk;
        long contentStart = -1;
        do {
            chunk = readLengthChunk();
            if (contentStart < 0) {
                contentStart = pos;
            }
            copyOctets(pos, out, off, chunk);
            pos += 8L * chunk;
            off += chunk;
        } while (chunk >= Per.K16);
        BitReader joined = new BitReader(out, 0, 8L * n, origin + (contentStart - start));
        joined.root = root;
        return joined;
    }

    /**
     * Skips an extension addition this schema does not know (X.691 19.9: an open type) and counts it, so a message
     * from a newer version of the standard decodes as far as this schema knows it and says what it left out.
     */
    public void skipUnknownExtension() throws DecodeException {
        skipOpenType();
        root.unknownExtensions++;
    }

    /** Counts an extension value, alternative or open-type content kept undecoded because this schema lacks it. */
    public void noteUnknownExtension() {
        root.unknownExtensions++;
    }

    /** Unknown extensions met so far in the whole message, nested open types included. */
    public int unknownExtensions() {
        return root.unknownExtensions;
    }

    /** Skips an open type field (11.2) without looking at it, e.g. an unknown extension addition (19.9). */
    public void skipOpenType() throws DecodeException {
        int chunk;
        do {
            chunk = readLengthChunk();
            if (end - pos < 8L * chunk) {
                throw shortage("open type of " + chunk + " octets", 8L * chunk, pos);
            }
            pos += 8L * chunk;
        } while (chunk >= Per.K16);
    }

    // ----------------------------------------------------------------------------------------------- internals

    /**
     * First pass over fragmented content: walks the length determinants, checking each piece is present, and
     * returns the total item count, bounded by {@code lb..ub}; restores the position. Nothing is allocated, so a
     * hostile chain of fragment headers is rejected before the caller allocates the total.
     */
    private int scanChunks(int bitsPerItem, int lb, int ub, String what) throws DecodeException {
        long p = pos;
        long total = 0;
        int chunk;
        do {
            chunk = readLengthChunk();
            if (bitsPerItem == 0) {
                if (total + chunk > MAX_ZERO_BIT_ITEMS) {
                    throw error(what + " of more than " + MAX_ZERO_BIT_ITEMS + " zero-bit items", p);
                }
            } else {
                long bits = (long) chunk * bitsPerItem;
                if (end - pos < bits) {
                    throw shortage(what + " fragment of " + chunk + " items", bits, pos);
                }
                pos += bits;
            }
            total += chunk;
        } while (chunk >= Per.K16);
        if (total > MAX_ARRAY) {
            throw error(what + " of " + total + " items is too large", p);
        }
        checkSizeRead(total, lb, ub, what, p);
        pos = p;
        return (int) total;
    }

    private void checkSizeRead(long n, int lb, int ub, String what, long p) throws DecodeException {
        if (n < lb || (ub >= 0 && n > ub)) {
            throw error(what + ": size " + n + " outside SIZE(" + Per.bounds(lb, ub) + ")", p);
        }
    }

    /** Reads {@code n} bits into {@code out} from bit {@code outBit} (a multiple of 8); the bits are present. */
    private void readBitField(byte[] out, int outBit, int n) {
        int o = outBit >>> 3;
        int octets = n >>> 3;
        copyOctets(pos, out, o, octets);
        pos += 8L * octets;
        int rest = n & 7;
        if (rest != 0) {
            out[o + octets] = (byte) (bitsAt(pos, rest) << (8 - rest));
            pos += rest;
        }
    }

    /** Copies {@code n} octets starting at absolute bit {@code p}; the bits have been checked to be present. */
    private void copyOctets(long p, byte[] out, int off, int n) {
        int idx = (int) (p >>> 3);
        int used = (int) (p & 7);
        if (used == 0) {
            System.arraycopy(buf, idx, out, off, n);
            return;
        }
        int keep = 8 - used;
        for (int i = 0; i < n; i++) {
            out[off + i] = (byte) ((buf[idx + i] << used) | ((buf[idx + i + 1] & 0xFF) >>> keep));
        }
    }

    /** The {@code n} bits at absolute bit {@code p}; the caller has checked they are present. */
    private long bitsAt(long p, int n) {
        if (n == 0) {
            return 0;
        }
        int idx = (int) (p >>> 3);
        int used = (int) (p & 7);
        if (used + n <= 64 && idx + 8 <= buf.length) {
            // fast path: one big-endian load; bits past the reader's end are shifted out, never returned
            long word = (long) BIG_ENDIAN_LONG.get(buf, idx);
            return (word << used) >>> (64 - n);
        }
        int avail = 8 - used;
        long v = buf[idx] & (0xFF >>> used);
        if (n <= avail) {
            return v >>> (avail - n);
        }
        int need = n - avail;
        idx++;
        while (need >= 8) {
            v = (v << 8) | (buf[idx++] & 0xFF);
            need -= 8;
        }
        if (need > 0) {
            v = (v << need) | ((buf[idx] & 0xFF) >>> (8 - need));
        }
        return v;
    }

    private static void checkBitCount(int n) {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("bit count must be within 0..64, got " + n);
        }
    }

    private static String offsetValue(long lb, long offset) {
        // lb + offset can pass Long.MAX_VALUE only for spans of 2^63 or more; show it without wrapping
        return Long.compareUnsigned(offset, Long.MAX_VALUE - lb) <= 0 ? Long.toString(lb + offset)
                : lb + " + " + Long.toUnsignedString(offset);
    }

    /** Throws unless {@code bits} bits are left at {@code p}; {@code what} must be a constant (no building it). */
    private void require(long bits, String what, long p) throws DecodeException {
        if (end - p < bits) {
            throw shortage(what, bits, p);
        }
    }

    private DecodeException shortage(String what, long bits, long p) {
        return error(what + ": needs " + bits + " bits, " + (end - p) + " left", p);
    }

    /** An error at absolute bit {@code p}, located relative to the outermost message. */
    private DecodeException error(String message, long p) {
        return new DecodeException(message, origin + (p - start));
    }
}
