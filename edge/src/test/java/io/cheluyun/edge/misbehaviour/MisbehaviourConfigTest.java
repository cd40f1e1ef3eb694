package io.cheluyun.edge.misbehaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MisbehaviourConfigTest {

    private static final MisbehaviourConfig D = MisbehaviourConfig.defaults();

    @Test
    void defaultsAreTheDocumentedPhysicalLimits() {
        assertThat(D.conclude()).isSameAs(D);
        assertThat(D.maxSpeedMps()).isEqualTo(70.0);
        assertThat(D.maxAccelMps2()).isEqualTo(12.0);
        assertThat(D.positionToleranceM()).isEqualTo(5.0);
        assertThat(D.maxFutureS()).isEqualTo(1.0);
        assertThat(D.maxAgeS()).isEqualTo(5.0);
        assertThat(D.ratePerS()).isEqualTo(20.0);
        assertThat(D.rateBurst()).isEqualTo(40);
        assertThat(D.maxRelayDistanceM()).isEqualTo(1_000.0);
        assertThat(D.quarantineS()).isEqualTo(60.0);
        assertThat(D.quarantineViolations()).isEqualTo(5);
        assertThat(D.violationWindowS()).isEqualTo(10.0);
    }

    @Test
    void namesTheBadKeyTheRangeAndTheValue() {
        assertThatThrownBy(() -> new MisbehaviourDetector(D.withRate(0.5, 40)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("edge.misbehaviour.ratePerS must be [1, 1000], got 0.5");
        assertThatThrownBy(() -> D.withQuarantine(0, 10, 60).conclude())
                .hasMessageContaining("edge.misbehaviour.quarantineViolations");
        assertThatThrownBy(() -> D.withQuarantine(5, 10, 0.5).conclude())
                .hasMessageContaining("edge.misbehaviour.quarantineS");
        assertThatThrownBy(() -> D.withCapacity(8, 100, 100).conclude())
                .hasMessageContaining("edge.misbehaviour.maxTrackedSenders");
        MisbehaviourConfig oddGrid = new MisbehaviourConfig(true, 70, 12, 1, 5, 2, 1, 5, 30, 2, 5, 1, 5, 1, 20, 40,
                1_000, 1, 10, 3, 0.25, 3_000, 10, 60, 5, 10, 100, 100, 100);
        assertThatThrownBy(oddGrid::conclude).hasMessage(
                "edge.misbehaviour.ghostGridSlots must be a power of two in [1024, 2^26], got 3000");
        MisbehaviourConfig gapBeyondWindow = new MisbehaviourConfig(true, 70, 12, 1, 5, 2, 3, 5, 30, 2, 5, 1, 5, 1, 20,
                40, 1_000, 1, 10, 3, 0.25, 1_024, 10, 60, 5, 10, 100, 100, 100);
        assertThatThrownBy(gapBeyondWindow::conclude).hasMessageContaining("edge.misbehaviour.consistencyMaxGapS");
    }
}
