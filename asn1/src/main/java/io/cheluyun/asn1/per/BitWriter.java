package io.cheluyun.asn1.per;

import java.util.Arrays;
import java.util.Objects;

/**
 * Growable bit buffer producing ITU-T X.691 Unaligned PER: bits are appended most significant first with no
 * alignment anywhere, so every primitive here may start at any bit position.
 *
 * <p>The writer keeps one invariant that makes reuse and zero-copy access safe: every octet up to
 * {@link #octetLength()} holds the written bits followed by zero bits, so {@link #buffer()} can be handed out
 * directly and {@link #reset()} costs nothing. A value that violates its constraint throws {@link EncodeException};
 * the writer's content after such an exception is unspecified, so callers reset before reuse. Misuse that only a bug
 * in the calling code can cause ({@code lb > ub}, a bit count above 64) throws {@link IllegalArgumentException}.
 *
 * <p>Not thread-safe; meant to be kept per encoding thread and reset between messages.
 */
public final class BitWriter {

    private static final int DEFAULT_CAPACITY_BYTES = 64;

    /** Bit positions are ints; this caps an encoding at 256 MiB, far above any V2X message. */
    private static final long MAX_BITS = Integer.MAX_VALUE;

    private byte[] buf;
    private int bitPos;
    private BitWriter scratch;

    public BitWriter() {
        this(DEFAULT_CAPACITY_BYTES);
    }

    /** @param initialCapacityBytes initial buffer size; the buffer doubles when full */
    public BitWriter(int initialCapacityBytes) {
        if (initialCapacityBytes < 0) {
            throw new IllegalArgumentException("initial capacity must be >= 0, got " + initialCapacityBytes);
        }
        // at least one octet, so that an empty encoding can be exposed as the single zero octet of 11.1.3
        this.buf = new byte[Math.max(1, initialCapacityBytes)];
    }

    /** Empties the writer, keeping its buffer: no allocation. */
    public void reset() {
        bitPos = 0;
        // octets are overwritten (not OR-ed) when a write reaches them, so only octet 0 has to read as zero now
        buf[0] = 0;
    }

    // ------------------------------------------------------------------------------------------------- raw bits

    /** Appends one bit (BOOLEAN, clause 12; presence and extension bits). */
    public void writeBit(boolean b) {
        int p = bitPos;
        ensure(p + 1L);
        int idx = p >>> 3;
        int used = p & 7;
        if (used == 0) {
            buf[idx] = b ? (byte) 0x80 : 0;
        } else if (b) {
            buf[idx] |= (byte) (0x80 >>> used);
        }
        bitPos = p + 1;
    }

