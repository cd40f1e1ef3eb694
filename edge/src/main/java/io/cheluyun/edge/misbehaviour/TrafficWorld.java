package io.cheluyun.edge.misbehaviour;

import io.cheluyun.model.VehicleClass;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ground truth for the evaluation: honest vehicles on a grid of straight two-lane roads (right-hand traffic), in
 * the local east-north frame of the grid's south-west node, metres. Deterministic for a seed.
 *
 * <p>Just enough microsimulation that honest traffic looks like traffic to the checks and never does anything a
 * real vehicle cannot: the Intelligent Driver Model (Treiber, Hennecke, Helbing 2000) for car following and stop
 * lines; split-phase signals (one approach at a time, all-red clearance) so crossing paths never meet in a box;
 * straight on, right or left at each node (60/20/20) on circular arcs at turn speed; and now and then an emergency
 * stop at 6–8.5 m/s². Speeds stay within 0–20 m/s.
 */
final class TrafficWorld {

    static final int NODES = 5;
    static final double SPACING_M = 200.0;
    static final double DT_S = 0.1;
    private static final double BOX_HALF_M = 6.0;
    private static final double LANE_OFFSET_M = 1.75;
    /** Actuated split-phase signal: green per approach between these, all-red clearance between approaches. */
    private static final double MIN_GREEN_S = 4.0;
    private static final double MAX_GREEN_S = 15.0;
    private static final double CLEARANCE_S = 2.0;
    /** A vehicle this close to the stop line calls (or extends) a green. */
    private static final double DETECTOR_M = 60.0;
    private static final double WARM_UP_S = 30.0;
    /** IDM parameters of urban traffic (Treiber & Kesting, "Traffic Flow Dynamics", table 11.2). */
    private static final double IDM_ACCEL = 2.0;
    private static final double IDM_DECEL = 3.0;
    private static final double IDM_HEADWAY_S = 1.2;
    private static final double IDM_JAM_M = 2.0;
    private static final double MAX_DECEL = 9.0;
    /** Emergency stops per vehicle-second while above 8 m/s: one every five minutes of driving. */
    private static final double EMERGENCY_PER_S = 1.0 / 300.0;

    final int vehicles;
    final int steps;
    final double[][] east;
    final double[][] north;
    final double[][] heading;
    final double[][] speed;
    final double[][] accel;
    final double[] lengthM;
    final double[] widthM;
    final VehicleClass[] classes;
    /** Times a follower had to be pushed back behind its leader (should stay 0: no honest collisions). */
    int collisions;

    private TrafficWorld(int vehicles, int steps) {
        this.vehicles = vehicles;
        this.steps = steps;
        this.east = new double[vehicles][steps];
        this.north = new double[vehicles][steps];
        this.heading = new double[vehicles][steps];
        this.speed = new double[vehicles][steps];
        this.accel = new double[vehicles][steps];
        this.lengthM = new double[vehicles];
        this.widthM = new double[vehicles];
        this.classes = new VehicleClass[vehicles];
    }

    static double extentM() {
        return (NODES - 1) * SPACING_M;
    }

    /** Simulates {@code vehicles} for a warm-up and then {@code steps} recorded steps of {@link #DT_S}. */
    static TrafficWorld simulate(long seed, int vehicles, int steps) {
        Sim sim = new Sim(new SplittableRandom(seed), vehicles);
        int warm = (int) Math.round(WARM_UP_S / DT_S);
        for (int k = 0; k < warm; k++) {
            sim.step(k * DT_S);
        }
        TrafficWorld w = new TrafficWorld(vehicles, steps);
        for (Veh x : sim.all) {
            w.lengthM[x.index] = x.length;
            w.widthM[x.index] = x.width;
            w.classes[x.index] = x.vehicleClass;
        }
        for (int k = 0; k < steps; k++) {
            for (Veh x : sim.all) {
                w.east[x.index][k] = x.seg.east(x.s);
                w.north[x.index][k] = x.seg.north(x.s);
                w.heading[x.index][k] = x.seg.headingDeg(x.s);
                w.speed[x.index][k] = x.v;
                w.accel[x.index][k] = x.a;
            }
            sim.step((warm + k) * DT_S);
        }
        w.collisions = sim.collisions;
        return w;
    }

