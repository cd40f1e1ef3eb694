package io.cheluyun.apps.scenario;

import java.util.TreeMap;

/**
 * A scripted vehicle's speed over scenario time: an initial speed, acceleration phases, and optionally a braking
 * manoeuvre that stops it at a given distance. Integrated in 10 ms steps (trapezoidal), speed never below zero.
 */
final class SpeedProfile {

    private static final double STEP_S = 0.01;

    /** Distance travelled since scenario time 0, speed and acceleration at a scenario time. */
    record Motion(double distanceM, double speedMps, double accelMps2) {
    }

    private double initialSpeedMps;
    private final TreeMap<Double, Double> accelFrom = new TreeMap<>();
    private double stopFromS = Double.POSITIVE_INFINITY;
    private double stopAtDistanceM;

    SpeedProfile() {
        accelFrom.put(0.0, 0.0);
    }

    void initialSpeed(double mps) {
        this.initialSpeedMps = mps;
    }

    void accel(double fromS, double accelMps2) {
        accelFrom.put(fromS, accelMps2);
    }

    /** From {@code fromS} on, brake at the constant rate that stops the vehicle at {@code distanceM} travelled. */
    void stopAt(double fromS, double distanceM) {
        this.stopFromS = fromS;
        this.stopAtDistanceM = distanceM;
    }

    Motion at(double s) {
        double distance = 0.0;
        double speed = initialSpeedMps;
        double stopDecel = Double.NaN;
        int steps = (int) Math.round(s / STEP_S);
        for (int i = 0; i < steps; i++) {
            double t = i * STEP_S;
            double accel = accelAt(t, speed, distance, stopDecel);
            if (t + 1e-9 >= stopFromS && Double.isNaN(stopDecel)) {
                double remaining = stopAtDistanceM - distance;
                stopDecel = remaining > 0.01 ? -speed * speed / (2.0 * remaining) : -20.0;
                accel = stopDecel;
            }
            double next = Math.max(0.0, speed + accel * STEP_S);
            distance += (speed + next) / 2.0 * STEP_S;
            speed = next;
        }
        double accel = accelAt(s, speed, distance, stopDecel);
        if (s + 1e-9 >= stopFromS && Double.isNaN(stopDecel)) {
            double remaining = stopAtDistanceM - distance;
            accel = remaining > 0.01 ? -speed * speed / (2.0 * remaining) : 0.0;
        }
        if (speed <= 0.0 && accel < 0) {
            accel = 0.0;
        }
        return new Motion(distance, speed, accel);
    }

    private double accelAt(double t, double speed, double distance, double stopDecel) {
        if (!Double.isNaN(stopDecel)) {
            return speed > 0 ? stopDecel : 0.0;
        }
        return accelFrom.floorEntry(t + 1e-9).getValue();
    }
}
