package io.cheluyun.edge.misbehaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AttackTracesTest {

    private static final AttackTraces.Params SMALL = AttackTraces.Params.defaults().withVehicles(60, 20.0);

    @Test
    void theSameSeedGivesTheSameTraceAndAnotherSeedAnother() {
        AttackTraces.Trace a = AttackTraces.generate(AttackType.RANDOM_POSITION, 7, SMALL);
        AttackTraces.Trace b = AttackTraces.generate(AttackType.RANDOM_POSITION, 7, SMALL);
        AttackTraces.Trace c = AttackTraces.generate(AttackType.RANDOM_POSITION, 8, SMALL);
        assertThat(b.messages()).isEqualTo(a.messages());
        assertThat(b.attackers()).isEqualTo(a.attackers());
        assertThat(c.messages().get(0)).isNotEqualTo(a.messages().get(0));
    }

    @Test
    void honestTrafficIsTheSameForEveryAttackType() {
        AttackTraces.Trace none = AttackTraces.generate(AttackType.NONE, 7, SMALL);
        AttackTraces.Trace dos = AttackTraces.generate(AttackType.DOS, 7, SMALL);
        List<Integer> attackers = dos.attackers().stream().map(AttackTraces.Attacker::vehicle).toList();
        List<AttackTraces.Message> honestInNone = none.messages().stream()
                .filter(m -> !attackers.contains(m.vehicle())).toList();
        List<AttackTraces.Message> honestInDos = dos.messages().stream()
                .filter(m -> !attackers.contains(m.vehicle())).toList();
        assertThat(honestInDos).isEqualTo(honestInNone);
        assertThat(none.attackers()).isEmpty();
    }

    @Test
    void simulatesUrbanTrafficWhereNoTwoVehiclesEverTouch() {
        TrafficWorld w = TrafficWorld.simulate(1, 200, 600);
        assertThat(w.collisions).isZero();
        double minGapM = Double.POSITIVE_INFINITY;
        double maxSpeed = 0;
        double maxDecel = 0;
        int stoppedSamples = 0;
        for (int k = 0; k < w.steps; k++) {
            for (int i = 0; i < w.vehicles; i++) {
                maxSpeed = Math.max(maxSpeed, w.speed[i][k]);
                maxDecel = Math.max(maxDecel, -w.accel[i][k]);
                stoppedSamples += w.speed[i][k] < 0.1 ? 1 : 0;
                for (int j = i + 1; j < w.vehicles; j++) {
                    minGapM = Math.min(minGapM, Math.hypot(w.east[i][k] - w.east[j][k],
                            w.north[i][k] - w.north[j][k]));
                }
            }
        }
        // closest centres: cars passing in opposite lanes 3.5 m apart, or queued bumper to bumper
        assertThat(minGapM).isGreaterThan(2.0);
        assertThat(maxSpeed).isBetween(15.0, 20.0);
        // emergency stops (6–8.5 m/s²) happen, and nothing brakes harder than the 9 m/s² cap
        assertThat(maxDecel).isBetween(6.0, 9.0);
        // signals stop traffic: a good share of samples is standing still
        assertThat((double) stoppedSamples / (w.vehicles * w.steps)).isBetween(0.1, 0.6);
    }

    @Test
    void honestGnssErrorIsAboutTwoMetresAndChangesSlowlyBetweenFixes() {
        TrafficWorld w = TrafficWorld.simulate(3, 60, 600);
        AttackTraces.Reports r = AttackTraces.Reports.of(w, 3);
        double sumSq = 0;
        double stepSumSq = 0;
        int n = 0;
        for (int i = 0; i < w.vehicles; i++) {
            for (int k = 1; k < w.steps; k++) {
                // the report is taken at the vehicle's transmit phase: take the truth there too
                double lead = w.speed[i][k] * r.phaseMicros[i] * 1e-6;
                double h = Math.toRadians(w.heading[i][k]);
                double de = r.east[i][k] - w.east[i][k] - lead * Math.sin(h);
                double dn = r.north[i][k] - w.north[i][k] - lead * Math.cos(h);
                double leadBefore = w.speed[i][k - 1] * r.phaseMicros[i] * 1e-6;
                double hb = Math.toRadians(w.heading[i][k - 1]);
                double deBefore = r.east[i][k - 1] - w.east[i][k - 1] - leadBefore * Math.sin(hb);
                double dnBefore = r.north[i][k - 1] - w.north[i][k - 1] - leadBefore * Math.cos(hb);
                sumSq += de * de + dn * dn;
                stepSumSq += (de - deBefore) * (de - deBefore) + (dn - dnBefore) * (dn - dnBefore);
                n++;
            }
        }
        assertThat(Math.sqrt(sumSq / n)).as("RMS horizontal error, m").isBetween(1.0, 3.0);
        assertThat(Math.sqrt(stepSumSq / n)).as("RMS change between 10 Hz fixes, m").isBetween(0.1, 0.5);
    }

    @Test
    void tenPercentOfVehiclesAttackFromAnOnsetBetweenFiveAndFifteenSeconds() {
        AttackTraces.Trace t = AttackTraces.generate(AttackType.SYBIL, 5, SMALL);
        assertThat(t.attackers()).hasSize(6);
        assertThat(t.attackers()).allSatisfy(a -> {
            double onsetS = (a.onsetMicros() - AttackTraces.START_MICROS) * 1e-6;
            assertThat(onsetS).isBetween(5.0, 15.1);
            // its own id and five ghosts
            assertThat(a.vehicleIds()).hasSize(6).doesNotHaveDuplicates();
        });
        // an honest direct OBU sends at 10 Hz (1 % lost on the cellular uplink)
        List<Integer> attackers = t.attackers().stream().map(AttackTraces.Attacker::vehicle).toList();
        Map<String, Long> perChannel = t.messages().stream()
                .filter(m -> !attackers.contains(m.vehicle()) && m.relayPosition() == null)
                .collect(Collectors.groupingBy(AttackTraces.Message::senderId, Collectors.counting()));
        assertThat(perChannel.values()).allSatisfy(count -> assertThat(count).isBetween(180L, 200L));
        // receive order
        for (int m = 1; m < t.messages().size(); m++) {
            assertThat(t.messages().get(m).receivedMicros()).isGreaterThanOrEqualTo(
                    t.messages().get(m - 1).receivedMicros());
        }
    }
}