    /**
     * Appends the low {@code n} bits of {@code value}, most significant first; higher bits of {@code value} are
     * ignored.
     *
     * @param n 0 to 64
     */
    public void writeBits(long value, int n) {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("bit count must be within 0..64, got " + n);
        }
        if (n == 0) {
            return;
        }
        int p = bitPos;
        ensure(p + (long) n);
        long v = n == 64 ? value : value & ((1L << n) - 1);
        int idx = p >>> 3;
        int used = p & 7;
        int left = n;
        if (used != 0) {
            int free = 8 - used;
            if (left <= free) {
                buf[idx] |= (byte) (v << (free - left));
                bitPos = p + n;
                return;
            }
            left -= free;
            buf[idx] |= (byte) (v >>> left);
            idx++;
        }
        while (left >= 8) {
            left -= 8;
            buf[idx++] = (byte) (v >>> left);
        }
        if (left > 0) {
            buf[idx] = (byte) (v << (8 - left));
        }
        bitPos = p + n;
    }

    /**
     * Appends {@code len} whole octets of {@code src} at the current bit position, which need not be octet-aligned.
     */
    public void writeOctets(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        if (len == 0) {
            return;
        }
        int p = bitPos;
        ensure(p + 8L * len);
        int idx = p >>> 3;
        int used = p & 7;
        if (used == 0) {
            System.arraycopy(src, off, buf, idx, len);
        } else {
            // each source octet straddles two target octets: its high (8 - used) bits finish the current one
            int keep = 8 - used;
            int cur = buf[idx] & 0xFF;
            for (int i = 0; i < len; i++) {
                int b = src[off + i] & 0xFF;
                buf[idx + i] = (byte) (cur | (b >>> used));
                cur = (b << keep) & 0xFF;
            }
            buf[idx + len] = (byte) cur;
        }
        bitPos = p + 8 * len;
    }

    // ------------------------------------------------------------------------------------------ whole numbers

    /**
     * X.691 11.5.6 (UNALIGNED constrained whole number): {@code value - lb} as a non-negative binary integer in the
     * fewest bits that can hold {@code ub - lb}, i.e. {@code ceil(log2(range))} bits for {@code range = ub - lb + 1};
     * nothing at all for a range of 1 (11.5.4). Valid for any bounds, up to {@code Long.MIN_VALUE..Long.MAX_VALUE}
     * (64 bits): the span is computed in unsigned 64-bit arithmetic, where it cannot overflow.
     *
     * @throws EncodeException if {@code value} is outside {@code lb..ub}
     */
    public void writeConstrainedWholeNumber(long value, long lb, long ub) {
        if (lb > ub) {
            throw new IllegalArgumentException("empty range " + lb + ".." + ub);
        }
        if (value < lb || value > ub) {
            throw new EncodeException("value " + value + " outside constrained range " + lb + ".." + ub);
        }
        writeBits(value - lb, Per.rangeBits(ub - lb));
    }

    /**
     * X.691 11.7 (semi-constrained whole number, INTEGER (lb..MAX)): {@code value - lb} as a non-negative binary
     * integer in the minimum number of octets (11.3.6, at least one), preceded by its octet count as an unconstrained
     * length determinant (11.9.3.6; the count never exceeds 8, so it is always one octet). The offset is unsigned, so
     * {@code lb = Long.MIN_VALUE, value = Long.MAX_VALUE} is the 8-octet offset {@code 2^64 - 1}.
     *
     * @throws EncodeException if {@code value < lb}
     */
    public void writeSemiConstrainedWholeNumber(long value, long lb) {
        if (value < lb) {
            throw new EncodeException("value " + value + " below lower bound " + lb + " of semi-constrained range "
                    + lb + "..MAX");
        }
        long offset = value - lb;
        int octets = Math.max(1, (Per.rangeBits(offset) + 7) >>> 3);
        writeBits(octets, 8);
        writeBits(offset, octets * 8);
    }

    /**
     * X.691 11.8 (unconstrained whole number, INTEGER with no lower bound): the value as a 2's-complement binary
     * integer in the minimum number of octets (11.4.6), preceded by its octet count as an unconstrained length
     * determinant (one octet, 1 to 8).
     */
    public void writeUnconstrainedWholeNumber(long value) {
        // significant bits of the magnitude plus one sign bit
        int bits = 65 - Long.numberOfLeadingZeros(value ^ (value >> 63));
        int octets = (bits + 7) >>> 3;
        writeBits(octets, 8);
        writeBits(value, octets * 8);
    }

    /**
     * X.691 11.6 (normally small non-negative whole number), used for the index of a CHOICE alternative or
     * ENUMERATED value outside the extension root (23.8, 14.3): {@code n <= 63} is a 0 bit and 6 bits; otherwise a
     * 1 bit and a semi-constrained whole number with {@code lb = 0}.
     *
     * <p>Not for the count of extension additions of a SEQUENCE or SET: that is a <em>normally small length</em>
     * (19.8, 11.9.3.4), written by {@link #writeNormallySmallLength(int)}.
     *
     * @throws EncodeException if {@code n < 0}
     */
    public void writeNormallySmallNonNegative(long n) {
        if (n < 0) {
            throw new EncodeException("normally small non-negative whole number " + n + " is negative");
        }
        if (n <= 63) {
            writeBits(n, 7); // the leading 0 of the 7-bit field is the "small" flag
        } else {
            writeBit(true);
            writeSemiConstrainedWholeNumber(n, 0);
        }
    }

    /**
     * X.691 11.9.3.4 (normally small length), used only for the length of the extension-addition bitmap of a
     * SEQUENCE or SET (19.8): {@code n <= 64} is a 0 bit and {@code n - 1} in 6 bits; otherwise a 1 bit and
     * {@code n} as an unconstrained length determinant.
     *
     * @param n 1 to 16383; a bitmap of 16K or more extension additions would need fragmentation, which no real
     *          specification comes near, so it is refused
     * @throws EncodeException if {@code n} is outside 1..16383
     */
    public void writeNormallySmallLength(int n) {
        if (n < 1 || n >= Per.K16) {
            throw new EncodeException("normally small length " + n + " outside supported range 1..16383");
        }
        if (n <= 64) {
            writeBits(n - 1, 7);
        } else {
            writeBit(true);
            writeLengthChunk(n);
        }
    }

    // -------------------------------------------------------------------------------------- length determinants

    /**
     * X.691 11.9.4.1 (UNALIGNED length with an upper bound below 64K): {@code n - lb} as a constrained whole number
     * in {@code lb..ub}; nothing when {@code lb == ub}.
     *
     * @param ub below 65536; larger or absent bounds use {@link #writeLengthChunk(int)}
     * @throws EncodeException if {@code n} is outside {@code lb..ub}
     */
    public void writeConstrainedLength(int n, int lb, int ub) {
        if (lb < 0 || ub < lb || ub >= Per.K64) {
            throw new IllegalArgumentException("constrained length bounds must satisfy 0 <= lb <= ub < 65536, got "
                    + lb + ".." + ub);
        }
        if (n < lb || n > ub) {
            throw new EncodeException("length " + n + " outside size constraint " + lb + ".." + ub);
        }
        writeBits(n - lb, Per.rangeBits(ub - lb));
    }

    /**
     * X.691 11.9.3.6 to 11.9.3.8.4 (reached for UNALIGNED through 11.9.4.2): one length determinant of the general
     * form, fragmenting long content. For {@code remaining < 128} writes {@code 0nnnnnnn}; below 16384 writes
     * {@code 10nnnnnn nnnnnnnn}; both return {@code remaining} and end the content. Otherwise writes the fragment
     * header {@code 11000mmm} with {@code m = min(4, remaining / 16384)} and returns {@code m * 16384}: the caller
     * writes that many items and calls again. The complete loop over {@code n} items is
     *
     * <pre>{@code
     * int off = 0, chunk;
     * do {
     *     chunk = w.writeLengthChunk(n - off);
     *     // write items off .. off + chunk - 1
     *     off += chunk;
     * } while (chunk >= 16384);
     * }</pre>
     *
     * which ends a multiple of 16K with the explicit zero length that 11.9.3.8.3 requires.
     *
     * @param remaining items (octets, bits, characters or components) still to be written, >= 0
     * @return the number of items the caller must write next
     */
    public int writeLengthChunk(int remaining) {
        if (remaining < 0) {
            throw new IllegalArgumentException("remaining count must be >= 0, got " + remaining);
        }
        if (remaining < 128) {
            writeBits(remaining, 8);
            return remaining;
        }
        if (remaining < Per.K16) {
            writeBits(0x8000 | remaining, 16);
            return remaining;
        }
        int m = Math.min(4, remaining / Per.K16);
        writeBits(0xC0 | m, 8);
        return m * Per.K16;
    }

    // ------------------------------------------------------------------------------------------------- strings

    /**
     * X.691 clause 17 (OCTET STRING) with effective size constraint {@code SIZE(lb..ub)}: a fixed size below 64K has
     * no length (17.6, 17.7; a fixed size of 0 writes nothing, 17.5); an upper bound below 64K gives a constrained
     * length (17.8 with 11.9.4.1); otherwise a general length with fragmentation (17.8 with 11.9.4.2). For an
     * extensible size constraint the generated code writes the extension bit and, outside the root, calls this with
     * {@code lb = 0, ub = -1} (17.3).
     *
     * @param ub upper bound, or negative for none
     * @throws EncodeException if {@code v.length} is outside {@code lb..ub}
     */
    public void writeOctetString(byte[] v, int lb, int ub) {
        int n = v.length;
        int form = Per.sizeForm(lb, ub);
        checkSize(n, lb, ub, "OCTET STRING", "octets");
        if (form == Per.CONSTRAINED) {
            writeBits(n - lb, Per.rangeBits(ub - lb));
        }
        if (form == Per.GENERAL) {
            writeOctetChunks(v, n);
        } else {
            writeOctets(v, 0, n);
        }
    }

    /**
     * X.691 clause 16 (BIT STRING) with effective size constraint {@code SIZE(lb..ub)}, lengths in bits and the same
     * three cases as {@link #writeOctetString} (16.8 to 16.11). Trailing-zero trimming for named bits (16.2, 16.3) is
     * the caller's business.
     *
     * @param bits      the bits, first bit in the most significant bit of {@code bits[0]}
     * @param bitLength number of bits to write from {@code bits}
     * @param ub        upper bound, or negative for none
     * @throws EncodeException if {@code bitLength} is outside {@code lb..ub}
     */
    public void writeBitString(byte[] bits, int bitLength, int lb, int ub) {
        if (bitLength < 0 || bits.length * 8L < bitLength) {
            throw new IllegalArgumentException("bit length " + bitLength + " does not fit " + bits.length
                    + " octets");
        }
        int form = Per.sizeForm(lb, ub);
        checkSize(bitLength, lb, ub, "BIT STRING", "bits");
        if (form == Per.GENERAL) {
            int off = 0;
            int chunk;
            do {
                chunk = writeLengthChunk(bitLength - off);
                writeBitField(bits, off, chunk);
                off += chunk;
            } while (chunk >= Per.K16);
            return;
        }
        if (form == Per.CONSTRAINED) {
            writeBits(bitLength - lb, Per.rangeBits(ub - lb));
        }
        writeBitField(bits, 0, bitLength);
    }

    /**
     * X.691 30.4 (known-multiplier character strings: NumericString, PrintableString, VisibleString, IA5String,
     * BMPString, UniversalString), UNALIGNED: a length in characters as for {@link #writeOctetString} (30.4.6,
     * 30.4.7), then each character in {@code bitsPerChar} bits (30.4.2 to 30.4.5), either its own code or, when the
     * code would not fit, its index in the permitted alphabet.
     *
     * @param bitsPerChar the UNALIGNED "b" of 30.4.2, 0 to 32; above 16 the string is taken as code points
     *                    (UniversalString), otherwise as UTF-16 chars
     * @param alphabet    null to write each character's code as is; else the permitted characters in canonical
     *                    (code) order, each written as its index here (30.4.4 b); BMP characters only
     * @throws EncodeException if the length is outside {@code lb..ub}, or a character is not in {@code alphabet} or
     *                         (without alphabet) does not fit in {@code bitsPerChar} bits
     */
    public void writeKnownMultiplierString(CharSequence s, int lb, int ub, int bitsPerChar, String alphabet) {
        if (bitsPerChar < 0 || bitsPerChar > 32) {
            throw new IllegalArgumentException("bits per character must be within 0..32, got " + bitsPerChar);
        }
        if (alphabet != null && alphabet.length() > (1L << bitsPerChar)) {
            throw new IllegalArgumentException("alphabet of " + alphabet.length() + " characters does not fit "
                    + bitsPerChar + " bits");
        }
        boolean codePoints = bitsPerChar > 16;
        int n = codePoints ? Character.codePointCount(s, 0, s.length()) : s.length();
        int form = Per.sizeForm(lb, ub);
        checkSize(n, lb, ub, "character string", "characters");
        if (form == Per.GENERAL) {
            int done = 0;
            int at = 0;
            int chunk;
            do {
                chunk = writeLengthChunk(n - done);
                at = writeChars(s, at, chunk, bitsPerChar, alphabet, codePoints);
                done += chunk;
            } while (chunk >= Per.K16);
            return;
        }
        if (form == Per.CONSTRAINED) {
            writeBits(n - lb, Per.rangeBits(ub - lb));
        }
        writeChars(s, 0, n, bitsPerChar, alphabet, codePoints);
    }

    /** Writes {@code count} characters starting at char index {@code at}; returns the char index after them. */
    private int writeChars(CharSequence s, int at, int count, int bitsPerChar, String alphabet, boolean codePoints) {
        int i = at;
        for (int k = 0; k < count; k++) {
            int c;
            if (codePoints) {
                c = Character.codePointAt(s, i);
                i += Character.charCount(c);
            } else {
                c = s.charAt(i++);
            }
            long v;
            if (alphabet == null) {
                if (bitsPerChar < 32 && (c >>> bitsPerChar) != 0) {
                    throw new EncodeException("character " + describe(c) + " does not fit in " + bitsPerChar
                            + " bits");
                }
                v = c;
            } else {
                int index = alphabet.indexOf(c);
                if (index < 0) {
                    throw new EncodeException("character " + describe(c) + " not in permitted alphabet \""
                            + alphabet + "\"");
                }
                v = index;
            }
            writeBits(v, bitsPerChar);
        }
        return i;
    }

    private static String describe(int c) {
        String hex = String.format("U+%04X", c);
        return Character.isISOControl(c) || !Character.isValidCodePoint(c) ? hex
                : "'" + new String(Character.toChars(c)) + "' (" + hex + ")";
    }

    // ------------------------------------------------------------------------------------------------ open types

    /**
     * X.691 11.2 (open type field): the first {@code len} octets of {@code encoded}, a complete encoding of the
     * inner value (11.1, already padded to whole octets), as an octet string with an unconstrained length and
     * fragmentation. An empty encoding ({@code len == 0}) becomes the single zero octet of 11.1.3.
     */
    public void writeOpenType(byte[] encoded, int len) {
        Objects.checkFromIndexSize(0, len, encoded.length);
        if (len == 0) {
            writeBits(0x0100, 16); // length 1, then the zero octet
            return;
        }
        writeOctetChunks(encoded, len);
    }

    /**
     * X.691 11.2 (open type field): the content of {@code inner}, padded to whole octets, as by
     * {@link #writeOpenType(byte[], int)}. Used for extension additions (19.9, 23.8) and open types, typically with
     * an inner writer obtained from {@link #scratch()}.
     */
    public void writeOpenType(BitWriter inner) {
        if (inner == this) {
            throw new IllegalArgumentException("a writer cannot be written into itself as an open type");
        }
        writeOctetChunks(inner.buf, inner.octetLength());
    }

    /**
     * This writer's scratch writer, emptied, for building the content of an open type before
     * {@link #writeOpenType(BitWriter)}: each writer owns one, created on first use and then reused, so encoding
     * extension additions allocates nothing after warm-up. An open type nested inside that content uses the
     * scratch writer's own scratch. One scratch per writer means one open type under construction per level at a
     * time, which is how PER encodes them (each is finished and written before the next one starts).
     */
    public BitWriter scratch() {
        BitWriter s = scratch;
        if (s == null) {
            s = new BitWriter();
            scratch = s;
        } else {
            s.reset();
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------- results

    /** Number of bits written. */
    public int bitLength() {
        return bitPos;
    }

    /**
     * Length of the complete encoding in octets: the bits padded with zeros to a whole octet, and at least one octet,
     * since an empty encoding is transmitted as a single zero octet (X.691 11.1.3).
     */
    public int octetLength() {
        return Math.max(1, (bitPos + 7) >>> 3);
    }

    /** The complete encoding (X.691 11.1): a copy of the first {@link #octetLength()} octets of {@link #buffer()}. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, octetLength());
    }

    /**
     * The internal buffer, for zero-copy access: the first {@link #octetLength()} octets are the complete encoding,
     * trailing pad bits zero; octets beyond are garbage. Valid until the next write or {@link #reset()}, after which
     * the writer may have replaced it with a larger array.
     */
    public byte[] buffer() {
        return buf;
    }

    // ------------------------------------------------------------------------------------------------ internals

    private void writeOctetChunks(byte[] src, int n) {
        int off = 0;
        int chunk;
        do {
            chunk = writeLengthChunk(n - off);
            writeOctets(src, off, chunk);
            off += chunk;
        } while (chunk >= Per.K16);
    }

    /** Writes {@code count} bits of {@code bits} from bit {@code fromBit}, which is a multiple of 8 here. */
    private void writeBitField(byte[] bits, int fromBit, int count) {
        int from = fromBit >>> 3;
        writeOctets(bits, from, count >>> 3);
        int rest = count & 7;
        if (rest != 0) {
            writeBits((bits[from + (count >>> 3)] & 0xFF) >>> (8 - rest), rest);
        }
    }

    private static void checkSize(int n, int lb, int ub, String type, String unit) {
        if (n < lb || (ub >= 0 && n > ub)) {
            throw new EncodeException(type + " of " + n + " " + unit + " outside size constraint SIZE("
                    + Per.bounds(lb, ub) + ")");
        }
    }

    private void ensure(long bitsNeeded) {
        if (bitsNeeded > buf.length * 8L) {
            grow(bitsNeeded);
        }
    }

    private void grow(long bitsNeeded) {
        if (bitsNeeded > MAX_BITS) {
            throw new EncodeException("encoding of " + bitsNeeded + " bits exceeds the limit of " + MAX_BITS
                    + " bits");
        }
        long needBytes = (bitsNeeded + 7) >>> 3;
        buf = Arrays.copyOf(buf, (int) Math.max(needBytes, Math.min(MAX_BITS / 8 + 1, buf.length * 2L)));
    }
}
