package io.cheluyun.apps.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.apps.scenario.IntersectionScript;
import io.cheluyun.apps.scenario.IntersectionScript.Arm;
import io.cheluyun.apps.scenario.RoadScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.apps.scenario.Timeline;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.RoadEventType;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.TileGrid;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.OfferResult;
import io.cheluyun.twin.Pipeline;
import io.cheluyun.twin.PipelineConfig;
import io.cheluyun.twin.ShardMap;
import io.cheluyun.twin.ShardWorker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The safety-event detectors driven through the real twin, stepped on message time: a road east through Changchun
 * and a signalised cross (two lanes per direction, MAP and SPaT at 10 Hz), every vehicle at 10 Hz. A heartbeat SPaT
 * of an unmapped intersection keeps message time going after the scripted traffic falls silent, so vehicles are
 * evicted and their open episodes reported.
 */
class SafetyAnalyticsTest {

    static final long T0 = 1_790_000_000_000_000L;
    static final double LAT = 43.8868;
    static final double LON = 125.3245;
    static final IntersectionId ID = new IntersectionId(0, 101);
    /** Heartbeat: an intersection without a MAP whose SPaT only advances message time in every shard. */
    static final IntersectionId CLOCK = new IntersectionId(0, 65_000);
    static final int SOUTH_STRAIGHT = IntersectionScript.signalGroup(Arm.SOUTH, Maneuver.STRAIGHT);
    static final int SOUTH_LEFT = IntersectionScript.signalGroup(Arm.SOUTH, Maneuver.LEFT_TURN);
    static final double V50 = Units.kmhToMps(50);

    // ---- harness -------------------------------------------------------------------------------------------------

    /** What a run reported, and the per-shard detectors for their counters. */
    record Run(List<SafetyEvent> events, List<SafetyAnalytics> shards, Pipeline pipeline) {

        List<SafetyEvent> of(SafetyKind kind) {
            List<SafetyEvent> out = new ArrayList<>();
            for (SafetyEvent e : events) {
                if (e.kind() == kind) {
                    out.add(e);
                }
            }
            return out;
        }

        long emitted(SafetyKind kind) {
            long total = 0;
            for (SafetyAnalytics a : shards) {
                total += a.emittedCount(kind);
            }
            return total;
        }

        int tracked() {
            int total = 0;
            for (SafetyAnalytics a : shards) {
                total += a.trackedVehicleCount();
            }
            return total;
        }

        int boxes() {
            int total = 0;
            for (SafetyAnalytics a : shards) {
                total += a.activeBoxCount();
            }
            return total;
        }
    }

    /** Runs the timeline plus a heartbeat until {@code untilS} through a stepped pipeline. */
    static Run run(Timeline timeline, double untilS, SafetyConfig config, PipelineConfig pipeline) {
        for (int k = 0; k * 0.1 < untilS; k++) {
            timeline.add(new SignalState(CLOCK, T0 + k * 100_000L, List.of()));
        }
        List<SafetyEvent> events = new ArrayList<>();
        AnalyticsSink sink = new AnalyticsSink() {
            @Override
            public void safety(SafetyEvent event) {
                events.add(event);
            }

            @Override
            public void signal(SignalIssue issue) {
                throw new AssertionError("not a safety event: " + issue);
            }

            @Override
            public void kpi(KpiObservation observation) {
                throw new AssertionError("not a safety event: " + observation);
            }
        };
        List<SafetyAnalytics> shards = new ArrayList<>();
        Pipeline p = Pipeline.create(pipeline, shard -> {
            SafetyAnalytics analytics = new SafetyAnalytics(config, sink);
            shards.add(analytics);
            return analytics;
        }, () -> 0L);
        for (Object input : timeline.inputs()) {
            assertThat(ScenarioRunner.offer(p.ingest(), input)).as("%s", input).isEqualTo(OfferResult.ACCEPTED);
            p.drain();
        }
        return new Run(events, shards, p);
    }

    static Run run(Timeline timeline, double untilS) {
        return run(timeline, untilS, SafetyConfig.defaults(), PipelineConfig.defaults());
    }

