package io.cheluyun.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.Severity;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.Pipeline;
import io.cheluyun.twin.PipelineConfig;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppHostTest {

    /** Raises one warning per update, stamped with the vehicle's id. */
    static final class Echo implements CooperativeApp {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public void onVehicle(VehicleState v, TwinView twin, WarningSink out) {
            out.emit(new Warning("echo:" + v.vehicleId(), WarningType.AVW, Severity.INFO, v.vehicleId(), List.of(),
                    v.timeMicros(), v.timeMicros(), Double.NaN, Double.NaN, new GeoPoint(v.latDeg(), v.lonDeg())));
        }
    }

    static final class Broken implements CooperativeApp {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public void onVehicle(VehicleState v, TwinView twin, WarningSink out) {
            throw new IllegalStateException("bug in app");
        }
    }

    @Test
    void aFailingAppIsCountedAndTheOthersStillRunWithTheTriggerIngestTime() {
        List<String> targets = new ArrayList<>();
        List<Long> triggers = new ArrayList<>();
        AppHost host = new AppHost(List.of(new Broken(), new Echo()), (w, nanos) -> {
            targets.add(w.targetId());
            triggers.add(nanos);
        });
        long[] clock = {1000};
        Pipeline pipeline = Pipeline.create(PipelineConfig.defaults().withShards(1), i -> host, () -> clock[0]++);
        pipeline.ingest().offer(VehicleState.of("a", 1_790_000_000_000_000L, 43.88, 125.32, 0, 10));
        pipeline.ingest().offer(VehicleState.of("b", 1_790_000_000_000_000L, 43.88, 125.3201, 0, 10));
        pipeline.drain();

        assertThat(targets).containsExactly("a", "b");
        assertThat(triggers).containsExactly(1000L, 1001L);
        assertThat(host.failureCount(0)).isEqualTo(2);
        assertThat(host.failureCount(1)).isZero();
        assertThat(host.warningCount(1)).isEqualTo(2);
    }
}
