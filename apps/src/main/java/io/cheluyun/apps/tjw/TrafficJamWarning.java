package io.cheluyun.apps.tjw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.Kinematics;
import io.cheluyun.apps.Kinematics.Relative;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.Advice;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.TwinView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Traffic Jam Warning (T/CSAE 53-2017 Day-1): warns a host driving towards the tail of a queue of slow vehicles on its
 * carriageway. The advice is {@link Advice.Action#SLOW_DOWN}.
 *
 * <p><b>Queues from speeds.</b> A queue is at least {@link TjwConfig#minQueueSize()} vehicles slower than
 * {@link TjwConfig#queueSpeedMps()}, heading the same way (within {@link TjwConfig#maxHeadingDiffDeg()} of the queue's
 * first member), each within {@link TjwConfig#chainGapM()} bumper gap of another member. Its tail is the member
 * farthest back along the members' mean heading.
 *
 * <p><b>Cost.</b> This application sees every BSM, so the work per message is kept to a map update and a pass over
 * the few queues: {@link #onVehicle} only keeps a per-shard map of slow vehicles current; the queues are rebuilt in
 * {@link #onTick} at most every {@link TjwConfig#rebuildIntervalMs()} of message time (a breadth-first chaining over
 * the slow vehicles through the twin's spatial index, seeds in id order so every run gives the same queues); and a
 * host's update tests each queue with a heading comparison and a distance bound before any geometry. Nothing scans the
 * vehicles of the look-ahead per message. A queue up to a second old is still exact enough: its members move less
 * than {@code queueSpeedMps} × 1 s, and the tail is dead-reckoned to the host's time ({@link Kinematics#relative}).
 *
 * <p><b>Rule.</b> A host faster than {@link TjwConfig#minHostSpeedMps()} is warned when a queue heading its way has
 * its tail ahead of it, within {@link TjwConfig#maxLateralOffsetM()} of its path, at a bumper gap within the
 * look-ahead {@code min(maxLookAheadM, max(minLookAheadM, speed × lookAheadTimeS))}. The nearest such tail is reported:
 * distance is the bumper gap to it, TTC that gap over the host's speed (the time to reach a stopped tail without
 * braking). A host that is itself slow is part of the traffic, not approaching it, and is not evaluated. Geometry is
 * straight-line in the host's frame: on a curve a far tail may fall out of the lateral window until MAP lanes carry
 * the road's shape.
 *
 * <p><b>One warning per approach.</b> The hysteresis key is the host alone, not (host, tail): the tail changes every
 * time a vehicle joins the queue, and a host braking towards a growing queue must not be warned again for each
 * newcomer. The host stays active while any queue is ahead within the look-ahead plus
 * {@link TjwConfig#sustainMarginM()}, whatever its speed, and re-arms once no queue has been ahead for
 * {@link TjwConfig#clearHoldMs()}.
 *
 * <p>Known limits: queues waiting at a red light are queues too (telling them apart needs the MAP stop lines and the
 * signal state), and a row of parked cars that keep broadcasting looks like one.
 */
public final class TrafficJamWarning implements CooperativeApp {

    /** Half the longest vehicle (GB 1589: articulated truck ≤ 18.1 m), rounded up. */
    private static final double MAX_HALF_LENGTH_M = 10.0;

    private final TjwConfig config;
    private final long maxStateAgeMicros;
    private final long rebuildIntervalMicros;
    private final Hysteresis<String> hazards;
    /** Slow vehicles of this shard (owned and halo copies), by id: their latest state. */
    private final HashMap<String, VehicleState> slow = new HashMap<>();
    /** The queues found at the last rebuild. */
    private List<Jam> jams = List.of();
    private long lastRebuildMicros = Long.MIN_VALUE;
    // scratch of the rebuild, reused
    private final ArrayList<String> seeds = new ArrayList<>();
    private final HashSet<String> clustered = new HashSet<>();
    private final ArrayDeque<VehicleState> frontier = new ArrayDeque<>();
    private final ArrayList<VehicleState> members = new ArrayList<>();
    private final ArrayList<VehicleState> near = new ArrayList<>();

    public TrafficJamWarning(TjwConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        this.rebuildIntervalMicros = config.rebuildIntervalMs() * 1_000L;
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    /**
     * A queue: its rearmost member, the members' mean heading, how many they are and the queue's length from the
     * tail's rear bumper to the head's front bumper.
     */
    record Jam(VehicleState tail, double headingDeg, int size, double lengthM) {
    }

    @Override
    public String name() {
        return "tjw";
    }

    /** The queues found at the last rebuild, tails in seed (id) order. */
    List<Jam> jams() {
        return jams;
    }

    /** Number of hosts currently warned and not yet re-armed. */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState v, TwinView twin, WarningSink out) {
        if (v.speedMps() < config.queueSpeedMps()) {
            slow.put(v.vehicleId(), v);
            if (hazards.isActive(v.vehicleId()) && !jams.isEmpty()) {
                evaluate(v, twin, out); // a warned host braking into the queue keeps its hazard alive
            }
            return;
        }
        slow.remove(v.vehicleId());
        if (!jams.isEmpty()) {
            evaluate(v, twin, out);
        }
    }

    private void evaluate(VehicleState host, TwinView twin, WarningSink out) {
        double lookAheadM = Math.min(config.maxLookAheadM(),
                Math.max(config.minLookAheadM(), host.speedMps() * config.lookAheadTimeS()));
        double reachM = lookAheadM + config.sustainMarginM();
        // centre distance bound: the gap reach, two half lengths and what dead reckoning over the queue's age adds
        double boundM = reachM + 2 * MAX_HALF_LENGTH_M
                + config.queueSpeedMps() * (rebuildIntervalMicros + maxStateAgeMicros) / 1e6;
        double mPerDegLat = LocalEnu.metresPerDegreeLat(host.latDeg());
        double mPerDegLon = LocalEnu.metresPerDegreeLon(host.latDeg());
        LocalEnu frame = null;
        Jam nearest = null;
        double nearestGapM = Double.POSITIVE_INFINITY;
        long t = host.timeMicros();
        for (int i = 0, n = jams.size(); i < n; i++) {
            Jam jam = jams.get(i);
            VehicleState tail = jam.tail();
            if (Math.abs(Units.headingDiffDeg(host.headingDeg(), jam.headingDeg())) > config.maxHeadingDiffDeg()
                    || tail.vehicleId().equals(host.vehicleId())) {
                continue;
            }
            double dx = (tail.lonDeg() - host.lonDeg()) * mPerDegLon;
            double dy = (tail.latDeg() - host.latDeg()) * mPerDegLat;
            if (dx * dx + dy * dy > boundM * boundM) {
                continue;
            }
            if (frame == null) {
                frame = twin.frameAt(host.latDeg(), host.lonDeg());
            }
            Relative r = Kinematics.relative(host, tail, frame);
            if (r.longitudinalM() <= 0 || Math.abs(r.lateralM()) > config.maxLateralOffsetM()) {
                continue;
            }
            double gapM = Math.max(0.0, r.longitudinalM() - (lengthM(host) + lengthM(tail)) / 2.0);
            if (gapM < nearestGapM) {
                nearestGapM = gapM;
                nearest = jam;
                t = r.timeMicros();
            }
        }
        boolean sustain = nearestGapM <= reachM;
        if (!sustain) {
            return; // an active host re-arms through expire() after the clear hold
        }
        boolean trigger = host.speedMps() >= config.minHostSpeedMps() && nearestGapM <= lookAheadM;
        if (hazards.update(host.vehicleId(), t, trigger, sustain)) {
            VehicleState tail = nearest.tail();
            out.emit(Warnings.of(WarningType.TJW, Severity.WARNING, host.vehicleId(), tail.vehicleId(), t,
                    config.validityMs(), nearestGapM / host.speedMps(), nearestGapM, tail.position(),
                    Advice.of(Advice.Action.SLOW_DOWN)));
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
        if (lastRebuildMicros != Long.MIN_VALUE && nowMicros - lastRebuildMicros < rebuildIntervalMicros) {
            return;
        }
        lastRebuildMicros = nowMicros;
        rebuild(nowMicros, twin);
    }

    /** Refreshes the slow set from the twin (drops the evicted, the silent and the no longer slow), then chains it. */
    private void rebuild(long nowMicros, TwinView twin) {
        seeds.clear();
        for (Iterator<Map.Entry<String, VehicleState>> it = slow.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, VehicleState> e = it.next();
            VehicleState latest = twin.vehicle(e.getKey());
            if (latest == null || latest.speedMps() >= config.queueSpeedMps()
                    || nowMicros - latest.timeMicros() > maxStateAgeMicros) {
                it.remove();
            } else {
                e.setValue(latest);
                seeds.add(e.getKey());
            }
        }
        if (seeds.size() < config.minQueueSize()) {
            jams = List.of();
            return;
        }
        Collections.sort(seeds); // hash order differs between shards and runs; id order does not
        clustered.clear();
        List<Jam> found = new ArrayList<>();
        double searchM = config.chainGapM() + 2 * MAX_HALF_LENGTH_M;
        for (int s = 0, n = seeds.size(); s < n; s++) {
            String seedId = seeds.get(s);
            if (!clustered.add(seedId)) {
                continue;
            }
            VehicleState seed = slow.get(seedId);
            members.clear();
            frontier.add(seed);
            while (!frontier.isEmpty()) {
                VehicleState v = frontier.poll();
                members.add(v);
                near.clear();
                twin.vehiclesNear(v.latDeg(), v.lonDeg(), searchM, near);
                for (int i = 0, m = near.size(); i < m; i++) {
                    VehicleState candidate = slow.get(near.get(i).vehicleId());
                    if (candidate != null && !clustered.contains(candidate.vehicleId())
                            && Math.abs(Units.headingDiffDeg(seed.headingDeg(), candidate.headingDeg()))
                                    <= config.maxHeadingDiffDeg()
                            && bumperGapM(v, candidate) <= config.chainGapM()) {
                        clustered.add(candidate.vehicleId());
                        frontier.add(candidate);
                    }
                }
            }
            if (members.size() >= config.minQueueSize()) {
                found.add(jamOf(members));
            }
        }
        jams = List.copyOf(found);
    }

    /** The queue of these members: mean heading, the rearmost and foremost members along it. */
    private Jam jamOf(List<VehicleState> queue) {
        VehicleState first = queue.getFirst();
        double sumSin = 0;
        double sumCos = 0;
        for (VehicleState v : queue) {
            sumSin += Math.sin(Math.toRadians(v.headingDeg()));
            sumCos += Math.cos(Math.toRadians(v.headingDeg()));
        }
        double headingDeg = Units.normaliseHeadingDeg(Math.toDegrees(Math.atan2(sumSin, sumCos)));
        double sin = Math.sin(Math.toRadians(headingDeg));
        double cos = Math.cos(Math.toRadians(headingDeg));
        double mPerDegLat = LocalEnu.metresPerDegreeLat(first.latDeg());
        double mPerDegLon = LocalEnu.metresPerDegreeLon(first.latDeg());
        VehicleState tail = first;
        double tailRearM = Double.POSITIVE_INFINITY;
        double headFrontM = Double.NEGATIVE_INFINITY;
        for (VehicleState v : queue) {
            double along = (v.lonDeg() - first.lonDeg()) * mPerDegLon * sin
                    + (v.latDeg() - first.latDeg()) * mPerDegLat * cos;
            double half = lengthM(v) / 2.0;
            if (along - half < tailRearM) {
                tailRearM = along - half;
                tail = v;
            }
            headFrontM = Math.max(headFrontM, along + half);
        }
        return new Jam(tail, headingDeg, queue.size(), headFrontM - tailRearM);
    }

    private double bumperGapM(VehicleState a, VehicleState b) {
        double mPerDegLat = LocalEnu.metresPerDegreeLat(a.latDeg());
        double mPerDegLon = LocalEnu.metresPerDegreeLon(a.latDeg());
        double dx = (b.lonDeg() - a.lonDeg()) * mPerDegLon;
        double dy = (b.latDeg() - a.latDeg()) * mPerDegLat;
        return Math.sqrt(dx * dx + dy * dy) - (lengthM(a) + lengthM(b)) / 2.0;
    }

    private double lengthM(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }
}