    private static double dirEast(int d) {
        return d == 1 ? 1 : d == 3 ? -1 : 0;
    }

    private static double dirNorth(int d) {
        return d == 0 ? 1 : d == 2 ? -1 : 0;
    }

    /** A piece of lane of constant curvature: a link between two boxes, or a movement through a box. */
    private static final class Segment {
        final boolean link;
        final int endNode;
        final int endDir;
        final double startE;
        final double startN;
        final double startHeadingDeg;
        final double length;
        /** 0 straight, +1 right (clockwise), −1 left. */
        final int turn;
        final double radius;
        final double centreE;
        final double centreN;
        final List<Veh> occupants = new ArrayList<>();
        final Segment[] boxes = new Segment[4];

        Segment(boolean link, int endNode, int endDir, double startE, double startN, double startHeadingDeg,
                double length, int turn, double radius, double centreE, double centreN) {
            this.link = link;
            this.endNode = endNode;
            this.endDir = endDir;
            this.startE = startE;
            this.startN = startN;
            this.startHeadingDeg = startHeadingDeg;
            this.length = length;
            this.turn = turn;
            this.radius = radius;
            this.centreE = centreE;
            this.centreN = centreN;
        }

        double east(double s) {
            if (turn == 0) {
                return startE + s * Math.sin(Math.toRadians(startHeadingDeg));
            }
            double phi = s / radius;
            double ue = startE - centreE;
            double un = startN - centreN;
            return centreE + ue * Math.cos(phi) + turn * un * Math.sin(phi);
        }

        double north(double s) {
            if (turn == 0) {
                return startN + s * Math.cos(Math.toRadians(startHeadingDeg));
            }
            double phi = s / radius;
            double ue = startE - centreE;
            double un = startN - centreN;
            return centreN - turn * ue * Math.sin(phi) + un * Math.cos(phi);
        }

        double headingDeg(double s) {
            double h = startHeadingDeg + (turn == 0 ? 0 : turn * Math.toDegrees(s / radius));
            return ((h % 360.0) + 360.0) % 360.0;
        }
    }

    private static final class Veh {
        final int index;
        final double length;
        final double width;
        final VehicleClass vehicleClass;
        final double desiredMps;
        Segment seg;
        double s;
        double v;
        double a;
        Segment nextBox;
        Segment nextLink;
        boolean permitted;
        boolean emergency;
        double emergencyDecel;
        double holdUntilS = -1;

        Veh(int index, double length, double width, VehicleClass vehicleClass, double desiredMps) {
            this.index = index;
            this.length = length;
            this.width = width;
            this.vehicleClass = vehicleClass;
            this.desiredMps = desiredMps;
        }
    }

    private static final class Sim {
        final SplittableRandom rng;
        final Segment[][] links = new Segment[NODES * NODES][4];
        /** Per node: the approach (travel direction) with green, since when, and whether it is clearing. */
        final int[] phaseDir = new int[NODES * NODES];
        final double[] phaseSinceS = new double[NODES * NODES];
        final boolean[] clearing = new boolean[NODES * NODES];
        final Segment[][] incoming = new Segment[NODES * NODES][];
        final List<Veh> all = new ArrayList<>();
        int collisions;

