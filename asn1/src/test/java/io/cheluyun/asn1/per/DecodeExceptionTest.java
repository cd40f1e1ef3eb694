package io.cheluyun.asn1.per;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecodeExceptionTest {

    @Test
    void messageLocatesTheErrorInBitsAndOctets() {
        DecodeException e = new DecodeException("value 9000 above 8191", 123);
        assertThat(e).hasMessage("value 9000 above 8191 at bit 123 (byte 15)");
        assertThat(e.bitOffset()).isEqualTo(123);
        assertThat(e.path()).isNull();
    }

    @Test
    void contextAddedOnTheWayOutBuildsTheFieldPath() {
        DecodeException e = new DecodeException("value 9000 above 8191", 123)
                .withContext("speed")
                .withContext("coreData")
                .withContext("BasicSafetyMessage");
        assertThat(e).hasMessage("BasicSafetyMessage.coreData.speed: value 9000 above 8191 at bit 123 (byte 15)");
        assertThat(e.path()).isEqualTo("BasicSafetyMessage.coreData.speed");
        assertThat(e.detail()).isEqualTo("value 9000 above 8191");
        assertThat(e.bitOffset()).isEqualTo(123);
    }

    @Test
    void listIndicesJoinWithoutADot() {
        DecodeException e = new DecodeException("bad", 8).withContext("[3]").withContext("items").withContext("msg");
        assertThat(e.path()).isEqualTo("msg.items[3]");
    }

    @Test
    void contextKeepsTheStackTraceOfTheFailedRead() {
        DecodeException original = new DecodeException("bad", 0);
        DecodeException withPath = original.withContext("field");
        assertThat(withPath).isNotSameAs(original);
        assertThat(withPath.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(original.withContext("")).isSameAs(original);
        assertThat(original.withContext(null)).isSameAs(original);
    }

    @Test
    void readersThrowWithPositionsThatWithContextKeeps() {
        BitReader r = new BitReader(new byte[] {(byte) 0xFF, (byte) 0xFF});
        DecodeException e = null;
        try {
            r.readBits(3);
            r.readConstrainedWholeNumber(0, 8190); // 13 bits of ones: 8191
        } catch (DecodeException ex) {
            e = ex.withContext("speed");
        }
        assertThat(e).isNotNull();
        assertThat(e).hasMessage("speed: constrained whole number 0..8190: value 8191 above 8190 at bit 3 (byte 0)");
    }
}
