package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cheluyun.sim.SumoScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The platform in the loop with a real sumo over TraCI for 40 s of the Changchun grid: the baseline takes no action,
 * the obeying run acts on warnings, both see (about) the same traffic enter, and the table reports them side by side.
 */
@Timeout(180)
class ClosedLoopTest {

    @Test
    void withTheAppsObeyedDriversActOnWarningsAndTheRunsAreCompared() throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/sumo")), "Debian sumo is not installed (.ci/run does)");
        }
        ClosedLoopCommand command = new ClosedLoopCommand();
        command.configOptions = new Main.ConfigOptions();
        command.duration = Duration.ofSeconds(40);
        command.sumo = "/usr/bin/sumo";
        SumoScenario scenario = SumoScenario.open(Path.of("..", "scenarios", "changchun-grid"));

        ClosedLoop.Metrics off = command.run(scenario, false);
        ClosedLoop.Metrics on = command.run(scenario, true);

        assertThat(off.seconds()).isEqualTo(40.0, org.assertj.core.api.Assertions.within(0.05));
        // departures follow the routes, not the drivers (a blocked entry lane may delay an insertion or two)
        assertThat(on.vehicles()).isBetween(off.vehicles() - 5, off.vehicles() + 5);
        // the same drivers are inattentive in both runs; only obeying ones get alerted back to attention
        assertThat(off.inattentiveDrivers()).isPositive().isBetween(on.inattentiveDrivers() - 2,
                on.inattentiveDrivers() + 2);
        assertThat(off.driversAlerted()).isZero();
        assertThat(on.driversAlerted()).isPositive().isLessThanOrEqualTo(on.inattentiveDrivers());
        assertThat(off.rlvwEpisodesConfirmed()).isLessThanOrEqualTo(off.rlvwEpisodes());
        assertThat(off.warnings()).isPositive();
        assertThat(off.actions()).isZero();
        assertThat(on.actions()).isPositive();
        assertThat(ClosedLoopCommand.table(off, on)).contains("| driver actions on warnings | 0 | " + on.actions()
                + " |");
    }
}
