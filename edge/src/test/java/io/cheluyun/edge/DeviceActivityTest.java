package io.cheluyun.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeviceActivityTest {

    private static final long T = 1_795_420_800_000L;

    @Test
    void countsAcceptedAndRefusedMessagesAndRemembersTheLastRefusal() {
        DeviceActivity a = new DeviceActivity();
        assertThat(a.of("rsu-1", T)).isEqualTo(DeviceActivity.Snapshot.NEVER);
        a.record("rsu-1", true, null, T);
        a.record("rsu-1", false, InputProblem.MALFORMED_UPER, T + 5);
        a.record("rsu-1", true, null, T + 10);
        DeviceActivity.Snapshot s = a.of("rsu-1", T + 10);
        assertThat(s.lastSeenMillis()).isEqualTo(T + 10);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.refused()).isEqualTo(1);
        assertThat(s.lastProblem()).isEqualTo("malformed_uper");
        a.forget("rsu-1");
        assertThat(a.of("rsu-1", T + 10)).isEqualTo(DeviceActivity.Snapshot.NEVER);
    }

    @Test
    void theRateIsMessagesPerSecondOverTheLastWindowAndZeroWhenSilent() {
        DeviceActivity a = new DeviceActivity();
        // 10 Hz for 25 s
        for (int k = 0; k < 250; k++) {
            a.record("obu-1", true, null, T + k * 100L);
        }
        assertThat(a.of("obu-1", T + 25_000).ratePerS()).isCloseTo(10.0, within(0.2));
        assertThat(a.of("obu-1", T + 40_000).ratePerS()).isZero(); // silent for over a whole window
    }
}