        Sim(SplittableRandom rng, int count) {
            this.rng = rng;
            buildNetwork();
            List<List<Segment>> incomingByNode = new ArrayList<>();
            for (int node = 0; node < NODES * NODES; node++) {
                incomingByNode.add(new ArrayList<>());
            }
            for (Segment[] byDir : links) {
                for (Segment l : byDir) {
                    if (l != null) {
                        incomingByNode.get(l.endNode).add(l);
                    }
                }
            }
            for (int node = 0; node < NODES * NODES; node++) {
                incoming[node] = incomingByNode.get(node).toArray(new Segment[0]);
            }
            for (int node = 0; node < NODES * NODES; node++) {
                phaseDir[node] = rng.nextInt(4);
                clearing[node] = true;
                phaseSinceS[node] = -CLEARANCE_S;
            }
            List<Segment> linkList = new ArrayList<>();
            for (Segment[] byDir : links) {
                for (Segment l : byDir) {
                    if (l != null) {
                        linkList.add(l);
                    }
                }
            }
            int slotsPerLink = 14;
            boolean[] taken = new boolean[linkList.size() * slotsPerLink];
            for (int i = 0; i < count; i++) {
                double r = rng.nextDouble();
                VehicleClass c = r < 0.90 ? VehicleClass.PASSENGER_CAR : r < 0.97 ? VehicleClass.BUS
                        : VehicleClass.MOTORCYCLE;
                double len = c == VehicleClass.BUS ? 12.0 : c == VehicleClass.MOTORCYCLE ? 2.2 : 4.5;
                double wid = c == VehicleClass.BUS ? 2.5 : c == VehicleClass.MOTORCYCLE ? 0.8 : 1.8;
                Veh x = new Veh(i, len, wid, c, rng.nextDouble(11.0, 19.0));
                int slot;
                do {
                    slot = rng.nextInt(taken.length);
                } while (taken[slot]);
                taken[slot] = true;
                enter(x, linkList.get(slot / slotsPerLink), 10.0 + 13.0 * (slot % slotsPerLink));
                all.add(x);
            }
        }

        private void buildNetwork() {
            for (int j = 0; j < NODES; j++) {
                for (int i = 0; i < NODES; i++) {
                    for (int d = 0; d < 4; d++) {
                        int ti = i + (int) dirEast(d);
                        int tj = j + (int) dirNorth(d);
                        if (ti < 0 || tj < 0 || ti >= NODES || tj >= NODES) {
                            continue;
                        }
                        int r = (d + 1) % 4;
                        double e = i * SPACING_M + BOX_HALF_M * dirEast(d) + LANE_OFFSET_M * dirEast(r);
                        double n = j * SPACING_M + BOX_HALF_M * dirNorth(d) + LANE_OFFSET_M * dirNorth(r);
                        links[j * NODES + i][d] = new Segment(true, tj * NODES + ti, d, e, n, d * 90.0,
                                SPACING_M - 2 * BOX_HALF_M, 0, 0, 0, 0);
                    }
                }
            }
            for (Segment[] byDir : links) {
                for (Segment in : byDir) {
                    if (in == null) {
                        continue;
                    }
                    int node = in.endNode;
                    double ne = (node % NODES) * SPACING_M;
                    double nn = (node / NODES) * SPACING_M;
                    int d = in.endDir;
                    double se = in.east(in.length);
                    double sn = in.north(in.length);
                    for (int out : new int[] {d, (d + 1) % 4, (d + 3) % 4}) {
                        if (links[node][out] == null) {
                            continue;
                        }
                        if (out == d) {
                            in.boxes[out] = new Segment(false, node, out, se, sn, d * 90.0, 2 * BOX_HALF_M, 0, 0, 0, 0);
                        } else {
                            int turn = out == (d + 1) % 4 ? 1 : -1;
                            double radius = turn > 0 ? BOX_HALF_M - LANE_OFFSET_M : BOX_HALF_M + LANE_OFFSET_M;
                            double ce = ne - BOX_HALF_M * dirEast(d) + BOX_HALF_M * dirEast(out);
                            double cn = nn - BOX_HALF_M * dirNorth(d) + BOX_HALF_M * dirNorth(out);
                            in.boxes[out] = new Segment(false, node, out, se, sn, d * 90.0, radius * Math.PI / 2, turn,
                                    radius, ce, cn);
                        }
                    }
                }
            }
        }

