package io.cheluyun.edge.misbehaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Plausibility;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MisbehaviourDetectorTest {

    private static final long T0 = 1_790_000_000_000_000L;
    private static final LocalEnu ENU = new LocalEnu(31.28, 121.17);
    private static final GeoPoint RSU = ENU.toGeo(0, 0);
    /** Network latency of every test message: receive time = generation time + this. */
    private static final long LATENCY = 20_000;

    private final MisbehaviourDetector detector = new MisbehaviourDetector(MisbehaviourConfig.defaults());
    private long hashes;

    private static long micros(double seconds) {
        return T0 + Math.round(seconds * 1e6);
    }

    private static VehicleState at(String id, double tS, double eastM, double northM, double headingDeg,
                                   double speedMps) {
        return new VehicleState(id, micros(tS), ENU.toGeo(eastM, northM), Double.NaN, headingDeg, speedMps,
                Double.NaN, Double.NaN, 4.5, 1.8, VehicleClass.PASSENGER_CAR, BrakeState.NONE, ExteriorLights.NONE);
    }

    /** A direct message (from the vehicle's own OBU channel {@code obu-<id>}), received after the usual latency. */
    private Verdict direct(VehicleState s) {
        return detector.check("obu-" + s.vehicleId(), s, s.timeMicros() + LATENCY, null, ++hashes);
    }

    private Verdict relayed(String rsu, VehicleState s) {
        return detector.check(rsu, s, s.timeMicros() + LATENCY, RSU, ++hashes);
    }

    /** Drives {@code id} east along y = 0 at a constant speed, 10 Hz, from tS for durationS; returns the verdicts. */
    private List<Verdict> driveEast(String id, double fromS, double durationS, double speedMps, double headingDeg,
                                    double reportedSpeedMps) {
        List<Verdict> out = new ArrayList<>();
        for (int k = 0; k <= Math.round(durationS * 10); k++) {
            double t = fromS + k * 0.1;
            out.add(direct(at(id, t, speedMps * t, 0, headingDeg, reportedSpeedMps)));
        }
        return out;
    }

    @Nested
    class SpeedAndAccelerationPlausibility {

        @Test
        void refusesASpeedAboveSeventyMetresPerSecond() {
            assertThat(direct(at("a", 0, 0, 0, 90, 70.5))).isEqualTo(Verdict.SPEED_IMPLAUSIBLE);
            assertThat(direct(at("b", 0, 0, 0, 90, 69.5))).isEqualTo(Verdict.OK);
        }

        @Test
        void refusesAReportedAccelerationBeyondTwelveMetresPerSecondSquared() {
            VehicleState hard = at("a", 0, 0, 0, 90, 10);
            VehicleState braking = new VehicleState("a", hard.timeMicros(), hard.position(), Double.NaN, 90, 10,
                    -12.5, Double.NaN, 4.5, 1.8, VehicleClass.PASSENGER_CAR, BrakeState.NONE, ExteriorLights.NONE);
            assertThat(direct(braking)).isEqualTo(Verdict.ACCELERATION_IMPLAUSIBLE);
            VehicleState emergency = new VehicleState("b", hard.timeMicros(), hard.position(), Double.NaN, 90, 10,
                    -11.5, Double.NaN, 4.5, 1.8, VehicleClass.PASSENGER_CAR, BrakeState.NONE, ExteriorLights.NONE);
            assertThat(direct(emergency)).isEqualTo(Verdict.OK);
        }

        @Test
        void refusesASpeedChangeFasterThanBrakingAllowsOnTheVehiclesOwnClock() {
            // 0.1 s between messages: 12 m/s² × 0.1 s + 1 m/s tolerance = 2.2 m/s
            assertThat(direct(at("a", 0, 0, 0, 90, 10))).isEqualTo(Verdict.OK);
            assertThat(direct(at("a", 0.1, 0.9, 0, 90, 7.7))).isEqualTo(Verdict.ACCELERATION_IMPLAUSIBLE);
            assertThat(direct(at("b", 0, 0, 0, 90, 10))).isEqualTo(Verdict.OK);
            assertThat(direct(at("b", 0.1, 0.9, 0, 90, 7.9))).isEqualTo(Verdict.OK);
        }
    }

    @Nested
    class PositionJump {

        @Test
        void refusesAMoveBeyondSpeedAccelerationAndGnssTolerance() {
            // at 10 m/s over 0.1 s: 5 m + (10 + 1) × 0.1 + ½ × 12 × 0.1² = 6.16 m
            assertThat(direct(at("a", 0, 0, 0, 90, 10))).isEqualTo(Verdict.OK);
            assertThat(direct(at("a", 0.1, 6.3, 0, 90, 10))).isEqualTo(Verdict.POSITION_JUMP);
            assertThat(direct(at("b", 0, 0, 0, 90, 10))).isEqualTo(Verdict.OK);
            assertThat(direct(at("b", 0.1, 6.0, 0, 90, 10))).isEqualTo(Verdict.OK);
        }

        @Test
        void measuresTheGapOnMessageTimeNotArrivalTime() {
            VehicleState first = at("a", 0, 0, 0, 90, 10);
            VehicleState second = at("a", 1.0, 10, 0, 90, 10);
            // generated 1 s apart but arriving 50 ms apart (a backlog flushed): 10 m in 1 s is fine
            assertThat(detector.check("obu-a", first, micros(1.0), null, 1)).isEqualTo(Verdict.OK);
            assertThat(detector.check("obu-a", second, micros(1.05), null, 2)).isEqualTo(Verdict.OK);
            // generated 0.1 s apart but arriving 1 s apart: 10 m in 0.1 s is not
            VehicleState third = at("b", 0, 0, 0, 90, 10);
            VehicleState fourth = at("b", 0.1, 10, 0, 90, 10);
            assertThat(detector.check("obu-b", third, micros(0.02), null, 3)).isEqualTo(Verdict.OK);
            assertThat(detector.check("obu-b", fourth, micros(1.02), null, 4)).isEqualTo(Verdict.POSITION_JUMP);
        }

        @Test
        void comparesAGlitchWithTheLastGoodPositionSoOnlyTheGlitchIsRefused() {
            assertThat(driveEast("a", 0, 1.0, 10, 90, 10)).containsOnly(Verdict.OK);
            assertThat(direct(at("a", 1.1, 11 + 12, 0, 90, 10))).isEqualTo(Verdict.POSITION_JUMP);
            assertThat(driveEast("a", 1.2, 1.0, 10, 90, 10)).containsOnly(Verdict.OK);
            assertThat(detector.isQuarantined("obu-a", micros(2.3))).isFalse();
        }
    }

    @Nested
    class ConsistencyOverTheWindow {

        @Test
        void refusesHeadingsThatDoNotMatchTheMovement() {
            // driving east, reporting 35° north of east: after 2 s the dead-reckoned path is 35° off
            List<Verdict> off = driveEast("a", 0, 2.0, 10, 90 - 35, 10);
            assertThat(off.subList(0, 20)).containsOnly(Verdict.OK);
            assertThat(off.get(20)).isEqualTo(Verdict.HEADING_MISMATCH);
            assertThat(driveEast("b", 0, 3.0, 10, 90 - 25, 10)).containsOnly(Verdict.OK);
        }

        @Test
        void leavesTheHeadingOfANearlyStoppedVehicleUnchecked() {
            // 1.5 m/s, below the 2 m/s where receivers' course over ground is trusted
            assertThat(driveEast("a", 0, 3.0, 1.5, 0, 1.5)).containsOnly(Verdict.OK);
        }

        @Test
        void refusesASpeedThatDoesNotMatchTheDistanceTravelled() {
            // moving at 10 m/s: over 2 s the tolerance is 5 m + 1 m/s × 2 s = 7 m, i.e. 3.5 m/s of lie
            List<Verdict> fast = driveEast("a", 0, 2.0, 10, 90, 14);
            assertThat(fast.subList(0, 20)).containsOnly(Verdict.OK);
            assertThat(fast.get(20)).isEqualTo(Verdict.SPEED_IMPLAUSIBLE);
            assertThat(driveEast("b", 0, 3.0, 10, 90, 13)).containsOnly(Verdict.OK);
        }

        @Test
        void refusesAPositionThatStandsStillWhileTheSpeedSaysItMoves() {
            List<Verdict> frozen = new ArrayList<>();
            for (int k = 0; k <= 20; k++) {
                frozen.add(direct(at("a", k * 0.1, 0, 0, 90, 10)));
            }
            assertThat(frozen.subList(0, 20)).containsOnly(Verdict.OK);
            assertThat(frozen.get(20)).isEqualTo(Verdict.SPEED_IMPLAUSIBLE);
        }

        @Test
        void followsATurnByDeadReckoningThroughIt() {
            // a quarter circle of radius 10 m at 5 m/s (28.6°/s yaw), heading turning from north to east
            double radius = 10;
            double speed = 5;
            List<Verdict> verdicts = new ArrayList<>();
            double endS = radius * Math.PI / 2 / speed;
            for (int k = 0; k <= 60; k++) {
                double t = k * 0.1;
                double phi = Math.min(speed * t / radius, Math.PI / 2);
                // then straight on, east
                double east = radius - radius * Math.cos(phi) + speed * Math.max(0, t - endS);
                double north = radius * Math.sin(phi);
                verdicts.add(direct(at("a", t, east, north, Math.toDegrees(phi), speed)));
            }
            assertThat(verdicts).containsOnly(Verdict.OK);
        }
    }

    @Nested
    class Timestamps {

        @Test
        void refusesAMessageFromMoreThanOneSecondInTheFuture() {
            VehicleState s = at("a", 0, 0, 0, 90, 10);
            assertThat(detector.check("obu-a", s, s.timeMicros() - 1_100_000, null, 1))
                    .isEqualTo(Verdict.FUTURE_TIMESTAMP);
            VehicleState u = at("b", 0, 0, 0, 90, 10);
            assertThat(detector.check("obu-b", u, u.timeMicros() - 900_000, null, 2)).isEqualTo(Verdict.OK);
        }

        @Test
        void refusesAMessageOlderThanFiveSecondsWithoutBlame() {
            VehicleState s = at("a", 0, 0, 0, 90, 10);
            for (int k = 0; k < 10; k++) {
                VehicleState old = at("a", k * 0.1, k, 0, 90, 10);
                assertThat(detector.check("obu-a", old, old.timeMicros() + 5_100_000, null, 10 + k))
                        .isEqualTo(Verdict.STALE_TIMESTAMP);
            }
            assertThat(detector.isQuarantined("obu-a", s.timeMicros() + 6_100_000)).isFalse();
            VehicleState u = at("b", 0, 0, 0, 90, 10);
            assertThat(detector.check("obu-b", u, u.timeMicros() + 4_900_000, null, 2)).isEqualTo(Verdict.OK);
        }

        @Test
        void refusesAMessageOlderThanTheVehiclesNewestByMoreThanTheReorderingWindow() {
            assertThat(driveEast("a", 0, 10.0, 10, 90, 10)).containsOnly(Verdict.OK);
            VehicleState late = at("a", 8.8, 88, 0, 90, 10);
            VehicleState reordered = at("a", 9.2, 92, 0, 90, 10);
            assertThat(detector.check("obu-a", late, micros(10.05), null, 1_000)).isEqualTo(Verdict.STALE_TIMESTAMP);
            assertThat(detector.check("obu-a", reordered, micros(10.05), null, 1_001)).isEqualTo(Verdict.OK);
        }
    }

    @Nested
    class ReplayAndDuplicates {

        @Test
        void refusesIdenticalOctetsAgainFromTheSameChannel() {
            VehicleState s = at("a", 0, 0, 0, 90, 10);
            assertThat(detector.check("obu-a", s, micros(0.02), null, 42)).isEqualTo(Verdict.OK);
            assertThat(detector.check("obu-a", s, micros(0.5), null, 42)).isEqualTo(Verdict.REPLAY);
            VehicleState next = at("a", 0.1, 1, 0, 90, 10);
            assertThat(detector.check("obu-a", next, micros(0.6), null, 43)).isEqualTo(Verdict.OK);
        }

        @Test
        void dropsTheSameBroadcastHeardByASecondRsuOrHeardAgainWithoutBlame() {
            VehicleState s = at("a", 0, 0, 0, 90, 10);
            assertThat(detector.check("rsu-1", s, micros(0.02), RSU, 42)).isEqualTo(Verdict.OK);
            assertThat(detector.check("rsu-2", s, micros(0.03), RSU, 42)).isEqualTo(Verdict.DUPLICATE);
            // re-broadcast over the air by someone: the vehicle id is not blamed, or anyone could silence it
            for (int k = 0; k < 10; k++) {
                assertThat(detector.check("rsu-1", s, micros(0.1 + 0.05 * k), RSU, 42)).isEqualTo(Verdict.DUPLICATE);
            }
            assertThat(detector.isVehicleQuarantined("a", micros(0.7))).isFalse();
            // the vehicle's own uplink copy of what an RSU already relayed
            assertThat(detector.check("obu-a", s, micros(0.04), null, 42)).isEqualTo(Verdict.DUPLICATE);
            assertThat(Verdict.DUPLICATE.isViolation()).isFalse();
        }

        @Test
        void refusesAnotherObusCopyOfAVehiclesOctetsAsReplay() {
            VehicleState s = at("a", 0, 0, 0, 90, 10);
            assertThat(detector.check("obu-a", s, micros(0.02), null, 42)).isEqualTo(Verdict.OK);
            assertThat(detector.check("obu-mallory", s, micros(0.3), null, 42)).isEqualTo(Verdict.REPLAY);
        }
    }

    @Nested
    class Rate {

        @Test
        void refusesADirectChannelBeyondItsBurstOfForty() {
            MisbehaviourDetector d = new MisbehaviourDetector(MisbehaviourConfig.defaults().withQuarantine(64, 1, 60));
            List<Verdict> burst = new ArrayList<>();
            for (int k = 0; k < 41; k++) {
                VehicleState s = at("a", k * 0.001, 0, 0, 90, 0);
                burst.add(d.check("obu-a", s, micros(0.1), null, k));
            }
            assertThat(burst.subList(0, 40)).containsOnly(Verdict.OK);
            assertThat(burst.get(40)).isEqualTo(Verdict.RATE_EXCEEDED);
        }

        @Test
        void passesTwentyMessagesPerSecondSustained() {
            for (int k = 0; k < 200; k++) {
                VehicleState s = at("a", k * 0.05, k * 0.5, 0, 90, 10);
                assertThat(direct(s)).as("message %d", k).isEqualTo(Verdict.OK);
            }
        }

        @Test
        void limitsEachVehicleARelayCarriesNotTheRelay() {
            // 60 vehicles at 10 Hz through one RSU: 600 messages a second, all fine
            for (int k = 0; k < 20; k++) {
                for (int v = 0; v < 60; v++) {
                    VehicleState s = at("v" + v, k * 0.1, k, v * 10.0, 90, 10);
                    assertThat(relayed("rsu-1", s)).isEqualTo(Verdict.OK);
                }
            }
        }
    }

    @Nested
    class RelayRange {

        @Test
        void refusesAVehicleFartherFromItsRsuThanPc5Reaches() {
            assertThat(relayed("rsu-1", at("a", 0, 1_001, 0, 90, 10))).isEqualTo(Verdict.FAR_FROM_RELAY);
            assertThat(relayed("rsu-1", at("b", 0, 0, 999, 90, 10))).isEqualTo(Verdict.OK);
        }
    }

    @Nested
    class Ghosts {

        @Test
        void refusesAnObuThatChangesItsVehicleIdTwiceWithinTenSeconds() {
            assertThat(detector.check("obu-1", at("A", 0, 0, 0, 90, 0), micros(0.02), null, 1)).isEqualTo(Verdict.OK);
            // a pseudonym change is fine
            assertThat(detector.check("obu-1", at("B", 0.1, 0, 0, 90, 0), micros(0.12), null, 2))
                    .isEqualTo(Verdict.OK);
            assertThat(detector.check("obu-1", at("C", 9.9, 0, 0, 90, 0), micros(9.92), null, 3))
                    .isEqualTo(Verdict.GHOST);
            assertThat(detector.check("obu-1", at("A", 9.9, 0, 0, 90, 0), micros(9.92), null, 4))
                    .isEqualTo(Verdict.GHOST);
            assertThat(detector.check("obu-1", at("C", 10.2, 0, 0, 90, 0), micros(10.22), null, 5))
                    .isEqualTo(Verdict.OK);
        }

        @Test
        void refusesAnObuClaimingAVehicleIdAnotherObuUsesButNotOneItGaveUp() {
            assertThat(detector.check("obu-1", at("A", 0, 0, 0, 90, 0), micros(0.02), null, 1)).isEqualTo(Verdict.OK);
            assertThat(detector.check("obu-2", at("A", 9.9, 0, 0, 90, 0), micros(9.9), null, 2))
                    .isEqualTo(Verdict.GHOST);
            assertThat(detector.check("obu-2", at("A", 10.1, 0, 0, 90, 0), micros(10.1), null, 3))
                    .isEqualTo(Verdict.OK);
        }

        @Test
        void refusesAYoungerTrackSittingOnAnotherVehicleForASecond() {
            // the real vehicle, tracked from 0 s; a ghost appears on it at 5 s
            List<Verdict> ghost = new ArrayList<>();
            for (int k = 0; k <= 70; k++) {
                double t = k * 0.1;
                assertThat(relayed("rsu-1", at("real", t, 10 * t, 0, 90, 10))).isEqualTo(Verdict.OK);
                if (t >= 5.0 - 1e-9) {
                    ghost.add(relayed("rsu-1", at("ghost", t + 0.01, 10 * t + 0.5, 0.3, 90, 10)));
                }
            }
            assertThat(ghost.subList(0, 9)).containsOnly(Verdict.OK);
            assertThat(ghost.get(9)).isEqualTo(Verdict.GHOST);
            assertThat(ghost.subList(9, ghost.size())).doesNotContain(Verdict.OK);
        }

        @Test
        void leavesAVehicleBesideAnotherAndTracksOfTheSameAgeAlone() {
            for (int k = 0; k <= 70; k++) {
                double t = k * 0.1;
                assertThat(relayed("rsu-1", at("real", t, 10 * t, 0, 90, 10))).isEqualTo(Verdict.OK);
                // 1.2 m beside: closer than any lane allows, but not 1 m
                if (t >= 5.0 - 1e-9) {
                    assertThat(relayed("rsu-1", at("beside", t + 0.01, 10 * t + 0.1, 1.2, 90, 10)))
                            .isEqualTo(Verdict.OK);
                }
                // on top of it, but tracked from the same moment: which is real cannot be told, so neither is blamed
                assertThat(relayed("rsu-1", at("twin", t + 0.02, 10 * t + 0.2, -0.2, 90, 10))).isEqualTo(Verdict.OK);
            }
        }
    }

    @Nested
    class QuarantineRule {

        /** Sends one position jump of {@code id} through its OBU at {@code tS}. */
        private Verdict jump(String channel, String id, double tS, GeoPoint relay) {
            VehicleState s = at(id, tS, 500 + 100 * tS, 0, 90, 0);
            return detector.check(channel, s, s.timeMicros() + LATENCY, relay, ++hashes);
        }

        @Test
        void quarantinesADirectChannelAfterFiveViolationsInTenSecondsAndReleasesItAfterSixty() {
            assertThat(direct(at("a", 0, 0, 0, 90, 0))).isEqualTo(Verdict.OK);
            for (int k = 1; k <= 4; k++) {
                assertThat(jump("obu-a", "a", k, null)).isEqualTo(Verdict.POSITION_JUMP);
            }
            assertThat(detector.isQuarantined("obu-a", micros(4.1))).isFalse();
            assertThat(jump("obu-a", "a", 5, null)).isEqualTo(Verdict.POSITION_JUMP);
            assertThat(detector.isQuarantined("obu-a", micros(5.1))).isTrue();
            // whatever it sends now, even under another vehicle id
            assertThat(direct(at("a", 6, 0, 0, 90, 0))).isEqualTo(Verdict.QUARANTINED);
            assertThat(detector.check("obu-a", at("b", 6, 0, 0, 90, 0), micros(6.02), null, 999))
                    .isEqualTo(Verdict.QUARANTINED);
            List<Quarantine> listed = detector.quarantined(micros(6));
            assertThat(listed).extracting(Quarantine::scope)
                    .containsExactlyInAnyOrder(Quarantine.Scope.CHANNEL, Quarantine.Scope.VEHICLE);
            assertThat(listed).allSatisfy(q -> {
                assertThat(q.reason()).isEqualTo(Verdict.POSITION_JUMP);
                assertThat(q.untilMicros() - q.sinceMicros()).isEqualTo(60_000_000L);
            });
            // its own vehicle id is quarantined with it, so copies of it relayed by RSUs are refused too
            assertThat(detector.isVehicleQuarantined("a", micros(6))).isTrue();
            assertThat(relayed("rsu-1", at("a", 6.5, 0, 0, 90, 0))).isEqualTo(Verdict.QUARANTINED);
            // released after 60 s
            assertThat(detector.isQuarantined("obu-a", micros(5 + 59.9) + LATENCY)).isTrue();
            assertThat(detector.isQuarantined("obu-a", micros(5 + 60.1))).isFalse();
            assertThat(direct(at("a", 65.2, 0, 0, 90, 0))).isEqualTo(Verdict.OK);
            assertThat(detector.quarantined(micros(65.3))).isEmpty();
            assertThat(detector.count(Verdict.QUARANTINED)).isEqualTo(3);
            assertThat(detector.count(Verdict.POSITION_JUMP)).isEqualTo(5);
        }

        @Test
        void doesNotQuarantineFiveViolationsSpreadOverMoreThanTenSeconds() {
            assertThat(direct(at("a", 0, 0, 0, 90, 0))).isEqualTo(Verdict.OK);
            for (int k = 1; k <= 12; k++) {
                assertThat(jump("obu-a", "a", 3.0 * k, null)).isEqualTo(Verdict.POSITION_JUMP);
            }
            assertThat(detector.isQuarantined("obu-a", micros(37))).isFalse();
        }

        @Test
        void quarantinesARelayedVehicleIdButNeverTheRsuCarryingIt() {
            assertThat(relayed("rsu-1", at("liar", 0, 0, 0, 90, 0))).isEqualTo(Verdict.OK);
            for (int k = 1; k <= 5; k++) {
                assertThat(jump("rsu-1", "liar", k * 0.5, RSU)).isEqualTo(Verdict.POSITION_JUMP);
            }
            assertThat(detector.isVehicleQuarantined("liar", micros(3))).isTrue();
            assertThat(detector.isQuarantined("rsu-1", micros(3))).isFalse();
            assertThat(relayed("rsu-1", at("liar", 3, 0, 0, 90, 0))).isEqualTo(Verdict.QUARANTINED);
            assertThat(relayed("rsu-2", at("liar", 3.1, 0, 0, 90, 0))).isEqualTo(Verdict.QUARANTINED);
            assertThat(relayed("rsu-1", at("honest", 3, 0, 50, 90, 0))).isEqualTo(Verdict.OK);
            assertThat(detector.quarantined(micros(3))).singleElement().satisfies(q -> {
                assertThat(q.scope()).isEqualTo(Quarantine.Scope.VEHICLE);
                assertThat(q.vehicleId()).isEqualTo("liar");
                assertThat(q.senderId()).isEqualTo("rsu-1");
            });
        }
    }

    @Nested
    class BoundedState {

        @Test
        void keepsAtMostTheConfiguredSendersAndCountsEveryEviction() {
            MisbehaviourDetector d = new MisbehaviourDetector(MisbehaviourConfig.defaults()
                    .withCapacity(1_000, 1_000, 100));
            for (int i = 0; i < 100_000; i++) {
                VehicleState s = at("v" + i, 0, i % 1_000, i / 1_000, 90, 10);
                assertThat(d.check("obu-" + i, s, s.timeMicros() + LATENCY, null, i)).isEqualTo(Verdict.OK);
            }
            // the bound holds per stripe: 64 stripes × ⌈1000 / 64⌉
            assertThat(d.trackedSenders()).isBetween(900, 1_024);
            assertThat(d.trackedVehicles()).isBetween(900, 1_024);
            assertThat(d.senderEvictions()).isEqualTo(100_000L - d.trackedSenders());
            assertThat(d.vehicleEvictions()).isEqualTo(100_000L - d.trackedVehicles());
            assertThat(d.count(Verdict.OK)).isEqualTo(100_000);
        }
    }

    @Nested
    class Concurrency {

        @Test
        void twoThreadsOnDifferentSendersGetTheVerdictsOneThreadWould() throws InterruptedException {
            int perThread = 50;
            AtomicInteger notOk = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int th = 0; th < 2; th++) {
                int base = th * perThread;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long hash = base * 1_000_000L;
                    for (int k = 0; k < 100; k++) {
                        for (int v = base; v < base + perThread; v++) {
                            VehicleState s = at("v" + v, k * 0.1, k * 1.0, v * 20.0, 90, 10);
                            if (detector.check("obu-" + v, s, s.timeMicros() + LATENCY, null, ++hash) != Verdict.OK) {
                                notOk.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(notOk).hasValue(0);
            assertThat(detector.count(Verdict.OK)).isEqualTo(2 * perThread * 100);
            assertThat(detector.trackedSenders()).isEqualTo(2 * perThread);
            assertThat(detector.counts()).containsEntry(Verdict.OK, 10_000L).containsEntry(Verdict.GHOST, 0L);
        }
    }

    @Nested
    class HotPath {

        @Test
        void allocatesNothingPerMessageOfAKnownSender() {
            // 20 vehicles, 10 through their own OBU and 10 through an RSU, 30 s at 10 Hz, states built beforehand
            List<VehicleState> states = new ArrayList<>();
            for (int k = 0; k < 300; k++) {
                for (int v = 0; v < 20; v++) {
                    states.add(at("v" + v, k * 0.1, k * 1.0, v * 20.0, 90, 10));
                }
            }
            String[] channels = new String[20];
            for (int v = 0; v < 20; v++) {
                channels[v] = v < 10 ? "obu-v" + v : "rsu-1";
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            int half = states.size() / 2;
            int notOk = 0;
            long before = 0;
            for (int m = 0; m < states.size(); m++) {
                if (m == half) {
                    before = threads.getCurrentThreadAllocatedBytes();
                }
                VehicleState s = states.get(m);
                int v = m % 20;
                if (detector.check(channels[v], s, s.timeMicros() + LATENCY, v < 10 ? null : RSU, m) != Verdict.OK) {
                    notOk++;
                }
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(notOk).isZero();
            // 3000 checks of known senders: less than a byte each on average, i.e. nothing per message
            assertThat(allocated).isLessThan(half);
        }
    }

    @Test
    void passesEverythingWhenDisabled() {
        MisbehaviourDetector off = new MisbehaviourDetector(MisbehaviourConfig.defaults().withEnabled(false));
        VehicleState s = at("a", 0, 0, 0, 90, 150);
        assertThat(off.check("obu-a", s, s.timeMicros(), null, 1)).isEqualTo(Verdict.OK);
        assertThat(off.count(Verdict.OK)).isEqualTo(1);
    }

    @Test
    void servesAsTheEdgesPlausibilityWithOneRefusalPerVerdict() {
        Plausibility p = detector.plausibility();
        VehicleState ok = at("a", 0, 0, 0, 90, 10);
        assertThat(p.check("obu-a", ok, ok.timeMicros() + LATENCY, false, null, 1)).isNull();
        VehicleState fast = at("b", 0, 0, 0, 90, 100);
        Plausibility.Refusal r = p.check("obu-b", fast, fast.timeMicros() + LATENCY, false, null, 2);
        assertThat(r.problem()).isEqualTo(InputProblem.IMPLAUSIBLE);
        assertThat(r.verdict()).isEqualTo("speed_implausible");
        assertThat(p.check("obu-b", fast, fast.timeMicros() + LATENCY, false, null, 3)).isSameAs(r);
    }
}
