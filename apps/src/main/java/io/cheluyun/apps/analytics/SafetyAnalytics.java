package io.cheluyun.apps.analytics;

import io.cheluyun.apps.SignalRules;
import io.cheluyun.model.Connection;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.ObjectClass;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.GeofencedEvent;
import io.cheluyun.twin.IntersectionGeometry;
import io.cheluyun.twin.LaneGeometry;
import io.cheluyun.twin.LaneMatch;
import io.cheluyun.twin.ShardObserver;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Safety events of one shard, for the safety record (issue 8): hard braking, speeding, red-light running, and
 * conflicts measured by time to collision (TTC) and post-encroachment time (PET). Each is one {@link SafetyEvent}
 * per episode, reported when the episode is over (or its vehicle is dropped), carrying the peak. Thresholds and
 * their sources are in {@link SafetyConfig}.
 *
 * <h2>Who reports</h2>
 * A shard also sees halo copies of vehicles other shards own. Every shard follows every vehicle it sees, so an
 * episode's state is the same wherever it is followed, but an episode is reported only by the shard that owned the
 * vehicle ({@link TwinView#isOwned}) when the episode started. The owner at the start keeps following the vehicle
 * through its halo copies after it crosses into another shard's tile, so an episode that straddles a tile edge is
 * still reported once, in full, as long as it ends within the halo distance past the edge (an episode still going on
 * when the vehicle leaves the old owner's halo is reported there, cut at that point). Conflicts between two vehicles
 * belong to the vehicle with the smaller id, so each pair is followed once per shard and reported once.
 *
 * <h2>Detectors</h2>
 * <ul>
 *   <li><b>Hard braking.</b> Longitudinal acceleration: the reported one, else the speed difference to the
 *       vehicle's previous message (at least {@link SafetyConfig#minAccelIntervalS()} apart; a GNSS-speed estimate
 *       is noisier than an IMU's). An episode starts at or below {@link SafetyConfig#hardBrakingMps2()} while moving
 *       and ends when the acceleration rises above the threshold plus the hysteresis or the vehicle stops;
 *       magnitude = the most negative acceleration.</li>
 *   <li><b>Speeding.</b> The limit is the lowest {@code speedLimitMps} of the road events in force whose area
 *       contains the vehicle ({@link GeofencedEvent#contains}), else {@link SafetyConfig#defaultSpeedLimitMps()}.
 *       An episode needs the speed above limit × (1 + tolerance) for {@link SafetyConfig#speedingMinDurationS()} and
 *       ends once it has been at or below that for {@link SafetyConfig#episodeEndHoldS()}; magnitude = the largest
 *       speed over the limit (not over the tolerated speed); the detail names the limit and its source.</li>
 *   <li><b>Red-light running.</b> A vehicle matched to an ingress lane whose distance to the stop line goes from
 *       positive to zero or below between two consecutive messages crosses the line; the crossing time, speed and
 *       position are interpolated between the two. The distance is the vehicle's reference point, its centre, so a
 *       car that stops with its nose over the line is not counted. A crossing is judged on the phase each of the
 *       lane's connections' signal groups shows at that time (the intersection's latest SPaT, its announced phase
 *       ends taken into account). A movement is forbidden when its phase is a stop phase
 *       ({@link SignalPhase#isStop()}), except flashing red ({@code STOP_THEN_PROCEED}, a stop sign) crossed at no
 *       more than {@link SafetyConfig#stopThenProceedMaxSpeedMps()}, and a lawful right turn on a circular red
 *       ({@link SafetyConfig#rightTurnOnRed()}). Which movement the vehicle made decides whether it ran the light
 *       when only some of the lane's movements were forbidden (a straight-and-right lane on a circular red, a left
 *       arrow still red while straight is green), and which signal group the event names when all were: the
 *       connection to the egress lane it is next matched to, else after {@value #RUN_RESOLVE_S} s or when it is
 *       dropped, the connection it most likely took ({@link LaneGeometry#likelyConnection} for its turn signal).
 *       The event is therefore reported once the vehicle is through the box, dated at the crossing. No SPaT, no
 *       judgement. Magnitude = speed at the line; the detail names the lane, signal group, phase and movement.</li>
 *   <li><b>TTC conflict.</b> For a vehicle A and every vehicle B within {@link SafetyConfig#conflictRadiusM()}
 *       whose id is greater (B may be a halo copy), and every perceived object (pedestrians, cyclists: VRU
 *       conflicts matter most), brought to A's message time: the time until their footprints first touch if both
 *       keep their velocity. Footprints are rectangles oriented by heading, of the reported size (else
 *       {@link SafetyConfig#defaultLengthM()} × {@link SafetyConfig#defaultWidthM()}; objects by class), and the
 *       time is exact for that model (separating axes swept over time), as SSAM computes it from vehicle
 *       rectangles. Rectangles, rather than a disc per vehicle or two points with a collision distance: discs of a
 *       car's half length overlap across adjacent lanes and turn every overtaking into a conflict, points ignore the
 *       length in a rear-end course. A conflict holds while 0 &lt; TTC ≤ {@link SafetyConfig#ttcThresholdS()} and
 *       both move; one episode per pair, ending once no conflict for {@link SafetyConfig#episodeEndHoldS()};
 *       reported with the minimum TTC, the relative speed at it (magnitude, SSAM's DeltaS: on a collision course
 *       the rate at which the gap closes) and the midpoint of the two at it.</li>
 *   <li><b>PET conflict.</b> In an intersection box ({@link SafetyConfig#intersectionRadiusM()} around the MAP
 *       reference point of the intersection whose lane the vehicle was last on), divided into cells of
 *       {@link SafetyConfig#petCellM()}: between two messages a vehicle's footprint moves along a straight line, and
 *       the times its front reaches and its rear leaves each cell centre are computed exactly on that line. Each
 *       cell remembers the last arrival and the last departure (who, when, heading, speed), so whichever of two
 *       vehicles' messages is processed first, an arrival less than {@link SafetyConfig#petThresholdS()} after
 *       another vehicle's departure on a crossing path (heading difference within
 *       [{@link SafetyConfig#petMinAngleDeg()}, {@link SafetyConfig#petMaxAngleDeg()}]) is found. The arriving
 *       vehicle reports it: one episode per pair and passage, ended when it leaves the box, with the smallest gap
 *       (petS), the relative speed of the two at their passages and the cell centre. Cells only exist inside the
 *       box, entries older than the threshold no longer count, and a box's cells are released when idle.</li>
 * </ul>
 *
 * <p>Hot path: no streams or lambdas, neighbour lists are reused scratch lists, episodes are objects only while
 * they run; the geofence lookup for the speed limit is skipped for a vehicle too slow to be speeding against the
 * lowest limit any known road event (or the default) sets. Per-vehicle state is dropped on {@link #onTick} once the vehicle has not been heard of for
 * {@link SafetyConfig#vehicleTimeoutMs()} or the twin has evicted it (open episodes are reported then). One
 * instance per shard, called on the shard's thread only; the counters may be read from any thread.
 */
public final class SafetyAnalytics implements ShardObserver {

    /** A crossing whose movement is still open is decided by the likely connection after this long, s. */
    static final double RUN_RESOLVE_S = 15.0;
    /** A partner's state older or newer than this relative to the vehicle's is not compared (a lost partner). */
    private static final long MAX_PARTNER_AGE_MICROS = 500_000L;
    /** Messages further apart than this are not interpolated between (a gap in reception), s. */
    private static final double MAX_STEP_S = 1.0;
    /** Per-vehicle state and idle cell grids are checked this often, message time. */
    private static final long SCAN_INTERVAL_MICROS = 500_000L;
    /** A box's cells are released when no vehicle has moved in it for this long beyond the PET threshold. */
    private static final long GRID_IDLE_MICROS = 5_000_000L;
    /** Pedestrian footprint when the sensor gives none, m. */
    private static final double PEDESTRIAN_SIZE_M = 0.5;
    /** Cyclist / motorcyclist footprint when the sensor gives none, m. */
    private static final double TWO_WHEELER_LENGTH_M = 1.8;
    private static final double TWO_WHEELER_WIDTH_M = 0.6;
    /** Two egress lanes whose directions differ by less than this lead the same way (for resolving a run). */
    private static final double SAME_DIRECTION_DEG = 45.0;

    private final SafetyConfig config;
    private final AnalyticsSink sink;
    private final LinkedHashMap<String, Track> tracks = new LinkedHashMap<>();
    private final LinkedHashMap<IntersectionId, CellGrid> grids = new LinkedHashMap<>();
    private final AtomicLong[] emitted = new AtomicLong[SafetyKind.values().length];
    private final List<VehicleState> nearVehicles = new ArrayList<>();
    private final List<PerceivedObject> nearObjects = new ArrayList<>();
    private final List<GeofencedEvent> nearEvents = new ArrayList<>();
    /** The vehicle and the neighbour of the TTC test at hand (scratch, this instance's thread only). */
    private final Party self = new Party();
    private final Party other = new Party();
    /** Road events that set a limit, by id: the lowest limit anywhere tells who cannot be speeding at all. */
    private final HashMap<String, RoadEvent> limitEvents = new HashMap<>();
    private double lowestLimitMps = Double.NaN;
    private final long endHoldMicros;
    private final long speedingMinMicros;
    private long nextScanMicros = Long.MIN_VALUE;

    public SafetyAnalytics(SafetyConfig config, AnalyticsSink sink) {
        this.config = config.conclude();
        this.sink = sink;
        this.endHoldMicros = Units.secondsToMicros(config.episodeEndHoldS());
        this.speedingMinMicros = Units.secondsToMicros(config.speedingMinDurationS());
        for (int i = 0; i < emitted.length; i++) {
            emitted[i] = new AtomicLong();
        }
    }

    // ---- state ---------------------------------------------------------------------------------------------------

    /** What is followed of one vehicle (owned or halo copy). */
    private static final class Track {
        final String id;
        boolean owned;
        long lastMicros;
        boolean hasPrevious;
        double prevSpeedMps;
        double prevLatDeg;
        double prevLonDeg;
        /** Ingress lane of the previous message and its distance to the stop line; NaN when not on one. */
        IntersectionId prevIngressIntersection;
        double prevToStopLineM = Double.NaN;
        /**
         * The intersection whose lane the vehicle was last matched to, kept while it is on one of its lanes or
         * within its box plus a vehicle length.
         */
        IntersectionId intersection;
        Episode braking;
        Episode speeding;
        PendingRun pendingRun;
        /** Open TTC and PET episodes of this vehicle; {@code null} while there are none. */
        ArrayList<Episode> pairs;

        Track(String id) {
            this.id = id;
        }
    }

    /** One running episode; the peak fields are updated as it goes. */
    private static final class Episode {
        final SafetyKind kind;
        final String otherId;
        final IntersectionId passage;
        final long startMicros;
        final boolean reportable;
        long lastHeldMicros;
        double peak;
        double magnitude;
        double latDeg;
        double lonDeg;
        IntersectionId at;
        /** Speeding: confirmed once above the tolerated speed for the minimum duration; limit and source at peak. */
        boolean confirmed;
        double limitMps;
        String limitSource;
        /** Conflicts: what the other party is; PET: crossing angle at the peak. */
        String otherKind;
        double angleDeg;

        Episode(SafetyKind kind, String otherId, IntersectionId passage, long startMicros, boolean reportable,
                double peak) {
            this.kind = kind;
            this.otherId = otherId;
            this.passage = passage;
            this.startMicros = startMicros;
            this.reportable = reportable;
            this.lastHeldMicros = startMicros;
            this.peak = peak;
        }
    }

    /** A stop-line crossing on a red for some of the lane's movements, waiting to learn which one was taken. */
    private record PendingRun(LaneGeometry lane, SignalState signal, long crossingMicros, double speedMps,
                              double latDeg, double lonDeg, boolean reportable, long forbiddenMask,
                              Connection likely) {
    }

    /**
     * The cells of one intersection box: per cell the last arrival and departure of a footprint. Square arrays over
     * the box's bounding square; cells outside the circle are never written.
     */
    private static final class CellGrid {
        final int n;
        final String[] enterId;
        final long[] enterMicros;
        final float[] enterHeading;
        final float[] enterSpeed;
        final String[] leaveId;
        final long[] leaveMicros;
        final float[] leaveHeading;
        final float[] leaveSpeed;
        long lastActivityMicros;

        CellGrid(int n) {
            this.n = n;
            int cells = n * n;
            enterId = new String[cells];
            enterMicros = new long[cells];
            enterHeading = new float[cells];
            enterSpeed = new float[cells];
            leaveId = new String[cells];
            leaveMicros = new long[cells];
            leaveHeading = new float[cells];
            leaveSpeed = new float[cells];
        }
    }

    // ---- metrics -------------------------------------------------------------------------------------------------

    /** Events of this kind reported by this shard so far. Safe from any thread. */
    public long emittedCount(SafetyKind kind) {
        return emitted[kind.ordinal()].get();
    }

    /** Events of every kind reported by this shard so far. Safe from any thread. */
    public long emittedTotal() {
        long total = 0;
        for (AtomicLong counter : emitted) {
            total += counter.get();
        }
        return total;
    }

    /** Vehicles followed now (owned and halo copies). Shard thread only. */
    public int trackedVehicleCount() {
        return tracks.size();
    }

    /** Intersection boxes whose cells are held now. Shard thread only. */
    int activeBoxCount() {
        return grids.size();
    }

    // ---- observer ------------------------------------------------------------------------------------------------

    @Override
    public void onVehicle(VehicleState v, long ingestNanos, TwinView twin) {
        String id = v.vehicleId();
        Track t = tracks.get(id);
        if (t == null) {
            t = new Track(id);
            tracks.put(id, t);
        }
        t.owned = twin.isOwned(id);
        long now = v.timeMicros();
        double stepS = t.hasPrevious ? Units.microsToSeconds(now - t.lastMicros) : Double.NaN;
        boolean step = stepS > 0 && stepS <= MAX_STEP_S;

        LaneMatch match = twin.laneMatch(id);
        if (match != null) {
            t.intersection = match.intersection();
        }
        IntersectionGeometry box = t.intersection == null ? null : twin.intersection(t.intersection);
        boolean inBox = false;
        boolean nearBox = false;
        if (box != null) {
            LocalEnu f = box.frame();
            double x = f.eastM(v.latDeg(), v.lonDeg());
            double y = f.northM(v.latDeg(), v.lonDeg());
            double r = config.intersectionRadiusM();
            double reach = r + lengthOf(v); // until its rear has left the cells at the rim
            inBox = x * x + y * y <= r * r;
            nearBox = x * x + y * y <= reach * reach;
        }
        if (match == null && !nearBox) {
            t.intersection = null;
            box = null;
        }
        IntersectionId at = match != null ? match.intersection() : inBox ? t.intersection : null;

        hardBraking(t, v, step ? stepS : Double.NaN, at);
        speeding(t, v, at, twin);
        redLight(t, v, match, step ? stepS : Double.NaN, twin);
        timeToCollision(t, v, at, twin);
        encroachment(t, v, box, inBox, step ? stepS : Double.NaN);

        t.hasPrevious = true;
        t.lastMicros = now;
        t.prevSpeedMps = v.speedMps();
        t.prevLatDeg = v.latDeg();
        t.prevLonDeg = v.lonDeg();
        boolean ingress = match != null && match.ingress();
        t.prevIngressIntersection = ingress ? match.intersection() : null;
        t.prevToStopLineM = ingress ? match.distanceToStopLineM() : Double.NaN;
    }

    @Override
    public void onRoadEvent(RoadEvent event, long ingestNanos, TwinView twin) {
        if (event.speedLimitMps() > 0) {
            limitEvents.put(event.eventId(), event);
        } else {
            limitEvents.remove(event.eventId()); // replaced by one without a limit
        }
        lowestLimitMps = Double.NaN;
    }

    @Override
    public void onTick(long nowMicros, TwinView twin) {
        if (nowMicros < nextScanMicros) {
            return;
        }
        nextScanMicros = nowMicros + SCAN_INTERVAL_MICROS;
        long cutoff = nowMicros - config.vehicleTimeoutMs() * 1_000L;
        for (Iterator<Track> it = tracks.values().iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (t.lastMicros < cutoff || twin.vehicle(t.id) == null) {
                flush(t);
                it.remove();
                continue;
            }
            closeQuietConflicts(t, nowMicros);
            if (t.pendingRun != null
                    && nowMicros - t.pendingRun.crossingMicros() > Units.secondsToMicros(RUN_RESOLVE_S)) {
                decideRun(t, t.pendingRun.likely());
            }
        }
        for (Iterator<RoadEvent> it = limitEvents.values().iterator(); it.hasNext(); ) {
            if (it.next().endMicros() <= nowMicros) {
                it.remove();
                lowestLimitMps = Double.NaN;
            }
        }
        long idle = nowMicros - Units.secondsToMicros(config.petThresholdS()) - GRID_IDLE_MICROS;
        for (Iterator<CellGrid> it = grids.values().iterator(); it.hasNext(); ) {
            if (it.next().lastActivityMicros < idle) {
                it.remove();
            }
        }
    }

    /** Reports what is open for a vehicle that is dropped. */
    private void flush(Track t) {
        if (t.braking != null) {
            emit(t.braking, t.id, Double.NaN, Double.NaN);
            t.braking = null;
        }
        if (t.speeding != null && t.speeding.confirmed) {
            emit(t.speeding, t.id, Double.NaN, Double.NaN);
        }
        t.speeding = null;
        if (t.pendingRun != null) {
            decideRun(t, t.pendingRun.likely());
        }
        if (t.pairs != null) {
            for (int i = 0, n = t.pairs.size(); i < n; i++) {
                emitPair(t, t.pairs.get(i));
            }
            t.pairs = null;
        }
    }

    // ---- hard braking --------------------------------------------------------------------------------------------

    private void hardBraking(Track t, VehicleState v, double stepS, IntersectionId at) {
        double accel = v.accelMps2();
        if (Double.isNaN(accel) && stepS >= config.minAccelIntervalS()) {
            accel = (v.speedMps() - t.prevSpeedMps) / stepS;
        }
        Episode e = t.braking;
        if (e == null) {
            if (accel <= config.hardBrakingMps2() && v.speedMps() > config.stoppedSpeedMps()) {
                e = new Episode(SafetyKind.HARD_BRAKING, null, null, v.timeMicros(), t.owned,
                        Double.POSITIVE_INFINITY);
                t.braking = e;
            } else {
                return;
            }
        }
        if (accel < e.peak) {
            e.peak = accel;
            e.magnitude = accel;
            e.latDeg = v.latDeg();
            e.lonDeg = v.lonDeg();
            e.at = at;
        }
        e.lastHeldMicros = v.timeMicros();
        if (accel > config.hardBrakingMps2() + config.hardBrakingHysteresisMps2()
                || v.speedMps() <= config.stoppedSpeedMps()) {
            emit(e, t.id, Double.NaN, Double.NaN);
            t.braking = null;
        }
    }

    // ---- speeding ------------------------------------------------------------------------------------------------

    private void speeding(Track t, VehicleState v, IntersectionId at, TwinView twin) {
        if (t.speeding == null && v.speedMps() <= config.speedingThresholdMps(lowestLimitMps())) {
            return; // too slow to be speeding against any limit there is: spare the geofence lookup
        }
        double lat = v.latDeg();
        double lon = v.lonDeg();
        double limit = Double.POSITIVE_INFINITY;
        String source = null;
        nearEvents.clear();
        // radius 0: only events whose area contains the point (their distance is 0 inside)
        twin.eventsNear(lat, lon, 0.0, nearEvents);
        for (int i = 0, n = nearEvents.size(); i < n; i++) {
            GeofencedEvent fenced = nearEvents.get(i);
            double eventLimit = fenced.event().speedLimitMps();
            if (eventLimit > 0 && eventLimit < limit && fenced.contains(lat, lon)) {
                limit = eventLimit;
                source = fenced.event().eventId();
            }
        }
        if (source == null) {
            limit = config.defaultSpeedLimitMps();
        }
        long now = v.timeMicros();
        double speed = v.speedMps();
        Episode e = t.speeding;
        if (speed > config.speedingThresholdMps(limit)) {
            if (e == null) {
                e = new Episode(SafetyKind.SPEEDING, null, null, now, t.owned, Double.NEGATIVE_INFINITY);
                t.speeding = e;
            }
            e.lastHeldMicros = now;
            double over = speed - limit;
            if (over > e.peak) {
                e.peak = over;
                e.magnitude = over;
                e.latDeg = lat;
                e.lonDeg = lon;
                e.at = at;
                e.limitMps = limit;
                e.limitSource = source;
            }
            if (!e.confirmed && now - e.startMicros >= speedingMinMicros) {
                e.confirmed = true;
            }
        } else if (e != null) {
            if (!e.confirmed) {
                t.speeding = null; // too short to count
            } else if (now - e.lastHeldMicros >= endHoldMicros) {
                emit(e, t.id, Double.NaN, Double.NaN);
                t.speeding = null;
            }
        }
    }

    /** The lowest limit any known road event or the default sets (events not yet in force included). */
    private double lowestLimitMps() {
        if (Double.isNaN(lowestLimitMps)) {
            double lowest = config.defaultSpeedLimitMps();
            for (RoadEvent e : limitEvents.values()) {
                lowest = Math.min(lowest, e.speedLimitMps());
            }
            lowestLimitMps = lowest;
        }
        return lowestLimitMps;
    }

    // ---- red-light running ---------------------------------------------------------------------------------------

    private void redLight(Track t, VehicleState v, LaneMatch match, double stepS, TwinView twin) {
        if (t.pendingRun != null) {
            resolveRun(t, match, v.timeMicros(), twin);
        }
        if (match == null || !match.ingress() || !(stepS > 0) || !(t.prevToStopLineM > 0)
                || !(match.distanceToStopLineM() <= 0) || !match.intersection().equals(t.prevIngressIntersection)) {
            return;
        }
        double before = t.prevToStopLineM;
        double f = before / (before - match.distanceToStopLineM());
        long crossing = t.lastMicros + Math.round(f * (v.timeMicros() - t.lastMicros));
        double speed = t.prevSpeedMps + f * (v.speedMps() - t.prevSpeedMps);
        double lat = t.prevLatDeg + f * (v.latDeg() - t.prevLatDeg);
        double lon = t.prevLonDeg + f * (v.lonDeg() - t.prevLonDeg);
        SignalState signal = twin.signal(match.intersection());
        LaneGeometry lane = match.lane();
        List<Connection> connections = lane.lane().connections();
        int n = Math.min(connections.size(), 64);
        if (signal == null || n == 0) {
            return; // nothing to judge against
        }
        long forbidden = 0L;
        for (int i = 0; i < n; i++) {
            if (forbids(signal, crossing, speed, lane, connections.get(i))) {
                forbidden |= 1L << i;
            }
        }
        if (forbidden == 0L) {
            return;
        }
        Connection likely = lane.likelyConnection(v.lights().indicatedTurn());
        PendingRun run = new PendingRun(lane, signal, crossing, speed, lat, lon, t.owned, forbidden, likely);
        if (t.pendingRun != null) {
            decideRun(t, t.pendingRun.likely()); // a second crossing before the first was resolved: rare
        }
        // even when every movement was forbidden, wait for the one taken: the event names its signal group
        t.pendingRun = run;
    }

    /** Decides an open crossing once the vehicle is on an egress lane of the intersection (or a remote one). */
    private void resolveRun(Track t, LaneMatch match, long now, TwinView twin) {
        PendingRun run = t.pendingRun;
        if (match != null && !match.ingress()) {
            IntersectionId home = run.lane().intersection().id();
            List<Connection> connections = run.lane().lane().connections();
            for (int i = 0, n = connections.size(); i < n; i++) {
                Connection c = connections.get(i);
                IntersectionId target = c.remoteIntersection() == null ? home : c.remoteIntersection();
                if (c.connectingLaneId() == match.laneId() && target.equals(match.intersection())) {
                    decideRun(t, c);
                    return;
                }
            }
            if (match.intersection().equals(home)) {
                // on an egress lane no connection names (a lane change in the box): the one leading the same way
                double direction = match.lane().travelHeadingDeg(0);
                IntersectionGeometry geometry = twin.intersection(home);
                for (int i = 0, n = connections.size(); i < n; i++) {
                    Connection c = connections.get(i);
                    LaneGeometry exit = geometry == null || c.remoteIntersection() != null ? null
                            : geometry.lane(c.connectingLaneId());
                    if (exit != null && Math.abs(Units.headingDiffDeg(direction, exit.travelHeadingDeg(0)))
                            < SAME_DIRECTION_DEG) {
                        decideRun(t, c);
                        return;
                    }
                }
                decideRun(t, run.likely());
                return;
            }
        }
        if (now - run.crossingMicros() > Units.secondsToMicros(RUN_RESOLVE_S)) {
            decideRun(t, run.likely());
        }
    }

    /** Reports the open crossing if the movement taken was forbidden, and forgets it. */
    private void decideRun(Track t, Connection taken) {
        PendingRun run = t.pendingRun;
        t.pendingRun = null;
        if (taken == null) {
            return;
        }
        int index = run.lane().lane().connections().indexOf(taken);
        if (index < 0 || index >= 64 || (run.forbiddenMask() & (1L << index)) == 0) {
            return;
        }
        if (!run.reportable()) {
            return;
        }
        MovementState movement = run.signal().movement(taken.signalGroup());
        SignalPhase phase = movement == null ? null : phaseAt(movement, run.crossingMicros());
        String detail = "lane " + run.lane().laneId() + ", signal group " + taken.signalGroup() + " " + phase + ", "
                + taken.maneuver();
        report(new SafetyEvent(SafetyKind.RED_LIGHT_RUN, run.crossingMicros(), run.latDeg(), run.lonDeg(),
                run.lane().intersection().id(), taken.signalGroup(), t.id, null, Double.NaN, Double.NaN,
                run.speedMps(), detail));
    }

    /** Whether crossing the stop line into this connection at this time and speed was forbidden. */
    private boolean forbids(SignalState signal, long atMicros, double speedMps, LaneGeometry lane, Connection c) {
        MovementState movement = signal.movement(c.signalGroup());
        if (movement == null) {
            return false; // the SPaT says nothing of this movement: no judgement
        }
        SignalPhase phase = phaseAt(movement, atMicros);
        if (phase == null || !phase.isStop()) {
            return false;
        }
        if (phase == SignalPhase.STOP_THEN_PROCEED && speedMps <= config.stopThenProceedMaxSpeedMps()) {
            return false;
        }
        return !(c.maneuver() == Maneuver.RIGHT_TURN && mayTurnRightOnRed(lane, c));
    }

    private boolean mayTurnRightOnRed(LaneGeometry lane, Connection connection) {
        return SignalRules.mayTurnRightOnRed(lane, connection, config.rightTurnOnRed());
    }

    static SignalPhase phaseAt(MovementState movement, long atMicros) {
        return SignalRules.phaseAt(movement, atMicros);
    }

    // ---- time to collision ---------------------------------------------------------------------------------------

    /**
     * Evaluates the vehicle against its neighbours. Positions are taken relative to it in metres per degree at its
     * latitude: within the search radius that is exact to millimetres, and it spares a projection per neighbour.
     */
    private void timeToCollision(Track t, VehicleState a, IntersectionId at, TwinView twin) {
        long now = a.timeMicros();
        if (a.speedMps() > config.conflictMinSpeedMps()) {
            double lat = a.latDeg();
            double lon = a.lonDeg();
            double mLat = LocalEnu.metresPerDegreeLat(lat);
            double mLon = LocalEnu.metresPerDegreeLon(lat);
            self.set(a.headingDeg(), a.speedMps(), lengthOf(a) / 2.0, widthOf(a) / 2.0);
            nearVehicles.clear();
            twin.vehiclesNear(lat, lon, config.conflictRadiusM(), nearVehicles);
            for (int i = 0, n = nearVehicles.size(); i < n; i++) {
                VehicleState b = nearVehicles.get(i);
                long age = now - b.timeMicros();
                if (b.vehicleId().compareTo(a.vehicleId()) <= 0 || !bothMoving(a.speedMps(), b.speedMps())
                        || Math.abs(age) > MAX_PARTNER_AGE_MICROS) {
                    continue;
                }
                other.set(b.headingDeg(), b.speedMps(), lengthOf(b) / 2.0, widthOf(b) / 2.0);
                pair(t, a, b.vehicleId(), "vehicle", (b.lonDeg() - lon) * mLon, (b.latDeg() - lat) * mLat,
                        Units.microsToSeconds(age), mLat, mLon, at);
            }
            nearObjects.clear();
            twin.objectsNear(lat, lon, config.conflictRadiusM(), nearObjects);
            for (int i = 0, n = nearObjects.size(); i < n; i++) {
                PerceivedObject o = nearObjects.get(i);
                long age = now - o.timeMicros();
                if (Double.isNaN(o.headingDeg()) || !bothMoving(a.speedMps(), o.speedMps())
                        || Math.abs(age) > MAX_PARTNER_AGE_MICROS) {
                    continue;
                }
                other.set(o.headingDeg(), o.speedMps(), objectLengthOf(o) / 2.0, objectWidthOf(o) / 2.0);
                pair(t, a, o.objectId(), o.objectClass().name(), (o.position().lonDeg() - lon) * mLon,
                        (o.position().latDeg() - lat) * mLat, Units.microsToSeconds(age), mLat, mLon, at);
            }
        }
        closeQuietConflicts(t, now);
    }

    /** A road user's footprint and velocity for the TTC test: scratch, refilled per vehicle and neighbour. */
    private static final class Party {
        double sin;
        double cos;
        double vx;
        double vy;
        double halfL;
        double halfW;
        double radius;

        void set(double headingDeg, double speedMps, double halfLength, double halfWidth) {
            double h = Math.toRadians(headingDeg);
            sin = Math.sin(h);
            cos = Math.cos(h);
            vx = speedMps * sin;
            vy = speedMps * cos;
            halfL = halfLength;
            halfW = halfWidth;
            radius = Math.sqrt(halfLength * halfLength + halfWidth * halfWidth);
        }
    }

    private boolean bothMoving(double aMps, double bMps) {
        return aMps > config.conflictMinSpeedMps() && bMps > config.conflictMinSpeedMps()
                && Math.max(aMps, bMps) > config.conflictMinFasterSpeedMps();
    }

    /**
     * Evaluates the vehicle ({@link #self}) against one neighbour ({@link #other}) at the vehicle's message time and
     * feeds their episode.
     *
     * @param dx    the neighbour's position east of the vehicle when it reported, m
     * @param dy    and north, m
     * @param ageS  how much older the neighbour's report is than the vehicle's: brought forward by this much
     */
    private void pair(Track t, VehicleState a, String otherId, String otherKind, double dx, double dy, double ageS,
                      double mLat, double mLon, IntersectionId at) {
        Party p = self;
        Party q = other;
        double bx = dx + q.vx * ageS;
        double by = dy + q.vy * ageS;
        double rvx = q.vx - p.vx;
        double rvy = q.vy - p.vy;
        // necessary condition: the circles around both footprints come within reach during the threshold
        double rr = rvx * rvx + rvy * rvy;
        double horizon = config.ttcThresholdS();
        double closest = rr > 0 ? Math.max(0.0, Math.min(horizon, -(bx * rvx + by * rvy) / rr)) : 0.0;
        double cx = bx + rvx * closest;
        double cy = by + rvy * closest;
        double reach = p.radius + q.radius;
        if (cx * cx + cy * cy > reach * reach) {
            return;
        }
        double ttc = timeToCollisionS(bx, by, rvx, rvy, p.sin, p.cos, p.halfL, p.halfW, q.sin, q.cos, q.halfL,
                q.halfW);
        if (!(ttc > 0.0 && ttc <= horizon)) {
            return;
        }
        long now = a.timeMicros();
        Episode e = find(t, SafetyKind.CONFLICT_TTC, otherId, null);
        if (e == null) {
            e = new Episode(SafetyKind.CONFLICT_TTC, otherId, null, now, t.owned, Double.POSITIVE_INFINITY);
            e.otherKind = otherKind;
            if (t.pairs == null) {
                t.pairs = new ArrayList<>(2);
            }
            t.pairs.add(e);
        }
        e.lastHeldMicros = now;
        if (ttc < e.peak) {
            e.peak = ttc;
            e.magnitude = Math.sqrt(rr);
            e.latDeg = a.latDeg() + by / 2.0 / mLat;
            e.lonDeg = a.lonDeg() + bx / 2.0 / mLon;
            e.at = at;
        }
    }

    /** The time to collision below, with each rectangle's heading in radians (tests). */
    static double timeToCollisionS(double dx, double dy, double rvx, double rvy, double aHeading, double aHalfL,
                                   double aHalfW, double bHeading, double bHalfL, double bHalfW) {
        return timeToCollisionS(dx, dy, rvx, rvy, Math.sin(aHeading), Math.cos(aHeading), aHalfL, aHalfW,
                Math.sin(bHeading), Math.cos(bHeading), bHalfL, bHalfW);
    }

    /**
     * Time until two oriented rectangles moving at constant velocities first touch: B relative to A at
     * {@code (dx, dy)}, moving at {@code (rvx, rvy)} relative to A; each rectangle given by the sine and cosine of
     * its heading and its half length and width. On each of the four separating axes (both rectangles' length and
     * width directions) the projections overlap during one interval of time; the rectangles overlap while all four
     * do (separating axis theorem, exact for convex shapes under translation). Returns 0 when they overlap now and
     * {@code +∞} when they never touch.
     */
    static double timeToCollisionS(double dx, double dy, double rvx, double rvy, double sa, double ca,
                                   double aHalfL, double aHalfW, double sb, double cb, double bHalfL,
                                   double bHalfW) {
        double enter = Double.NEGATIVE_INFINITY;
        double exit = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 4; k++) {
            // axes: A's length (sa, ca) and width (ca, -sa) directions, then B's
            double kx = k == 0 ? sa : k == 1 ? ca : k == 2 ? sb : cb;
            double ky = k == 0 ? ca : k == 1 ? -sa : k == 2 ? cb : -sb;
            double reach = aHalfL * Math.abs(sa * kx + ca * ky) + aHalfW * Math.abs(ca * kx - sa * ky)
                    + bHalfL * Math.abs(sb * kx + cb * ky) + bHalfW * Math.abs(cb * kx - sb * ky);
            double gap = dx * kx + dy * ky;
            double rate = rvx * kx + rvy * ky;
            if (Math.abs(rate) < 1e-9) {
                if (Math.abs(gap) > reach) {
                    return Double.POSITIVE_INFINITY; // separated on this axis for ever
                }
                continue;
            }
            double t1 = (-reach - gap) / rate;
            double t2 = (reach - gap) / rate;
            enter = Math.max(enter, Math.min(t1, t2));
            exit = Math.min(exit, Math.max(t1, t2));
            if (enter > exit) {
                return Double.POSITIVE_INFINITY;
            }
        }
        if (exit < 0.0) {
            return Double.POSITIVE_INFINITY; // they touched in the past, if they kept their velocities
        }
        return Math.max(enter, 0.0);
    }

    /** Reports and forgets the TTC episodes without a conflict for the end hold. */
    private void closeQuietConflicts(Track t, long nowMicros) {
        if (t.pairs == null) {
            return;
        }
        for (int i = t.pairs.size() - 1; i >= 0; i--) {
            Episode e = t.pairs.get(i);
            if (e.kind == SafetyKind.CONFLICT_TTC && nowMicros - e.lastHeldMicros >= endHoldMicros) {
                emitPair(t, e);
                t.pairs.remove(i);
            }
        }
        if (t.pairs.isEmpty()) {
            t.pairs = null;
        }
    }

    // ---- post-encroachment time ----------------------------------------------------------------------------------

    /**
     * Follows the vehicle's footprint through the box's cells between its previous message and this one, then
     * reports its PET episodes of any box it is no longer in.
     */
    private void encroachment(Track t, VehicleState v, IntersectionGeometry box, boolean inBox, double stepS) {
        if (box != null && stepS > 0) {
            sweep(t, v, box, stepS);
        }
        if (t.pairs != null) {
            IntersectionId current = inBox ? box.id() : null;
            for (int i = t.pairs.size() - 1; i >= 0; i--) {
                Episode e = t.pairs.get(i);
                if (e.kind == SafetyKind.CONFLICT_PET && !e.passage.equals(current)) {
                    emitPair(t, e); // the passage is over
                    t.pairs.remove(i);
                }
            }
            if (t.pairs.isEmpty()) {
                t.pairs = null;
            }
        }
    }

    private void sweep(Track t, VehicleState v, IntersectionGeometry box, double stepS) {
        LocalEnu f = box.frame();
        double x0 = f.eastM(t.prevLatDeg, t.prevLonDeg);
        double y0 = f.northM(t.prevLatDeg, t.prevLonDeg);
        double x1 = f.eastM(v.latDeg(), v.lonDeg());
        double y1 = f.northM(v.latDeg(), v.lonDeg());
        double d = Math.hypot(x1 - x0, y1 - y0);
        double halfL = lengthOf(v) / 2.0;
        double halfW = widthOf(v) / 2.0;
        double r = config.intersectionRadiusM();
        double reach = r + halfL + halfW;
        if (d < 0.05 || x0 * x0 + y0 * y0 > reach * reach && x1 * x1 + y1 * y1 > reach * reach) {
            return; // standing (its footprint neither arrives nor leaves), or nowhere near the box
        }
        double ux = (x1 - x0) / d;
        double uy = (y1 - y0) / d;
        double wx = uy; // to the right of the motion
        double wy = -ux;
        double headingDeg = Units.normaliseHeadingDeg(Math.toDegrees(Math.atan2(ux, uy)));
        double speed = d / stepS;
        // the swept footprint: from the rear at the previous position to the front at this one
        double minX = Math.min(x0 - ux * halfL, x1 + ux * halfL) - Math.abs(wx) * halfW;
        double maxX = Math.max(x0 - ux * halfL, x1 + ux * halfL) + Math.abs(wx) * halfW;
        double minY = Math.min(y0 - uy * halfL, y1 + uy * halfL) - Math.abs(wy) * halfW;
        double maxY = Math.max(y0 - uy * halfL, y1 + uy * halfL) + Math.abs(wy) * halfW;
        double cell = config.petCellM();
        CellGrid g = grids.get(box.id());
        int n = g != null ? g.n : (int) Math.ceil(2.0 * r / cell);
        int i0 = Math.max(0, (int) Math.floor((minX + r) / cell));
        int i1 = Math.min(n - 1, (int) Math.floor((maxX + r) / cell));
        int j0 = Math.max(0, (int) Math.floor((minY + r) / cell));
        int j1 = Math.min(n - 1, (int) Math.floor((maxY + r) / cell));
        long t0 = t.lastMicros;
        long span = v.timeMicros() - t0;
        for (int i = i0; i <= i1; i++) {
            double cx = -r + (i + 0.5) * cell;
            for (int j = j0; j <= j1; j++) {
                double cy = -r + (j + 0.5) * cell;
                if (cx * cx + cy * cy > r * r) {
                    continue; // outside the box
                }
                double px = cx - x0;
                double py = cy - y0;
                if (Math.abs(px * wx + py * wy) > halfW) {
                    continue; // beside the footprint's path
                }
                double along = px * ux + py * uy;
                double arrive = (along - halfL) / d; // fraction of the step at which the front reaches the centre
                double leave = (along + halfL) / d; // and the rear leaves it
                boolean arrives = arrive > 0.0 && arrive <= 1.0;
                boolean leaves = leave > 0.0 && leave <= 1.0;
                if (!arrives && !leaves) {
                    continue;
                }
                if (g == null) {
                    g = new CellGrid(n);
                    grids.put(box.id(), g);
                }
                int k = i * n + j;
                if (arrives) {
                    arrival(g, k, t, t0 + Math.round(arrive * span), headingDeg, speed, box, cx, cy);
                }
                if (leaves) {
                    departure(g, k, t.id, t0 + Math.round(leave * span), headingDeg, speed, box, cx, cy);
                }
                g.lastActivityMicros = Math.max(g.lastActivityMicros, v.timeMicros());
            }
        }
    }

    /** Vehicle {@code t} reaches cell {@code k}: a PET if another vehicle left it shortly before. */
    private void arrival(CellGrid g, int k, Track t, long atMicros, double headingDeg, double speed,
                         IntersectionGeometry box, double cx, double cy) {
        String left = g.leaveId[k];
        if (left != null && !left.equals(t.id)) {
            encroached(t, left, box, atMicros, g.leaveMicros[k], headingDeg, speed, g.leaveHeading[k],
                    g.leaveSpeed[k], cx, cy);
        }
        if (g.enterId[k] != null && g.enterMicros[k] > atMicros) {
            return; // a later arrival is already known (its message came first): keep it
        }
        g.enterId[k] = t.id;
        g.enterMicros[k] = atMicros;
        g.enterHeading[k] = (float) headingDeg;
        g.enterSpeed[k] = (float) speed;
    }

    /**
     * Vehicle {@code id} leaves cell {@code k}: a PET if another vehicle's arrival after this departure was already
     * seen (its message came first).
     */
    private void departure(CellGrid g, int k, String id, long atMicros, double headingDeg, double speed,
                           IntersectionGeometry box, double cx, double cy) {
        String arrived = g.enterId[k];
        if (arrived != null && !arrived.equals(id)) {
            Track other = tracks.get(arrived);
            if (other != null) {
                encroached(other, id, box, g.enterMicros[k], atMicros, g.enterHeading[k], g.enterSpeed[k],
                        headingDeg, speed, cx, cy);
            }
        }
        if (g.leaveId[k] != null && g.leaveMicros[k] > atMicros) {
            return;
        }
        g.leaveId[k] = id;
        g.leaveMicros[k] = atMicros;
        g.leaveHeading[k] = (float) headingDeg;
        g.leaveSpeed[k] = (float) speed;
    }

    /** {@code second} arrived at a cell {@code leftId} had left: counts when soon after, on a crossing path. */
    private void encroached(Track second, String leftId, IntersectionGeometry box, long arrivedMicros,
                            long leftMicros, double arrivedHeadingDeg, double arrivedSpeed, double leftHeadingDeg,
                            double leftSpeed, double cx, double cy) {
        long gap = arrivedMicros - leftMicros;
        if (gap < 0 || gap >= Units.secondsToMicros(config.petThresholdS())) {
            return; // overlapping (a collision is TTC's business) or long enough after
        }
        double angle = Math.abs(Units.headingDiffDeg(leftHeadingDeg, arrivedHeadingDeg));
        if (angle < config.petMinAngleDeg() || angle > config.petMaxAngleDeg()) {
            return;
        }
        double pet = Units.microsToSeconds(gap);
        Episode e = find(second, SafetyKind.CONFLICT_PET, leftId, box.id());
        if (e == null) {
            e = new Episode(SafetyKind.CONFLICT_PET, leftId, box.id(), arrivedMicros, second.owned,
                    Double.POSITIVE_INFINITY);
            e.otherKind = "vehicle";
            e.at = box.id();
            if (second.pairs == null) {
                second.pairs = new ArrayList<>(2);
            }
            second.pairs.add(e);
        }
        e.lastHeldMicros = Math.max(e.lastHeldMicros, arrivedMicros);
        if (pet < e.peak) {
            e.peak = pet;
            double a = Math.toRadians(arrivedHeadingDeg);
            double b = Math.toRadians(leftHeadingDeg);
            e.magnitude = Math.hypot(arrivedSpeed * Math.sin(a) - leftSpeed * Math.sin(b),
                    arrivedSpeed * Math.cos(a) - leftSpeed * Math.cos(b));
            e.latDeg = box.frame().latDeg(cx, cy);
            e.lonDeg = box.frame().lonDeg(cx, cy);
            e.angleDeg = angle;
        }
    }

    // ---- reporting -----------------------------------------------------------------------------------------------

    private static Episode find(Track t, SafetyKind kind, String otherId, IntersectionId passage) {
        if (t.pairs == null) {
            return null;
        }
        for (int i = 0, n = t.pairs.size(); i < n; i++) {
            Episode e = t.pairs.get(i);
            if (e.kind == kind && e.otherId.equals(otherId) && (passage == null || passage.equals(e.passage))) {
                return e;
            }
        }
        return null;
    }

    private void emitPair(Track t, Episode e) {
        if (e.kind == SafetyKind.CONFLICT_TTC) {
            emit(e, t.id, e.peak, Double.NaN);
        } else {
            emit(e, t.id, Double.NaN, e.peak);
        }
    }

    private void emit(Episode e, String vehicleId, double ttcS, double petS) {
        if (!e.reportable) {
            return; // the shard that owned the vehicle when the episode started reports it
        }
        String other = e.kind == SafetyKind.CONFLICT_TTC || e.kind == SafetyKind.CONFLICT_PET ? e.otherId : null;
        report(new SafetyEvent(e.kind, e.startMicros, e.latDeg, e.lonDeg, e.at, -1, vehicleId, other, ttcS, petS,
                e.magnitude, detail(e)));
    }

    private void report(SafetyEvent event) {
        AtomicLong counter = emitted[event.kind().ordinal()];
        counter.setRelease(counter.getPlain() + 1); // single writer: the shard thread
        sink.safety(event);
    }

    private static String detail(Episode e) {
        return switch (e.kind) {
            case HARD_BRAKING -> "peak " + fmt(e.magnitude, 2) + " m/s²";
            case SPEEDING -> "limit " + fmt(Units.mpsToKmh(e.limitMps), 0) + " km/h ("
                    + (e.limitSource == null ? "default" : "event " + e.limitSource) + "), peak "
                    + fmt(Units.mpsToKmh(e.limitMps + e.magnitude), 1) + " km/h";
            case CONFLICT_TTC -> "with " + e.otherKind + ", min TTC " + fmt(e.peak, 2) + " s, relative speed "
                    + fmt(e.magnitude, 1) + " m/s";
            case CONFLICT_PET -> "PET " + fmt(e.peak, 2) + " s, crossing at " + fmt(e.angleDeg, 0)
                    + "°, relative speed " + fmt(e.magnitude, 1) + " m/s";
            case RED_LIGHT_RUN -> "";
        };
    }

    private static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private double lengthOf(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }

    private double widthOf(VehicleState v) {
        return Double.isNaN(v.widthM()) ? config.defaultWidthM() : v.widthM();
    }

    private double objectLengthOf(PerceivedObject o) {
        if (o.lengthM() > 0) {
            return o.lengthM();
        }
        return o.objectClass() == ObjectClass.PEDESTRIAN ? PEDESTRIAN_SIZE_M
                : o.objectClass() == ObjectClass.CYCLIST || o.objectClass() == ObjectClass.MOTORCYCLE
                ? TWO_WHEELER_LENGTH_M : config.defaultLengthM();
    }

    private double objectWidthOf(PerceivedObject o) {
        if (o.widthM() > 0) {
            return o.widthM();
        }
        return o.objectClass() == ObjectClass.PEDESTRIAN ? PEDESTRIAN_SIZE_M
                : o.objectClass() == ObjectClass.CYCLIST || o.objectClass() == ObjectClass.MOTORCYCLE
                ? TWO_WHEELER_WIDTH_M : config.defaultWidthM();
    }
}