        private void enter(Veh x, Segment seg, double s) {
            if (x.seg != null) {
                x.seg.occupants.remove(x);
            }
            x.seg = seg;
            x.s = s;
            seg.occupants.add(x);
            if (seg.link) {
                x.permitted = false;
                int d = seg.endDir;
                int[] options = {d, (d + 1) % 4, (d + 3) % 4};
                double[] weights = {0.6, 0.2, 0.2};
                double total = 0;
                for (int k = 0; k < 3; k++) {
                    if (seg.boxes[options[k]] == null) {
                        weights[k] = 0;
                    }
                    total += weights[k];
                }
                double pick = rng.nextDouble(total);
                int chosen = options[0];
                for (int k = 0; k < 3; k++) {
                    if (weights[k] > 0 && pick < weights[k]) {
                        chosen = options[k];
                        break;
                    }
                    pick -= weights[k];
                }
                x.nextBox = seg.boxes[chosen];
                x.nextLink = links[seg.endNode][chosen];
            }
        }

        /** Green for {@code dir} at {@code node} long enough to clear the box in {@code needS}. */
        private boolean green(int node, int dir, double t, double needS) {
            return !clearing[node] && phaseDir[node] == dir && t - phaseSinceS[node] + needS <= MAX_GREEN_S;
        }

        private Segment approach(int node, int dir) {
            for (Segment in : incoming[node]) {
                if (in.endDir == dir) {
                    return in;
                }
            }
            return null;
        }

        private static boolean calling(Segment approach) {
            if (approach == null) {
                return false;
            }
            for (Veh o : approach.occupants) {
                if (approach.length - o.s <= DETECTOR_M && !o.permitted) {
                    return true;
                }
            }
            return false;
        }

        private static boolean committed(Segment approach) {
            for (Veh o : approach.occupants) {
                if (o.permitted) {
                    return true;
                }
            }
            return false;
        }

        private boolean boxEmpty(int node) {
            for (Segment in : incoming[node]) {
                for (Segment b : in.boxes) {
                    if (b != null && !b.occupants.isEmpty()) {
                        return false;
                    }
                }
            }
            return true;
        }

        private void signals(double t) {
            for (int node = 0; node < NODES * NODES; node++) {
                int current = phaseDir[node];
                boolean others = false;
                for (int k = 1; k < 4; k++) {
                    others |= calling(approach(node, (current + k) % 4));
                }
                if (clearing[node]) {
                    if (t - phaseSinceS[node] < CLEARANCE_S || !boxEmpty(node)) {
                        continue;
                    }
                    for (int k = 1; k <= 4; k++) {
                        int d = (current + k) % 4;
                        if (calling(approach(node, d))) {
                            phaseDir[node] = d;
                            clearing[node] = false;
                            phaseSinceS[node] = t;
                            break;
                        }
                    }
                    continue;
                }
                if (!others) {
                    // nobody else waiting: the green rests here, its clock held at the minimum
                    phaseSinceS[node] = Math.max(phaseSinceS[node], t - MIN_GREEN_S);
                    continue;
                }
                Segment mine = approach(node, current);
                double elapsed = t - phaseSinceS[node];
                boolean gapOut = elapsed >= MIN_GREEN_S && !calling(mine);
                if ((gapOut || elapsed >= MAX_GREEN_S) && (mine == null || !committed(mine))) {
                    clearing[node] = true;
                    phaseSinceS[node] = t;
                }
            }
        }

        void step(double t) {
            signals(t);
            double[] acc = new double[all.size()];
            for (Veh x : all) {
                acc[x.index] = acceleration(x, t);
            }
            for (Veh x : all) {
                double a = acc[x.index];
                double v1 = Math.max(0.0, x.v + a * DT_S);
                x.a = x.v > 0 || a > 0 ? a : 0;
                x.s += 0.5 * (x.v + v1) * DT_S;
                x.v = v1;
                while (x.s > x.seg.length) {
                    double over = x.s - x.seg.length;
                    if (x.seg.link) {
                        enter(x, x.nextBox, over);
                    } else {
                        enter(x, x.nextLink, over);
                    }
                }
            }
            for (Veh x : all) {
                for (Veh o : x.seg.occupants) {
                    if (o != x && o.s >= x.s && o.s - x.s < 0.5 * (o.length + x.length) + 0.3) {
                        collisions++;
                        x.s = Math.max(0, o.s - 0.5 * (o.length + x.length) - 0.3);
                        x.v = Math.min(x.v, o.v);
                    }
                }
            }
        }

