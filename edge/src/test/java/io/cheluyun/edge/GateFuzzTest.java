package io.cheluyun.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.codec.Family;
import io.cheluyun.edge.security.SignatureVerifier;
import io.cheluyun.edge.security.SignedEnvelope;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input through the gate: any octets on any family, any text as JSON, any framing of a secured envelope —
 * the gate answers with an outcome (a refusal with a reason, or records handed on), never an exception.
 */
class GateFuzzTest {

    private static final DeviceRegistry REGISTRY = new DeviceRegistry();
    private static final Gate.Sender RSU = Gate.Sender.relayedBy(REGISTRY.register(new Device("rsu-1",
            Device.Kind.RSU, null, null, null, "csae53-2017", new io.cheluyun.model.GeoPoint(43.8868, 125.3245),
            1000, null, 0, List.of())));
    private static final AtomicLong HANDED_ON = new AtomicLong();
    private static final Gate GATE = new Gate(EdgeConfig.defaults(), EdgeMetrics.standalone(), record -> {
        HANDED_ON.incrementAndGet();
        return Admission.ACCEPTED;
    }, new SignedEnvelope(SignatureVerifier.create(SignatureVerifier.Config.defaults()),
            EdgeConfig.SignaturePolicy.OPTIONAL), Plausibility.NONE, () -> 1_763_884_800_000_000L);

    @Property(tries = 3000)
    void anyOctetsOnAnyFamilyGiveAnOutcome(@ForAll @Size(max = 600) byte[] octets, @ForAll Family family) {
        Gate.Outcome outcome = GATE.uper(Transport.UDP, RSU, family, octets, null);
        assertThat(outcome.ok() || outcome.problem() != null).isTrue();
        if (!outcome.ok()) {
            assertThat(outcome.detail()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void anythingStartingLikeASecuredEnvelopeGivesAnOutcome(@ForAll @Size(max = 300) byte[] tail,
                                                            @ForAll boolean signed) {
        byte[] octets = new byte[tail.length + 2];
        octets[0] = 0x03;
        octets[1] = (byte) (signed ? 0x81 : 0x80);
        System.arraycopy(tail, 0, octets, 2, tail.length);
        Gate.Outcome outcome = GATE.uper(Transport.MQTT, RSU, Family.CSAE53_2017, octets, "BSM");
        assertThat(outcome.ok() || outcome.problem() != null).isTrue();
    }

    @Property(tries = 2000)
    void anyTextGivesAnOutcome(@ForAll @Size(max = 400) String text) {
        Gate.Outcome outcome = GATE.json(Transport.WEBSOCKET, RSU, text);
        assertThat(outcome.ok() || outcome.problem() != null).isTrue();
    }
}
