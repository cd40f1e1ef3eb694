package io.cheluyun.bench;

import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.VehicleStates;
import io.cheluyun.edge.Admission;
import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.edge.EdgeMetrics;
import io.cheluyun.edge.Envelope;
import io.cheluyun.edge.Gate;
import io.cheluyun.edge.Plausibility;
import io.cheluyun.edge.Transport;
import io.cheluyun.edge.misbehaviour.MisbehaviourConfig;
import io.cheluyun.edge.misbehaviour.MisbehaviourDetector;
import io.cheluyun.edge.misbehaviour.Verdict;
import io.cheluyun.edge.security.MessageSigner;
import io.cheluyun.edge.security.Pki;
import io.cheluyun.edge.security.SignatureVerifier;
import io.cheluyun.edge.security.SignedEnvelope;
import io.cheluyun.edge.security.TrustStore;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The edge's cost per message on one thread, side by side: a CSAE 53-2017 BSM through the {@link Gate} (size,
 * sender, UPER decode, adapter, authorisation, hand-off to a counting sink) bare, and as an IEEE 1609.2 signed
 * message verified against a registered P-256 certificate; and the misbehaviour detector's check alone on a stream
 * of 1,000 vehicles moving at 10 Hz.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EdgeBenchmark {

    /** Now: the signer's certificate is valid from the set-up on. */
    private static final long T0 = System.currentTimeMillis() * 1_000L;
    private static final int VEHICLES = 1_000;

    private Gate bareGate;
    private Gate signedGate;
    private Gate.Sender rsu;
    private byte[] bsm;
    private byte[] signedBsm;
    private MisbehaviourDetector detector;
    private long handedOn;
    private long step;
    private final String[] ids = new String[VEHICLES];
    private final String[] channels = new String[VEHICLES];

    @Setup
    public void setUp() {
        DeviceRegistry registry = new DeviceRegistry();
        rsu = Gate.Sender.relayedBy(registry.register(new Device("rsu-1", Device.Kind.RSU, null, null, null,
                "csae53-2017", new GeoPoint(43.8868, 125.3245), 1000, null, 0, List.of())));
        bsm = Family.CSAE53_2017.encode(VehicleStates.toCsae2017(state(7, T0), 1));
        bareGate = new Gate(EdgeConfig.defaults(), EdgeMetrics.standalone(), r -> {
            handedOn++;
            return Admission.ACCEPTED;
        }, Envelope.BARE, Plausibility.NONE, () -> T0);
        Pki.Credential ca = Pki.newCa("bench CA", Duration.ofDays(1));
        Pki.Credential obu = Pki.issueClient(ca, "obu-1", Duration.ofDays(1));
        TrustStore trust = new TrustStore(1_000);
        trust.register("obu-1", obu.certificate());
        signedBsm = MessageSigner.create(obu).sign(bsm, 0x20, T0);
        if (!new Gate(EdgeConfig.defaults(), EdgeMetrics.standalone(), r -> Admission.ACCEPTED,
                new SignedEnvelope(new SignatureVerifier(trust, SignatureVerifier.Config.defaults()),
                        EdgeConfig.SignaturePolicy.REQUIRED), Plausibility.NONE, () -> T0)
                .uper(Transport.UDP, rsu, Family.CSAE53_2017, signedBsm, null).ok()) {
            throw new IllegalStateException("the signed BSM does not verify: the benchmark would measure a refusal");
        }
        signedGate = new Gate(EdgeConfig.defaults(), EdgeMetrics.standalone(), r -> {
            handedOn++;
            return Admission.ACCEPTED;
        }, new SignedEnvelope(new SignatureVerifier(trust, SignatureVerifier.Config.defaults()),
                EdgeConfig.SignaturePolicy.OPTIONAL), Plausibility.NONE, () -> T0);
        detector = new MisbehaviourDetector(MisbehaviourConfig.defaults());
        for (int k = 0; k < VEHICLES; k++) {
            ids[k] = String.format("%016x", k);
            channels[k] = "obu-" + k;
        }
    }

    @Benchmark
    public Gate.Outcome gateBareBsm() {
        return bareGate.uper(Transport.UDP, rsu, Family.CSAE53_2017, bsm, null);
    }

    @Benchmark
    public Gate.Outcome gateSignedBsm() {
        return signedGate.uper(Transport.UDP, rsu, Family.CSAE53_2017, signedBsm, null);
    }

    /** One vehicle's next state, round robin over 1,000 vehicles driving east at 12 m/s, 10 Hz each. */
    @Benchmark
    public Verdict misbehaviourCheck() {
        long n = step++;
        int vehicle = (int) (n % VEHICLES);
        long t = T0 + (n / VEHICLES) * 100_000L;
        return detector.check(channels[vehicle], state(ids[vehicle], vehicle, t), t + 30_000, null, n);
    }

    private static VehicleState state(int vehicle, long timeMicros) {
        return state(String.format("%016x", vehicle), vehicle, timeMicros);
    }

    private static VehicleState state(String id, int vehicle, long timeMicros) {
        double east = 12.0 * (timeMicros - T0) / 1e6;
        return new VehicleState(id, timeMicros,
                new GeoPoint(43.80 + vehicle * 1e-4, 125.30 + east / 80_300.0), 200, 90, 12, 0, 0, 4.5, 1.8,
                VehicleClass.PASSENGER_CAR, new BrakeState(false, false, false, false), ExteriorLights.NONE);
    }
}
