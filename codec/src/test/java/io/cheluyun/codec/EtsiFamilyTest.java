package io.cheluyun.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.codec.etsi.CollectivePerceptionMessage;
import io.cheluyun.codec.etsi.ItsPduHeader;
import io.cheluyun.codec.etsi.MAPEM;
import io.cheluyun.codec.etsi.SPATEM;
import org.junit.jupiter.api.Test;

/**
 * The ETSI family picks the PDU by the header's messageID (here a MAPEM, 5) and carries it through UPER and both
 * text views unchanged.
 */
class EtsiFamilyTest {

    @Test
    void aMapemIsSelectedByItsMessageIdAndRoundTrips() {
        var map = new io.cheluyun.codec.etsi.MapData(io.cheluyun.asn1.runtime.Absent.INT, 7, null,
                io.cheluyun.asn1.runtime.Absent.INT, null, null,
                null, null, null);
        assertRoundTrip(new MAPEM(new ItsPduHeader(2, 5, 42L), map));
    }

    static void assertRoundTrip(Object message) {
        byte[] wire = Family.ETSI.encode(message);
        Object back = decode(wire);
        assertThat(back).isEqualTo(message);
        assertThat(Family.ETSI.fromJson(Family.ETSI.toJson(message))).isEqualTo(message);
        assertThat(Family.ETSI.fromXer(Family.ETSI.toXer(message))).isEqualTo(message);
        assertThat(back.getClass()).isIn(SPATEM.class, MAPEM.class, CollectivePerceptionMessage.class);
    }

    static Object decode(byte[] wire) {
        try {
            return Family.ETSI.decode(wire);
        } catch (io.cheluyun.asn1.per.DecodeException e) {
            throw new AssertionError(e);
        }
    }
}
