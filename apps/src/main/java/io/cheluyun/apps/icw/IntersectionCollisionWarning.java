package io.cheluyun.apps.icw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.Prediction;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;

/**
 * Intersection Collision Warning (T/CSAE 53-2017 Day-1): two vehicles on crossing paths that would collide within
 * {@link IcwConfig#ttcThresholdS()} are both warned.
 *
 * <p>On each vehicle update, every partner whose heading crosses the host's (between the minimum and maximum
 * crossing angle) is predicted with the host by the constant turn rate and acceleration model
 * ({@link Prediction}) from their common time over {@link IcwConfig#horizonS()} in {@link IcwConfig#stepS()} steps.
 * Between two steps both move on straight lines, and the closest approach within the step is solved exactly, so a
 * fast crossing cannot slip between samples. The conflict time is the first moment the centres come closer than the
 * two vehicles' radii (half their mean dimension) plus a margin. Each vehicle of a pair is a separate hazard with its
 * own hysteresis; which shard delivers which warning is the host's concern, not this class's.
 */
public final class IntersectionCollisionWarning implements CooperativeApp {

    private final IcwConfig config;
    private final long maxStateAgeMicros;
    private final Hysteresis<Pair> hazards;
    private final List<VehicleState> neighbours = new ArrayList<>();
    private final double[] hostPose = new double[4];
    private final double[] otherPose = new double[4];

    private record Pair(String target, String other) {
    }

    public IntersectionCollisionWarning(IcwConfig config) {
        this.config = config.conclude();
        this.maxStateAgeMicros = config.maxStateAgeMs() * 1_000L;
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    @Override
    public String name() {
        return "icw";
    }

    @Override
    public void onVehicle(VehicleState host, TwinView twin, WarningSink out) {
        double reach = (host.speedMps() + config.maxOtherSpeedMps()) * config.horizonS() + 2 * config.defaultLengthM();
        neighbours.clear();
        twin.vehiclesNear(host.latDeg(), host.lonDeg(), reach, neighbours);
        LocalEnu frame = twin.frameAt(host.latDeg(), host.lonDeg());
        for (int i = 0, n = neighbours.size(); i < n; i++) {
            VehicleState other = neighbours.get(i);
            if (other.vehicleId().equals(host.vehicleId())
                    || Math.abs(host.timeMicros() - other.timeMicros()) > maxStateAgeMicros) {
                continue;
            }
            double angle = Math.abs(Units.headingDiffDeg(host.headingDeg(), other.headingDeg()));
            if (angle < config.minCrossingAngleDeg() || angle > config.maxCrossingAngleDeg()) {
                continue;
            }
            boolean slow = host.speedMps() < config.minSpeedMps() && other.speedMps() < config.minSpeedMps();
            long t = Math.max(host.timeMicros(), other.timeMicros());
            double conflictS = slow ? Double.POSITIVE_INFINITY : conflictTimeS(host, other, t, frame);
            evaluate(host, other, t, conflictS, out);
            evaluate(other, host, t, conflictS, out);
        }
    }

    private void evaluate(VehicleState target, VehicleState other, long t, double conflictS, WarningSink out) {
        boolean trigger = conflictS < config.ttcThresholdS();
        boolean sustain = conflictS < config.rearmTtcS();
        if (hazards.update(new Pair(target.vehicleId(), other.vehicleId()), t, trigger, sustain)) {
            Severity severity = conflictS < config.criticalTtcS() ? Severity.CRITICAL : Severity.WARNING;
            LocalEnu frame = new LocalEnu(target.latDeg(), target.lonDeg());
            double distance = Math.hypot(frame.eastM(other.latDeg(), other.lonDeg()),
                    frame.northM(other.latDeg(), other.lonDeg()));
            out.emit(Warnings.of(WarningType.ICW, severity, target.vehicleId(), other.vehicleId(), t,
                    config.validityMs(), conflictS, distance, other.position(), null));
        }
    }

    /** Seconds from {@code t} to the first predicted conflict within the horizon, +∞ if none. */
    double conflictTimeS(VehicleState a, VehicleState b, long t, LocalEnu frame) {
        double limit = radius(a) + radius(b) + config.conflictMarginM();
        double limit2 = limit * limit;
        long stepMicros = Units.secondsToMicros(config.stepS());
        Prediction.predict(a, t, frame, hostPose);
        Prediction.predict(b, t, frame, otherPose);
        double dx = otherPose[Prediction.EAST] - hostPose[Prediction.EAST];
        double dy = otherPose[Prediction.NORTH] - hostPose[Prediction.NORTH];
        if (dx * dx + dy * dy <= limit2) {
            return 0.0;
        }
        int steps = (int) Math.round(config.horizonS() / config.stepS());
        for (int k = 1; k <= steps; k++) {
            Prediction.predict(a, t + k * stepMicros, frame, hostPose);
            Prediction.predict(b, t + k * stepMicros, frame, otherPose);
            double ex = otherPose[Prediction.EAST] - hostPose[Prediction.EAST];
            double ey = otherPose[Prediction.NORTH] - hostPose[Prediction.NORTH];
            // relative position moves linearly from (dx, dy) to (ex, ey) over the step: first entry into the circle
            double vx = ex - dx;
            double vy = ey - dy;
            double qa = vx * vx + vy * vy;
            double qb = 2 * (dx * vx + dy * vy);
            double qc = dx * dx + dy * dy - limit2;
            double disc = qb * qb - 4 * qa * qc;
            if (qa > 0 && disc >= 0) {
                double f = (-qb - Math.sqrt(disc)) / (2 * qa);
                if (f >= 0 && f <= 1) {
                    return (k - 1 + f) * config.stepS();
                }
            }
            dx = ex;
            dy = ey;
        }
        return Double.POSITIVE_INFINITY;
    }

    private double radius(VehicleState v) {
        double length = Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
        double width = Double.isNaN(v.widthM()) ? config.defaultWidthM() : v.widthM();
        return (length + width) / 4.0;
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
    }
}
