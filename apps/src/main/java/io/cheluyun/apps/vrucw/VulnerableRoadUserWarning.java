package io.cheluyun.apps.vrucw;

import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.apps.Hysteresis;
import io.cheluyun.apps.WarningSink;
import io.cheluyun.apps.Warnings;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.WarningType;
import io.cheluyun.twin.Prediction;
import io.cheluyun.twin.TwinView;
import java.util.ArrayList;
import java.util.List;

/**
 * Vulnerable Road User Collision Warning (T/CSAE 53-2017 Day-1): warns a vehicle that a pedestrian, cyclist or
 * motorcyclist will be in its way within {@link VrucwConfig#ttcThresholdS()}.
 *
 * <p>Road users come from the twin's fused perceived objects (RSM, CPM, PSM; a road user reported by two sensors is
 * one track). The vehicle is predicted by constant turn rate and acceleration ({@link Prediction}), the road user at
 * constant velocity (standing if it reports no heading). At each step the road user is expressed in the vehicle's
 * own frame; the conflict is the first moment it lies in the vehicle's footprint widened by the margins (half the
 * width plus the lateral margin to each side, from the rear bumper to the front bumper plus the front margin). So a
 * pedestrian stepping into the lane ahead is a conflict, one waiting on the far sidewalk or walking behind the car
 * is not. Evaluated both when the vehicle moves and when the road user does.
 */
public final class VulnerableRoadUserWarning implements CooperativeApp {

    private final VrucwConfig config;
    private final Hysteresis<Pair> hazards;
    private final List<PerceivedObject> users = new ArrayList<>();
    private final List<VehicleState> vehicles = new ArrayList<>();
    private final double[] pose = new double[4];

    private record Pair(String vehicle, String user) {
    }

    public VulnerableRoadUserWarning(VrucwConfig config) {
        this.config = config.conclude();
        this.hazards = new Hysteresis<>(config.clearHoldMs());
    }

    @Override
    public String name() {
        return "vrucw";
    }

    @Override
    public void onVehicle(VehicleState vehicle, TwinView twin, WarningSink out) {
        users.clear();
        double reach = Math.min(config.maxRangeM(), vehicle.speedMps() * config.horizonS() + 20.0);
        twin.objectsNear(vehicle.latDeg(), vehicle.lonDeg(), reach, users);
        for (int i = 0, n = users.size(); i < n; i++) {
            PerceivedObject user = users.get(i);
            if (user.objectClass().isVulnerable()) {
                evaluate(vehicle, user, out);
            }
        }
    }

    @Override
    public void onObject(PerceivedObject user, TwinView twin, WarningSink out) {
        if (!user.objectClass().isVulnerable()) {
            return;
        }
        vehicles.clear();
        twin.vehiclesNear(user.position().latDeg(), user.position().lonDeg(), config.maxRangeM(), vehicles);
        for (int i = 0, n = vehicles.size(); i < n; i++) {
            VehicleState v = vehicles.get(i);
            if (v.speedMps() * config.horizonS() + 20.0 >= distanceM(v, user)) {
                evaluate(v, user, out);
            }
        }
    }

    private void evaluate(VehicleState vehicle, PerceivedObject user, WarningSink out) {
        long t = Math.max(vehicle.timeMicros(), user.timeMicros());
        double conflictS = vehicle.speedMps() < config.minVehicleSpeedMps() ? Double.POSITIVE_INFINITY
                : conflictTimeS(vehicle, user, t);
        boolean trigger = conflictS < config.ttcThresholdS();
        boolean sustain = conflictS < config.rearmTtcS();
        if (hazards.update(new Pair(vehicle.vehicleId(), user.objectId()), t, trigger, sustain)) {
            Severity severity = conflictS < config.criticalTtcS() ? Severity.CRITICAL : Severity.WARNING;
            out.emit(Warnings.of(WarningType.VRUCW, severity, vehicle.vehicleId(), user.objectId(), t,
                    config.validityMs(), conflictS, distanceM(vehicle, user), user.position(), null));
        }
    }

