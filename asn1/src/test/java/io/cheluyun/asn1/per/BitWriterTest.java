package io.cheluyun.asn1.per;

import static io.cheluyun.asn1.per.PerTestSupport.bits;
import static io.cheluyun.asn1.per.PerTestSupport.filled;
import static io.cheluyun.asn1.per.PerTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Encodings computed by hand from ITU-T X.691 (08/2015), UNALIGNED variant, grouped by clause. */
class BitWriterTest {

    private final BitWriter w = new BitWriter();

    // ---------------------------------------------------------------- 11.5.6 constrained whole number

    @Test
    void constrainedWholeNumberUsesTheFewestBitsForTheRange() {
        w.writeConstrainedWholeNumber(5, 0, 7);
        assertThat(bits(w)).isEqualTo("101");
        assertThat(w.toByteArray()).containsExactly(hex("A0"));
    }

    @Test
    void constrainedWholeNumberEncodesTheOffsetFromTheLowerBound() {
        w.writeConstrainedWholeNumber(0, -5, 5); // range 11 -> 4 bits, offset 5
        w.writeConstrainedWholeNumber(256, 0, 256); // range 257 -> 9 bits
        w.writeConstrainedWholeNumber(255, 0, 255); // range 256 -> 8 bits
        assertThat(bits(w)).isEqualTo("0101" + "100000000" + "11111111");
    }

    @Test
    void singleValuedRangeWritesNothing() {
        w.writeConstrainedWholeNumber(42, 42, 42);
        assertThat(w.bitLength()).isZero();
    }

