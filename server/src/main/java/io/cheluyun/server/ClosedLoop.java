package io.cheluyun.server;

import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.Advice;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.Warning;
import io.cheluyun.sim.SumoNet;
import io.cheluyun.sim.SumoReplay;
import io.cheluyun.sim.SumoScenario;
import io.cheluyun.sim.TraciClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The platform in the loop with SUMO over TraCI. Every simulation step: read every vehicle and signal, hand them to
 * the (stepped) platform as BSMs and SPaT (MAP once a second), and — when {@code obey} — make the warned vehicles
 * act on their warnings: FCW/EBW brake gently (3 m/s less within 1 s), RLVW stops (at 3.5 m/s²), GLOSA moves the speed
 * into the advised window, EVW slows to let the ambulance by. The same seed with {@code obey} off is the baseline.
 *
 * <p>Measured per run: conflicts (a follower reaching a time to collision below {@value #CONFLICT_TTC_S} s behind
 * its leader on the same lane, counted once per episode), hard brakes (deceleration reaching
 * {@value #HARD_BRAKE_MPS2} m/s²), stops on signalised approaches, red-light violations (entering a junction on a
 * link whose signal is red), and the mean travel time of the vehicles that finished.
 */
final class ClosedLoop {

    static final double CONFLICT_TTC_S = 1.5;
    static final double HARD_BRAKE_MPS2 = -4.0;

    /** The outcome of a run. */
    record Metrics(double seconds, int vehicles, int finished, double meanTravelTimeS, long conflicts,
                   long hardBrakes, long stopsAtSignals, long redLightViolations, long warnings, long actions) {
    }

    private record Car(String id, String type, String lane, double lanePos, double speed, double accel,
                       double lengthM) {
    }

    private final SumoScenario scenario;
    private final SumoReplay mapping;
    private final Platform platform;
    private final List<Warning> pending;
    private final boolean obey;

    ClosedLoop(SumoScenario scenario, SumoReplay mapping, Platform platform, List<Warning> pending, boolean obey) {
        this.scenario = scenario;
        this.mapping = mapping;
        this.platform = platform;
        this.pending = pending;
        this.obey = obey;
    }

    Metrics run(TraciClient traci, double seconds) throws IOException {
        SumoNet net = scenario.net();
        List<String> lights = traci.trafficLightIds();
        Map<String, Double> firstSeen = new HashMap<>();
        Map<String, Double> lastSeen = new HashMap<>();
        Map<String, String> lastLane = new HashMap<>();
        Map<String, Double> lastAccel = new HashMap<>();
        Map<String, Double> lastSpeed = new HashMap<>();
        Set<String> conflictPairs = new HashSet<>();
        long conflicts = 0;
        long hardBrakes = 0;
        long stops = 0;
        long violations = 0;
        long warnings = 0;
        long actions = 0;
        double nextMap = 0;
        double time = traci.time();
        while (time < seconds) {
            traci.step();
            time = traci.time();
            if (time + 1e-9 >= nextMap) {
                for (MapIntersection m : net.intersections()) {
                    ScenarioRunner.offer(platform.ingest(), m);
                }
                nextMap += 1.0;
            }
            Map<String, String> states = new HashMap<>();
            for (String tl : lights) {
                String state = traci.trafficLightState(tl);
                states.put(tl, state);
                ScenarioRunner.offer(platform.ingest(), mapping.signal(tl, time, traci.trafficLightPhase(tl), state));
            }
            Map<String, List<Car>> byLane = new TreeMap<>();
            Set<String> present = new HashSet<>();
            for (String id : traci.vehicleIds()) {
                present.add(id);
                double[] xy = traci.vehiclePosition(id);
                String type = traci.vehicleType(id);
                Car car = new Car(id, type, traci.vehicleLane(id), traci.vehicleLanePosition(id),
                        traci.vehicleSpeed(id), traci.vehicleAcceleration(id), scenario.type(type).lengthM());
                ScenarioRunner.offer(platform.ingest(), mapping.vehicle(id, type, time, net.toGeo(xy[0], xy[1]),
                        traci.vehicleAngle(id), car.speed(), car.accel()));
                byLane.computeIfAbsent(car.lane(), k -> new ArrayList<>()).add(car);
                firstSeen.putIfAbsent(id, time);
                lastSeen.put(id, time);
                double previousAccel = lastAccel.getOrDefault(id, 0.0);
                if (car.accel() <= HARD_BRAKE_MPS2 && previousAccel > HARD_BRAKE_MPS2) {
                    hardBrakes++;
                }
                lastAccel.put(id, car.accel());
                double previousSpeed = lastSpeed.getOrDefault(id, car.speed());
                if (previousSpeed >= 0.1 && car.speed() < 0.1 && net.isSignalisedApproach(car.lane())) {
                    stops++;
                }
                lastSpeed.put(id, car.speed());
                String before = lastLane.put(id, car.lane());
                if (before != null && !before.equals(car.lane())) {
                    SumoNet.Link link = net.linkOfInternalLane(car.lane());
                    String state = link == null ? null : states.get(link.tl());
                    if (state != null && link.linkIndex() < state.length()
                            && Character.toLowerCase(state.charAt(link.linkIndex())) == 'r') {
                        violations++;
                    }
                }
            }
            conflicts += conflicts(byLane, conflictPairs);
            platform.step();
            List<Warning> now;
            synchronized (pending) {
                now = new ArrayList<>(pending);
                pending.clear();
            }
            warnings += now.size();
            if (obey) {
                for (Warning w : now) {
                    if (present.contains(w.targetId()) && act(traci, w, lastSpeed.getOrDefault(w.targetId(), 0.0))) {
                        actions++;
                    }
                }
            }
        }
        double total = 0;
        int finished = 0;
        for (Map.Entry<String, Double> e : lastSeen.entrySet()) {
            if (e.getValue() < time - 0.05) { // gone before the end: arrived
                total += e.getValue() - firstSeen.get(e.getKey());
                finished++;
            }
        }
        return new Metrics(time, firstSeen.size(), finished, finished == 0 ? Double.NaN : total / finished,
                conflicts, hardBrakes, stops, violations, warnings, actions);
    }

    /** New follower–leader pairs whose time to collision fell below the threshold (one count per episode). */
    private static long conflicts(Map<String, List<Car>> byLane, Set<String> open) {
        long started = 0;
        Set<String> now = new HashSet<>();
        for (List<Car> cars : byLane.values()) {
            cars.sort((a, b) -> Double.compare(a.lanePos(), b.lanePos()));
            for (int k = 0; k + 1 < cars.size(); k++) {
                Car follower = cars.get(k);
                Car leader = cars.get(k + 1);
                double gap = leader.lanePos() - leader.lengthM() - follower.lanePos();
                double closing = follower.speed() - leader.speed();
                if (closing > 0 && gap / closing < CONFLICT_TTC_S) {
                    String pair = follower.id() + ">" + leader.id();
                    now.add(pair);
                    if (!open.contains(pair)) {
                        started++;
                    }
                }
            }
        }
        open.clear();
        open.addAll(now);
        return started;
    }

    /** What a driver does with a warning; true when it acted. */
    private static boolean act(TraciClient traci, Warning w, double speed) throws IOException {
        String id = w.targetId();
        Advice a = w.advice();
        switch (w.type()) {
            case FCW, EBW -> traci.slowDown(id, Math.max(0, speed - 3), 1.0);
            case RLVW -> traci.slowDown(id, 0, Math.max(1.0, speed / 3.5));
            case EVW -> traci.slowDown(id, speed * 0.5, 2.0);
            case GLOSA -> {
                if (a == null || a.action() != Advice.Action.SPEED_WINDOW || Double.isNaN(a.maxSpeedMps())) {
                    return false;
                }
                double target = Math.max(Double.isNaN(a.minSpeedMps()) ? 0 : a.minSpeedMps(),
                        Math.min(speed, a.maxSpeedMps()));
                if (Math.abs(target - speed) < 0.5) {
                    return false;
                }
                traci.slowDown(id, target, 2.0);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
