package io.cheluyun.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.asn1.per.DecodeException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile input into every top-level decoder: over a million random and mutated-real messages. The only thing
 * allowed to escape is the codec's checked {@link DecodeException}; no other exception, no hang (each decode is
 * bounded by the input's bits), no allocation beyond what the input's size can justify (an OutOfMemoryError or a
 * huge-allocation failure would show up as an escaped Error). Seeds are fixed, so a failure reproduces.
 */
class DecoderFuzzTest {

    static final int RANDOM_PER_FAMILY = 250_000;
    static final int MUTATIONS_PER_VECTOR = 12_000;

    record Stats(long inputs, long decoded, long rejected) {
    }

    @Test
    void randomBytesOnlyEverGiveACheckedDecodeError() {
        long total = 0;
        for (Family f : Family.values()) {
            SplittableRandom rnd = new SplittableRandom(0x5EED_0000L + f.ordinal());
            long decoded = 0;
            for (int k = 0; k < RANDOM_PER_FAMILY; k++) {
                byte[] input = new byte[rnd.nextInt(0, 160)];
                for (int b = 0; b < input.length; b++) {
                    input[b] = (byte) rnd.nextInt(256);
                }
                decoded += decodeOrReject(f, input) ? 1 : 0;
            }
            total += RANDOM_PER_FAMILY;
            // random bytes do decode sometimes (small headers are dense); most must be rejected
            assertThat(decoded).as(f + " decoded").isLessThan(RANDOM_PER_FAMILY / 2);
        }
        assertThat(total).isGreaterThanOrEqualTo(750_000);
    }

    @Test
    void mutatedRealMessagesOnlyEverGiveACheckedDecodeError() throws Exception {
        List<Object[]> seeds = new ArrayList<>();
        for (byte[] m : Vectors.hexLines("j2735/wydot-rxMsg-BSM-and-TIM.mf.hex").subList(0, 8)) {
            seeds.add(new Object[] {Family.J2735_2016, m});
        }
        seeds.add(new Object[] {Family.J2735_2016, Vectors.bytes("j2735/jpoode-map.uper")});
        seeds.add(new Object[] {Family.J2735_2016, Vectors.bytes("j2735/jpoode-spat.uper")});
        for (String v : List.of("rsu-bsm-1", "rsu-map", "rsu-spat")) {
            seeds.add(new Object[] {Family.CSAE53_2017, Vectors.bytes("csae53-2017/" + v + ".uper")});
        }
        seeds.add(new Object[] {Family.ETSI, Vectors.bytes("etsi-lgpl/CAM/vanetza-cam.uper")});
        SplittableRandom rnd = new SplittableRandom(0xF022L);
        long inputs = 0;
        long decoded = 0;
        for (Object[] seed : seeds) {
            Family f = (Family) seed[0];
            byte[] real = (byte[]) seed[1];
            for (int k = 0; k < MUTATIONS_PER_VECTOR; k++) {
                byte[] m = mutate(real, rnd);
                decoded += decodeOrReject(f, m) ? 1 : 0;
                inputs++;
            }
        }
        assertThat(inputs).isGreaterThanOrEqualTo(12L * MUTATIONS_PER_VECTOR);
        // single-bit flips in payload fields still decode: both outcomes must occur
        assertThat(decoded).isPositive().isLessThan(inputs);
    }

    /** Bit flips, byte overwrites with extreme values (lengths of 0x7F/0xFF/0x80..), truncation and growth. */
    static byte[] mutate(byte[] real, SplittableRandom rnd) {
        byte[] m = real.clone();
        int ops = 1 + rnd.nextInt(4);
        for (int o = 0; o < ops && m.length > 0; o++) {
            switch (rnd.nextInt(5)) {
                case 0 -> m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> m[rnd.nextInt(m.length)] = (byte) new int[] {0x00, 0x7F, 0x80, 0xBF, 0xC4, 0xFF}[rnd.nextInt(6)];
                case 2 -> m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
                case 3 -> m = java.util.Arrays.copyOf(m, m.length + rnd.nextInt(1, 64));
                default -> {
                    int at = rnd.nextInt(m.length);
                    m[at] = (byte) rnd.nextInt(256);
                }
            }
        }
        return m;
    }

    /** True if it decoded; false on a DecodeException; anything else fails the test with the input. */
    static boolean decodeOrReject(Family f, byte[] input) {
        try {
            f.decode(input);
            return true;
        } catch (DecodeException expected) {
            assertThat(expected.bitOffset()).isBetween(0L, 8L * input.length + 8);
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(f + " decoder let " + e + " escape for input "
                    + HexFormat.of().formatHex(input), e);
        }
    }
}