    /** Seconds from {@code t} until the road user is first inside the vehicle's widened footprint; +∞ if never. */
    double conflictTimeS(VehicleState v, PerceivedObject user, long t) {
        LocalEnu frame = new LocalEnu(v.latDeg(), v.lonDeg());
        double ux = frame.eastM(user.position().latDeg(), user.position().lonDeg());
        double uy = frame.northM(user.position().latDeg(), user.position().lonDeg());
        double uvx = 0;
        double uvy = 0;
        if (!Double.isNaN(user.headingDeg())) {
            uvx = user.speedMps() * Math.sin(Math.toRadians(user.headingDeg()));
            uvy = user.speedMps() * Math.cos(Math.toRadians(user.headingDeg()));
        }
        double userT0 = Units.microsToSeconds(t - user.timeMicros());
        double length = Double.isNaN(v.lengthM()) ? config.defaultLengthM() : v.lengthM();
        double width = Double.isNaN(v.widthM()) ? config.defaultWidthM() : v.widthM();
        double halfWidth = width / 2 + config.lateralMarginM();
        double front = length / 2 + config.frontMarginM();
        double rear = -length / 2;
        long stepMicros = Units.secondsToMicros(config.stepS());
        int steps = (int) Math.round(config.horizonS() / config.stepS());
        double prevAlong = Double.NaN;
        double prevAcross = Double.NaN;
        for (int k = 0; k <= steps; k++) {
            Prediction.predict(v, t + k * stepMicros, frame, pose);
            double f = userT0 + k * config.stepS();
            double dx = ux + uvx * f - pose[Prediction.EAST];
            double dy = uy + uvy * f - pose[Prediction.NORTH];
            double h = Math.toRadians(pose[Prediction.HEADING]);
            double along = dx * Math.sin(h) + dy * Math.cos(h);
            double across = dx * Math.cos(h) - dy * Math.sin(h);
            if (k > 0) {
                // the road user moves on a straight line in the vehicle's frame between samples: entry into the
                // footprint by the slab method, so the conflict time is exact, not rounded up to a step
                double entry = entry(prevAlong, along, rear, front, prevAcross, across, halfWidth);
                if (entry >= 0) {
                    return (k - 1 + entry) * config.stepS();
                }
            } else if (along <= front && along >= rear && Math.abs(across) <= halfWidth) {
                return 0.0;
            }
            prevAlong = along;
            prevAcross = across;
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Fraction of the step at which (a, c) moving linearly enters [lo, hi] × [−half, half]; −1 if it does not. */
    private static double entry(double a0, double a1, double lo, double hi, double c0, double c1, double half) {
        double in = 0.0;
        double out = 1.0;
        double[] slabs = {a0, a1, lo, hi, c0, c1, -half, half};
        for (int i = 0; i < slabs.length; i += 4) {
            double p0 = slabs[i];
            double d = slabs[i + 1] - p0;
            double min = slabs[i + 2];
            double max = slabs[i + 3];
            if (Math.abs(d) < 1e-12) {
                if (p0 < min || p0 > max) {
                    return -1.0;
                }
                continue;
            }
            double fa = (min - p0) / d;
            double fb = (max - p0) / d;
            in = Math.max(in, Math.min(fa, fb));
            out = Math.min(out, Math.max(fa, fb));
        }
        return in <= out ? in : -1.0;
    }

    private static double distanceM(VehicleState v, PerceivedObject user) {
        LocalEnu frame = new LocalEnu(v.latDeg(), v.lonDeg());
        return Math.hypot(frame.eastM(user.position().latDeg(), user.position().lonDeg()),
                frame.northM(user.position().latDeg(), user.position().lonDeg()));
    }

    @Override
    public void onTick(long nowMicros, TwinView twin, WarningSink out) {
        hazards.expire(nowMicros);
    }
}
