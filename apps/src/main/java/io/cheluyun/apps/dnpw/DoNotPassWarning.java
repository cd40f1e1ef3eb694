package io.cheluyun.apps.dnpw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.Kinematics;
import io.cheluyun.apps.Kinematics.Relative;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.Advice;
import io.cheluyun.model.ExteriorLights.Light;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;

/**
 * Do Not Pass Warning (T/CSAE 53-2017 Day-1): on a two-way road, warns a host that signals left to overtake the
 * slower vehicle it follows while an oncoming vehicle in the opposite lane is closer than the overtake needs. The
 * advice is {@link Advice.Action#DO_NOT_PASS}.
 *
 * <p><b>Rule.</b> All of: the host's left turn signal is on (hazard lights, which flash both indicators, do not
 * count) and it drives at least {@link DnpwConfig#minHostSpeedMps()}; a vehicle ahead in its lane and direction within
 * {@link DnpwConfig#maxLeaderGapM()} is not faster than the host (the vehicle to pass); an oncoming vehicle (headings
 * more than {@link DnpwConfig#minOncomingDiffDeg()} apart) is ahead of the host in the lane to its left and its bumper
 * gap is within the distance the overtake needs, {@code passingTimeS × (host speed + oncoming speed) + marginM}: what
 * both cover while the host is in the opposite lane, plus the clearance left at the end. A vehicle whose centre is
 * already behind the host's has passed and is no conflict.
 *
 * <p>Without a vehicle to pass there is no warning: a left signal with nobody ahead is a left turn, which is Left Turn
 * Assist's case, and warning it would make DNPW fire at every left turn across oncoming traffic. A vehicle in the
 * left lane driving the host's way is the multi-lane case (LCW), never oncoming.
 *
 * <p><b>Evaluation.</b> Only the host's own messages are evaluated, and only when its left signal is on, so the wide
 * neighbour search (up to {@link DnpwConfig#maxRangeM()}) runs for a handful of vehicles at a time. The host sends at
 * 10 Hz and the pair is brought to a common time ({@link Kinematics#relative}), so the warning still comes within one
 * message period of the condition. Geometry is straight-line in the host's frame: on a curve, or with heading error,
 * a far oncoming vehicle may fall out of the lateral window (a missed warning, not a false one) until MAP lanes give
 * the opposite lane.
 *
 * <p><b>Reported geometry.</b> Distance is the bumper gap to the oncoming vehicle, TTC that gap over the closing
 * speed. Severity is {@code WARNING}.
 *
 * <p>One hazard, one warning: the key is (host, oncoming vehicle), evaluated for the nearest conflicting oncoming
 * vehicle only, so a stream of oncoming traffic gives one warning per vehicle as each becomes the nearest, not one per
 * vehicle at once. A hazard stays active while the signal is on and that vehicle is within the needed distance (the
 * vehicle to pass need no longer be found, the host may be pulling out) and re-arms after
 * {@link DnpwConfig#clearHoldMs()} without.
 */
public final class DoNotPassWarning implements CooperativeApp {

    /** Two articulated-truck lengths (GB 1589: ≤ 18.1 m) and dead reckoning over the state age, on the radius. */
    private static final double SEARCH_MARGIN_M = 40.0;

    private final DnpwConfig config;
    private final long maxStateAgeMicros;
    private final Hysteresis<Pair> hazards;
    private final List<VehicleState> neighbours = new ArrayList<>();

