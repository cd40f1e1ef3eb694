package io.cheluyun.apps.analytics;

import io.cheluyun.model.Connection;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.LaneType;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.IntersectionGeometry;
import io.cheluyun.twin.LaneGeometry;
import io.cheluyun.twin.LaneMatch;
import io.cheluyun.twin.ShardObserver;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The signal / operations monitor of one shard (in the spirit of USDOT's ConnectedVehicle conflict monitor): checks
 * what the signal controllers broadcast against the MAP and against traffic-engineering rules, watches how vehicles
 * use the lanes, and makes the per-approach observations the operation KPIs are built from ({@link KpiAggregator}).
 * One instance per shard, called on the shard's thread only; everything it finds goes to the {@link AnalyticsSink}.
 *
 * <h2>Signals and MAPs (the instance created with {@code checksSignals}, shard 0)</h2>
 * SPaT and MAP reach every shard, so only one instance checks them; the twin has no MAP callback, so a MAP is picked
 * up (and checked once per new version) when a SPaT of its intersection arrives or a vehicle is matched to one of its
 * lanes. All thresholds are in {@link SignalMonitorConfig}.
 * <ul>
 *   <li>{@link SignalIssueKind#SPAT_RATE}: SPaT messages per second over a sliding window of SPaT message time,
 *       evaluated once per KPI period once the intersection has been heard for a whole window. The window ends at
 *       the newest SPaT, or at the shard's message time minus the time tolerance when that is later, so a feed
 *       lagging the vehicles a little is not penalised while a controller that went silent decays to a rate of 0
 *       (and is reported as such until the intersection timeout) — noticed as this shard's message time goes on,
 *       which its own vehicles' messages and every other intersection's SPaT advance. The current rate, last SPaT
 *       time and MAP revision per intersection are published once per period for other threads
 *       ({@link #spatRates()}, {@link #intersections()}).</li>
 *   <li>{@link SignalIssueKind#SPAT_INCONSISTENT}: a movement whose signal group no connection of the MAP uses; a
 *       current phase {@code UNAVAILABLE} ({@code DARK} is a legitimate switched-off signal and is not reported); a
 *       minimum end after the maximum end, or an end time before the message time, beyond the tolerance; a signal
 *       group the MAP uses that no SPaT has reported for the missing-group window.</li>
 *   <li>{@link SignalIssueKind#MAP_INCONSISTENT}, once per new MAP version: no lanes; a vehicle ingress lane without
 *       connections; a connection to a lane id the MAP does not have (connections to a remote intersection are not
 *       judged); a connection without a signal group (J2735 DE_SignalGroupID 0 "not available", or none) on a
 *       signalised intersection — one that has SPaT or whose MAP gives any connection a signal group. One issue per
 *       version lists the problems.</li>
 *   <li>{@link SignalIssueKind#CONFLICTING_GREEN}: per MAP version, each connection's path is the straight segment
 *       from its ingress lane's stop line (node 0) to its egress lane's node 0, in the intersection frame; two signal
 *       groups conflict when a path of one properly crosses a path of the other. Pairs from the same approach (they
 *       start side by side) and pairs ending on the same egress lane (a merge: one yields to the other, they do not
 *       cross) are excluded. A SPaT in which two conflicting groups are both green is reported only when at least one
 *       of them is {@code PROTECTED_MOVEMENT_ALLOWED}: a permissive green means "conflicting traffic may be present,
 *       yield" (J2735 MovementPhaseState), so a permissive left turn against a permissive opposing through movement
 *       is the normal permitted left turn, while a protected green promises that no conflicting movement has green.
 *       The chord stands for a turn's curved path: at a cross intersection the chord crosses exactly the paths the
 *       curve crosses.</li>
 *   <li>{@link SignalIssueKind#ILLEGAL_TRANSITION}, per signal group between messages at most the transition gap
 *       apart: green → red / flashing red / red-amber without a clearance (yellow) phase, and clearance → green.
 *       Red → green, red-amber ({@code PRE_MOVEMENT}) → green (China, Europe), permissive ↔ protected green, and
 *       anything to or from {@code DARK} / {@code UNAVAILABLE} (a dark or flapping controller) are not transitions a
 *       controller is forbidden to make (GB 14886-2016; MUTCD 2009 §4D.26: green, then yellow, then red).</li>
 *   <li>{@link SignalIssueKind#TIMING_JUMP}, per signal group with the same phase as in its previous message (at
 *       most the transition gap before): the likely end moved by more than the tolerance either way, or the minimum
 *       end moved earlier by more than it. A countdown keeps its absolute end times; an actuated green extends its
 *       likely end in small steps and its minimum end only later, which stays within the tolerance.</li>
 * </ul>
 *
 * <h2>Vehicles (every instance, for the vehicles its shard owns)</h2>
 * <ul>
 *   <li>{@link SignalIssueKind#STOP_ON_GREEN}: on an ingress lane, slower than the stop speed with its reference
 *       point at most the stop-on-green distance before the stop line, its movement's signal group (the lane's likely
 *       connection for the indicated turn) green in the twin's current SPaT, and no stopped vehicle ahead on the same
 *       lane within the queue distance — all of it continuously for the stop-on-green time. Measuring the time from
 *       when the lane ahead became free (rather than from the start of green) keeps the second car of a discharging
 *       queue, which starts a second or two after the first, out of it. Once per stop.</li>
 *   <li>{@link SignalIssueKind#LANE_DIRECTION}: moving faster than the wrong-way speed with a heading more than the
 *       wrong-way angle away from the direction of travel of the lane it is on, for the wrong-way time; once per
 *       episode (an episode ends after the vehicle has moved for that long without being wrong-way). The twin's lane
 *       matching refuses lanes whose direction differs from the heading by more than 45°, so a wrong-way driver is
 *       usually matched to no lane at all; for an unmatched moving vehicle this monitor therefore looks itself for a
 *       vehicle lane (of a MAP it knows) that contains the reference point within half the lane width and runs
 *       against the heading, and none that runs with it.</li>
 * </ul>
 *
 * <h2>KPI observations (owned vehicles)</h2>
 * {@link KpiObservation.Crossing} when the distance to the stop line goes from positive to ≤ 0 on an ingress lane
 * (the reference point, the vehicle's centre, crosses the line); {@link KpiObservation.Stop} when the speed falls
 * below the stop speed after having been at least the moving speed since the previous stop, on an ingress lane
 * within the approach range (including the few metres past the line the twin still matches to it). Once per KPI
 * period, stamped with the period's start: {@link KpiObservation.Queue} per approach that had owned vehicles on its
 * ingress lanes within the range during the period — the largest distance to the stop line among those that stood
 * (stop speed), 0 when none stood, so that the aggregator's mean is over periods with traffic; and
 * {@link KpiObservation.Presence} per known intersection: owned vehicles within the range of its reference point,
 * and perceived motor vehicles (car, truck, bus, motorcycle) there. Perceived objects have no ownership in the
 * {@link TwinView}: with a {@link PointOwnership} they are counted by the shard owning the intersection's reference
 * point (which sees all of them within the halo), without one every shard counts those it sees, which double
 * counts near tile edges when there are several shards. Observations whose counts are all 0 are not sent.
 *
 * <h2>Repeats</h2>
 * A finding is reported at most once per issue interval per kind, intersection and signal group (and, for
 * conflicting greens, the other group; for MAP problems, the MAP revision; for the kinds of SPaT inconsistency,
 * which one). Occurrences in between are counted; the count goes out with the next report, or with a report of the
 * last suppressed occurrence once the interval has passed. Every report's detail ends with {@code [count=N]}, the
 * occurrences it stands for.
 *
 * <p>Memory is bounded: per-vehicle state (kept for halo copies too, so that a vehicle handed to another shard
 * between two messages still has its crossing seen) is dropped when the vehicle has been silent for the vehicle
 * timeout; per-intersection state is bounded by the twin's MAP capacity and the intersection timeout; repeat
 * counters are dropped after the interval. The vehicle path allocates only for a new vehicle, an observation or a
 * finding (and the boxed key of a lane-index lookup, for moving vehicles without a lane match near a MAP lane).
 */
public final class SignalMonitor implements ShardObserver {

    /** Whether the shard this monitor runs on owns a point (the twin's tile ownership). */
    @FunctionalInterface
    public interface PointOwnership {
        boolean owns(double latDeg, double lonDeg);
    }

    /**
     * What the monitor knows of one intersection.
     *
     * @param spatRateHz      SPaT messages per second over the window, {@code NaN} until a whole window was heard
     * @param lastSpatMicros  message time of the newest SPaT, {@link Long#MIN_VALUE} when none
     * @param mapRevision     revision of the MAP in use, -1 when none is known
     */
    public record IntersectionStatus(double spatRateHz, long lastSpatMicros, int mapRevision) {
    }

    private static final int GROUPS = 256;
    private static final String[] APPROACHES = {"S", "W", "N", "E"};
    /** The twin's lane-matching heading tolerance: a lane this close to the heading is the vehicle's own. */
    private static final double SAME_DIRECTION_DEG = 45.0;
    private static final int MAX_LISTED_PROBLEMS = 5;
    private static final long NONE = Long.MIN_VALUE;
    private static final long UNKNOWN = MovementEvent.UNKNOWN_TIME;

    // kinds of SPaT inconsistency, each its own finding
    private static final int NOT_IN_MAP = 0;
    private static final int UNAVAILABLE = 1;
    private static final int BAD_TIMING = 2;
    private static final int MISSING = 3;

    private final SignalMonitorConfig config;
    private final AnalyticsSink sink;
    private final boolean checksSignals;
    private final PointOwnership objectOwnership;
    private final long issueIntervalMicros;
    private final long spatWindowMicros;
    private final long toleranceMicros;
    private final long missingGroupMicros;
    private final long intersectionTimeoutMicros;
    private final long transitionGapMicros;
    private final long jumpToleranceMicros;
    private final long stopOnGreenMicros;
    private final long wrongWayMicros;
    private final long kpiPeriodMicros;
    private final long vehicleTimeoutMicros;
    private final int spatRing;

    private final LinkedHashMap<IntersectionId, Junction> junctions = new LinkedHashMap<>();
    private final HashMap<String, Track> tracks = new HashMap<>();
    private final LinkedHashMap<IssueKey, Repeats> repeats = new LinkedHashMap<>();
    private final LaneIndex laneIndex = new LaneIndex();
    private final ArrayList<VehicleState> nearVehicles = new ArrayList<>();
    private final ArrayList<PerceivedObject> nearObjects = new ArrayList<>();
    private long period = NONE;
    private volatile Map<IntersectionId, IntersectionStatus> status = Map.of();

    /**
     * A monitor whose perceived-object counts are not deduplicated across shards (exact with one shard).
     *
     * @param checksSignals  true for exactly one shard's instance (shard 0): it checks SPaT and MAP
     */
    public SignalMonitor(SignalMonitorConfig config, AnalyticsSink sink, boolean checksSignals) {
        this(config, sink, checksSignals, null);
    }

    /**
     * @param checksSignals    true for exactly one shard's instance (shard 0): it checks SPaT and MAP
     * @param objectOwnership  which points this shard owns (e.g. {@code ShardMap.ownerOf(lat, lon) == shard}), so
     *                         that perceived objects near an intersection are counted by one shard; {@code null}:
     *                         every shard counts what it sees
     */
    public SignalMonitor(SignalMonitorConfig config, AnalyticsSink sink, boolean checksSignals,
                         PointOwnership objectOwnership) {
        this.config = config.conclude();
        this.sink = sink;
        this.checksSignals = checksSignals;
        this.objectOwnership = objectOwnership;
        this.issueIntervalMicros = config.issueIntervalMs() * 1_000L;
        this.spatWindowMicros = config.spatWindowMs() * 1_000L;
        this.toleranceMicros = config.timeToleranceMs() * 1_000L;
        this.missingGroupMicros = config.missingGroupWindowMs() * 1_000L;
        this.intersectionTimeoutMicros = config.intersectionTimeoutMs() * 1_000L;
        this.transitionGapMicros = config.maxTransitionGapMs() * 1_000L;
        this.jumpToleranceMicros = config.timingJumpToleranceMs() * 1_000L;
        this.stopOnGreenMicros = config.stopOnGreenMinMs() * 1_000L;
        this.wrongWayMicros = config.wrongWayMinMs() * 1_000L;
        this.kpiPeriodMicros = config.kpiPeriodMs() * 1_000L;
        this.vehicleTimeoutMicros = config.vehicleTimeoutMs() * 1_000L;
        // room for four times the minimum rate over the window: higher rates read as that cap, still above minimum
        this.spatRing = Math.max(16, (int) Math.ceil(config.minSpatRateHz() * config.spatWindowMs() / 1000.0 * 4));
    }

    // ---- public reads (any thread) ------------------------------------------------------------------------------

    /**
     * SPaT messages per second of every intersection heard for a whole window, as of the last KPI period; empty on
     * instances that do not check signals. Safe from any thread (an immutable snapshot).
     */
    public Map<IntersectionId, Double> spatRates() {
        Map<IntersectionId, IntersectionStatus> now = status;
        Map<IntersectionId, Double> rates = new HashMap<>();
        for (Map.Entry<IntersectionId, IntersectionStatus> e : now.entrySet()) {
            if (!Double.isNaN(e.getValue().spatRateHz())) {
                rates.put(e.getKey(), e.getValue().spatRateHz());
            }
        }
        return Collections.unmodifiableMap(rates);
    }

    /**
     * Rate, last SPaT time and MAP revision per known intersection, as of the last KPI period; empty on instances
     * that do not check signals. Safe from any thread (an immutable snapshot).
     */
    public Map<IntersectionId, IntersectionStatus> intersections() {
        return status;
    }

    // ---- signals -----------------------------------------------------------------------------------------------

    @Override
    public void onSignal(SignalState state, long ingestNanos, TwinView twin) {
        long t = state.timeMicros();
        IntersectionGeometry geometry = twin.intersection(state.intersection());
        if (!checksSignals) {
            // the other shards need the MAP only (presence, lane direction), not the signal state
            if (geometry != null) {
                Junction j = junction(state.intersection());
                if (geometry != j.geometry) {
                    adopt(j, geometry, t);
                }
            }
            return;
        }
        Junction j = junction(state.intersection());
        j.recordSpat(t);
        if (geometry != null && geometry != j.geometry) {
            adopt(j, geometry, t);
        }
        List<MovementState> movements = state.movements();
        for (int i = 0, n = movements.size(); i < n; i++) {
            MovementState m = movements.get(i);
            Group group = j.group(m.signalGroup());
            checkMovement(j, group, m, t);
            MovementEvent current = m.current();
            group.phase = current.phase();
            group.lastMicros = t;
            group.minEndMicros = current.minEndMicros();
            group.likelyEndMicros = current.likelyEndMicros();
        }
        checkConflicts(j, t);
        checkMissingGroups(j, t);
    }

    private void checkMovement(Junction j, Group group, MovementState m, long t) {
        int sg = m.signalGroup();
        SignalPhase phase = m.current().phase();
        if (j.geometry != null && !j.inMap[sg]) {
            report(SignalIssueKind.SPAT_INCONSISTENT, t, j.id, sg, NOT_IN_MAP, null, "signal group " + sg
                    + " is in the SPaT but no connection of MAP revision " + j.geometry.map().revision() + " uses it");
        }
        if (phase == SignalPhase.UNAVAILABLE) {
            report(SignalIssueKind.SPAT_INCONSISTENT, t, j.id, sg, UNAVAILABLE, null,
                    "signal group " + sg + " reports phase UNAVAILABLE");
        }
        String timing = timingProblem(m, t);
        if (timing != null) {
            report(SignalIssueKind.SPAT_INCONSISTENT, t, j.id, sg, BAD_TIMING, null, timing);
        }
        SignalPhase previous = group.phase;
        if (previous == null || t - group.lastMicros > transitionGapMicros) {
            return;
        }
        if (previous.isGreen() && phase.isStop() || previous.isClearance() && phase.isGreen()) {
            report(SignalIssueKind.ILLEGAL_TRANSITION, t, j.id, sg, 0, null, "signal group " + sg + ": " + previous
                    + " → " + phase + (phase.isStop() ? " without clearance (yellow)" : " after clearance"));
        } else if (previous == phase) {
            MovementEvent current = m.current();
            long likely = current.likelyEndMicros();
            long min = current.minEndMicros();
            if (likely != UNKNOWN && group.likelyEndMicros != UNKNOWN
                    && Math.abs(likely - group.likelyEndMicros) > jumpToleranceMicros) {
                report(SignalIssueKind.TIMING_JUMP, t, j.id, sg, 0, null, String.format(Locale.ROOT,
                        "signal group %d (%s): likely end moved %+.1f s between two messages", sg, phase,
                        (likely - group.likelyEndMicros) / 1e6));
            } else if (min != UNKNOWN && group.minEndMicros != UNKNOWN
                    && group.minEndMicros - min > jumpToleranceMicros) {
                report(SignalIssueKind.TIMING_JUMP, t, j.id, sg, 0, null, String.format(Locale.ROOT,
                        "signal group %d (%s): minimum end moved %+.1f s earlier between two messages", sg, phase,
                        (min - group.minEndMicros) / 1e6));
            }
        }
    }

    /** The first timing problem of the movement's announced phases, or {@code null}. */
    private String timingProblem(MovementState m, long t) {
        List<MovementEvent> events = m.events();
        for (int i = 0, n = events.size(); i < n; i++) {
            MovementEvent e = events.get(i);
            long min = e.minEndMicros();
            long max = e.maxEndMicros();
            if (min != UNKNOWN && max != UNKNOWN && min - max > toleranceMicros) {
                return String.format(Locale.ROOT, "signal group %d (%s): minimum end %.1f s after the maximum end",
                        m.signalGroup(), e.phase(), (min - max) / 1e6);
            }
            long earliest = Long.MAX_VALUE;
            if (min != UNKNOWN) {
                earliest = min;
            }
            if (max != UNKNOWN) {
                earliest = Math.min(earliest, max);
            }
            if (e.likelyEndMicros() != UNKNOWN) {
                earliest = Math.min(earliest, e.likelyEndMicros());
            }
            if (earliest != Long.MAX_VALUE && t - earliest > toleranceMicros) {
                return String.format(Locale.ROOT, "signal group %d (%s): end time %.1f s before the message time",
                        m.signalGroup(), e.phase(), (t - earliest) / 1e6);
            }
        }
        return null;
    }

    private void checkConflicts(Junction j, long t) {
        for (int p = 0; p < j.conflictA.length; p++) {
            Group a = j.groups[j.conflictA[p]];
            Group b = j.groups[j.conflictB[p]];
            if (a == null || b == null || a.lastMicros != t || b.lastMicros != t) {
                continue; // not both in this SPaT
            }
            if (a.phase.isGreen() && b.phase.isGreen() && (a.phase == SignalPhase.PROTECTED_MOVEMENT_ALLOWED
                    || b.phase == SignalPhase.PROTECTED_MOVEMENT_ALLOWED)) {
                report(SignalIssueKind.CONFLICTING_GREEN, t, j.id, j.conflictA[p], j.conflictB[p], null,
                        "signal groups " + j.conflictA[p] + " (" + a.phase + ") and " + j.conflictB[p] + " ("
                                + b.phase + ") green together; their paths cross: " + j.conflictPaths[p]);
            }
        }
    }

    private void checkMissingGroups(Junction j, long t) {
        if (j.geometry == null) {
            return;
        }
        for (int sg : j.mapGroups) {
            Group g = j.groups[sg];
            long since = Math.max(Math.max(g == null ? NONE : g.lastMicros, j.mapSeenMicros), j.firstSpatMicros);
            if (t - since >= missingGroupMicros) {
                report(SignalIssueKind.SPAT_INCONSISTENT, t, j.id, sg, MISSING, null, String.format(Locale.ROOT,
                        "signal group %d of MAP revision %d has not been in the SPaT for %.1f s", sg,
                        j.geometry.map().revision(), (t - since) / 1e6));
            }
        }
    }

    // ---- MAPs --------------------------------------------------------------------------------------------------

    private Junction junction(IntersectionId id) {
        Junction j = junctions.get(id);
        if (j == null) {
            j = new Junction(id, checksSignals ? spatRing : 0);
            junctions.put(id, j);
        }
        return j;
    }

    /** Takes a new MAP version into use: lane index, signal groups, and (checking instance) conflicts and checks. */
    private void adopt(Junction j, IntersectionGeometry geometry, long t) {
        if (j.geometry != null) {
            laneIndex.unfile(j.geometry);
        }
        j.geometry = geometry;
        j.mapSeenMicros = t;
        laneIndex.file(geometry);
        Arrays.fill(j.inMap, false);
        int groups = 0;
        for (Lane lane : geometry.map().lanes()) {
            for (Connection c : lane.connections()) {
                if (hasGroup(c) && !j.inMap[c.signalGroup()]) {
                    j.inMap[c.signalGroup()] = true;
                    groups++;
                }
            }
        }
        j.mapGroups = new int[groups];
        for (int sg = 0, k = 0; sg < GROUPS; sg++) {
            if (j.inMap[sg]) {
                j.mapGroups[k++] = sg;
            }
        }
        if (checksSignals) {
            findConflicts(j);
            checkMap(j, t);
        }
    }

    /** J2735 DE_SignalGroupID: 0 is "not available", 255 "permanent green"; the model uses -1 for none. */
    private static boolean hasGroup(Connection c) {
        return c.signalGroup() > 0 && c.signalGroup() < GROUPS;
    }

    private static boolean local(Connection c, MapIntersection map) {
        return c.remoteIntersection() == null || c.remoteIntersection().equals(map.id());
    }

    private void checkMap(Junction j, long t) {
        MapIntersection map = j.geometry.map();
        List<String> problems = new ArrayList<>();
        if (map.lanes().isEmpty()) {
            problems.add("no lanes");
        }
        boolean signalised = j.lastSpatMicros != NONE || j.mapGroups.length > 0;
        for (Lane lane : map.lanes()) {
            if (lane.ingress() && lane.type() == LaneType.VEHICLE && lane.connections().isEmpty()) {
                problems.add("ingress lane " + lane.laneId() + " has no connections");
            }
            for (Connection c : lane.connections()) {
                if (local(c, map) && map.lane(c.connectingLaneId()) == null) {
                    problems.add("lane " + lane.laneId() + " connects to lane " + c.connectingLaneId()
                            + ", which the MAP does not have");
                }
                if (signalised && !hasGroup(c)) {
                    problems.add("connection lane " + lane.laneId() + " → " + c.connectingLaneId()
                            + " has no signal group");
                }
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder detail = new StringBuilder("MAP revision ").append(map.revision()).append(": ");
        for (int i = 0; i < Math.min(problems.size(), MAX_LISTED_PROBLEMS); i++) {
            detail.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        if (problems.size() > MAX_LISTED_PROBLEMS) {
            detail.append("; and ").append(problems.size() - MAX_LISTED_PROBLEMS).append(" more");
        }
        report(SignalIssueKind.MAP_INCONSISTENT, t, j.id, -1, map.revision(), null, detail.toString());
    }

    /** One connection's path through the box, intersection frame. */
    private record Path(int group, int laneId, int egressId, String approach, double x0, double y0, double x1,
                        double y1) {
    }

    /** The pairs of signal groups whose connections' paths cross (see the class comment). */
    private static void findConflicts(Junction j) {
        IntersectionGeometry g = j.geometry;
        MapIntersection map = g.map();
        List<Path> paths = new ArrayList<>();
        for (LaneGeometry lane : g.lanes()) {
            if (!lane.ingress()) {
                continue;
            }
            for (Connection c : lane.lane().connections()) {
                LaneGeometry egress = local(c, map) ? g.lane(c.connectingLaneId()) : null;
                if (egress != null && hasGroup(c)) {
                    paths.add(new Path(c.signalGroup(), lane.laneId(), egress.laneId(), Approaches.of(lane),
                            lane.stopLineEastM(), lane.stopLineNorthM(), egress.stopLineEastM(),
                            egress.stopLineNorthM()));
                }
            }
        }
        HashSet<Integer> seen = new HashSet<>();
        List<int[]> pairs = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path a = paths.get(i);
            for (int k = i + 1; k < paths.size(); k++) {
                Path b = paths.get(k);
                if (a.group() == b.group() || a.approach().equals(b.approach()) || a.egressId() == b.egressId()
                        || !crosses(a, b)) {
                    continue;
                }
                int lo = Math.min(a.group(), b.group());
                int hi = Math.max(a.group(), b.group());
                if (seen.add(lo * GROUPS + hi)) {
                    Path first = a.group() == lo ? a : b;
                    Path second = first == a ? b : a;
                    pairs.add(new int[] {lo, hi});
                    described.add("lane " + first.laneId() + " → " + first.egressId() + " and lane "
                            + second.laneId() + " → " + second.egressId());
                }
            }
        }
        j.conflictA = new int[pairs.size()];
        j.conflictB = new int[pairs.size()];
        j.conflictPaths = described.toArray(new String[0]);
        for (int p = 0; p < pairs.size(); p++) {
            j.conflictA[p] = pairs.get(p)[0];
            j.conflictB[p] = pairs.get(p)[1];
        }
    }

    /** Proper crossing of two segments (touching at an end point or overlapping collinearly is not). */
    static boolean crosses(Path a, Path b) {
        double d1 = orient(b.x0(), b.y0(), b.x1(), b.y1(), a.x0(), a.y0());
        double d2 = orient(b.x0(), b.y0(), b.x1(), b.y1(), a.x1(), a.y1());
        double d3 = orient(a.x0(), a.y0(), a.x1(), a.y1(), b.x0(), b.y0());
        double d4 = orient(a.x0(), a.y0(), a.x1(), a.y1(), b.x1(), b.y1());
        return d1 * d2 < 0 && d3 * d4 < 0;
    }

    private static double orient(double ax, double ay, double bx, double by, double px, double py) {
        return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    }

    // ---- vehicles ----------------------------------------------------------------------------------------------

    @Override
    public void onVehicle(VehicleState v, long ingestNanos, TwinView twin) {
        String id = v.vehicleId();
        // halo copies keep their crossing and stop state too, so that when a vehicle's owner changes between two
        // messages the new owner still sees the line being crossed; only the owner reports
        boolean owned = twin.isOwned(id);
        long t = v.timeMicros();
        double speed = v.speedMps();
        Track track = tracks.get(id);
        if (track == null) {
            track = new Track(speed >= config.movingSpeedMps());
            tracks.put(id, track);
        }
        track.lastMicros = t;
        LaneMatch match = twin.laneMatch(id);
        Junction j = null;
        if (match != null) {
            IntersectionGeometry geometry = match.lane().intersection();
            j = junction(geometry.id());
            if (j.geometry != geometry) {
                adopt(j, geometry, t);
            }
        }
        boolean ingress = match != null && match.ingress();
        double toStopLineM = ingress ? match.distanceToStopLineM() : Double.NaN;
        boolean onApproach = ingress && toStopLineM <= config.approachRangeM();

        if (owned && ingress && track.lane != null && track.lane.intersection() == match.lane().intersection()
                && track.toStopLineM > 0 && toStopLineM <= 0) {
            sink.kpi(new KpiObservation.Crossing(match.intersection(), Approaches.of(match.lane()), id, t, speed));
        }
        track.lane = ingress ? match.lane() : null;
        track.toStopLineM = toStopLineM;

        if (speed >= config.movingSpeedMps()) {
            track.armed = true;
            track.stopOnGreenReported = false;
        } else if (speed < config.stopSpeedMps() && track.armed) {
            track.armed = false;
            if (owned && onApproach) {
                sink.kpi(new KpiObservation.Stop(match.intersection(), Approaches.of(match.lane()), id, t));
            }
        }
        if (!owned) {
            // the timed checks restart with the new owner: a handover costs them at most their duration
            track.greenStandSince = NONE;
            track.wrongSince = NONE;
            return;
        }
        if (onApproach) {
            int a = approachIndex(match.lane());
            j.approachSeen[a] = true;
            if (speed < config.stopSpeedMps() && toStopLineM > j.queueM[a]) {
                j.queueM[a] = toStopLineM;
            }
        }
        checkStopOnGreen(v, track, match, toStopLineM, twin);
        checkDirection(v, track, match);
    }

    private static int approachIndex(LaneGeometry lane) {
        return switch (Approaches.of(lane)) {
            case "S" -> 0;
            case "W" -> 1;
            case "N" -> 2;
            default -> 3;
        };
    }

    private void checkStopOnGreen(VehicleState v, Track track, LaneMatch match, double toStopLineM, TwinView twin) {
        if (track.stopOnGreenReported) {
            return;
        }
        long t = v.timeMicros();
        int group = standingOnGreen(v, match, toStopLineM, twin);
        if (group < 0) {
            track.greenStandSince = NONE;
            return;
        }
        if (track.greenStandSince == NONE) {
            track.greenStandSince = t;
        }
        if (t - track.greenStandSince >= stopOnGreenMicros) {
            track.stopOnGreenReported = true;
            report(SignalIssueKind.STOP_ON_GREEN, t, match.intersection(), group, 0, v.vehicleId(),
                    String.format(Locale.ROOT, "vehicle %s stood %.1f m before the stop line of lane %d on green of "
                                    + "signal group %d for %.1f s with the lane ahead free", v.vehicleId(),
                            toStopLineM, match.laneId(), group, (t - track.greenStandSince) / 1e6));
        }
    }

    /** The signal group showing green to a vehicle standing at the line with a free lane ahead, else -1. */
    private int standingOnGreen(VehicleState v, LaneMatch match, double toStopLineM, TwinView twin) {
        if (match == null || !match.ingress() || !(v.speedMps() < config.stopSpeedMps())
                || !(toStopLineM >= 0 && toStopLineM <= config.stopOnGreenDistanceM())) {
            return -1;
        }
        Connection c = match.lane().likelyConnection(v.lights().indicatedTurn());
        if (c == null || !hasGroup(c)) {
            return -1;
        }
        SignalState signal = twin.signal(match.intersection());
        MovementState movement = signal == null ? null : signal.movement(c.signalGroup());
        if (movement == null || !movement.current().phase().isGreen()) {
            return -1;
        }
        return queuedBehind(v, match, toStopLineM, twin) ? -1 : c.signalGroup();
    }

    /** Whether a stopped vehicle stands ahead on the same lane within the queue distance. */
    private boolean queuedBehind(VehicleState v, LaneMatch match, double toStopLineM, TwinView twin) {
        nearVehicles.clear();
        twin.vehiclesNear(v.latDeg(), v.lonDeg(), config.queueAheadM() + match.lane().lane().widthM(),
                nearVehicles);
        boolean queued = false;
        for (int i = 0, n = nearVehicles.size(); i < n && !queued; i++) {
            VehicleState u = nearVehicles.get(i);
            if (u.speedMps() >= config.stopSpeedMps() || u.vehicleId().equals(v.vehicleId())) {
                continue;
            }
            LaneMatch other = twin.laneMatch(u.vehicleId());
            if (other != null && other.lane() == match.lane()) {
                double gap = toStopLineM - other.distanceToStopLineM();
                queued = gap > 0 && gap <= config.queueAheadM();
            }
        }
        nearVehicles.clear();
        return queued;
    }

    private void checkDirection(VehicleState v, Track track, LaneMatch match) {
        long t = v.timeMicros();
        if (!(v.speedMps() > config.wrongWayMinSpeedMps())) {
            track.wrongSince = NONE; // a slow vehicle's heading says little: neither starts nor ends an episode
            return;
        }
        LaneGeometry lane = null;
        double errorDeg = Double.NaN;
        if (match != null) {
            if (Math.abs(match.headingErrorDeg()) > config.wrongWayHeadingDeg()) {
                lane = match.lane();
                errorDeg = match.headingErrorDeg();
            }
        } else if (laneIndex.against(v.latDeg(), v.lonDeg(), v.headingDeg(), config.wrongWayHeadingDeg())) {
            lane = laneIndex.foundLane;
            errorDeg = laneIndex.foundErrorDeg;
        }
        if (lane == null) {
            track.wrongSince = NONE;
            if (track.wrongReported) {
                if (track.rightSince == NONE) {
                    track.rightSince = t;
                }
                if (t - track.rightSince >= wrongWayMicros) {
                    track.wrongReported = false;
                    track.rightSince = NONE;
                }
            }
            return;
        }
        track.rightSince = NONE;
        if (track.wrongSince == NONE) {
            track.wrongSince = t;
        }
        if (!track.wrongReported && t - track.wrongSince >= wrongWayMicros) {
            track.wrongReported = true;
            report(SignalIssueKind.LANE_DIRECTION, t, lane.intersection().id(), -1, 0, v.vehicleId(),
                    String.format(Locale.ROOT, "vehicle %s drove against %s lane %d for %.1f s: heading %.0f° off "
                                    + "the lane's direction at %.1f m/s", v.vehicleId(),
                            lane.ingress() ? "ingress" : "egress", lane.laneId(), (t - track.wrongSince) / 1e6,
                            errorDeg, v.speedMps()));
        }
    }

    // ---- ticks -------------------------------------------------------------------------------------------------

    @Override
    public void onTick(long nowMicros, TwinView twin) {
        long current = Math.floorDiv(nowMicros, kpiPeriodMicros);
        if (period == NONE) {
            period = current;
            return;
        }
        if (current <= period) {
            return;
        }
        emitKpis(period * kpiPeriodMicros, twin);
        period = current;
        if (checksSignals) {
            evaluateRates(nowMicros);
        }
        evict(nowMicros);
        flushRepeats(nowMicros);
        if (checksSignals) {
            publishStatus();
        }
    }

    private void emitKpis(long stampMicros, TwinView twin) {
        for (Junction j : junctions.values()) {
            if (j.geometry != null) {
                presence(j, stampMicros, twin);
            }
            for (int a = 0; a < 4; a++) {
                if (j.approachSeen[a]) {
                    sink.kpi(new KpiObservation.Queue(j.id, APPROACHES[a], stampMicros, j.queueM[a]));
                }
                j.approachSeen[a] = false;
                j.queueM[a] = 0.0;
            }
        }
    }

    private void presence(Junction j, long stampMicros, TwinView twin) {
        GeoPoint ref = j.geometry.map().referencePoint();
        double range = config.approachRangeM();
        nearVehicles.clear();
        twin.vehiclesNear(ref.latDeg(), ref.lonDeg(), range, nearVehicles);
        int connected = 0;
        for (int i = 0, n = nearVehicles.size(); i < n; i++) {
            if (twin.isOwned(nearVehicles.get(i).vehicleId())) {
                connected++;
            }
        }
        nearVehicles.clear();
        int perceived = 0;
        if (objectOwnership == null || objectOwnership.owns(ref.latDeg(), ref.lonDeg())) {
            nearObjects.clear();
            twin.objectsNear(ref.latDeg(), ref.lonDeg(), range, nearObjects);
            for (int i = 0, n = nearObjects.size(); i < n; i++) {
                if (isMotorVehicle(nearObjects.get(i).objectClass())) {
                    perceived++;
                }
            }
            nearObjects.clear();
        }
        if (connected + perceived > 0) {
            sink.kpi(new KpiObservation.Presence(j.id, stampMicros, connected, perceived));
        }
    }

    /** The road users that could carry an OBU: the denominator of connected-vehicle penetration. */
    private static boolean isMotorVehicle(ObjectClass c) {
        return c == ObjectClass.VEHICLE || c == ObjectClass.TRUCK || c == ObjectClass.BUS
                || c == ObjectClass.MOTORCYCLE;
    }

    private void evaluateRates(long nowMicros) {
        for (Junction j : junctions.values()) {
            if (j.firstSpatMicros == NONE) {
                continue;
            }
            if (nowMicros - j.lastSpatMicros > intersectionTimeoutMicros) {
                j.forgetSpat();
                continue;
            }
            long end = Math.max(j.lastSpatMicros, nowMicros - toleranceMicros);
            if (end - j.firstSpatMicros < spatWindowMicros) {
                continue; // not heard for a whole window yet
            }
            j.rateHz = j.spatCountAfter(end - spatWindowMicros) * 1e6 / spatWindowMicros;
            if (j.rateHz < config.minSpatRateHz()) {
                report(SignalIssueKind.SPAT_RATE, nowMicros, j.id, -1, 0, null, String.format(Locale.ROOT,
                        "SPaT at %.1f/s over the last %.0f s, minimum %.1f/s", j.rateHz, spatWindowMicros / 1e6,
                        config.minSpatRateHz()));
            }
        }
    }

    private void evict(long nowMicros) {
        long vehicleCutoff = nowMicros - vehicleTimeoutMicros;
        for (Iterator<Track> it = tracks.values().iterator(); it.hasNext(); ) {
            if (it.next().lastMicros < vehicleCutoff) {
                it.remove();
            }
        }
        for (Iterator<Junction> it = junctions.values().iterator(); it.hasNext(); ) {
            Junction j = it.next();
            if (j.geometry == null && (j.lastSpatMicros == NONE
                    || nowMicros - j.lastSpatMicros > intersectionTimeoutMicros)) {
                it.remove();
            }
        }
    }

    private void publishStatus() {
        Map<IntersectionId, IntersectionStatus> snapshot = new LinkedHashMap<>();
        for (Junction j : junctions.values()) {
            snapshot.put(j.id, new IntersectionStatus(j.rateHz, j.lastSpatMicros,
                    j.geometry == null ? -1 : j.geometry.map().revision()));
        }
        status = Collections.unmodifiableMap(snapshot);
    }

    // ---- repeats -----------------------------------------------------------------------------------------------

    private record IssueKey(SignalIssueKind kind, IntersectionId intersection, int signalGroup, int discriminator) {
    }

    /** Repeat state of one finding: when it was last reported and what has been suppressed since. */
    private static final class Repeats {
        long lastReportMicros;
        int suppressed;
        long pendingMicros;
        String pendingVehicle;
        String pendingDetail;
    }

    private void report(SignalIssueKind kind, long t, IntersectionId intersection, int signalGroup,
                        int discriminator, String vehicleId, String detail) {
        IssueKey key = new IssueKey(kind, intersection, signalGroup, discriminator);
        Repeats r = repeats.get(key);
        if (r == null) {
            r = new Repeats();
            repeats.put(key, r);
        } else if (t - r.lastReportMicros < issueIntervalMicros) {
            r.suppressed++;
            r.pendingMicros = t;
            r.pendingVehicle = vehicleId;
            r.pendingDetail = detail;
            return;
        }
        sink.signal(new SignalIssue(kind, t, intersection, signalGroup, vehicleId,
                detail + " [count=" + (r.suppressed + 1) + "]"));
        r.lastReportMicros = t;
        r.suppressed = 0;
        r.pendingDetail = null;
        r.pendingVehicle = null;
    }

    /** Reports what was suppressed once the interval has passed; forgets findings that have gone quiet. */
    private void flushRepeats(long nowMicros) {
        for (Iterator<Map.Entry<IssueKey, Repeats>> it = repeats.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<IssueKey, Repeats> e = it.next();
            Repeats r = e.getValue();
            if (nowMicros - r.lastReportMicros < issueIntervalMicros) {
                continue;
            }
            if (r.suppressed == 0) {
                it.remove();
                continue;
            }
            IssueKey k = e.getKey();
            sink.signal(new SignalIssue(k.kind(), r.pendingMicros, k.intersection(), k.signalGroup(),
                    r.pendingVehicle, r.pendingDetail + " [count=" + r.suppressed + "]"));
            r.lastReportMicros = nowMicros;
            r.suppressed = 0;
            r.pendingDetail = null;
            r.pendingVehicle = null;
        }
    }

    // ---- state -------------------------------------------------------------------------------------------------

    /** Per vehicle this shard sees (owned or halo copy). */
    private static final class Track {
        long lastMicros;
        /** The ingress lane of the previous message, or null, and the distance to its stop line then. */
        LaneGeometry lane;
        double toStopLineM = Double.NaN;
        /** Drove at least the moving speed since its last stop: the next drop below the stop speed is a stop. */
        boolean armed;
        boolean stopOnGreenReported;
        long greenStandSince = NONE;
        long wrongSince = NONE;
        long rightSince = NONE;
        boolean wrongReported;

        Track(boolean armed) {
            this.armed = armed;
        }
    }

    /** Per signal group of an intersection, as of its latest SPaT (checking instance only). */
    private static final class Group {
        SignalPhase phase;
        long lastMicros = NONE;
        long minEndMicros = UNKNOWN;
        long likelyEndMicros = UNKNOWN;
    }

    /** Per intersection. */
    private static final class Junction {
        final IntersectionId id;
        IntersectionGeometry geometry;
        long mapSeenMicros = NONE;
        final boolean[] inMap = new boolean[GROUPS];
        int[] mapGroups = new int[0];
        int[] conflictA = new int[0];
        int[] conflictB = new int[0];
        String[] conflictPaths = new String[0];
        final Group[] groups = new Group[GROUPS];
        /** SPaT message times, a ring (checking instance only). */
        final long[] spatTimes;
        int spatNext;
        int spatSize;
        long firstSpatMicros = NONE;
        long lastSpatMicros = NONE;
        double rateHz = Double.NaN;
        /** Per approach (S, W, N, E) within the current KPI period. */
        final double[] queueM = new double[4];
        final boolean[] approachSeen = new boolean[4];

        Junction(IntersectionId id, int spatRing) {
            this.id = id;
            this.spatTimes = new long[spatRing];
        }

        Group group(int signalGroup) {
            Group g = groups[signalGroup];
            if (g == null) {
                g = new Group();
                groups[signalGroup] = g;
            }
            return g;
        }

        void recordSpat(long t) {
            if (firstSpatMicros == NONE) {
                firstSpatMicros = t;
            }
            lastSpatMicros = t;
            spatTimes[spatNext] = t;
            spatNext = (spatNext + 1) % spatTimes.length;
            spatSize = Math.min(spatSize + 1, spatTimes.length);
        }

        /** SPaT messages later than {@code afterMicros} (times only increase: the twin drops older SPaT). */
        int spatCountAfter(long afterMicros) {
            int n = 0;
            for (int k = 1; k <= spatSize; k++) {
                long time = spatTimes[Math.floorMod(spatNext - k, spatTimes.length)];
                if (time <= afterMicros) {
                    break;
                }
                n++;
            }
            return n;
        }

        /** A silent controller: forget its rate until it speaks again (its last SPaT time is kept). */
        void forgetSpat() {
            firstSpatMicros = NONE;
            spatSize = 0;
            rateHz = Double.NaN;
        }
    }

    /**
     * The vehicle lanes of the MAPs this shard knows, filed by grid cell, to find the lane a vehicle drives against
     * (the twin's matching never returns one). Shard-thread only.
     */
    private static final class LaneIndex {
        private static final double CELL_M = 25.0;
        private static final double M_PER_DEG = 111_320.0;
        private static final double CELL_DEG = CELL_M / M_PER_DEG;
        /** 65 536-bit filter of filed cells: most vehicles are nowhere near a MAP lane and skip the map lookup. */
        private final long[] filter = new long[1024];

        private record Segment(IntersectionGeometry intersection, LaneGeometry lane, double x0, double y0,
                               double ux, double uy, double lengthM, double travelDeg, double halfWidthM) {
        }

        private final HashMap<Long, ArrayList<Segment>> cells = new HashMap<>();
        LaneGeometry foundLane;
        double foundErrorDeg;

        void file(IntersectionGeometry g) {
            LocalEnu frame = g.frame();
            for (LaneGeometry lane : g.lanes()) {
                if (lane.lane().type() != LaneType.VEHICLE) {
                    continue;
                }
                List<GeoPoint> points = lane.lane().centreline();
                double half = lane.lane().widthM() / 2.0;
                for (int i = 0; i + 1 < points.size(); i++) {
                    double x0 = frame.eastM(points.get(i).latDeg(), points.get(i).lonDeg());
                    double y0 = frame.northM(points.get(i).latDeg(), points.get(i).lonDeg());
                    double x1 = frame.eastM(points.get(i + 1).latDeg(), points.get(i + 1).lonDeg());
                    double y1 = frame.northM(points.get(i + 1).latDeg(), points.get(i + 1).lonDeg());
                    double len = Math.hypot(x1 - x0, y1 - y0);
                    if (len <= 0) {
                        continue;
                    }
                    Segment s = new Segment(g, lane, x0, y0, (x1 - x0) / len, (y1 - y0) / len, len,
                            lane.travelHeadingDeg(i), half);
                    long r0 = row(frame.latDeg(Math.min(x0, x1) - half, Math.min(y0, y1) - half));
                    long r1 = row(frame.latDeg(Math.max(x0, x1) + half, Math.max(y0, y1) + half));
                    long c0 = col(frame.lonDeg(Math.min(x0, x1) - half, Math.min(y0, y1) - half));
                    long c1 = col(frame.lonDeg(Math.max(x0, x1) + half, Math.max(y0, y1) + half));
                    for (long r = Math.min(r0, r1); r <= Math.max(r0, r1); r++) {
                        for (long c = Math.min(c0, c1); c <= Math.max(c0, c1); c++) {
                            long key = key(r, c);
                            cells.computeIfAbsent(key, k -> new ArrayList<>(2)).add(s);
                            mark(key);
                        }
                    }
                }
            }
        }

        void unfile(IntersectionGeometry g) {
            for (Iterator<ArrayList<Segment>> it = cells.values().iterator(); it.hasNext(); ) {
                ArrayList<Segment> list = it.next();
                list.removeIf(s -> s.intersection() == g);
                if (list.isEmpty()) {
                    it.remove();
                }
            }
            Arrays.fill(filter, 0L);
            for (Long key : cells.keySet()) {
                mark(key);
            }
        }

        /**
         * Whether the point lies within a vehicle lane whose direction of travel is more than {@code thresholdDeg}
         * from the heading, and in none that runs with it; the lane and the heading error are left in
         * {@link #foundLane} and {@link #foundErrorDeg}.
         */
        boolean against(double latDeg, double lonDeg, double headingDeg, double thresholdDeg) {
            long key = key(row(latDeg), col(lonDeg));
            if (!marked(key)) {
                return false;
            }
            ArrayList<Segment> segments = cells.get(key);
            if (segments == null) {
                return false;
            }
            LaneGeometry best = null;
            double bestLateral = Double.POSITIVE_INFINITY;
            double bestError = Double.NaN;
            IntersectionGeometry frameOf = null;
            double px = 0;
            double py = 0;
            for (int i = 0, n = segments.size(); i < n; i++) {
                Segment s = segments.get(i);
                if (s.intersection() != frameOf) {
                    frameOf = s.intersection();
                    px = frameOf.frame().eastM(latDeg, lonDeg);
                    py = frameOf.frame().northM(latDeg, lonDeg);
                }
                double along = (px - s.x0()) * s.ux() + (py - s.y0()) * s.uy();
                double lateral = Math.abs(s.ux() * (py - s.y0()) - s.uy() * (px - s.x0()));
                if (along < 0 || along > s.lengthM() || lateral > s.halfWidthM()) {
                    continue;
                }
                double error = Units.headingDiffDeg(s.travelDeg(), headingDeg);
                if (Math.abs(error) <= SAME_DIRECTION_DEG) {
                    return false; // it is in a lane of its own direction too: not wrong-way
                }
                if (Math.abs(error) > thresholdDeg && lateral < bestLateral) {
                    best = s.lane();
                    bestLateral = lateral;
                    bestError = error;
                }
            }
            foundLane = best;
            foundErrorDeg = bestError;
            return best != null;
        }

        private void mark(long key) {
            int bit = bit(key);
            filter[bit >>> 6] |= 1L << bit;
        }

        private boolean marked(long key) {
            int bit = bit(key);
            return (filter[bit >>> 6] & (1L << bit)) != 0;
        }

        private static int bit(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 48);
        }

        private static long row(double latDeg) {
            return (long) Math.floor(latDeg / CELL_DEG);
        }

        private static long col(double lonDeg) {
            return (long) Math.floor(lonDeg / CELL_DEG);
        }

        private static long key(long row, long col) {
            return (row << 32) | (col & 0xffffffffL);
        }
    }
}
