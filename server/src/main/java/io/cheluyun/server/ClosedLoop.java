package io.cheluyun.server;

import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.model.Advice;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
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
 * act on their warnings: FCW/EBW brake gently (3 m/s less within 1 s), RLVW takes the foot off the accelerator
 * (holds its speed for 2 s and lets car following stop it at the line), GLOSA moves the speed into the advised
 * window, EVW slows to let the ambulance by. The same seed with {@code obey} off is the baseline.
 *
 * <p>Imperfect drivers: SUMO's car following is collision-free and its drivers obey signals, so a share of the
 * drivers (chosen by a hash of the vehicle id: the same ones in both runs) gets an inattentive variant of its type
 * ({@link #INATTENTIVE}: late through the red, fails to yield, shorter headway, more speed noise, speeding). A
 * warning to an inattentive driver restores the base type (the warning got its attention) before the action.
 *
 * <p>Measured per run: conflicts (a follower reaching a time to collision below {@value #CONFLICT_TTC_S} s behind
 * its leader on the same lane, counted once per episode), collisions (SUMO's detection, junctions included), hard
 * brakes (deceleration reaching {@value #HARD_BRAKE_MPS2} m/s²), stops on signalised approaches, red-light
 * violations (entering a junction on a link whose signal is red), the mean travel time of the vehicles that
 * finished, and how well RLVW anticipates the violations: a warning episode (a vehicle's RLVWs less than
 * {@value #RLVW_HORIZON_S} s apart) is confirmed when the vehicle enters on red within {@value #RLVW_HORIZON_S} s
 * of its last warning; a violation is anticipated when such a warning came before it.
 */
final class ClosedLoop {

    static final double CONFLICT_TTC_S = 1.5;
    static final double HARD_BRAKE_MPS2 = -4.0;
    static final double RLVW_HORIZON_S = 10.0;
    /** Suffix of the inattentive variant of a vehicle type. */
    static final String INATTENTIVE_SUFFIX = "@inattentive";
    /**
     * The inattentive variant's SUMO vType attributes (sumo.dlr.de/docs/Definition_of_Vehicles,_Vehicle_Types,
     * _and_Routes.html, "Junction Model Parameters" and the Krauss model): continues through a red that began
     * less than 3 s ago; ignores, with probability 0.3, a foe at a junction that is slower than 10 m/s (fails to
     * yield to turning traffic and pedestrians); accepts a 0.5 s gap instead of 1 s; 0.7 s headway instead of 1 s;
     * driver imperfection sigma 0.9 instead of the scenario's 0.5; 15 % above the limit.
     */
    static final Map<String, String> INATTENTIVE = Map.of("jmDriveAfterRedTime", "3", "jmIgnoreFoeProb", "0.3",
            "jmIgnoreFoeSpeed", "10", "jmTimegapMinor", "0.5", "tau", "0.7", "sigma", "0.9", "speedFactor", "1.15");

    /** The outcome of a run. */
    record Metrics(double seconds, int vehicles, int finished, double meanTravelTimeS, long conflicts,
                   long collisions, long hardBrakes, long stopsAtSignals, long redLightViolations,
                   long violationsAnticipated, long rlvwEpisodes, long rlvwEpisodesConfirmed, long warnings,
                   long actions, int inattentiveDrivers, long driversAlerted) {
    }

    private record Car(String id, String type, String lane, double lanePos, double speed, double accel,
                       double lengthM) {
    }

    private final SumoScenario scenario;
    private final SumoReplay mapping;
    private final Platform platform;
    private final List<Warning> pending;
    private final boolean obey;
    private final double inattentiveShare;

    /**
     * {@code inattentiveShare} of the drivers get the {@link #INATTENTIVE} variant of their type, which sumo must
     * have loaded ({@link #inattentiveTypes}); 0 leaves every driver as the scenario defines it.
     */
    ClosedLoop(SumoScenario scenario, SumoReplay mapping, Platform platform, List<Warning> pending, boolean obey,
               double inattentiveShare) {
        this.scenario = scenario;
        this.mapping = mapping;
        this.platform = platform;
        this.pending = pending;
        this.obey = obey;
        this.inattentiveShare = inattentiveShare;
    }

    /** The types that get an inattentive variant: every vehicle type but the emergency vehicles' (trained drivers). */
    static List<String> inattentiveTypes(SumoScenario scenario) {
        return scenario.vehicleTypes().stream().filter(t -> t.vehicleClass() != VehicleClass.EMERGENCY)
                .map(SumoScenario.VehicleType::id).toList();
    }

    /** Whether vehicle {@code id} drives inattentively: a hash of the id, so both runs pick the same drivers. */
    static boolean inattentive(String id, double share) {
        int h = id.hashCode() * 0x9E3779B1; // Fibonacci hashing spreads ids that differ in their last digit
        return Math.floorMod(h >>> 8, 10_000) < share * 10_000;
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
        Map<String, String> baseType = new HashMap<>();
        Set<String> variants = new HashSet<>(inattentiveShare > 0 ? inattentiveTypes(scenario) : List.of());
        Set<String> inattentive = new HashSet<>();
        int inattentiveDrivers = 0;
        long alerted = 0;
        Map<String, Double> lastRlvw = new HashMap<>();
        Set<String> confirmedEpisode = new HashSet<>();
        long rlvwEpisodes = 0;
        long rlvwConfirmed = 0;
        long anticipated = 0;
        long collisions = 0;
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
                String type = baseType.get(id);
                if (type == null) {
                    type = traci.vehicleType(id);
                    baseType.put(id, type);
                    if (variants.contains(type) && inattentive(id, inattentiveShare)) {
                        traci.setType(id, type + INATTENTIVE_SUFFIX);
                        inattentive.add(id);
                        inattentiveDrivers++;
                    }
                }
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
                        Double warned = lastRlvw.get(id);
                        if (warned != null && time - warned <= RLVW_HORIZON_S) {
                            anticipated++;
                            if (confirmedEpisode.add(id)) {
                                rlvwConfirmed++;
                            }
                        }
                    }
                }
            }
            conflicts += conflicts(byLane, conflictPairs);
            collisions += traci.collidingVehicleIds().size();
            platform.step();
            List<Warning> now;
            synchronized (pending) {
                now = new ArrayList<>(pending);
                pending.clear();
            }
            warnings += now.size();
            for (Warning w : now) {
                String target = w.targetId();
                if (w.type() == WarningType.RLVW) {
                    Double previous = lastRlvw.put(target, time);
                    if (previous == null || time - previous > RLVW_HORIZON_S) {
                        rlvwEpisodes++;
                        confirmedEpisode.remove(target);
                    }
                }
                if (obey && present.contains(target)) {
                    if (inattentive.remove(target)) {
                        traci.setType(target, baseType.get(target));
                        alerted++;
                    }
                    if (act(traci, w, lastSpeed.getOrDefault(target, 0.0))) {
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
                conflicts, collisions, hardBrakes, stops, violations, anticipated, rlvwEpisodes, rlvwConfirmed,
                warnings, actions, inattentiveDrivers, alerted);
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
            case RLVW -> traci.slowDown(id, speed, 2.0); // no acceleration; car following stops it if it must
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