    public DoNotPassWarning(DnpwConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    /** A hazard: a host and the oncoming vehicle it must not pull out in front of. */
    private record Pair(String host, String oncoming) {
    }

    @Override
    public String name() {
        return "dnpw";
    }

    /** Number of hazards currently active (warned and not yet re-armed). */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState host, TwinView twin, WarningSink out) {
        if (host.speedMps() < config.minHostSpeedMps() || !host.lights().isOn(Light.LEFT_TURN_SIGNAL)
                || host.lights().isOn(Light.HAZARD_SIGNAL)) {
            return; // no overtaking intent: active hazards re-arm through expire() after the clear hold
        }
        neighbours.clear();
        twin.vehiclesNear(host.latDeg(), host.lonDeg(), searchRadiusM(host), neighbours);
        LocalEnu frame = twin.frameAt(host.latDeg(), host.lonDeg());
        double mPerDegLat = LocalEnu.metresPerDegreeLat(host.latDeg());
        double mPerDegLon = LocalEnu.metresPerDegreeLon(host.latDeg());
        // a leader is within the following gap, two truck lengths and what dead reckoning adds
        double leaderRangeM = config.maxLeaderGapM() + SEARCH_MARGIN_M;
        boolean following = false;
        VehicleState nearest = null;
        Relative nearestR = null;
        double nearestGapM = Double.POSITIVE_INFINITY;
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState other = neighbours.get(i);
            if (Math.abs(host.timeMicros() - other.timeMicros()) > maxStateAgeMicros
                    || other.vehicleId().equals(host.vehicleId())) {
                continue;
            }
            double diffDeg = Math.abs(Units.headingDiffDeg(host.headingDeg(), other.headingDeg()));
            if (diffDeg <= config.maxSameDirectionDiffDeg()) {
                if (following) {
                    continue;
                }
                double dx = (other.lonDeg() - host.lonDeg()) * mPerDegLon;
                double dy = (other.latDeg() - host.latDeg()) * mPerDegLat;
                following = dx * dx + dy * dy <= leaderRangeM * leaderRangeM
                        && isSlowerLeader(host, other, Kinematics.relative(host, other, frame));
            } else if (diffDeg > config.minOncomingDiffDeg()) {
                Relative r = Kinematics.relative(host, other, frame);
                if (r.longitudinalM() > 0 && r.lateralM() <= -config.minOncomingLateralM()
                        && r.lateralM() >= -config.maxOncomingLateralM()) {
                    double gapM = Math.max(0.0, r.longitudinalM() - (lengthM(host) + lengthM(other)) / 2.0);
                    if (gapM < nearestGapM) {
                        nearestGapM = gapM;
                        nearest = other;
                        nearestR = r;
                    }
                }
            }
        }
        if (nearest == null) {
            return;
        }
        double neededM = config.passingTimeS() * (nearestR.egoSpeedMps() + nearestR.otherSpeedMps())
                + config.marginM();
        boolean sustain = nearestGapM <= neededM;
        if (!sustain) {
            return;
        }
        long t = nearestR.timeMicros();
        if (hazards.update(new Pair(host.vehicleId(), nearest.vehicleId()), t, following, sustain)) {
            double ttcS = nearestR.closingMps() > 0 ? nearestGapM / nearestR.closingMps() : Double.NaN;
            out.emit(Warnings.of(WarningType.DNPW, Severity.WARNING, host.vehicleId(), nearest.vehicleId(), t,
                    config.validityMs(), ttcS, nearestGapM, nearest.position(), Advice.of(Advice.Action.DO_NOT_PASS)));
        }
    }

    /** Ahead in the host's lane within the following gap, and not pulling away. */
    private boolean isSlowerLeader(VehicleState host, VehicleState other, Relative r) {
        double gapM = r.longitudinalM() - (lengthM(host) + lengthM(other)) / 2.0;
        return r.longitudinalM() > 0 && gapM <= config.maxLeaderGapM()
                && Math.abs(r.lateralM()) <= config.laneHalfWidthM()
                && r.otherSpeedMps() <= r.egoSpeedMps() + config.maxLeaderSpeedExcessMps();
    }

    /**
     * How far to look: the distance needed against an oncoming vehicle at the top of the plausible speed range, plus
     * margins; at least the following gap; capped at {@link DnpwConfig#maxRangeM()}.
     */
    private double searchRadiusM(VehicleState host) {
        double neededM = config.passingTimeS() * (host.speedMps() + config.maxOncomingSpeedMps()) + config.marginM();
        return Math.min(config.maxRangeM(), Math.max(neededM, config.maxLeaderGapM()) + SEARCH_MARGIN_M);
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
    }

    private double lengthM(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }
}
