package io.cheluyun.asn1.per;

import static io.cheluyun.asn1.per.PerTestSupport.filled;
import static io.cheluyun.asn1.per.PerTestSupport.fromBits;
import static io.cheluyun.asn1.per.PerTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * Decoding of the hand-computed X.691 encodings of {@link BitWriterTest}, and hostile input: every malformed or
 * truncated encoding must end in a {@link DecodeException} that says what was being read and where.
 */
class BitReaderTest {

    private static BitReader reader(String hexOctets) {
        return new BitReader(hex(hexOctets));
    }

    /** The DecodeException the read throws; fails the test if it throws nothing or something else. */
    private static DecodeException decodeError(ThrowingRead read) {
        DecodeException e = catchThrowableOfType(DecodeException.class, read::run);
        assertThat(e).as("expected a DecodeException").isNotNull();
        return e;
    }

    @FunctionalInterface
    private interface ThrowingRead {
        void run() throws DecodeException;
    }

    // ---------------------------------------------------------------- whole numbers

    @Test
    void readsConstrainedWholeNumbers() throws DecodeException {
        BitReader r = new BitReader(fromBits("101" + "0101" + "100000000" + "1"));
        assertThat(r.readConstrainedWholeNumber(0, 7)).isEqualTo(5);
        assertThat(r.bitPosition()).isEqualTo(3);
        assertThat(r.readConstrainedWholeNumber(-5, 5)).isZero();
        assertThat(r.readConstrainedWholeNumber(0, 256)).isEqualTo(256);
        assertThat(r.readConstrainedWholeNumber(42, 42)).isEqualTo(42); // no bits
        assertThat(r.readConstrainedWholeNumber(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(r.bitPosition()).isEqualTo(17);
    }

    @Test
    void readsTheFullLongRange() throws DecodeException {
        assertThat(reader("80 00 00 00 00 00 00 00").readConstrainedWholeNumber(Long.MIN_VALUE, Long.MAX_VALUE))
                .isZero();
        assertThat(reader("FF FF FF FF FF FF FF FF").readConstrainedWholeNumber(Long.MIN_VALUE, Long.MAX_VALUE))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void constrainedValueAboveTheUpperBoundIsAnErrorAtItsFirstBit() {
        BitReader r = new BitReader(fromBits("0" + "111"));
        DecodeException e = decodeError(() -> {
            r.readBit();
            r.readConstrainedWholeNumber(0, 5);
        });
        assertThat(e.bitOffset()).isEqualTo(1);
        assertThat(e).hasMessage("constrained whole number 0..5: value 7 above 5 at bit 1 (byte 0)");
    }

    @Test
    void readsSemiConstrainedAndUnconstrainedWholeNumbers() throws DecodeException {
        assertThat(reader("02 01 00").readSemiConstrainedWholeNumber(0)).isEqualTo(256);
        assertThat(reader("01 00").readSemiConstrainedWholeNumber(-10)).isEqualTo(-10);
        assertThat(reader("08 FF FF FF FF FF FF FF FF").readSemiConstrainedWholeNumber(Long.MIN_VALUE))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(reader("01 FF").readUnconstrainedWholeNumber()).isEqualTo(-1);
        assertThat(reader("02 00 80").readUnconstrainedWholeNumber()).isEqualTo(128);
        assertThat(reader("02 FF 7F").readUnconstrainedWholeNumber()).isEqualTo(-129);
        assertThat(reader("08 80 00 00 00 00 00 00 00").readUnconstrainedWholeNumber()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void integersOfMoreThanEightOctetsAreRejected() {
        DecodeException e = decodeError(() -> reader("09 00 00 00 00 00 00 00 00 01").readUnconstrainedWholeNumber());
        assertThat(e).hasMessageContaining("integer too large for 64 bits");
        assertThat(e.bitOffset()).isZero();
        assertThat(decodeError(() -> reader("09 00 00 00 00 00 00 00 00 01").readSemiConstrainedWholeNumber(0)))
                .hasMessageContaining("integer too large for 64 bits");
    }

    @Test
    void semiConstrainedOffsetsPastLongMaxAreRejected() {
        assertThat(decodeError(() -> reader("08 80 00 00 00 00 00 00 00").readSemiConstrainedWholeNumber(0)))
                .hasMessageContaining("too large for 64 bits");
        assertThat(decodeError(() -> reader("08 FF FF FF FF FF FF FF FF").readSemiConstrainedWholeNumber(1)))
                .hasMessageContaining("too large for 64 bits");
    }

    @Test
    void integerWithZeroOctetsOrMissingOctetsIsRejected() {
        assertThat(decodeError(() -> reader("00").readUnconstrainedWholeNumber())).hasMessageContaining("length 0");
        DecodeException e = decodeError(() -> reader("03 01").readSemiConstrainedWholeNumber(0));
        assertThat(e).hasMessageContaining("needs 24 bits, 8 left");
        assertThat(e.bitOffset()).isEqualTo(8);
    }

    @Test
    void readsNormallySmallNumbersAndLengths() throws DecodeException {
        BitReader r = new BitReader(fromBits("0000101" + "1" + "00000001" + "01000000"));
        assertThat(r.readNormallySmallNonNegative()).isEqualTo(5);
        assertThat(r.readNormallySmallNonNegative()).isEqualTo(64);
        BitReader l = new BitReader(fromBits("0000000" + "0111111" + "1" + "01000001"));
        assertThat(l.readNormallySmallLength()).isEqualTo(1);
        assertThat(l.readNormallySmallLength()).isEqualTo(64);
        assertThat(l.readNormallySmallLength()).isEqualTo(65);
        assertThat(decodeError(() -> new BitReader(fromBits("1" + "00000000")).readNormallySmallLength()))
                .hasMessageContaining("length 0");
    }

    // ---------------------------------------------------------------- length determinants

    @Test
    void readsGeneralLengthsAndFragmentCounts() throws DecodeException {
        BitReader r = reader("00 7F 80 80 80 C8 BF FF C1 C3 C4");
        int[] expected = {0, 127, 128, 200, 16383, 16384, 49152, 65536};
        for (int n : expected) {
            assertThat(r.readLengthChunk()).isEqualTo(n);
        }
        assertThat(r.remainingBits()).isZero();
    }

    @Test
    void fragmentHeadersOutsideOneToFourAreRejected() {
        for (String header : new String[] {"C0", "C5", "FF"}) {
            DecodeException e = decodeError(() -> reader(header + " 00").readLengthChunk());
            assertThat(e).as(header).hasMessageContaining("fragment header").hasMessageContaining("must be 1 to 4");
            assertThat(e.bitOffset()).isZero();
        }
    }

    @Test
    void constrainedLengthAboveItsBoundIsRejected() throws DecodeException {
        assertThat(new BitReader(fromBits("10")).readConstrainedLength(1, 4)).isEqualTo(3);
        assertThat(reader("00").readConstrainedLength(7, 7)).isEqualTo(7);
        assertThat(decodeError(() -> new BitReader(fromBits("111")).readConstrainedLength(0, 5)))
                .hasMessageStartingWith("length determinant 0..5: length 7 above 5");
    }

    // ---------------------------------------------------------------- strings

    @Test
    void readsOctetStringsInEachForm() throws DecodeException {
        assertThat(reader("41 42 43").readOctetString(3, 3)).containsExactly(hex("41 42 43"));
        assertThat(new BitReader(fromBits("010" + "10101011" + "11001101")).readOctetString(0, 7))
                .containsExactly(hex("AB CD"));
        BitReader r = reader("80 FF 80");
        assertThat(r.readBit()).isTrue();
        assertThat(r.readOctetString(0, -1)).containsExactly(hex("FF"));
        assertThat(r.bitPosition()).isEqualTo(17);
    }

    @Test
    void concatenatesFragmentedOctetStrings() throws DecodeException {
        byte[] v = filled(70000, 3);
        BitWriter w = new BitWriter();
        w.writeBits(0b101, 3); // unaligned start
        w.writeOctetString(v, 0, -1);
        BitReader r = new BitReader(w.toByteArray());
        assertThat(r.readBits(3)).isEqualTo(0b101);
        assertThat(r.readOctetString(0, -1)).isEqualTo(v);
        assertThat(r.bitPosition()).isEqualTo(w.bitLength());
    }

    @Test
    void readsBitStringsAndTheirLength() throws DecodeException {
        BitReader r = new BitReader(fromBits("1011" + "0101" + "10110" + "00000011" + "101"));
        assertThat(r.readBitString(4, 4)).containsExactly(hex("B0"));
        assertThat(r.lastBitLength()).isEqualTo(4);
        assertThat(r.readBitString(0, 8)).containsExactly(hex("B0"));
        assertThat(r.lastBitLength()).isEqualTo(5);
        assertThat(r.readBitString(0, -1)).containsExactly(hex("A0"));
        assertThat(r.lastBitLength()).isEqualTo(3);
    }

    @Test
    void readsKnownMultiplierStrings() throws DecodeException {
        assertThat(reader("23 40").readKnownMultiplierString(3, 3, 4, " 0123456789")).isEqualTo("123");
        assertThat(reader("02 91 A4").readKnownMultiplierString(0, -1, 7, null)).isEqualTo("Hi");
        assertThat(reader("00 01 F6 97").readKnownMultiplierString(1, 1, 32, null))
                .isEqualTo(new String(Character.toChars(0x1F697)));
    }

    @Test
    void alphabetIndexOutsideTheAlphabetIsRejected() {
        DecodeException e = decodeError(() -> reader("0F").readKnownMultiplierString(2, 2, 4, " 0123456789"));
        assertThat(e).hasMessageContaining("index 15 outside permitted alphabet of 11 characters");
        assertThat(e.bitOffset()).isEqualTo(4); // the second character
    }

    @Test
    void universalStringValueBeyondUnicodeIsRejected() {
        assertThat(decodeError(() -> reader("00 11 00 00").readKnownMultiplierString(1, 1, 32, null)))
                .hasMessageContaining("not a Unicode code point");
    }

    @Test
    void sizeOutsideTheConstraintIsRejected() {
        DecodeException e = decodeError(() -> reader("05 00 00 00 00 00").readOctetString(10, 70000));
        assertThat(e).hasMessageContaining("size 5 outside SIZE(10..70000)");
        assertThat(decodeError(() -> reader("05 00 00 00 00 00").readKnownMultiplierString(10, -1, 8, null)))
                .hasMessageContaining("size 5 outside SIZE(10..MAX)");
        assertThat(decodeError(() -> reader("05 00").readBitString(6, 100_000)))
                .hasMessageContaining("size 5 outside SIZE(6..100000)");
    }

    // ---------------------------------------------------------------- open types

    @Test
    void openTypeIsAViewAndTheOuterReaderMovesPastIt() throws DecodeException {
        BitWriter w = new BitWriter();
        w.writeBit(true);
        w.writeOpenType(hex("AB CD"), 2);
        w.writeBit(true);
        BitReader r = new BitReader(w.toByteArray());
        assertThat(r.readBit()).isTrue();
        BitReader ot = r.readOpenType();
        assertThat(ot.remainingBits()).isEqualTo(16);
        assertThat(ot.readBits(16)).isEqualTo(0xABCD);
        assertThat(r.readBit()).isTrue();
        assertThat(r.bitPosition()).isEqualTo(1 + 8 + 16 + 1);
    }

    @Test
    void errorsInsideAnOpenTypeCountFromTheOuterMessage() throws DecodeException {
        BitWriter w = new BitWriter();
        w.writeBit(true);
        w.writeOpenType(hex("AB CD"), 2);
        w.writeBits(0xFFFF, 16); // more bits after the open type, which its reader must not see
        BitReader r = new BitReader(w.toByteArray());
        r.readBit();
        BitReader ot = r.readOpenType();
        ot.readBits(4);
        DecodeException e = decodeError(() -> ot.readBits(20));
        assertThat(e.bitOffset()).isEqualTo(1 + 8 + 4);
        assertThat(e).hasMessageContaining("needs 20 bits, 12 left");
    }

    @Test
    void fragmentedOpenTypeIsConcatenated() throws DecodeException {
        byte[] v = filled(20000, 9);
        BitWriter w = new BitWriter();
        w.writeOpenType(v, v.length);
        w.writeBits(0x5A, 8);
        byte[] enc = w.toByteArray();
        // 20000 = 16384 + 3616; 3616 = 0x0E20 in the two-octet form is 8E 20
        assertThat(enc[0]).isEqualTo((byte) 0xC1);
        assertThat(enc[1 + 16384]).isEqualTo((byte) 0x8E);
        assertThat(enc[2 + 16384]).isEqualTo((byte) 0x20);
        BitReader r = new BitReader(enc);
        BitReader ot = r.readOpenType();
        assertThat(ot.readOctets(20000)).isEqualTo(v);
        assertThat(r.readBits(8)).isEqualTo(0x5A);
        assertThat(decodeError(ot::readBit).bitOffset()).isEqualTo(8 + 8L * 20000);
    }

    @Test
    void skipsOpenTypes() throws DecodeException {
        BitWriter w = new BitWriter();
        w.writeOpenType(filled(300, 1), 300);
        w.writeOpenType(filled(17000, 2), 17000);
        w.writeOpenType(hex("77"), 1);
        BitReader r = new BitReader(w.toByteArray());
        r.skipOpenType();
        r.skipOpenType();
        assertThat(r.readOpenType().readBits(8)).isEqualTo(0x77);
        assertThat(r.remainingBits()).isZero();
    }

    // ---------------------------------------------------------------- hostile input

    @Test
    void truncatedOctetStringFailsAtItsContent() {
        DecodeException e = decodeError(() -> reader("05").readOctetString(0, -1));
        assertThat(e.bitOffset()).isEqualTo(8);
        assertThat(e).hasMessage("5 octets: needs 40 bits, 0 left at bit 8 (byte 1)");
    }

    @Test
    void hugeFragmentedLengthInASmallMessageFailsBeforeAllocating() {
        byte[] msg = new byte[20];
        msg[0] = (byte) 0xC4; // "64K octets follow" in a 20-octet message
        DecodeException e = decodeError(() -> new BitReader(msg).readOctetString(0, -1));
        assertThat(e).hasMessageContaining("needs 524288 bits, 152 left");
        assertThat(e.bitOffset()).isEqualTo(8);
        assertThat(decodeError(() -> new BitReader(msg).readOpenType())).hasMessageContaining("152 left");
        assertThat(decodeError(() -> new BitReader(msg).readBitString(0, -1)))
                .hasMessageContaining("needs 65536 bits, 152 left");
    }

    @Test
    void hugeCountsAreRejectedBeforeAllocating() throws DecodeException {
        BitReader r = new BitReader(new byte[20]);
        assertThat(decodeError(() -> r.readOctets(1 << 30))).hasMessageContaining("needs 8589934592 bits, 160 left");
        assertThat(decodeError(() -> r.checkedCount(1L << 30, 8))).hasMessageContaining("160 bits left");
        assertThat(decodeError(() -> r.checkedCount(161, 1))).isNotNull();
        assertThat(r.checkedCount(160, 1)).isEqualTo(160);
        assertThat(r.checkedCount(20, 8)).isEqualTo(20);
        assertThat(r.checkedCount(BitReader.MAX_ZERO_BIT_ITEMS, 0)).isEqualTo(65536);
        assertThat(decodeError(() -> r.checkedCount(BitReader.MAX_ZERO_BIT_ITEMS + 1L, 0)))
                .hasMessageContaining("cap");
        assertThat(decodeError(() -> r.checkedCount(-1, 8))).hasMessageContaining("negative");
    }

    @Test
    void readsNeverPassTheEndOfTheirRange() throws DecodeException {
        BitReader r = new BitReader(hex("FF FF FF"), 1, 1);
        assertThat(r.readBits(8)).isEqualTo(0xFF);
        DecodeException e = decodeError(r::readBit);
        assertThat(e.bitOffset()).isEqualTo(8);
        assertThat(e).hasMessage("bit: needs 1 bits, 0 left at bit 8 (byte 1)");
        assertThat(decodeError(() -> new BitReader(new byte[0]).readLengthChunk()))
                .hasMessageStartingWith("length determinant: needs 8 bits, 0 left");
        assertThat(decodeError(() -> reader("80").readLengthChunk())).hasMessageContaining("needs 16 bits, 8 left");
    }

    @Test
    void truncatedStringsAndSkipsAreRejected() {
        assertThat(decodeError(() -> reader("05 41").readKnownMultiplierString(0, -1, 7, null)))
                .hasMessageContaining("needs 35 bits, 8 left");
        assertThat(decodeError(() -> reader("00").readBitString(9, 9))).hasMessageContaining("needs 9 bits, 8 left");
        assertThat(decodeError(() -> reader("05 00").readOpenType())).hasMessageContaining("needs 40 bits, 8 left");
        assertThat(decodeError(() -> reader("05 00").skipOpenType())).hasMessageContaining("needs 40 bits, 8 left");
        assertThat(decodeError(() -> reader("00").skipBits(9))).hasMessageContaining("needs 9 bits, 8 left");
        assertThat(decodeError(() -> reader("00").requireBits(9))).hasMessageContaining("needs 9 bits, 8 left");
    }

    @Test
    void resetPointsTheReaderAtAnotherMessage() throws DecodeException {
        BitReader r = reader("FF");
        r.readBits(4);
        r.reset(hex("00 A0 00"), 1, 1);
        assertThat(r.bitPosition()).isZero();
        assertThat(r.remainingBits()).isEqualTo(8);
        assertThat(r.readConstrainedWholeNumber(0, 7)).isEqualTo(5);
        DecodeException e = decodeError(() -> r.readBits(6));
        assertThat(e.bitOffset()).isEqualTo(3);
        assertThat(e).hasMessageContaining("needs 6 bits, 5 left");
    }

    @Test
    void programmingErrorsAreNotDecodeExceptions() {
        BitReader r = reader("00");
        assertThatThrownBy(() -> r.readConstrainedWholeNumber(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.readBits(65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.readConstrainedLength(0, 65536)).isInstanceOf(IllegalArgumentException.class);
    }
}
