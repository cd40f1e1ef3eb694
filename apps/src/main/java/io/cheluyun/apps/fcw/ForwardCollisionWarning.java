package io.cheluyun.apps.fcw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.Kinematics;
import io.cheluyun.apps.Kinematics.Relative;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;

/**
 * Forward Collision Warning (T/CSAE 53-2017 Day-1): warns a following vehicle that it will hit the vehicle ahead
 * in its lane and direction within {@link FcwConfig#ttcThresholdS()} at current speeds.
 *
 * <p>On every vehicle update both roles are checked against its neighbours: the updated vehicle as follower (its
 * own speed changed) and as leader (it may have just braked), so the warning comes with the first message after
 * the threshold crossing, whichever vehicle sent it. Pairs are compared at a common time by dead reckoning
 * ({@link Kinematics#relative}).
 *
 * <p>Time to collision is the bumper-to-bumper gap over the closing speed (constant relative speed), with positions
 * at the vehicle centre as the standards define them. One hazard gives one warning: a warned pair stays active
 * while TTC is below {@link FcwConfig#rearmTtcS()} and is re-armed once it has stayed clear for
 * {@link FcwConfig#clearHoldMs()} of message time.
 */
public final class ForwardCollisionWarning implements CooperativeApp {

    /** Two articulated-truck lengths (GB 1589: ≤ 18.1 m) added to the search radius. */
    private static final double SEARCH_MARGIN_M = 40.0;
    /** Bound on the difference between the pre-test's local degree lengths and the tile frame. */
    private static final double FRAME_SLACK_M = 0.5;

    private final FcwConfig config;
    private final long maxStateAgeMicros;
    /** Active hazards by (follower, leader). */
    private final Hysteresis<Pair> hazards;
    private final List<VehicleState> neighbours = new ArrayList<>();

    public ForwardCollisionWarning(FcwConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    private record Pair(String follower, String leader) {
    }

    @Override
    public String name() {
        return "fcw";
    }

    /** Number of hazards currently active (warned and not yet re-armed). */
    public int activeHazards() {
        return hazards.size();
    }

    @Override
    public void onVehicle(VehicleState ego, TwinView twin, WarningSink out) {
        neighbours.clear();
        twin.vehiclesNear(ego.latDeg(), ego.lonDeg(), searchRadiusM(ego), neighbours);
        LocalEnu frame = twin.frameAt(ego.latDeg(), ego.lonDeg());
        double mPerDegLat = LocalEnu.metresPerDegreeLat(ego.latDeg());
        double mPerDegLon = LocalEnu.metresPerDegreeLon(ego.latDeg());
        double egoH = Math.toRadians(ego.headingDeg());
        double egoSin = Math.sin(egoH);
        double egoCos = Math.cos(egoH);
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState other = neighbours.get(i);
            if (Math.abs(ego.timeMicros() - other.timeMicros()) > maxStateAgeMicros) {
                continue;
            }
            double headingDiffDeg = Units.headingDiffDeg(ego.headingDeg(), other.headingDeg());
            if (Math.abs(headingDiffDeg) > config.maxHeadingDiffDeg()) {
                continue; // evaluate() would find no same-direction hazard: skipping it changes nothing
            }
            double dx = (other.lonDeg() - ego.lonDeg()) * mPerDegLon;
            double dy = (other.latDeg() - ego.latDeg()) * mPerDegLat;
            if (!mayShareLane(ego, other, dx, dy, egoSin, egoCos, headingDiffDeg)
                    || other.vehicleId().equals(ego.vehicleId())) {
                continue;
            }
            Relative fromEgo = Kinematics.relative(ego, other, frame);
            if (fromEgo.longitudinalM() > 0) {
                evaluate(ego, other, fromEgo, out);
            } else {
                evaluate(other, ego, Kinematics.relative(other, ego, frame), out);
            }
        }
    }

    /**
     * How far to look for a partner: a follower at the higher of the ego's speed and the FCW host speed range
     * closes at most its own speed, so a hazard inside the re-arm band lies within {@code rearmTtcS} of that speed,
     * plus what dead reckoning over {@code maxStateAgeMs} adds and two truck lengths.
     */
    private double searchRadiusM(VehicleState ego) {
        double speed = Math.max(ego.speedMps(), config.maxHostSpeedMps());
        return Math.min(config.maxRangeM(),
                config.rearmTtcS() * speed + speed * maxStateAgeMicros / 1e6 + SEARCH_MARGIN_M);
    }

    /**
     * Conservative lane pre-test before the exact {@link Kinematics#relative} comparison: the pair is compared in
     * the follower's frame after dead reckoning, where the follower's own advance is along its heading (no lateral
     * change) and the leader's moves the offset by at most its advance. So when the raw offset across
     * <em>both</em> headings exceeds the lane tolerance by more than either advance (plus the few centimetres
     * between this local approximation and the tile frame), neither role can be in the same lane. The offset
     * across the other's heading differs from the one across the ego's by at most distance × heading difference
     * (in radians), which spares the trigonometry for most pairs.
     */
    private boolean mayShareLane(VehicleState ego, VehicleState other, double dx, double dy, double egoSin,
                                 double egoCos, double headingDiffDeg) {
        long t = Math.max(ego.timeMicros(), other.timeMicros());
        double slackM = config.maxLateralOffsetM() + FRAME_SLACK_M
                + Math.max(Kinematics.advanceM(ego, t), Kinematics.advanceM(other, t));
        double lateralFromEgo = Math.abs(dx * egoCos - dy * egoSin);
        if (lateralFromEgo <= slackM) {
            return true;
        }
        double distanceM = Math.sqrt(dx * dx + dy * dy);
        if (lateralFromEgo - distanceM * Math.toRadians(Math.abs(headingDiffDeg)) > slackM) {
            return false;
        }
        double otherH = Math.toRadians(other.headingDeg());
        return Math.abs(dx * Math.cos(otherH) - dy * Math.sin(otherH)) <= slackM;
    }

    private void evaluate(VehicleState follower, VehicleState leader, Relative r, WarningSink out) {
        boolean sameLaneAndDirection = Math.abs(r.headingDiffDeg()) <= config.maxHeadingDiffDeg()
                && Math.abs(r.lateralM()) <= config.maxLateralOffsetM()
                && r.longitudinalM() > 0;
        boolean moving = r.egoSpeedMps() >= config.minSpeedMps() && r.otherSpeedMps() >= config.minSpeedMps();
        double ttcS = Double.POSITIVE_INFINITY;
        double gapM = r.longitudinalM() - (lengthM(follower) + lengthM(leader)) / 2.0;
        if (sameLaneAndDirection && moving && r.closingMps() >= config.minClosingSpeedMps()) {
            ttcS = Math.max(0.0, gapM) / r.closingMps();
        }

        long t = r.timeMicros();
        if (hazards.update(new Pair(follower.vehicleId(), leader.vehicleId()), t, ttcS < config.ttcThresholdS(),
                ttcS < config.rearmTtcS())) {
            Severity severity = ttcS < config.criticalTtcS() ? Severity.CRITICAL : Severity.WARNING;
            out.emit(Warnings.of(WarningType.FCW, severity, follower.vehicleId(), leader.vehicleId(), t,
                    config.validityMs(), ttcS, Math.max(0.0, gapM), leader.position(), null));
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        // pairs no longer evaluated (a vehicle left, was evicted or stopped reporting) re-arm after the hold
        hazards.expire(nowMicros);
    }

    private double lengthM(VehicleState v) {
        return Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
    }
}
