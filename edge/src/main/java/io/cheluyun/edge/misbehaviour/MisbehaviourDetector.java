package io.cheluyun.edge.misbehaviour;

import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Plausibility;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Local misbehaviour detection (ETSI TR 103 460: plausibility and consistency checks at the receiver) for the
 * vehicle states entering the platform. Each message is checked against physics (implausible values), against its
 * vehicle's own history (inconsistency with the same station's earlier messages) and against its channel and
 * other vehicles (inconsistency with other stations), the observation classes 1, 2 and 5 of ETSI TS 103 759; a
 * sender that keeps failing goes into quarantine.
 *
 * <h2>Who is who</h2>
 * A <em>channel</em> is the authenticated identity that handed the message over ({@code senderId}: a device id, or
 * the vehicle id in open-demo mode). A <em>direct</em> channel ({@code relayPositionOrNull == null}, an OBU over
 * the cellular network) speaks for one vehicle at a time; a <em>relay</em> (an RSU forwarding what it hears on PC5)
 * carries many. Physics is tracked per <em>vehicle id</em> whichever channels carry it (one vehicle may be heard by
 * several RSUs and over its own uplink). Violations count against the direct channel, or, for relayed traffic,
 * against the vehicle id: an RSU is not blamed for what a vehicle in its range says.
 *
 * <h2>Checks, in order</h2>
 * <ol>
 * <li>quarantine of the channel or vehicle id → {@link Verdict#QUARANTINED}</li>
 * <li>direct channels: token-bucket rate → {@link Verdict#RATE_EXCEEDED}; a second new vehicle id within
 *     {@code pseudonymChangeMinS}, or going back to a recent one → {@link Verdict#GHOST}</li>
 * <li>generation time against receive time → {@link Verdict#FUTURE_TIMESTAMP} / {@link Verdict#STALE_TIMESTAMP}</li>
 * <li>identical octets seen within the reordering window: again from the same OBU, or from an OBU while another OBU
 *     speaks for the vehicle → {@link Verdict#REPLAY}; through an RSU (the same or another), or the vehicle's own
 *     uplink copy → {@link Verdict#DUPLICATE}; older than the vehicle's newest state by more than the window →
 *     {@link Verdict#STALE_TIMESTAMP}</li>
 * <li>relays: per-vehicle rate; distance from the RSU → {@link Verdict#FAR_FROM_RELAY}. Direct: a vehicle id
 *     another direct channel used within {@code pseudonymChangeMinS} → {@link Verdict#GHOST}</li>
 * <li>speed and acceleration plausibility</li>
 * <li>against the last accepted state, on the vehicle's own timestamps: position jump beyond what speed and
 *     acceleration allow plus GNSS tolerance, speed change beyond {@code maxAccelMps2}</li>
 * <li>over a window of ≈ 2 s: the movement against the path dead-reckoned from the reported speeds and headings →
 *     {@link Verdict#HEADING_MISMATCH} (direction) / {@link Verdict#SPEED_IMPLAUSIBLE} (length)</li>
 * <li>footprint overlap with another vehicle at the same instant, persisting; the clearly younger track is the
 *     ghost → {@link Verdict#GHOST}</li>
 * </ol>
 * A message that fails does not move the vehicle's reference state: a glitch is compared against the last good
 * position, and a lie keeps failing until physics could explain it.
 *
 * <p>Thread-safe: {@link #check} may be called concurrently from any number of ingress threads. Per-channel and
 * per-vehicle state each sit behind their own monitor, and a thread never holds two of them at once (the channel's
 * is released before the vehicle's is taken), so threads on different senders do not contend and nothing can
 * deadlock; the bounded maps are striped ({@link StripedLru}); counters are {@link LongAdder}s; the overlap check
 * reads other vehicles' last state through volatile fields without locking them. Hot path: no allocation for a
 * known sender and vehicle (a new one allocates its state once, ≈ 1 KB per vehicle), a few monitors, one pass over
 * a 3 × 3 cell neighbourhood of a fixed spatial hash.
 */
public final class MisbehaviourDetector {

    private final MisbehaviourConfig config;
    private final long maxFutureMicros;
    private final long maxAgeMicros;
    private final long replayWindowMicros;
    private final long consistencyWindowMicros;
    private final long checkpointSpacingMicros;
    private final long consistencyMaxGapMicros;
    private final long ghostMaxTimeGapMicros;
    private final long ghostAgeMarginMicros;
    private final long pseudonymMicros;
    private final long quarantineMicros;
    private final long violationWindowMicros;
    private final double ghostDistanceSq;
    private final double headingToleranceCos;

    private final StripedLru<Channel> channels;
    private final StripedLru<Track> tracks;
    private final Function<String, Channel> newChannel = Channel::new;
    private final Function<String, Track> newTrack;
    private final ConcurrentHashMap<String, Quarantine> channelQuarantine = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Quarantine> vehicleQuarantine = new ConcurrentHashMap<>();
    private final LongAdder quarantineOverflows = new LongAdder();
    private final LongAdder[] counts = new LongAdder[Verdict.values().length];
    private final GhostGrid grid;
    private final Plausibility.Refusal[] refusals = new Plausibility.Refusal[Verdict.values().length];

    public MisbehaviourDetector(MisbehaviourConfig config) {
        this.config = config.conclude();
        this.maxFutureMicros = Units.secondsToMicros(config.maxFutureS());
        this.maxAgeMicros = Units.secondsToMicros(config.maxAgeS());
        this.replayWindowMicros = Units.secondsToMicros(config.replayWindowS());
        this.consistencyWindowMicros = Units.secondsToMicros(config.consistencyWindowS());
        // checkpoints every quarter window: the anchor is between 1 and 1.25 windows old
        this.checkpointSpacingMicros = consistencyWindowMicros / (Track.CHECKPOINTS - 2);
        this.consistencyMaxGapMicros = Units.secondsToMicros(config.consistencyMaxGapS());
        this.ghostMaxTimeGapMicros = Units.secondsToMicros(config.ghostMaxTimeGapS());
        this.ghostAgeMarginMicros = Units.secondsToMicros(config.ghostAgeMarginS());
        this.pseudonymMicros = Units.secondsToMicros(config.pseudonymChangeMinS());
        this.quarantineMicros = Units.secondsToMicros(config.quarantineS());
        this.violationWindowMicros = Units.secondsToMicros(config.violationWindowS());
        this.ghostDistanceSq = config.ghostDistanceM() * config.ghostDistanceM();
        this.headingToleranceCos = Math.cos(Math.toRadians(config.headingToleranceDeg()));
        this.channels = new StripedLru<>(config.maxTrackedSenders());
        this.tracks = new StripedLru<>(config.maxTrackedVehicles());
        // the replay ring covers the reordering window at the full sustained rate (32 at the defaults)
        int ring = Integer.highestOneBit(Math.max(8, (int) Math.ceil(config.replayWindowS() * config.ratePerS())) * 2
                - 1);
        int hashRing = Math.min(256, ring);
        this.newTrack = id -> new Track(id, hashRing);
        this.grid = new GhostGrid(config.ghostGridSlots());
        for (Verdict v : Verdict.values()) {
            counts[v.ordinal()] = new LongAdder();
            refusals[v.ordinal()] = v == Verdict.OK ? null : new Plausibility.Refusal(switch (v) {
                case QUARANTINED -> InputProblem.QUARANTINED;
                case DUPLICATE -> InputProblem.DUPLICATE;
                default -> InputProblem.IMPLAUSIBLE;
            }, v.label());
        }
    }

    public MisbehaviourConfig config() {
        return config;
    }

    /**
     * Checks one vehicle state.
     *
     * @param senderId             the authenticated channel: device id, or the vehicle id when the edge is open
     * @param state                a state that passed {@link VehicleState#problem()}
     * @param receivedMicros       when the edge received it, epoch µs (the edge's clock)
     * @param relayPositionOrNull  position of the RSU that relayed it; null when it came directly from the vehicle
     * @param payloadHash          64-bit hash of the message octets as received (identical octets: a replay)
     * @return the verdict; only {@link Verdict#OK} should reach the twin
     */
    public Verdict check(String senderId, VehicleState state, long receivedMicros, GeoPoint relayPositionOrNull,
                         long payloadHash) {
        return check(senderId, state, receivedMicros, relayPositionOrNull != null, relayPositionOrNull, payloadHash);
    }

    /**
     * As {@link #check(String, VehicleState, long, GeoPoint, long)} for a channel that relays other vehicles
     * ({@code relayed}) without a known position (an RSU not placed in the registry, an application client feeding
     * a fleet): judged per vehicle like any relay; the relay-range check needs the position and is skipped.
     */
    public Verdict check(String senderId, VehicleState state, long receivedMicros, boolean relayed,
                         GeoPoint relayPositionOrNull, long payloadHash) {
        if (!config.enabled()) {
            return tally(Verdict.OK);
        }
        long now = receivedMicros;
        if (inForce(channelQuarantine, senderId, now)) {
            return tally(Verdict.QUARANTINED);
        }
        Channel channel = channels.get(senderId, newChannel);
        Verdict verdict = null;
        if (!relayed) {
            synchronized (channel) {
                verdict = directChannel(channel, state.vehicleId(), now);
            }
        }
        if (verdict == null) {
            if (inForce(vehicleQuarantine, state.vehicleId(), now)) {
                return tally(Verdict.QUARANTINED);
            }
            Track track = tracks.get(state.vehicleId(), newTrack);
            synchronized (track) {
                verdict = vehicle(track, senderId, relayed, state, now, relayPositionOrNull, payloadHash);
                if (relayed && verdict.isViolation()
                        && track.violations.add(now, config.quarantineViolations(), violationWindowMicros)) {
                    track.violations.clear();
                    enter(vehicleQuarantine, state.vehicleId(), new Quarantine(Quarantine.Scope.VEHICLE, senderId,
                            state.vehicleId(), verdict, config.quarantineViolations(), now, now + quarantineMicros));
                }
            }
        }
        if (!relayed && verdict.isViolation()) {
            synchronized (channel) {
                if (channel.violations.add(now, config.quarantineViolations(), violationWindowMicros)) {
                    channel.violations.clear();
                    quarantineChannel(senderId, state.vehicleId(), verdict, now);
                }
            }
        }
        return tally(verdict);
    }

    /** Rate and identity of a direct channel; null when both are fine. Holds the channel's monitor. */
    private Verdict directChannel(Channel channel, String vehicleId, long now) {
        if (!channel.bucket.take(now, config.ratePerS(), config.rateBurst())) {
            return Verdict.RATE_EXCEEDED;
        }
        String current = channel.vehicleId;
        if (current == null) {
            channel.vehicleId = vehicleId;
        } else if (!current.equals(vehicleId)) {
            // one OBU, one vehicle: a pseudonym change is fine, alternating ids or changing again at once is not
            if (channel.usedRecently(vehicleId, now, pseudonymMicros)) {
                return Verdict.GHOST;
            }
            if (channel.lastIdChangeMicros != Channel.NEVER && now - channel.lastIdChangeMicros < pseudonymMicros) {
                return Verdict.GHOST;
            }
            channel.switchTo(vehicleId, now);
        }
        return null;
    }

    /** Everything about the vehicle; holds the track's monitor. */
    private Verdict vehicle(Track t, String senderId, boolean relayed, VehicleState s, long now, GeoPoint relay,
                            long hash) {
        if (!t.seen) {
            t.seen = true;
            t.firstSeenMicros = now;
        }
        long time = s.timeMicros();
        long age = now - time;
        if (age < -maxFutureMicros) {
            return Verdict.FUTURE_TIMESTAMP;
        }
        if (age > maxAgeMicros) {
            return Verdict.STALE_TIMESTAMP;
        }
        int seen = t.indexOfHash(hash);
        if (seen >= 0) {
            if (relayed) {
                // the same broadcast heard by two RSUs, or heard again: an RSU forwards what it hears, and whoever
                // re-broadcast it over the air cannot be named (blaming the vehicle id would let anyone in radio
                // range get an honest vehicle quarantined)
                return Verdict.DUPLICATE;
            }
            if (senderId.equals(t.hashSenders[seen])) {
                return Verdict.REPLAY; // an OBU repeating itself
            }
            // the vehicle's own uplink copy of what an RSU relayed is a duplicate; an OBU sending octets of a vehicle
            // another OBU speaks for is replaying them
            String owner = t.ownerId;
            return owner == null || senderId.equals(owner) ? Verdict.DUPLICATE : Verdict.REPLAY;
        }
        VehicleState last = t.last;
        if (last != null && time == last.timeMicros() && s.position().equals(last.position())) {
            return Verdict.DUPLICATE; // the same state re-encoded by another relay (different octets)
        }
        t.rememberHash(hash, senderId);
        if (last != null && time < last.timeMicros() - replayWindowMicros) {
            return Verdict.STALE_TIMESTAMP;
        }
        if (relayed) {
            if (!t.bucket.take(now, config.ratePerS(), config.rateBurst())) {
                return Verdict.RATE_EXCEEDED;
            }
            if (relay != null && LocalEnu.distanceM(relay, s.position()) > config.maxRelayDistanceM()) {
                return Verdict.FAR_FROM_RELAY;
            }
        } else {
            String owner = t.ownerId;
            if (owner != null && !owner.equals(senderId) && now - t.ownerSeenMicros < pseudonymMicros) {
                return Verdict.GHOST; // another OBU spoke for this vehicle a moment ago
            }
            t.ownerId = senderId;
            t.ownerSeenMicros = now;
        }
        if (s.speedMps() > config.maxSpeedMps()) {
            return Verdict.SPEED_IMPLAUSIBLE;
        }
        if (Math.abs(s.accelMps2()) > config.maxAccelMps2()) { // NaN (unknown) compares false
            return Verdict.ACCELERATION_IMPLAUSIBLE;
        }
        t.scaleAt(s.latDeg());
        boolean inOrder = last == null || time > last.timeMicros();
        if (last != null) {
            Verdict physics = againstLast(t, last, s);
            if (physics != null) {
                return physics;
            }
            if (inOrder) {
                Verdict consistency = overWindow(t, last, s);
                if (consistency != null) {
                    return consistency;
                }
            }
        }
        if (inOrder) {
            if (overlapsAnother(t, s)) {
                return Verdict.GHOST;
            }
            accept(t, last, s);
        }
        return Verdict.OK;
    }

    /**
     * Position and speed change since the last accepted state, on the vehicle's own timestamps (either order: a
     * late message is as bound by physics as a new one). F2MD "position consistency" and "speed consistency";
     * TS 103 759 "position change too large", "speed change too large".
     */
    private Verdict againstLast(Track t, VehicleState last, VehicleState s) {
        double dtS = Math.abs(s.timeMicros() - last.timeMicros()) * 1e-6;
        double east = eastM(last.lonDeg(), s.lonDeg(), t.metresPerDegLon);
        double north = (s.latDeg() - last.latDeg()) * t.metresPerDegLat;
        double distance = Math.sqrt(east * east + north * north);
        double fastest = Math.max(last.speedMps(), s.speedMps()) + config.speedToleranceMps();
        // the farthest it could have got: at the faster reported speed, accelerating flat out the whole gap, never
        // faster than the speed limit of the check
        double reach = Math.min(config.maxSpeedMps() * dtS, fastest * dtS + 0.5 * config.maxAccelMps2() * dtS * dtS);
        if (distance > config.positionToleranceM() + reach) {
            return Verdict.POSITION_JUMP;
        }
        if (Math.abs(s.speedMps() - last.speedMps()) > config.maxAccelMps2() * dtS + config.speedToleranceMps()) {
            return Verdict.ACCELERATION_IMPLAUSIBLE;
        }
        return null;
    }

    /**
     * The movement over ≈ one consistency window against the displacement dead-reckoned from the reported speeds and
     * headings (trapezoidal speed, mean heading per message interval, so turns are followed). The direction is
     * F2MD's "position–heading consistency", the length its "position–speed consistency", each over a baseline long
     * enough that GNSS error does not dominate.
     */
    private Verdict overWindow(Track t, VehicleState last, VehicleState s) {
        long gap = s.timeMicros() - last.timeMicros();
        if (gap > consistencyMaxGapMicros) {
            t.pendingRestart = true;
            return null;
        }
        t.pendingRestart = false;
        double dtS = gap * 1e-6;
        double meanSpeed = 0.5 * (last.speedMps() + s.speedMps());
        double meanHeading = Math.toRadians(last.headingDeg()
                + 0.5 * Units.headingDiffDeg(last.headingDeg(), s.headingDeg()));
        t.pendingEastM = meanSpeed * dtS * Math.sin(meanHeading);
        t.pendingNorthM = meanSpeed * dtS * Math.cos(meanHeading);
        int anchor = t.anchor(s.timeMicros() - consistencyWindowMicros);
        if (anchor < 0) {
            return null;
        }
        double drEast = t.deadReckonedEastM + t.pendingEastM - t.checkpoint(anchor, 3);
        double drNorth = t.deadReckonedNorthM + t.pendingNorthM - t.checkpoint(anchor, 4);
        double obsEast = eastM(t.checkpoint(anchor, 2), s.lonDeg(), t.metresPerDegLon);
        double obsNorth = (s.latDeg() - t.checkpoint(anchor, 1)) * t.metresPerDegLat;
        double dr = Math.sqrt(drEast * drEast + drNorth * drNorth);
        double moved = Math.sqrt(obsEast * obsEast + obsNorth * obsNorth);
        if (s.speedMps() >= config.headingMinSpeedMps() && dr >= config.headingMinDistanceM()
                && moved >= config.headingMinDistanceM()
                && (drEast * obsEast + drNorth * obsNorth) < headingToleranceCos * dr * moved) {
            return Verdict.HEADING_MISMATCH;
        }
        double baselineS = (s.timeMicros() - (long) t.checkpoint(anchor, 0)) * 1e-6;
        if (Math.abs(moved - dr) > config.consistencyToleranceM() + config.speedToleranceMps() * baselineS) {
            return Verdict.SPEED_IMPLAUSIBLE;
        }
        return null;
    }

    /**
     * F2MD's "intersection check": does this state sit on another vehicle's at the same instant, message after
     * message? Only a track first seen at least {@code ghostAgeMarginS} after the other counts it: a ghost appears
     * where a real vehicle is already tracked. Two tracks of about the same age both go free: kinematics cannot tell
     * which one is real, and blaming either could quarantine an honest vehicle.
     *
     * <p>That includes an exact copy of another vehicle's states under a new id (a data replay from the first
     * message): which of the two is the copy cannot be told from the edge. The arrival order does not help (the
     * copy may travel a faster path than the original), and blaming the later arrival quarantined honest vehicles
     * in the evaluation.
     */
    private boolean overlapsAnother(Track t, VehicleState s) {
        if (ghostDistanceSq <= 0 || s.vehicleClass() == VehicleClass.MOTORCYCLE) {
            return false;
        }
        double lat = s.latDeg();
        double lon = s.lonDeg();
        double colsPerDeg = grid.colsPerDeg(lat);
        int row = GhostGrid.row(lat);
        int col = GhostGrid.col(lon, colsPerDeg);
        long youngestOther = t.firstSeenMicros - ghostAgeMarginMicros;
        boolean overlap = false;
        for (int dy = -1; dy <= 1 && !overlap; dy++) {
            for (int dx = -1; dx <= 1 && !overlap; dx++) {
                int bucket = grid.bucket(col + dx, row + dy);
                for (int way = 0; way < 2; way++) {
                    long filed = s.timeMicros() - grid.slotTime(bucket, way);
                    if (filed > ghostMaxTimeGapMicros || filed < -ghostMaxTimeGapMicros) {
                        continue; // stale or empty: no need to look at the track
                    }
                    Track other = grid.slot(bucket, way);
                    if (other == null || other == t) {
                        continue;
                    }
                    VehicleState o = other.last;
                    if (o == null || o.vehicleClass() == VehicleClass.MOTORCYCLE) {
                        continue;
                    }
                    long dtMicros = s.timeMicros() - o.timeMicros();
                    if (dtMicros > ghostMaxTimeGapMicros || dtMicros < -ghostMaxTimeGapMicros) {
                        continue;
                    }
                    // the other vehicle extrapolated along its speed and heading to this message's instant
                    double step = o.speedMps() * dtMicros * 1e-6;
                    double h = Math.toRadians(o.headingDeg());
                    double east = eastM(o.lonDeg(), lon, t.metresPerDegLon) - step * Math.sin(h);
                    double north = (lat - o.latDeg()) * t.metresPerDegLat - step * Math.cos(h);
                    if (east * east + north * north < ghostDistanceSq && other.firstSeenMicros <= youngestOther) {
                        overlap = true;
                        break;
                    }
                }
            }
        }
        if (overlap) {
            t.overlapCount = Math.min(t.overlapCount + 1, config.ghostPersistence());
        } else if (t.overlapCount > 0) {
            t.overlapCount--;
        }
        return t.overlapCount >= config.ghostPersistence();
    }

    private void accept(Track t, VehicleState last, VehicleState s) {
        if (last != null) {
            if (t.pendingRestart) {
                t.restartWindow();
            } else {
                t.deadReckonedEastM += t.pendingEastM;
                t.deadReckonedNorthM += t.pendingNorthM;
            }
        }
        t.last = s;
        t.checkpointIfDue(s.timeMicros(), s.latDeg(), s.lonDeg(), checkpointSpacingMicros);
        grid.put(t, s);
    }

    private void quarantineChannel(String senderId, String vehicleId, Verdict reason, long now) {
        enter(channelQuarantine, senderId, new Quarantine(Quarantine.Scope.CHANNEL, senderId, vehicleId, reason,
                config.quarantineViolations(), now, now + quarantineMicros));
        // the vehicle id the channel speaks for goes too, so its PC5 copies through RSUs are refused as well; not an
        // id it merely claimed (that may be an honest vehicle it impersonated)
        Track own = tracks.peek(vehicleId);
        if (own != null && senderId.equals(own.ownerId)) {
            enter(vehicleQuarantine, vehicleId, new Quarantine(Quarantine.Scope.VEHICLE, senderId, vehicleId, reason,
                    config.quarantineViolations(), now, now + quarantineMicros));
        }
    }

    private void enter(ConcurrentHashMap<String, Quarantine> map, String key, Quarantine q) {
        if (channelQuarantine.size() + vehicleQuarantine.size() >= config.maxQuarantined()) {
            forgetExpired(q.sinceMicros());
            if (channelQuarantine.size() + vehicleQuarantine.size() >= config.maxQuarantined()) {
                quarantineOverflows.increment();
                return;
            }
        }
        map.put(key, q);
    }

    private static boolean inForce(ConcurrentHashMap<String, Quarantine> map, String key, long now) {
        Quarantine q = map.get(key);
        if (q == null) {
            return false;
        }
        if (q.activeAt(now)) {
            return true;
        }
        map.remove(key, q);
        return false;
    }

    private void forgetExpired(long now) {
        channelQuarantine.values().removeIf(q -> !q.activeAt(now));
        vehicleQuarantine.values().removeIf(q -> !q.activeAt(now));
    }

    private Verdict tally(Verdict v) {
        counts[v.ordinal()].increment();
        return v;
    }

    /** East component of the move from {@code fromLonDeg} to {@code toLonDeg}, m (short way round). */
    private static double eastM(double fromLonDeg, double toLonDeg, double metresPerDegLon) {
        double d = toLonDeg - fromLonDeg;
        if (d > 180.0) {
            d -= 360.0;
        } else if (d < -180.0) {
            d += 360.0;
        }
        return d * metresPerDegLon;
    }

    /** True while the channel {@code senderId} is in quarantine. */
    public boolean isQuarantined(String senderId, long nowMicros) {
        return inForce(channelQuarantine, senderId, nowMicros);
    }

    /** True while the vehicle id is in quarantine (relayed misbehaviour, or its OBU's channel is quarantined). */
    public boolean isVehicleQuarantined(String vehicleId, long nowMicros) {
        return inForce(vehicleQuarantine, vehicleId, nowMicros);
    }

    /** Quarantines in force at {@code nowMicros}, oldest first (expired ones are forgotten). */
    public List<Quarantine> quarantined(long nowMicros) {
        forgetExpired(nowMicros);
        List<Quarantine> all = new ArrayList<>(channelQuarantine.values());
        all.addAll(vehicleQuarantine.values());
        all.sort(Comparator.comparingLong(Quarantine::sinceMicros).thenComparing(Quarantine::senderId));
        return all;
    }

    /** Messages that got {@code verdict} so far. */
    public long count(Verdict verdict) {
        return counts[verdict.ordinal()].sum();
    }

    /** A snapshot of every verdict's count. */
    public Map<Verdict, Long> counts() {
        Map<Verdict, Long> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            m.put(v, counts[v.ordinal()].sum());
        }
        return m;
    }

    /** Channels (device ids) whose state is kept; at most {@code maxTrackedSenders}. */
    public int trackedSenders() {
        return channels.size();
    }

    /** Vehicle tracks kept; at most {@code maxTrackedVehicles}. */
    public int trackedVehicles() {
        return tracks.size();
    }

    /** Channels evicted (least recently seen) to stay within {@code maxTrackedSenders}. */
    public long senderEvictions() {
        return channels.evictions();
    }

    /** Vehicle tracks evicted to stay within {@code maxTrackedVehicles}. */
    public long vehicleEvictions() {
        return tracks.evictions();
    }

    /** Quarantines not entered because {@code maxQuarantined} were already in force. */
    public long quarantineOverflows() {
        return quarantineOverflows.sum();
    }

    /**
     * This detector as the edge's {@link Plausibility}: {@code OK} passes, {@code QUARANTINED} is refused as
     * {@link InputProblem#QUARANTINED}, everything else as {@link InputProblem#IMPLAUSIBLE} with the verdict's label
     * (also {@code duplicate}, which is no misbehaviour: see the report for the suggested {@code InputProblem}).
     * Allocation-free: the refusals are built once.
     */
    public Plausibility plausibility() {
        return (sender, state, received, relayed, relay, hash) -> refusals[check(sender, state, received, relayed,
                relay, hash).ordinal()];
    }
}