        private double acceleration(Veh x, double t) {
            if (x.emergency) {
                if (x.v > 0) {
                    return -x.emergencyDecel;
                }
                if (x.holdUntilS < 0) {
                    x.holdUntilS = t + 2.0;
                }
                if (t < x.holdUntilS) {
                    return 0;
                }
                x.emergency = false;
                x.holdUntilS = -1;
            } else if (x.v > 8.0 && x.seg.link && x.seg.length - x.s > 40
                    && rng.nextDouble() < EMERGENCY_PER_S * DT_S) {
                x.emergency = true;
                x.emergencyDecel = rng.nextDouble(6.0, 8.5);
                return -x.emergencyDecel;
            }
            double desired = x.desiredMps;
            Segment box = x.seg.link ? x.nextBox : x.seg;
            double remaining = x.seg.length - x.s;
            if (box.turn != 0) {
                double turnSpeed = box.turn > 0 ? 5.0 : 7.0;
                desired = x.seg.link ? Math.min(desired, Math.sqrt(turnSpeed * turnSpeed + 2 * 1.5 * remaining))
                        : Math.min(desired, turnSpeed);
            }
            double gap = Double.POSITIVE_INFINITY;
            double leaderV = 0;
            for (Veh o : x.seg.occupants) {
                if (o != x && o.s > x.s) {
                    double g = o.s - x.s - 0.5 * (o.length + x.length);
                    if (g < gap) {
                        gap = g;
                        leaderV = o.v;
                    }
                }
            }
            Segment next = x.seg.link ? x.nextBox : x.nextLink;
            double ahead = remaining;
            for (int depth = 0; depth < 2 && gap == Double.POSITIVE_INFINITY && next != null; depth++) {
                for (Veh o : next.occupants) {
                    double g = ahead + o.s - 0.5 * (o.length + x.length);
                    if (g < gap) {
                        gap = g;
                        leaderV = o.v;
                    }
                }
                ahead += next.length;
                next = next == x.nextBox ? x.nextLink : null;
            }
            double a = idm(x.v, desired, gap, x.v - leaderV);
            if (x.seg.link && !x.permitted) {
                double decisionM = Math.max(15.0, x.v * x.v / (2 * IDM_DECEL) + 10.0);
                if (remaining <= decisionM) {
                    double needS = (remaining + x.nextBox.length + x.length) / Math.max(x.v, 3.0);
                    if (green(x.seg.endNode, x.seg.endDir, t, needS) && roomOn(x.nextLink)
                            && boxClearOfOthers(x.seg)) {
                        x.permitted = true;
                    }
                }
                if (!x.permitted) {
                    double stopGap = remaining - 0.5 * x.length - 0.5;
                    a = Math.min(a, idm(x.v, desired, Math.max(stopGap, 0.01), x.v));
                }
            }
            return Math.max(-MAX_DECEL, Math.min(IDM_ACCEL, a));
        }

        /** Spill-back: enter the box only if the exit link has room behind its last vehicle. */
        private static boolean roomOn(Segment link) {
            for (Veh o : link.occupants) {
                if (o.s <= 15.0) {
                    return false;
                }
            }
            return true;
        }

        /** No vehicle of another approach is still in the box (one that entered late in its green). */
        private boolean boxClearOfOthers(Segment approach) {
            for (Segment in : incoming[approach.endNode]) {
                if (in == approach) {
                    continue;
                }
                for (Segment b : in.boxes) {
                    if (b != null && !b.occupants.isEmpty()) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static double idm(double v, double desired, double gap, double closing) {
            double free = 1.0 - Math.pow(v / desired, 4);
            if (gap == Double.POSITIVE_INFINITY) {
                return IDM_ACCEL * free;
            }
            double wanted = IDM_JAM_M + Math.max(0.0, v * IDM_HEADWAY_S
                    + v * closing / (2 * Math.sqrt(IDM_ACCEL * IDM_DECEL)));
            double ratio = wanted / Math.max(gap, 0.01);
            return IDM_ACCEL * (free - ratio * ratio);
        }
    }
}
