package io.cheluyun.edge.downlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.RoadEvents;
import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.DownlinkConfig;
import io.cheluyun.edge.json.WarningJson;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Expiry, dedup, per-target rate limits and the broadcast each RSU family gets, on a hand-driven clock. */
@Timeout(30)
class DownlinkTest {

    private static final GeoPoint HAZARD = new GeoPoint(43.8868, 125.3245);
    private static final long T0 = 1_763_884_800_000_000L;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<String> topics = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> payloads = new ConcurrentHashMap<>();
    private DeviceRegistry registry;
    private Downlink downlink;

    @BeforeEach
    void start() {
        registry = new DeviceRegistry();
        registry.register(rsu("rsu-csae", "csae53-2017", HAZARD));
        registry.register(rsu("rsu-j2735", "j2735", HAZARD));
        registry.register(rsu("rsu-etsi", "etsi", HAZARD));
        registry.register(rsu("rsu-far", "csae53-2017", new GeoPoint(44.5, 125.3245)));
        downlink = new Downlink(new DownlinkConfig(true, 1_000, 5, 3, 64, 50, 1_000), registry,
                new SimpleMeterRegistry(), nanos::get);
        downlink.addPublisher((topic, payload) -> {
            topics.add(topic);
            payloads.put(topic, payload);
        });
    }

    @AfterEach
    void stop() {
        downlink.close();
    }

    @Test
    void aWarningReachesItsVehicleAndEveryRsuInRangeInTheRsusOwnFamily() throws Exception {
        Warning w = warning("car-1", "lead", 2_000);
        downlink.offer(w, nanos.get());
        awaitSent(4);

        assertThat(topics).containsExactlyInAnyOrder("v2x/obu/car-1/down/warning", "v2x/rsu/rsu-csae/down/RSI",
                "v2x/rsu/rsu-j2735/down/TIM", "v2x/rsu/rsu-etsi/down/DENM");
        assertThat(WarningJson.fromJson(new String(payloads.get("v2x/obu/car-1/down/warning"),
                StandardCharsets.UTF_8))).isEqualTo(w);
        var rsi = (io.cheluyun.codec.csae2017.MessageFrame.RsiFrame) Family.CSAE53_2017.decode(
                payloads.get("v2x/rsu/rsu-csae/down/RSI"));
        List<RoadEvent> events = RoadEvents.fromCsae2017(rsi.value(), T0);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.description()).isEqualTo("FCW for car-1 re lead"));
        var tim = (io.cheluyun.codec.j2735v2016.MessageFrame) Family.J2735_2016.decode(
                payloads.get("v2x/rsu/rsu-j2735/down/TIM"));
        assertThat(tim.messageId()).isEqualTo(31);
        assertThat(Family.ETSI.decode(payloads.get("v2x/rsu/rsu-etsi/down/DENM")))
                .isInstanceOf(io.cheluyun.codec.etsi.DENM.class);
    }

    @Test
    void theSameHazardWithinTheWindowIsSentOnceAndAgainAfterIt() throws Exception {
        downlink.offer(warning("car-1", "lead", 2_000), nanos.get());
        nanos.addAndGet(100_000_000L);
        downlink.offer(warning("car-1", "lead", 2_000), nanos.get());
        awaitSent(4);
        assertThat(downlink.duplicateCount()).isEqualTo(1);

        nanos.addAndGet(1_000_000_000L);
        downlink.offer(warning("car-1", "lead", 2_000), nanos.get());
        awaitSent(8);
        assertThat(downlink.duplicateCount()).isEqualTo(1);
    }

    @Test
    void aTargetGetsItsBurstThenTheSustainedRate() throws Exception {
        for (int k = 0; k < 5; k++) { // five distinct hazards for one car at once: burst of 3
            downlink.offer(warning("car-2", "other-" + k, 2_000), nanos.get());
        }
        assertThat(downlink.rateLimitedCount()).isEqualTo(2);
        nanos.addAndGet(200_000_000L); // 0.2 s at 5/s: one more token
        downlink.offer(warning("car-2", "other-5", 2_000), nanos.get());
        downlink.offer(warning("car-2", "other-6", 2_000), nanos.get());
        assertThat(downlink.rateLimitedCount()).isEqualTo(3);
        downlink.offer(warning("car-3", "other-0", 2_000), nanos.get()); // another target has its own bucket
        assertThat(downlink.rateLimitedCount()).isEqualTo(3);
    }

    @Test
    void aWarningThatExpiredBeforeItCouldBeSentIsDroppedAndCounted() {
        long trigger = nanos.get();
        nanos.addAndGet(600_000_000L); // 600 ms later, for a warning valid 500 ms
        downlink.offer(warning("car-4", "lead", 500), trigger);
        assertThat(downlink.expiredCount()).isEqualTo(1);
        assertThat(topics).isEmpty();
    }

    private static Device rsu(String id, String family, GeoPoint at) {
        return new Device(id, Device.Kind.RSU, null, null, null, family, at, 800, null, 0, List.of());
    }

    private static Warning warning(String target, String other, long validMs) {
        return new Warning("FCW:" + target + ">" + other, WarningType.FCW, Severity.WARNING, target, List.of(other), T0,
                T0 + validMs * 1_000L, 2.0, 20.0, HAZARD);
    }

    private void awaitSent(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (topics.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(topics).hasSize(n);
    }
}