    @Test
    void fullLongRangeTakesSixtyFourBits() {
        w.writeConstrainedWholeNumber(0, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(w.toByteArray()).containsExactly(hex("80 00 00 00 00 00 00 00"));
        w.reset();
        w.writeConstrainedWholeNumber(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(w.toByteArray()).containsExactly(hex("FF FF FF FF FF FF FF FF"));
    }

    @Test
    void rangesNearLongMaxDoNotOverflow() {
        w.writeConstrainedWholeNumber(Long.MAX_VALUE, 0, Long.MAX_VALUE); // range 2^63 -> 63 bits
        assertThat(w.bitLength()).isEqualTo(63);
        assertThat(bits(w)).isEqualTo("1".repeat(63));
        w.reset();
        w.writeConstrainedWholeNumber(Long.MAX_VALUE, Long.MAX_VALUE - 3, Long.MAX_VALUE); // range 4 -> 2 bits
        assertThat(bits(w)).isEqualTo("11");
        w.reset();
        w.writeConstrainedWholeNumber(Long.MAX_VALUE, -1, Long.MAX_VALUE); // range 2^63 + 1 -> 64 bits
        assertThat(w.bitLength()).isEqualTo(64);
        assertThat(w.toByteArray()).containsExactly(hex("80 00 00 00 00 00 00 00"));
    }

    @Test
    void constrainedValueOutsideItsRangeIsRejectedWithValueAndRange() {
        assertThatThrownBy(() -> w.writeConstrainedWholeNumber(8, 0, 7))
                .isInstanceOf(EncodeException.class)
                .hasMessageContaining("8")
                .hasMessageContaining("0..7");
        assertThatThrownBy(() -> w.writeConstrainedWholeNumber(-1, 0, 7)).isInstanceOf(EncodeException.class);
        assertThatThrownBy(() -> w.writeConstrainedWholeNumber(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- 11.7 semi-constrained whole number

    @Test
    void semiConstrainedIsOctetCountThenMinimumOctets() {
        w.writeSemiConstrainedWholeNumber(256, 0);
        assertThat(w.toByteArray()).containsExactly(hex("02 01 00"));
        w.reset();
        w.writeSemiConstrainedWholeNumber(-10, -10); // offset 0 still takes one octet
        assertThat(w.toByteArray()).containsExactly(hex("01 00"));
        w.reset();
        w.writeSemiConstrainedWholeNumber(Long.MAX_VALUE, Long.MIN_VALUE); // offset 2^64 - 1, unsigned
        assertThat(w.toByteArray()).containsExactly(hex("08 FF FF FF FF FF FF FF FF"));
    }

    @Test
    void semiConstrainedBelowLowerBoundIsRejected() {
        assertThatThrownBy(() -> w.writeSemiConstrainedWholeNumber(4, 5))
                .isInstanceOf(EncodeException.class)
                .hasMessageContaining("4")
                .hasMessageContaining("5..MAX");
    }

    // ---------------------------------------------------------------- 11.8 unconstrained whole number

    @Test
    void unconstrainedIsMinimumOctetTwosComplement() {
        long[] values = {-1, 0, 127, 128, -128, -129, Long.MIN_VALUE, Long.MAX_VALUE};
        String[] expected = {"01 FF", "01 00", "01 7F", "02 00 80", "01 80", "02 FF 7F",
            "08 80 00 00 00 00 00 00 00", "08 7F FF FF FF FF FF FF FF"};
        for (int i = 0; i < values.length; i++) {
            w.reset();
            w.writeUnconstrainedWholeNumber(values[i]);
            assertThat(w.toByteArray()).as("value %d", values[i]).containsExactly(hex(expected[i]));
        }
    }

    // ---------------------------------------------------------------- 11.6 normally small non-negative

    @Test
    void normallySmallNonNegativeBelow64IsSevenBits() {
        w.writeNormallySmallNonNegative(5);
        assertThat(bits(w)).isEqualTo("0" + "000101");
        w.reset();
        w.writeNormallySmallNonNegative(63);
        assertThat(bits(w)).isEqualTo("0" + "111111");
    }

    @Test
    void normallySmallNonNegativeFrom64IsFlagAndSemiConstrained() {
        w.writeNormallySmallNonNegative(64);
        assertThat(bits(w)).isEqualTo("1" + "00000001" + "01000000");
        assertThat(w.toByteArray()).containsExactly(hex("80 A0 00"));
        assertThatThrownBy(() -> w.writeNormallySmallNonNegative(-1)).isInstanceOf(EncodeException.class);
    }

    // ---------------------------------------------------------------- 11.9.3.4 normally small length

    @Test
    void normallySmallLengthEncodesNMinusOne() {
        w.writeNormallySmallLength(1);
        w.writeNormallySmallLength(64);
        w.writeNormallySmallLength(65);
        assertThat(bits(w)).isEqualTo("0000000" + "0111111" + "1" + "01000001");
        assertThatThrownBy(() -> w.writeNormallySmallLength(0)).isInstanceOf(EncodeException.class);
        assertThatThrownBy(() -> w.writeNormallySmallLength(16384)).isInstanceOf(EncodeException.class);
    }

    // ---------------------------------------------------------------- 11.9 length determinants

    @Test
    void constrainedLengthIsAConstrainedWholeNumber() {
        w.writeConstrainedLength(3, 1, 4); // range 4 -> 2 bits, offset 2
        w.writeConstrainedLength(7, 7, 7); // fixed: nothing
        assertThat(bits(w)).isEqualTo("10");
        assertThatThrownBy(() -> w.writeConstrainedLength(5, 1, 4))
                .isInstanceOf(EncodeException.class)
                .hasMessageContaining("1..4");
        assertThatThrownBy(() -> w.writeConstrainedLength(5, 0, 65536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generalLengthUsesOneOrTwoOctets() {
        assertThat(w.writeLengthChunk(0)).isZero();
        assertThat(w.writeLengthChunk(127)).isEqualTo(127);
        assertThat(w.writeLengthChunk(128)).isEqualTo(128);
        assertThat(w.writeLengthChunk(200)).isEqualTo(200);
        assertThat(w.writeLengthChunk(16383)).isEqualTo(16383);
        assertThat(w.toByteArray()).containsExactly(hex("00 7F 80 80 80 C8 BF FF"));
    }

    @Test
    void largeLengthsWriteFragmentHeadersOfOneToFourTimes16K() {
        assertThat(w.writeLengthChunk(16384)).isEqualTo(16384);
        assertThat(w.writeLengthChunk(50000)).isEqualTo(49152);
        assertThat(w.writeLengthChunk(65536)).isEqualTo(65536);
        assertThat(w.writeLengthChunk(1 << 20)).isEqualTo(65536);
        assertThat(w.toByteArray()).containsExactly(hex("C1 C3 C4 C4"));
    }

    // ---------------------------------------------------------------- 17 OCTET STRING

    @Test
    void fixedSizeOctetStringHasNoLength() {
        w.writeOctetString(hex("41 42 43"), 3, 3);
        assertThat(w.toByteArray()).containsExactly(hex("41 42 43"));
        w.reset();
        w.writeOctetString(new byte[0], 0, 0); // 17.5: nothing at all
        assertThat(w.bitLength()).isZero();
    }

    @Test
    void boundedOctetStringHasAConstrainedLength() {
        w.writeOctetString(hex("AB CD"), 0, 7); // 3-bit length 010, then the octets unaligned
        assertThat(bits(w)).isEqualTo("010" + "10101011" + "11001101");
    }

    @Test
    void unboundedOctetStringHasAGeneralLengthAtAnyBitPosition() {
        w.writeBit(true);
        w.writeOctetString(hex("FF"), 0, -1);
        assertThat(bits(w)).isEqualTo("1" + "00000001" + "11111111");
        assertThat(w.toByteArray()).containsExactly(hex("80 FF 80"));
    }

    @Test
    void octetStringOf16KIsOneFragmentThenAZeroLength() {
        byte[] v = filled(16384, 7);
        w.writeOctetString(v, 0, -1);
        byte[] out = w.toByteArray();
        assertThat(out).hasSize(1 + 16384 + 1);
        assertThat(out[0]).isEqualTo((byte) 0xC1);
        assertThat(Arrays.copyOfRange(out, 1, 16385)).isEqualTo(v);
        assertThat(out[16385]).isZero();
    }

    @Test
    void octetStringOf70000IsA64KFragmentThenTwoOctetLength() {
        byte[] v = filled(70000, 3);
        w.writeOctetString(v, 0, -1);
        byte[] out = w.toByteArray();
        // C4, 65536 octets, then 4464 = 0x1170 in the two-octet form 10 010001 01110000, then 4464 octets
        assertThat(out).hasSize(1 + 65536 + 2 + 4464);
        assertThat(out[0]).isEqualTo((byte) 0xC4);
        assertThat(Arrays.copyOfRange(out, 1, 65537)).isEqualTo(Arrays.copyOfRange(v, 0, 65536));
        assertThat(Arrays.copyOfRange(out, 65537, 65539)).containsExactly(hex("91 70"));
        assertThat(Arrays.copyOfRange(out, 65539, out.length)).isEqualTo(Arrays.copyOfRange(v, 65536, 70000));
    }

    @Test
    void fixedSizeOf64KOrMoreIsLengthEncoded() {
        // 17.7 and 11.9.1 drop the length only for a fixed size below 64K
        w.writeOctetString(new byte[65535], 65535, 65535);
        assertThat(w.octetLength()).isEqualTo(65535);
        w.reset();
        w.writeOctetString(new byte[65536], 65536, 65536);
        byte[] out = w.toByteArray();
        assertThat(out).hasSize(1 + 65536 + 1);
        assertThat(out[0]).isEqualTo((byte) 0xC4);
        assertThat(out[65537]).isZero();
    }

    @Test
    void octetStringOutsideItsSizeIsRejected() {
        assertThatThrownBy(() -> w.writeOctetString(new byte[8], 0, 7))
                .isInstanceOf(EncodeException.class)
                .hasMessageContaining("8 octets")
                .hasMessageContaining("SIZE(0..7)");
        assertThatThrownBy(() -> w.writeOctetString(new byte[2], 3, -1))
                .isInstanceOf(EncodeException.class)
                .hasMessageContaining("SIZE(3..MAX)");
    }

    // ---------------------------------------------------------------- 16 BIT STRING

    @Test
    void bitStringsFollowTheSameThreeCases() {
        w.writeBitString(hex("B0"), 4, 4, 4); // fixed: 1011
        w.writeBitString(hex("B0"), 5, 0, 8); // 4-bit length 0101, then 10110
        w.writeBitString(hex("A0"), 3, 0, -1); // general length 00000011, then 101
        assertThat(bits(w)).isEqualTo("1011" + "0101" + "10110" + "00000011" + "101");
    }

    @Test
    void bitStringOf16KBitsIsOneFragmentThenAZeroLength() {
        byte[] v = filled(2048, 1);
        w.writeBitString(v, 16384, 0, -1);
        byte[] out = w.toByteArray();
        assertThat(out).hasSize(1 + 2048 + 1);
        assertThat(out[0]).isEqualTo((byte) 0xC1);
        assertThat(Arrays.copyOfRange(out, 1, 2049)).isEqualTo(v);
        assertThat(out[2049]).isZero();
    }

    @Test
    void bitStringLongerThanItsArrayIsAnArgumentError() {
        assertThatThrownBy(() -> w.writeBitString(new byte[1], 9, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.writeBitString(new byte[1], 3, 4, 8)).isInstanceOf(EncodeException.class);
    }

    // ---------------------------------------------------------------- 30.4 known-multiplier strings

    @Test
    void numericStringUsesIndicesIntoItsAlphabet() {
        // NumericString: 11 characters -> b = 4; '9' = 57 > 15, so indices (30.4.4 b): '1' -> 2, '2' -> 3, '3' -> 4
        w.writeKnownMultiplierString("123", 3, 3, 4, " 0123456789");
        assertThat(bits(w)).isEqualTo("0010" + "0011" + "0100");
        assertThat(w.toByteArray()).containsExactly(hex("23 40"));
    }

    @Test
    void ia5StringUsesCodesInSevenBitsAfterTheLength() {
        w.writeKnownMultiplierString("Hi", 0, -1, 7, null);
        assertThat(bits(w)).isEqualTo("00000010" + "1001000" + "1101001");
        assertThat(w.toByteArray()).containsExactly(hex("02 91 A4"));
    }

    @Test
    void boundedStringLengthIsConstrained() {
        w.writeKnownMultiplierString("AB", 1, 4, 7, null); // 2-bit length 01
        assertThat(bits(w)).isEqualTo("01" + "1000001" + "1000010");
    }

    @Test
    void universalStringCountsCodePoints() {
        String s = new String(Character.toChars(0x1F697)); // one code point, two chars
        w.writeKnownMultiplierString(s, 1, 1, 32, null);
        assertThat(w.toByteArray()).containsExactly(hex("00 01 F6 97"));
    }

    @Test
    void charactersOutsideTheAlphabetAreRejected() {
        assertThatThrownBy(() -> w.writeKnownMultiplierString("12a", 3, 3, 4, " 0123456789"))
                .isInstanceOf(EncodeException.class)
                .hasMessageContaining("'a'")
                .hasMessageContaining("alphabet");
        assertThatThrownBy(() -> w.writeKnownMultiplierString("caf\u00e9", 0, -1, 7, null))
                .isInstanceOf(EncodeException.class)
                .hasMessageContaining("U+00E9")
                .hasMessageContaining("7 bits");
        assertThatThrownBy(() -> w.writeKnownMultiplierString("abcde", 0, 4, 7, null))
                .isInstanceOf(EncodeException.class)
                .hasMessageContaining("SIZE(0..4)");
    }

    // ---------------------------------------------------------------- 11.2 open types, 11.1 complete encoding

    @Test
    void openTypeIsTheInnerEncodingPaddedToOctetsWithALength() {
        BitWriter inner = w.scratch();
        inner.writeConstrainedWholeNumber(5, 0, 7); // 101 -> A0 once padded
        BitWriter outer = new BitWriter();
        outer.writeBit(false);
        outer.writeOpenType(inner);
        assertThat(bits(outer)).isEqualTo("0" + "00000001" + "10100000");
    }

    @Test
    void emptyOpenTypeIsOneZeroOctet() {
        w.writeOpenType(new BitWriter());
        w.writeOpenType(new byte[0], 0);
        assertThat(w.toByteArray()).containsExactly(hex("01 00 01 00"));
    }

    @Test
    void openTypeFromArrayWritesOnlyTheGivenLength() {
        w.writeOpenType(hex("DE AD BE EF"), 2);
        assertThat(w.toByteArray()).containsExactly(hex("02 DE AD"));
    }

    @Test
    void emptyEncodingIsASingleZeroOctet() {
        assertThat(w.bitLength()).isZero();
        assertThat(w.octetLength()).isEqualTo(1);
        assertThat(w.toByteArray()).containsExactly(0);
    }

    // ---------------------------------------------------------------- buffer management

    @Test
    void resetReusesTheBufferAndClearsStaleBits() {
        w.writeBits(0xFFFF, 16);
        byte[] before = w.buffer();
        w.reset();
        assertThat(w.toByteArray()).containsExactly(0); // empty again, not the stale FF
        w.writeBit(true);
        assertThat(w.buffer()).isSameAs(before);
        assertThat(w.toByteArray()).containsExactly(hex("80"));
    }

    @Test
    void bufferGrowsFromTinyCapacity() {
        BitWriter small = new BitWriter(0);
        for (int i = 0; i < 1000; i++) {
            small.writeBits(i, 11);
        }
        assertThat(small.bitLength()).isEqualTo(11000);
        assertThat(small.octetLength()).isEqualTo(1375);
        assertThat(bits(small).substring(11 * 999)).isEqualTo(String.format("%11s", Integer.toBinaryString(999))
                .replace(' ', '0'));
    }

    @Test
    void writeBitsKeepsOnlyTheLowBits() {
        w.writeBits(-1L, 3);
        w.writeBits(0, 0);
        w.writeBits(0x8000_0000_0000_0001L, 64);
        assertThat(bits(w)).isEqualTo("111" + "1" + "0".repeat(62) + "1");
        assertThatThrownBy(() -> w.writeBits(0, 65)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scratchWriterIsReusedEmptyAndNests() {
        BitWriter s1 = w.scratch();
        s1.writeBits(0xFF, 8);
        BitWriter s2 = w.scratch();
        assertThat(s2).isSameAs(s1);
        assertThat(s2.bitLength()).isZero();
        assertThat(s2.scratch()).isNotSameAs(s2).isNotSameAs(w);
        assertThatThrownBy(() -> w.writeOpenType(w)).isInstanceOf(IllegalArgumentException.class);
    }
}