    static RoadScript road() {
        return RoadScript.straight(LAT, LON, 90.0, 10.0);
    }

    static Run run(RoadScript road, double durationS, double untilS, RoadEvent... events) {
        Timeline timeline = new Timeline().add(road.messages(T0, durationS));
        for (RoadEvent e : events) {
            timeline.add(e);
        }
        return run(timeline, untilS);
    }

    static IntersectionScript cross() {
        return IntersectionScript.cross(ID, LAT, LON, 2, 10.0);
    }

    static double atS(long micros) {
        return (micros - T0) / 1e6;
    }

    static double metresBetween(SafetyEvent e, GeoPoint p) {
        return LocalEnu.distanceM(new GeoPoint(e.latDeg(), e.lonDeg()), p);
    }

    /** A point on the test road, {@code alongM} east of its origin. */
    static GeoPoint onRoad(double alongM) {
        return new LocalEnu(LAT, LON).toGeo(alongM, 0);
    }

    // ---- hard braking --------------------------------------------------------------------------------------------

    @Test
    void reportsOneHardBrakingEpisodeFromFiftyKmhWithItsPeakDeceleration() {
        RoadScript road = road();
        road.vehicle("car").at(0).speedKmh(50).accel(2.0, -6.0); // stops at 4.31 s
        Run run = run(road, 8.0, 12.0);

        assertThat(run.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SafetyKind.HARD_BRAKING);
            assertThat(e.vehicleId()).isEqualTo("car");
            assertThat(e.otherId()).isNull();
            assertThat(e.intersection()).isNull();
            assertThat(e.magnitude()).isCloseTo(-6.0, within(1e-9));
            assertThat(atS(e.timeMicros())).isCloseTo(2.0, within(1e-6));
            assertThat(metresBetween(e, onRoad(2.0 * V50))).isLessThan(0.05);
            assertThat(e.ttcS()).isNaN();
            assertThat(e.petS()).isNaN();
        });
        assertThat(run.emitted(SafetyKind.HARD_BRAKING)).isOne();
    }

    @Test
    void ignoresGentleBraking() {
        RoadScript road = road();
        road.vehicle("car").at(0).speedKmh(50).accel(2.0, -2.0);
        Run run = run(road, 10.0, 14.0);
        assertThat(run.events()).isEmpty();
        assertThat(run.emitted(SafetyKind.HARD_BRAKING)).isZero();
    }

    @Test
    void hysteresisKeepsOneEpisodeThroughABriefEasingOfTheBrake() {
        // −6 m/s², eased to −3.5 (above the −4 threshold, below −3) for 0.5 s, then −6.5 until it stops
        RoadScript road = road();
        road.vehicle("car").at(0).speedKmh(50).accel(1.0, -6.0).accel(1.5, -3.5).accel(2.0, -6.5);
        Run run = run(road, 6.0, 10.0);
        assertThat(run.of(SafetyKind.HARD_BRAKING)).singleElement().satisfies(e -> {
            assertThat(atS(e.timeMicros())).isCloseTo(1.0, within(1e-6));
            assertThat(e.magnitude()).isCloseTo(-6.5, within(1e-9));
        });

        // eased to −2 instead: two episodes
        RoadScript eased = road();
        eased.vehicle("car").at(0).speedKmh(50).accel(1.0, -6.0).accel(1.5, -2.0).accel(2.0, -6.5);
        assertThat(run(eased, 6.0, 10.0).of(SafetyKind.HARD_BRAKING)).hasSize(2);
    }

    @Test
    void estimatesTheDecelerationFromSpeedWhenMessagesCarryNone() {
        // a sender without acceleration (NaN): 50 km/h, then −6 m/s² from 1 s on, as speeds 0.1 s apart
        LocalEnu frame = new LocalEnu(LAT, LON);
        Timeline timeline = new Timeline();
        double along = 0;
        double speed = V50;
        for (int k = 0; k <= 40; k++) {
            double s = k * 0.1;
            GeoPoint p = frame.toGeo(along, 0);
            timeline.add(VehicleState.of("old", T0 + Math.round(s * 1e6), p.latDeg(), p.lonDeg(), 90, speed));
            double next = s >= 1.0 - 1e-9 ? Math.max(0, speed - 0.6) : speed;
            along += (speed + next) / 2 * 0.1;
            speed = next;
        }
        Run run = run(timeline, 9.0);
        assertThat(run.of(SafetyKind.HARD_BRAKING)).singleElement().satisfies(e -> {
            assertThat(e.vehicleId()).isEqualTo("old");
            assertThat(e.magnitude()).isCloseTo(-6.0, within(1e-6));
            assertThat(atS(e.timeMicros())).isCloseTo(1.1, within(1e-6)); // the first message that shows it
        });
    }

    // ---- speeding ------------------------------------------------------------------------------------------------

    @Test
    void reportsEightyKmhAgainstTheDefaultLimitOnceWithTheSpeedOverTheLimit() {
        RoadScript road = road();
        road.vehicle("fast").at(0).speedKmh(80);
        Run run = run(road, 10.0, 15.0); // silent after 10 s: evicted, the open episode reported

        assertThat(run.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SafetyKind.SPEEDING);
            assertThat(e.vehicleId()).isEqualTo("fast");
            assertThat(e.magnitude()).isCloseTo(Units.kmhToMps(80) - Units.kmhToMps(60), within(1e-9));
            assertThat(e.timeMicros()).isEqualTo(T0);
            assertThat(e.detail()).contains("limit 60 km/h (default)");
        });
        assertThat(run.emitted(SafetyKind.SPEEDING)).isOne();
        assertThat(run.tracked()).as("state of the silent vehicle dropped").isZero();
    }

    @Test
    void ignoresDrivingWithinTheTolerance() {
        RoadScript road = road();
        road.vehicle("brisk").at(0).speedKmh(62); // below 60 × 1.1 = 66 km/h
        assertThat(run(road, 10.0, 15.0).events()).isEmpty();
    }

    @Test
    void takesTheLowestLimitOfTheRoadEventsAroundTheVehicleAndNamesIt() {
        // 50 km/h through a 40 km/h zone (50 … 300 m) containing a 30 km/h school zone (100 … 200 m)
        RoadScript road = road();
        road.vehicle("car").at(0).speedKmh(50);
        RoadEvent zone40 = new RoadEvent("zone-40", "rsu-7", RoadEventType.SPEED_LIMIT, -1,
                road.zone(50, 300, -5, 5), Units.kmhToMps(40), T0, T0 + 600_000_000L, "");
        RoadEvent school30 = new RoadEvent("school-30", "rsu-7", RoadEventType.SPEED_LIMIT, -1,
                road.zone(100, 200, -5, 5), Units.kmhToMps(30), T0, T0 + 600_000_000L, "");
        Run run = run(road, 25.0, 30.0, zone40, school30);

        assertThat(run.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SafetyKind.SPEEDING);
            assertThat(e.magnitude()).isCloseTo(V50 - Units.kmhToMps(30), within(1e-9));
            assertThat(e.detail()).contains("limit 30 km/h (event school-30)");
            assertThat(atS(e.timeMicros())).isCloseTo(50 / V50, within(0.1)); // entering the 40 zone
        });
    }

    @Test
    void slowingBelowTheLimitEndsTheEpisodeAndSpeedingAgainStartsAnother() {
        // 80 km/h, down to 50 at −3 m/s² from 4 s, back up to 80 at +2 m/s² from 10 s
        RoadScript road = road();
        road.vehicle("car").at(0).speedKmh(80).accel(4.0, -3.0).accel(4.0 + (Units.kmhToMps(30)) / 3.0, 0.0)
                .accel(10.0, 2.0).accel(10.0 + Units.kmhToMps(30) / 2.0, 0.0);
        Run run = run(road, 20.0, 25.0);
        List<SafetyEvent> speeding = run.of(SafetyKind.SPEEDING);
        assertThat(speeding).hasSize(2);
        assertThat(atS(speeding.get(0).timeMicros())).isZero();
        // above 66 km/h again at 10 + (66 − 50) / 3.6 / 2 = 12.22 s: the first message after
        assertThat(atS(speeding.get(1).timeMicros())).isCloseTo(12.3, within(1e-6));
        assertThat(run.of(SafetyKind.HARD_BRAKING)).isEmpty();
    }

    // ---- red-light running ---------------------------------------------------------------------------------------

    @Test
    void reportsARedLightRunOnceWithItsSignalGroupAndTheSpeedAtTheLine() {
        IntersectionScript x = cross().phase(SOUTH_STRAIGHT, SignalPhase.STOP_AND_REMAIN, 0, 60);
        x.vehicle("runner").approach(Arm.SOUTH, 1).toStopLine(60).speedKmh(50);
        Run run = run(x.timeline(T0, 12.0), 16.0);

        assertThat(run.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SafetyKind.RED_LIGHT_RUN);
            assertThat(e.vehicleId()).isEqualTo("runner");
            assertThat(e.intersection()).isEqualTo(ID);
            assertThat(e.signalGroup()).isEqualTo(SOUTH_STRAIGHT);
            assertThat(e.detail()).contains("lane 22", "signal group " + SOUTH_STRAIGHT, "STOP_AND_REMAIN",
                    "STRAIGHT");
            assertThat(e.magnitude()).isCloseTo(V50, within(1e-6));
            assertThat(atS(e.timeMicros())).isCloseTo(60 / V50, within(1e-5));
            // at the stop line of the south arm's outer lane
            assertThat(metresBetween(e, x.at(1.5 * IntersectionScript.LANE_WIDTH_M,
                    -IntersectionScript.STOP_LINE_M))).isLessThan(0.05);
        });
        assertThat(run.emitted(SafetyKind.RED_LIGHT_RUN)).isOne();
    }

    @Test
    void ignoresAVehicleThatStopsBeforeTheLine() {
        IntersectionScript x = cross().phase(SOUTH_STRAIGHT, SignalPhase.STOP_AND_REMAIN, 0, 60);
        x.vehicle("careful").approach(Arm.SOUTH, 1).toStopLine(60).speedKmh(50).stopAtStopLine(1.0, 2.0);
        assertThat(run(x.timeline(T0, 12.0), 16.0).events()).isEmpty();
    }

    @Test
    void ignoresCrossingOnGreen() {
        IntersectionScript x = cross().phase(SOUTH_STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 60);
        x.vehicle("green").approach(Arm.SOUTH, 1).toStopLine(60).speedKmh(50);
        assertThat(run(x.timeline(T0, 12.0), 16.0).events()).isEmpty();
    }

    @Test
    void aRightTurnOnACircularRedIsLawfulUnlessTheRuleIsOff() {
        // the outer lane's right turn shares the straight movement's circular signal (group 5)
        IntersectionScript x = cross().phase(SOUTH_STRAIGHT, SignalPhase.STOP_AND_REMAIN, 0, 60);
        x.vehicle("right").approach(Arm.SOUTH, 1).toStopLine(40).speedKmh(25).turn(Maneuver.RIGHT_TURN);
        assertThat(run(x.timeline(T0, 14.0), 18.0).events()).isEmpty();

        Run strict = run(x.timeline(T0, 14.0), 18.0, SafetyConfig.defaults().withRightTurnOnRed(false),
                PipelineConfig.defaults());
        assertThat(strict.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SafetyKind.RED_LIGHT_RUN);
            assertThat(e.detail()).contains("signal group " + SOUTH_STRAIGHT, "RIGHT_TURN");
        });
    }

    @Test
    void theMovementTakenDecidesWhenOnlySomeOfTheLanesMovementsAreRed() {
        // inner lane: left (group 6, red arrow) and straight (group 5, green)
        IntersectionScript straight = cross().phase(SOUTH_STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 60)
                .phase(SOUTH_LEFT, SignalPhase.STOP_AND_REMAIN, 0, 60);
        straight.vehicle("ahead").approach(Arm.SOUTH, 0).toStopLine(40).speedKmh(40);
        assertThat(run(straight.timeline(T0, 12.0), 16.0).events()).isEmpty();

        IntersectionScript left = cross().phase(SOUTH_STRAIGHT, SignalPhase.PROTECTED_MOVEMENT_ALLOWED, 0, 60)
                .phase(SOUTH_LEFT, SignalPhase.STOP_AND_REMAIN, 0, 60);
        left.vehicle("turner").approach(Arm.SOUTH, 0).toStopLine(40).speedKmh(30).turn(Maneuver.LEFT_TURN);
        assertThat(run(left.timeline(T0, 14.0), 18.0).events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SafetyKind.RED_LIGHT_RUN);
            assertThat(e.vehicleId()).isEqualTo("turner");
            assertThat(e.signalGroup()).isEqualTo(SOUTH_LEFT);
            assertThat(e.detail()).contains("lane 21", "signal group " + SOUTH_LEFT, "LEFT_TURN");
        });
    }

    @Test
    void flashingRedIsAStopSignAVehicleMayRollThroughOnlySlowly() {
        IntersectionScript slow = cross().phase(SOUTH_STRAIGHT, SignalPhase.STOP_THEN_PROCEED, 0, 60);
        slow.vehicle("crawler").approach(Arm.SOUTH, 1).toStopLine(10).speedKmh(9); // 2.5 m/s
        assertThat(run(slow.timeline(T0, 14.0), 18.0).events()).isEmpty();

        IntersectionScript fast = cross().phase(SOUTH_STRAIGHT, SignalPhase.STOP_THEN_PROCEED, 0, 60);
        fast.vehicle("roller").approach(Arm.SOUTH, 1).toStopLine(30).speedKmh(30);
        assertThat(run(fast.timeline(T0, 12.0), 16.0).events()).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("STOP_THEN_PROCEED"));
    }

    // ---- time to collision ---------------------------------------------------------------------------------------

    /**
     * Two cars head-on in one lane from 60 m apart at 50 km/h; both brake at −8 m/s² from 0.6 s and stop 19 m apart.
     */
    static RoadScript headOn(RoadScript road) {
        // b first: at equal message times its message is applied before a's, so a compares same-time states
        road.vehicle("b").at(60).oncoming().speedKmh(50).accel(0.6, -8.0);
        road.vehicle("a").at(0).speedKmh(50).accel(0.6, -8.0);
        return road;
    }

    @Test
    void reportsOneTtcConflictForAHeadOnNearMissWithTheMinimumTtcAndThePair() {
        RoadScript road = headOn(road());
        Run run = run(road, 6.0, 10.0);

        // independently, in one dimension: the gap between the bumpers over the closing speed, per message
        RoadScript probe = road();
        RoadScript.Vehicle b = probe.vehicle("b").at(60).oncoming().speedKmh(50).accel(0.6, -8.0);
        RoadScript.Vehicle a = probe.vehicle("a").at(0).speedKmh(50).accel(0.6, -8.0);
        double minTtc = Double.POSITIVE_INFINITY;
        double closingAtMin = Double.NaN;
        double midAtMin = Double.NaN;
        double firstS = Double.NaN;
        for (int k = 0; k < 60; k++) {
            RoadScript.Motion ma = probe.motion(a, k * 0.1);
            RoadScript.Motion mb = probe.motion(b, k * 0.1);
            double closing = ma.speedMps() + mb.speedMps();
            boolean moving = ma.speedMps() > 1 && mb.speedMps() > 1 && Math.max(ma.speedMps(), mb.speedMps()) > 3;
            double ttc = (mb.alongM() - ma.alongM() - 4.6) / closing;
            if (moving && ttc > 0 && ttc <= 1.5) {
                firstS = Double.isNaN(firstS) ? k * 0.1 : firstS;
                if (ttc < minTtc) {
                    minTtc = ttc;
                    closingAtMin = closing;
                    midAtMin = (ma.alongM() + mb.alongM()) / 2;
                }
            }
        }
        assertThat(minTtc).isLessThan(1.45); // the scenario does what it says

        double expectedTtc = minTtc;
        double expectedClosing = closingAtMin;
        GeoPoint expectedPlace = onRoad(midAtMin);
        double expectedStart = firstS;
        assertThat(run.of(SafetyKind.CONFLICT_TTC)).singleElement().satisfies(e -> {
            assertThat(e.vehicleId()).isEqualTo("a");
            assertThat(e.otherId()).isEqualTo("b");
            assertThat(e.ttcS()).isCloseTo(expectedTtc, within(1e-4));
            assertThat(e.magnitude()).isCloseTo(expectedClosing, within(1e-4));
            assertThat(metresBetween(e, expectedPlace)).isLessThan(0.01);
            assertThat(atS(e.timeMicros())).isCloseTo(expectedStart, within(1e-6));
            assertThat(e.petS()).isNaN();
            assertThat(e.detail()).contains("with vehicle");
        });
        assertThat(run.emitted(SafetyKind.CONFLICT_TTC)).isOne();
    }

    @Test
    void ignoresFollowingAtASafeGapAndOvertakingInTheNextLane() {
        RoadScript road = road();
        road.vehicle("leader").at(30).speedKmh(50);
        road.vehicle("follower").at(0).speedKmh(50);
        road.vehicle("overtaker").at(-20).lateral(-3.5).speedKmh(65); // passes both in the lane to the left
        Run run = run(road, 12.0, 16.0);
        assertThat(run.events()).isEmpty();
    }

    @Test
    void reportsACrossingCourseAtTheIntersectionWithBothIds() {
        // both 40 m before their stop lines at 50 km/h, headed for the same spot; "north" brakes hard at 2.3 s
        // and stops with its front 5 m short of the westbound lane while "west" goes on
        IntersectionScript x = cross();
        x.vehicle("north").approach(Arm.SOUTH, 0).toStopLine(40).speedKmh(50).accel(2.3, -8.0);
        x.vehicle("west").approach(Arm.WEST, 0).toStopLine(40).speedKmh(50);
        Run run = run(x.timeline(T0, 10.0), 14.0);

        assertThat(run.of(SafetyKind.CONFLICT_TTC)).singleElement().satisfies(e -> {
            assertThat(e.vehicleId()).isEqualTo("north");
            assertThat(e.otherId()).isEqualTo("west");
            assertThat(e.ttcS()).isGreaterThan(0.0).isLessThanOrEqualTo(1.5);
            assertThat(e.intersection()).isEqualTo(ID);
        });
        assertThat(run.of(SafetyKind.CONFLICT_PET)).as("north never reaches west's path").isEmpty();
    }

    @Test
    void reportsAPedestrianConflictWithTheSensorsObjectTrack() {
        // a pedestrian walks west across the south crosswalk (12 m south of the centre) and stops 0.3 m short of the
        // car's path; at constant velocities the car's front would have met it at 4.5 s: the last walking report, at
        // 4.1 s, gives the minimum TTC of 0.4 s
        IntersectionScript x = cross();
        x.vehicle("car").approach(Arm.SOUTH, 0).toStopLine(49.6).speedKmh(40);
        x.walker("ped-1", "rsu-7", ObjectClass.PEDESTRIAN).path(9, -12, 3.2, -12).startS(0).speedMps(1.4);
        Run run = run(x.timeline(T0, 10.0), 14.0);

        assertThat(run.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SafetyKind.CONFLICT_TTC);
            assertThat(e.vehicleId()).isEqualTo("car");
            assertThat(e.otherId()).isEqualTo("obj:rsu-7:ped-1");
            assertThat(e.ttcS()).isCloseTo(0.4, within(0.005));
            assertThat(e.detail()).contains("with PEDESTRIAN");
            assertThat(atS(e.timeMicros())).isCloseTo(3.0, within(0.05));
        });
    }

    @Test
    void aConflictAcrossAShardBorderIsReportedOnceAndTheHaloShardStaysSilent() {
        // 0.001° tiles (~80 m east–west): find a tile edge whose sides two different shards own
        PipelineConfig pipeline = PipelineConfig.defaults().withShards(2).withTileDeg(0.001);
        TileGrid grid = new TileGrid(pipeline.tileDeg());
        ShardMap shards = new ShardMap(grid, 2, pipeline.haloM());
        double edgeLon = Double.NaN;
        for (int k = 0; k < 200 && Double.isNaN(edgeLon); k++) {
            double lon = -180.0 + (grid.col(LON) + k) * grid.tileDeg();
            if (shards.ownerOf(LAT, lon - 1e-6) != shards.ownerOf(LAT, lon + 1e-6)) {
                edgeLon = lon;
            }
        }
        assertThat(edgeLon).isNotNaN();
        // the head-on pair from 30 m either side of the edge: each stops 9.6 m short of it
        double originLon = edgeLon - 30.0 / LocalEnu.metresPerDegreeLon(LAT);
        RoadScript road = headOn(RoadScript.straight(LAT, originLon, 90.0, 10.0));
        List<VehicleState> messages = road.messages(T0, 6.0);
        Run run = run(new Timeline().add(messages), 10.0, SafetyConfig.defaults(), pipeline);

        VehicleState a0 = messages.stream().filter(s -> s.vehicleId().equals("a")).findFirst().orElseThrow();
        VehicleState b0 = messages.stream().filter(s -> s.vehicleId().equals("b")).findFirst().orElseThrow();
        assertThat(run.pipeline().ingest().shardOf(a0.latDeg(), a0.lonDeg()))
                .isNotEqualTo(run.pipeline().ingest().shardOf(b0.latDeg(), b0.lonDeg()));
        for (ShardWorker worker : run.pipeline().workers()) {
            assertThat(worker.haloAppliedCount()).as("each shard sees the other's car").isPositive();
        }
        assertThat(run.of(SafetyKind.CONFLICT_TTC)).singleElement().satisfies(e -> {
            assertThat(e.vehicleId()).isEqualTo("a");
            assertThat(e.otherId()).isEqualTo("b");
        });
        assertThat(run.emitted(SafetyKind.CONFLICT_TTC)).isOne();
        assertThat(run.of(SafetyKind.HARD_BRAKING)).extracting(SafetyEvent::vehicleId)
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void timeToCollisionOfRectanglesIsExactForHeadOnCrossingAndSideBySideTraffic() {
        double east = Math.toRadians(90);
        double west = Math.toRadians(270);
        double north = 0.0;
        // head-on, 20 m apart centre to centre, closing at 20 m/s: bumpers (2.25 + 2.25 m) meet after 15.5 m
        assertThat(SafetyAnalytics.timeToCollisionS(20, 0, -20, 0, east, 2.25, 0.9, west, 2.25, 0.9))
                .isCloseTo(15.5 / 20, within(1e-9));
        // the same in the next lane, 3.5 m to the side: they pass
        assertThat(SafetyAnalytics.timeToCollisionS(20, -3.5, -20, 0, east, 2.25, 0.9, west, 2.25, 0.9))
                .isInfinite();
        // B 10 m north of A's path coming south at 10 m/s while A waits: B's front (2.25) meets A's side (0.9)
        assertThat(SafetyAnalytics.timeToCollisionS(0, 10, 0, -10, east, 2.25, 0.9, north + Math.PI, 2.25, 0.9))
                .isCloseTo((10 - 2.25 - 0.9) / 10, within(1e-9));
        // overlapping now: 0; diverging: never
        assertThat(SafetyAnalytics.timeToCollisionS(1, 0, 5, 0, east, 2.25, 0.9, east, 2.25, 0.9)).isZero();
        assertThat(SafetyAnalytics.timeToCollisionS(10, 0, 5, 0, east, 2.25, 0.9, east, 2.25, 0.9)).isInfinite();
    }

    // ---- post-encroachment time ----------------------------------------------------------------------------------

    /**
     * "first" crosses eastbound on the west arm's inner lane (y = −1.75) at 36 km/h from 20 m before its line;
     * "second" northbound on the south arm's inner lane (x = 1.75) at 36 km/h from {@code secondToLineM}. Their
     * paths share the 2 m cell centred at (1, −1): first's rear leaves it when its centre is at x = 3.3 (3.83 s),
     * second's front reaches it when its centre is at y = −3.3, at (secondToLineM + 11.7) / 10 s.
     */
    static IntersectionScript crossingPaths(double secondToLineM) {
        IntersectionScript x = cross();
        x.vehicle("first").approach(Arm.WEST, 0).toStopLine(20).speedKmh(36);
        x.vehicle("second").approach(Arm.SOUTH, 0).toStopLine(secondToLineM).speedKmh(36);
        return x;
    }

    @Test
    void reportsAPostEncroachmentWhenACrossingVehicleReachesTheSpotOneSecondAfterTheOtherLeftIt() {
        IntersectionScript x = crossingPaths(36.6); // second reaches the cell at 4.83 s
        Run run = run(x.timeline(T0, 14.0), 30.0);

        assertThat(run.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SafetyKind.CONFLICT_PET);
            assertThat(e.vehicleId()).isEqualTo("second");
            assertThat(e.otherId()).isEqualTo("first");
            assertThat(e.intersection()).isEqualTo(ID);
            assertThat(e.petS()).isCloseTo(1.0, within(1e-3));
            assertThat(e.ttcS()).isNaN();
            assertThat(e.magnitude()).isCloseTo(10 * Math.sqrt(2), within(1e-3));
            assertThat(metresBetween(e, x.at(1, -1))).isLessThan(0.01);
            assertThat(atS(e.timeMicros())).isCloseTo(4.83, within(1e-3));
            assertThat(e.detail()).contains("crossing at 90°");
        });
        assertThat(run.boxes()).as("the box's cells released once idle").isZero();
        assertThat(run.tracked()).isZero();
    }

    @Test
    void findsAnEncroachmentShorterThanAMessagePeriodWhicheverMessageIsAppliedFirst() {
        // second's front reaches the cell 0.05 s after first's rear left it (3.88 s vs 3.83 s): both are computed
        // from the messages of 3.9 s, so the order of those two messages decides which is known first
        for (boolean firstAddedFirst : new boolean[] {true, false}) {
            IntersectionScript x = cross();
            if (firstAddedFirst) {
                x.vehicle("first").approach(Arm.WEST, 0).toStopLine(20).speedKmh(36);
                x.vehicle("second").approach(Arm.SOUTH, 0).toStopLine(27.1).speedKmh(36);
            } else {
                x.vehicle("second").approach(Arm.SOUTH, 0).toStopLine(27.1).speedKmh(36);
                x.vehicle("first").approach(Arm.WEST, 0).toStopLine(20).speedKmh(36);
            }
            Run run = run(x.timeline(T0, 10.0), 14.0);
            assertThat(run.of(SafetyKind.CONFLICT_PET)).as("first added first: %s", firstAddedFirst)
                    .singleElement().satisfies(e -> {
                        assertThat(e.vehicleId()).isEqualTo("second");
                        assertThat(e.otherId()).isEqualTo("first");
                        assertThat(e.petS()).isCloseTo(0.05, within(1e-3));
                    });
        }
    }

    @Test
    void ignoresACrossingThreeSecondsAfterTheOtherLeft() {
        assertThat(run(crossingPaths(56.6).timeline(T0, 14.0), 18.0).events()).isEmpty();
    }

    @Test
    void ignoresFollowingTrafficThroughTheSameSpots() {
        // a one-second headway through the box on the same path is car following, not a crossing conflict
        IntersectionScript x = cross();
        x.vehicle("lead").approach(Arm.SOUTH, 0).toStopLine(20).speedKmh(36);
        x.vehicle("next").approach(Arm.SOUTH, 0).toStopLine(34.6).speedKmh(36); // 14.6 m behind: 1 s gap
        assertThat(run(x.timeline(T0, 12.0), 16.0).events()).isEmpty();
    }

    // ---- configuration -------------------------------------------------------------------------------------------

    @Test
    void defaultsAreValidAndABadKeyIsNamed() {
        assertThat(SafetyConfig.defaults().conclude()).isEqualTo(SafetyConfig.defaults());
        assertThatThrownBy(() -> SafetyConfig.defaults().withDefaultSpeedLimitMps(0).conclude())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("analytics.safety.defaultSpeedLimitMps");
        assertThatThrownBy(() -> new SafetyAnalytics(SafetyConfig.defaults().withDefaultSpeedLimitMps(90),
                AnalyticsSink.NONE)).hasMessageContaining("analytics.safety.defaultSpeedLimitMps");
    }
}
