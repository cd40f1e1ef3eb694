package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load harness, short and bounded, at a modest rate on loopback: nothing is lost, in-process and over UDP through
 * the edge, and every hazard pair's forward-collision warning comes back with a measured latency.
 */
@Timeout(120)
class LoadCommandTest {

    @Test
    void inProcessAtTwentyThousandMessagesPerSecondLosesNothingAndEveryHazardWarns() throws Exception {
        LoadCommand.Report r = run("inproc", 2_000, Duration.ofSeconds(8));
        assertThat(r.sent()).isEqualTo(2_000L * 10 * 8);
        assertThat(r.lost()).isZero();
        assertThat(r.accepted()).isEqualTo(r.sent());
        assertThat(r.warnings()).isGreaterThanOrEqualTo(r.expectedWarnings());
        assertThat(r.latencyMicros().getTotalCount()).isPositive(); // the second cycle's, after the warm-up
        assertThat(r.latencyMicros().getMaxValue()).isPositive();
    }

    @Test
    void overUdpThroughTheEdgeAtFiveThousandMessagesPerSecondLosesNothing() throws Exception {
        LoadCommand.Report r = run("udp", 500, Duration.ofSeconds(6));
        assertThat(r.lost()).isZero();
        assertThat(r.accepted()).isEqualTo(r.sent());
        assertThat(r.warnings()).isGreaterThanOrEqualTo(r.expectedWarnings());
    }

    private static LoadCommand.Report run(String transport, int vehicles, Duration duration) throws Exception {
        LoadCommand load = new LoadCommand();
        load.vehicles = vehicles;
        load.rateHz = 10;
        load.duration = duration;
        load.hazards = 0.02;
        load.transport = transport;
        load.warmup = Duration.ofSeconds(5);
        LoadCommand.Report r = load.run(CheluyunConfig.defaults());
        System.out.printf("%s: %d sent, %d accepted, %d lost, %d FCW (expected >= %d), p99 %.2f ms%n", transport,
                r.sent(), r.accepted(), r.lost(), r.warnings(), r.expectedWarnings(),
                r.latencyMicros().getValueAtPercentile(99) / 1e3);
        return r;
    }
}
