package io.cheluyun.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.edge.security.SecuredMessage.Malformed;
import io.cheluyun.edge.security.SignatureVerifier.Status;
import io.cheluyun.edge.security.SignatureVerifier.Valid;
import io.cheluyun.edge.security.SignatureVerifier.Verification;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Hostile input never throws: random octets, truncations and bit flips of a valid message. */
class SecuredMessagePropertiesTest {

    private static final long T0 = System.currentTimeMillis() * 1000;
    private static final SignatureVerifier VERIFIER = TestPki.verifier();
    private static final byte[] PAYLOAD = TestPki.hex("00 14 25 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d");
    private static final byte[] SIGNED = MessageSigner.create(TestPki.OBU_1).sign(PAYLOAD,
            new SecuredMessage.HeaderInfo(0x20, T0, T0 + 60_000_000, ThreeDLocation.ofDegrees(31.2, 121.4, 5)),
            false);
    private static final byte[] SIGNED_SM2 = MessageSigner.create(TestPki.RSU_SM2).sign(PAYLOAD, 0x20, T0);
    /** Offset of the rSig CHOICE tag: 03 81 00 | tbs | 80 HashedId8 | 80 <here>. */
    private static final int RSIG_TAG_AT = SIGNED.length - 65;

    @Property(tries = 1000)
    void randomOctetsDecodeToAValueNotAnException(@ForAll @Size(max = 400) byte[] octets) {
        assertThat(SecuredMessage.decode(octets)).isNotNull();
        assertThat(VERIFIER.verify(octets, "obu-1", T0)).isNotNull();
    }

    @Property(tries = 500)
    void randomTailsAfterASignedPrefixDecodeToAValue(@ForAll @Size(max = 300) byte[] tail,
                                                     @ForAll @IntRange(min = 1, max = 40) int keep) {
        byte[] m = Arrays.copyOf(SIGNED, Math.min(keep, SIGNED.length) + tail.length);
        System.arraycopy(tail, 0, m, Math.min(keep, SIGNED.length), tail.length);
        Verification v = VERIFIER.verify(m, "obu-1", T0);
        assertThat(v.status()).isNotEqualTo(Status.VALID);
    }

    @Example
    void everyTruncationOfASignedMessageIsMalformed() {
        for (byte[] message : new byte[][] {SIGNED, SIGNED_SM2}) {
            for (int n = 0; n < message.length; n++) {
                SecuredMessage.Parsed p = SecuredMessage.decode(Arrays.copyOf(message, n));
                assertThat(p).as("first %d of %d octets", n, message.length).isInstanceOf(Malformed.class);
            }
            assertThat(VERIFIER.verify(message, T0).status()).isEqualTo(Status.VALID);
        }
    }

    @Property(tries = 300)
    void aFlippedBitNeverVerifiesUnlessItOnlyChangesTheRSigForm(
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 0, max = 7) int bit,
            @ForAll boolean sm2) {
        byte[] original = sm2 ? SIGNED_SM2 : SIGNED;
        byte[] m = original.clone();
        int at = position % m.length;
        m[at] ^= (byte) (1 << bit);
        Verification v = VERIFIER.verify(m, "obu-1", T0 + 1_000);
        if (v instanceof Valid ok) {
            // x-only (0x80) → compressed-y-0 (0x82) keeps the x-coordinate, which is all an ECDSA verifier uses:
            // 1609.2 does not sign the signature's own encoding
            assertThat(sm2).isFalse();
            assertThat(at).isEqualTo(RSIG_TAG_AT);
            assertThat(m[at] & 0xff).isEqualTo(0x82);
            assertThat(ok.payload()).isEqualTo(PAYLOAD);
        } else {
            assertThat(v.status()).isIn(Status.BAD_SIGNATURE, Status.MALFORMED, Status.UNKNOWN_SIGNER,
                    Status.TOO_OLD, Status.NOT_YET_VALID, Status.UNSIGNED);
        }
    }

    @Example
    void theOnlyValidBitFlipsAreTheTwoRSigCompressedForms() {
        assertThat(SIGNED[RSIG_TAG_AT] & 0xff).isEqualTo(0x80);
        int valid = 0;
        for (int at = 0; at < SIGNED.length; at++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] m = SIGNED.clone();
                m[at] ^= (byte) (1 << bit);
                if (VERIFIER.verify(m, "obu-1", T0 + 1_000) instanceof Valid) {
                    valid++;
                    assertThat(at).isEqualTo(RSIG_TAG_AT);
                    assertThat(m[at] & 0xff).isEqualTo(0x82);
                }
            }
        }
        assertThat(valid).as("0x80 → 0x82 only: 0x81 is fill, 0x84 needs 64 octets, 0x83 is two bits away")
                .isEqualTo(1);
    }
}
