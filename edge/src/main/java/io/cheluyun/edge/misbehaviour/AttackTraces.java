package io.cheluyun.edge.misbehaviour;

import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.LocalEnu;
import io.cheluyun.model.Units;
import io.cheluyun.model.VehicleState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * VeReMi-style evaluation traces: honest traffic from {@link TrafficWorld} (200 vehicles on a 5 × 5 grid of roads
 * 200 m apart, 60 s at 10 Hz) as the edge would receive it, with a share of the vehicles (10 %) carrying out one
 * {@link AttackType}. Deterministic for a seed; the honest part (traffic, GNSS noise, delivery) is the same for
 * every attack type of one seed, so rows of the evaluation differ only by the attack.
 *
 * <p>What honest senders report. GNSS error is modelled as in the navigation literature, a sum of first-order
 * Gauss–Markov processes rather than white noise (consecutive fixes of a real receiver are strongly correlated):
 * a component common to the whole area (atmosphere, ephemeris; σ 1.2 m per axis, correlation time 60 s), one per
 * vehicle (multipath, receiver; σ 0.8 m, 20 s), white jitter (σ 0.15 m), and rare outliers (one fix in 5000 off by
 * 5–15 m). That is ≈ 1.4 m RMS horizontal, 2.4 m at 95 %. Speed carries σ 0.1 m/s (Doppler), heading σ 1° and
 * is frozen below 1 m/s as receivers do, acceleration σ 0.2 m/s². Each vehicle transmits at 10 Hz at its own phase.
 *
 * <p>How it arrives. Half the vehicles are OBUs with their own cellular uplink (channel {@code obu-<id>}, 1 % loss,
 * 30–80 ms latency); the other half are heard on PC5 by RSUs at four nodes (channel {@code rsu-<n>}, 300 m range,
 * 90 % reception each, 10–40 ms), often by two or more, so duplicates arrive. Attack onsets are uniform in 5–15 s
 * (a vehicle compromised mid-trip: VeReMi's attackers misbehave from their first message, which
 * {@link Params#coldStart()} reproduces).
 */
public final class AttackTraces {

    /** First message time of every trace, epoch µs (2026-09-21). */
    public static final long START_MICROS = 1_790_000_000_000_000L;
    /** The grid's south-west node: Jiading, Shanghai (the national ICV pilot zone). */
    public static final GeoPoint ORIGIN = new GeoPoint(31.2800, 121.1700);
    private static final double RSU_RANGE_M = 300.0;
    private static final double PC5_RECEPTION = 0.9;
    private static final double UU_LOSS = 0.01;
    private static final int GHOSTS = 5;
    private static final double PLAYGROUND_MARGIN_M = 200.0;

    private AttackTraces() {
    }

    /**
     * Shape of a trace.
     *
     * @param vehicles      physical vehicles
     * @param durationS     recorded time
     * @param attackerShare share of vehicles that attack (VeReMi uses 10–30 %)
     * @param directShare   share of vehicles with their own cellular uplink; the rest are heard by RSUs
     * @param onsetMinS     earliest attack onset
     * @param onsetMaxS     latest attack onset
     * @param coldStart     attack from the first message (onset 0) instead
     */
    public record Params(int vehicles, double durationS, double attackerShare, double directShare, double onsetMinS,
                         double onsetMaxS, boolean coldStart) {

        public static Params defaults() {
            return new Params(200, 60.0, 0.10, 0.5, 5.0, 15.0, false);
        }

        public Params withColdStart(boolean cold) {
            return new Params(vehicles, durationS, attackerShare, directShare, onsetMinS, onsetMaxS, cold);
        }

        public Params withVehicles(int count, double seconds) {
            return new Params(count, seconds, attackerShare, directShare, onsetMinS, onsetMaxS, coldStart);
        }
    }

    /**
     * One delivery to the edge: the arguments of {@link MisbehaviourDetector#check} and the ground truth.
     *
     * @param vehicle the physical vehicle that sent it (index)
     * @param attack  sent by an attacker after its onset (falsified, flooded, replayed or a ghost)
     */
    public record Message(String senderId, VehicleState state, long receivedMicros, GeoPoint relayPosition,
                          long payloadHash, int vehicle, boolean attack) {
    }

    /**
     * One attacker.
     *
     * @param vehicle     its index
     * @param direct      it has its own uplink (else it is heard through RSUs)
     * @param channel     its channel when direct, else null
     * @param vehicleIds  its own vehicle id, then its ghosts' ids
     * @param onsetMicros when it starts, message time
     */
    public record Attacker(int vehicle, boolean direct, String channel, List<String> vehicleIds, long onsetMicros) {
    }

    /**
     * A trace.
     *
     * @param messages  every delivery in receive order
     * @param honestCollisions times the simulation had to separate two honest vehicles (0 expected)
     */
    public record Trace(AttackType attack, Params params, long seed, List<Message> messages,
                        List<Attacker> attackers, int honestCollisions) {
    }

    public static Trace generate(AttackType attack, long seed) {
        return generate(attack, seed, Params.defaults());
    }

    public static Trace generate(AttackType attack, long seed, Params params) {
        return generate(attack, Honest.of(seed, params));
    }

    /** The part of a trace that does not depend on the attack: shared (read-only) by every attack type of a seed. */
    static final class Honest {
        final long seed;
        final Params params;
        final int steps;
        final TrafficWorld world;
        final Frame frame = new Frame();
        final Reports reports;
        final String[] ids;
        final String[] channels;
        final boolean[] direct;

        private Honest(long seed, Params params) {
            this.seed = seed;
            this.params = params;
            this.steps = (int) Math.round(params.durationS() / TrafficWorld.DT_S);
            int n = params.vehicles();
            this.world = TrafficWorld.simulate(seed, n, steps);
            this.reports = Reports.of(world, seed);
            SplittableRandom setup = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
            this.ids = new String[n];
            this.channels = new String[n];
            this.direct = new boolean[n];
            Set<String> used = new HashSet<>();
            for (int i = 0; i < n; i++) {
                ids[i] = freshId(setup, used);
                channels[i] = "obu-" + ids[i];
                direct[i] = setup.nextDouble() < params.directShare();
            }
        }

        static Honest of(long seed, Params params) {
            return new Honest(seed, params);
        }
    }

    static Trace generate(AttackType attack, Honest h) {
        long seed = h.seed;
        Params params = h.params;
        int steps = h.steps;
        int n = params.vehicles();
        TrafficWorld world = h.world;
        Frame frame = h.frame;
        Reports honest = h.reports;
        String[] ids = h.ids;
        String[] channels = h.channels;
        boolean[] direct = h.direct;
        Set<String> used = new HashSet<>(List.of(ids));
        // attackers and their parameters come from their own stream: honest traffic is the same for every attack
        SplittableRandom attackRng = new SplittableRandom(seed ^ (0x5DEECE66DL * (attack.ordinal() + 1)));
        int attackerCount = attack == AttackType.NONE ? 0 : (int) Math.round(n * params.attackerShare());
        int[] attackerOf = new int[n];
        Arrays.fill(attackerOf, -1);
        List<Attacker> attackers = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        while (attackers.size() < attackerCount) {
            int i = attackRng.nextInt(n);
            if (attackerOf[i] >= 0) {
                continue;
            }
            int onsetStep = params.coldStart() ? 0 : (int) Math.round(attackRng.nextDouble(params.onsetMinS(),
                    params.onsetMaxS()) / TrafficWorld.DT_S);
            Plan plan = new Plan(attack, i, onsetStep, attackRng, world, frame, used, honest);
            attackerOf[i] = attackers.size();
            plans.add(plan);
            List<String> vids = new ArrayList<>();
            vids.add(ids[i]);
            vids.addAll(List.of(plan.ghostIds));
            attackers.add(new Attacker(i, direct[i], direct[i] ? channels[i] : null, List.copyOf(vids),
                    START_MICROS + onsetStep * 100_000L + honest.phaseMicros[i]));
        }
        List<Message> out = new ArrayList<>(n * steps * 3 / 2);
        for (int i = 0; i < n; i++) {
            SplittableRandom link = new SplittableRandom(seed * 31 + i * 0x632BE59BD9B4E019L);
            Plan plan = attackerOf[i] >= 0 ? plans.get(attackerOf[i]) : null;
            for (int k = 0; k < steps; k++) {
                long t = START_MICROS + k * 100_000L + honest.phaseMicros[i];
                if (plan == null || k < plan.onsetStep) {
                    VehicleState s = frame.state(ids[i], t, honest.east[i][k], honest.north[i][k],
                            honest.heading[i][k], honest.speed[i][k], honest.accel[i][k], world, i);
                    deliver(out, s, i, false, direct[i], channels[i], world, k, 0, frame, link);
                } else {
                    plan.emit(out, k, t, ids[i], channels[i], direct[i], link);
                }
            }
        }
        return new Trace(attack, params, seed, inReceiveOrder(out), List.copyOf(attackers), world.collisions);
    }

    /** Stable sort on receive time by primitive keys (time since the start, then position in the list). */
    private static List<Message> inReceiveOrder(List<Message> messages) {
        long[] keys = new long[messages.size()];
        for (int m = 0; m < keys.length; m++) {
            keys[m] = (messages.get(m).receivedMicros() - START_MICROS + 10_000_000L) << 22 | m;
        }
        Arrays.sort(keys);
        Message[] sorted = new Message[keys.length];
        for (int m = 0; m < keys.length; m++) {
            sorted[m] = messages.get((int) (keys[m] & ((1 << 22) - 1)));
        }
        return List.of(sorted);
    }

    /** Sends one state from vehicle {@code i} the way that vehicle's messages travel. */
    static void deliver(List<Message> out, VehicleState s, int i, boolean attack, boolean direct, String channel,
                        TrafficWorld world, int step, long sentAfterMicros, Frame frame, SplittableRandom link) {
        long hash = hash(s);
        long sent = s.timeMicros() + sentAfterMicros;
        if (direct) {
            if (link.nextDouble() >= UU_LOSS) {
                out.add(new Message(channel, s, sent + 30_000 + link.nextLong(50_000), null, hash, i, attack));
            }
            return;
        }
        // PC5 reaches RSUs from where the radio really is, whatever position the message claims
        double e = world.east[i][step];
        double nn = world.north[i][step];
        for (int r = 0; r < Frame.RSU_NODES.length; r++) {
            double de = e - Frame.RSU_NODES[r][0];
            double dn = nn - Frame.RSU_NODES[r][1];
            if (de * de + dn * dn <= RSU_RANGE_M * RSU_RANGE_M && link.nextDouble() < PC5_RECEPTION) {
                out.add(new Message(Frame.RSU_IDS[r], s, sent + 10_000 + link.nextLong(30_000), frame.rsu[r], hash, i,
                        attack));
            }
        }
    }

    /** 64-bit FNV-1a over the fields an encoder would put on the wire: identical messages, identical hashes. */
    static long hash(VehicleState s) {
        long h = 0xcbf29ce484222325L;
        String id = s.vehicleId();
        for (int c = 0; c < id.length(); c++) {
            h = (h ^ id.charAt(c)) * 0x100000001b3L;
        }
        h = fnv(h, s.timeMicros());
        h = fnv(h, Double.doubleToLongBits(s.latDeg()));
        h = fnv(h, Double.doubleToLongBits(s.lonDeg()));
        h = fnv(h, Double.doubleToLongBits(s.speedMps()));
        return fnv(h, Double.doubleToLongBits(s.headingDeg()));
    }

    private static long fnv(long h, long field) {
        for (int b = 0; b < 8; b++) {
            h = (h ^ ((field >>> (8 * b)) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static String freshId(SplittableRandom rng, Set<String> used) {
        String id;
        do {
            id = String.format(Locale.ROOT, "%08X", rng.nextInt());
        } while (!used.add(id));
        return id;
    }

    /** The geography: local metres to WGS84 around {@link #ORIGIN}, and the RSUs. */
    static final class Frame {
        static final double[][] RSU_NODES = {{200, 200}, {600, 200}, {200, 600}, {600, 600}};
        static final String[] RSU_IDS = {"rsu-1", "rsu-2", "rsu-3", "rsu-4"};
        final double metresPerDegLat = LocalEnu.metresPerDegreeLat(ORIGIN.latDeg());
        final double metresPerDegLon = LocalEnu.metresPerDegreeLon(ORIGIN.latDeg());
        final GeoPoint[] rsu = new GeoPoint[RSU_NODES.length];

        Frame() {
            for (int r = 0; r < RSU_NODES.length; r++) {
                rsu[r] = geo(RSU_NODES[r][0], RSU_NODES[r][1]);
            }
        }

        GeoPoint geo(double eastM, double northM) {
            return new GeoPoint(ORIGIN.latDeg() + northM / metresPerDegLat,
                    ORIGIN.lonDeg() + eastM / metresPerDegLon);
        }

        VehicleState state(String id, long timeMicros, double eastM, double northM, double headingDeg,
                           double speedMps, double accelMps2, TrafficWorld world, int i) {
            return new VehicleState(id, timeMicros, geo(eastM, northM), Double.NaN,
                    Units.normaliseHeadingDeg(headingDeg), Math.min(Math.max(speedMps, 0.0), 163.0),
                    Math.max(-20.0, Math.min(20.0, accelMps2)), Double.NaN, world.lengthM[i], world.widthM[i],
                    world.classes[i], BrakeState.NONE, ExteriorLights.NONE);
        }
    }

    /** What every vehicle would honestly report at each step: ground truth plus sensor error. */
    static final class Reports {
        final double[][] east;
        final double[][] north;
        final double[][] heading;
        final double[][] speed;
        final double[][] accel;
        final long[] phaseMicros;

        private Reports(int n, int steps) {
            east = new double[n][steps];
            north = new double[n][steps];
            heading = new double[n][steps];
            speed = new double[n][steps];
            accel = new double[n][steps];
            phaseMicros = new long[n];
        }

        static Reports of(TrafficWorld w, long seed) {
            Reports r = new Reports(w.vehicles, w.steps);
            SplittableRandom common = new SplittableRandom(seed ^ 0xC0FFEEL);
            double[] ce = gaussMarkov(common, w.steps, 1.2, 60.0);
            double[] cn = gaussMarkov(common, w.steps, 1.2, 60.0);
            for (int i = 0; i < w.vehicles; i++) {
                SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
                r.phaseMicros[i] = rng.nextLong(100_000);
                double[] ie = gaussMarkov(rng, w.steps, 0.8, 20.0);
                double[] in = gaussMarkov(rng, w.steps, 0.8, 20.0);
                double shownHeading = w.heading[i][0];
                for (int k = 0; k < w.steps; k++) {
                    double v = w.speed[i][k];
                    double h = Math.toRadians(w.heading[i][k]);
                    // the state at this vehicle's transmit phase within the step
                    double lead = v * r.phaseMicros[i] * 1e-6;
                    double e = w.east[i][k] + lead * Math.sin(h) + ce[k] + ie[k] + 0.15 * rng.nextGaussian();
                    double nn = w.north[i][k] + lead * Math.cos(h) + cn[k] + in[k] + 0.15 * rng.nextGaussian();
                    if (rng.nextDouble() < 2e-4) {
                        double off = rng.nextDouble(5.0, 15.0);
                        double dir = rng.nextDouble(2 * Math.PI);
                        e += off * Math.sin(dir);
                        nn += off * Math.cos(dir);
                    }
                    if (v >= 1.0) {
                        shownHeading = w.heading[i][k] + rng.nextGaussian();
                    }
                    r.east[i][k] = e;
                    r.north[i][k] = nn;
                    r.heading[i][k] = shownHeading;
                    r.speed[i][k] = Math.max(0.0, v + 0.1 * rng.nextGaussian());
                    r.accel[i][k] = w.accel[i][k] + 0.2 * rng.nextGaussian();
                }
            }
            return r;
        }

        private static double[] gaussMarkov(SplittableRandom rng, int steps, double sigma, double tauS) {
            double rho = Math.exp(-TrafficWorld.DT_S / tauS);
            double drive = sigma * Math.sqrt(1 - rho * rho);
            double[] x = new double[steps];
            double value = sigma * rng.nextGaussian();
            for (int k = 0; k < steps; k++) {
                x[k] = value;
                value = rho * value + drive * rng.nextGaussian();
            }
            return x;
        }
    }

    /** One attacker's parameters and what it sends after its onset. */
    private static final class Plan {
        final AttackType attack;
        final int vehicle;
        final int onsetStep;
        final SplittableRandom rng;
        final TrafficWorld world;
        final Frame frame;
        final Reports honest;
        final String[] ghostIds;
        final double constE;
        final double constN;
        final double constSpeed;
        final int target;

        Plan(AttackType attack, int vehicle, int onsetStep, SplittableRandom rng, TrafficWorld world, Frame frame,
             Set<String> used, Reports honest) {
            this.attack = attack;
            this.vehicle = vehicle;
            this.onsetStep = onsetStep;
            this.rng = rng.split();
            this.world = world;
            this.frame = frame;
            this.honest = honest;
            this.ghostIds = new String[attack == AttackType.SYBIL ? GHOSTS : 0];
            for (int g = 0; g < ghostIds.length; g++) {
                ghostIds[g] = freshId(this.rng, used);
            }
            double lo = -PLAYGROUND_MARGIN_M;
            double hi = TrafficWorld.extentM() + PLAYGROUND_MARGIN_M;
            switch (attack) {
                case CONSTANT_POSITION -> {
                    constE = this.rng.nextDouble(lo, hi);
                    constN = this.rng.nextDouble(lo, hi);
                }
                case CONSTANT_POSITION_OFFSET -> {
                    constE = sign() * this.rng.nextDouble(56.0, 84.0);
                    constN = sign() * this.rng.nextDouble(56.0, 84.0);
                }
                default -> {
                    constE = 0;
                    constN = 0;
                }
            }
            constSpeed = Math.hypot(this.rng.nextDouble(40.0), this.rng.nextDouble(40.0));
            target = attack == AttackType.DATA_REPLAY ? nearest(world, vehicle, onsetStep) : -1;
        }

        private double sign() {
            return rng.nextBoolean() ? 1.0 : -1.0;
        }

        private static int nearest(TrafficWorld w, int i, int step) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < w.vehicles; j++) {
                if (j == i) {
                    continue;
                }
                double d = Math.hypot(w.east[j][step] - w.east[i][step], w.north[j][step] - w.north[i][step]);
                if (d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            return best;
        }

        void emit(List<Message> out, int k, long t, String id, String channel, boolean direct,
                  SplittableRandom link) {
            int i = vehicle;
            double e = honest.east[i][k];
            double n = honest.north[i][k];
            double h = honest.heading[i][k];
            double v = honest.speed[i][k];
            double a = honest.accel[i][k];
            double lo = -PLAYGROUND_MARGIN_M;
            double hi = TrafficWorld.extentM() + PLAYGROUND_MARGIN_M;
            switch (attack) {
                case NONE -> {
                }
                case CONSTANT_POSITION -> {
                    e = constE;
                    n = constN;
                }
                case CONSTANT_POSITION_OFFSET -> {
                    e += constE;
                    n += constN;
                }
                case RANDOM_POSITION -> {
                    e = rng.nextDouble(lo, hi);
                    n = rng.nextDouble(lo, hi);
                }
                case RANDOM_POSITION_OFFSET -> {
                    e += rng.nextDouble(-35.0, 35.0);
                    n += rng.nextDouble(-35.0, 35.0);
                }
                case CONSTANT_SPEED -> v = constSpeed;
                case RANDOM_SPEED -> v = Math.hypot(rng.nextDouble(40.0), rng.nextDouble(40.0));
                case EVENTUAL_STOP -> {
                    e = honest.east[i][onsetStep];
                    n = honest.north[i][onsetStep];
                    h = honest.heading[i][onsetStep];
                    v = 0;
                    a = 0;
                }
                case DATA_REPLAY -> {
                    // the target's latest message heard before this one goes out, under the attacker's id
                    int j = target;
                    int step = honest.phaseMicros[j] <= honest.phaseMicros[i] ? k : k - 1;
                    if (step < 0) {
                        return;
                    }
                    long tt = START_MICROS + step * 100_000L + honest.phaseMicros[j];
                    VehicleState s = frame.state(id, tt, honest.east[j][step], honest.north[j][step],
                            honest.heading[j][step], honest.speed[j][step], honest.accel[j][step], world, i);
                    deliver(out, s, i, true, direct, channel, world, k, t - tt, frame, link);
                    return;
                }
                case DOS -> {
                    double hr = Math.toRadians(h);
                    for (int burst = 0; burst < 4; burst++) {
                        double ahead = v * burst * 0.025;
                        VehicleState s = frame.state(id, t + burst * 25_000L, e + ahead * Math.sin(hr),
                                n + ahead * Math.cos(hr), h, v, a, world, i);
                        deliver(out, s, i, true, direct, channel, world, k, 0, frame, link);
                    }
                    return;
                }
                case SYBIL -> {
                    deliver(out, frame.state(id, t, e, n, h, v, a, world, i), i, true, direct, channel, world, k, 0,
                            frame, link);
                    double hr = Math.toRadians(h);
                    for (int g = 1; g <= GHOSTS; g++) {
                        // F2MD grid: column g / 2 behind (length + 5 m), row g % 2 beside (width + 2 m), ± 10 %
                        double back = (g / 2) * (world.lengthM[i] + 5.0) + rng.nextDouble(-0.5, 0.5);
                        double left = (g % 2) * (world.widthM[i] + 2.0) + rng.nextDouble(-0.2, 0.2);
                        double ge = e - back * Math.sin(hr) - left * Math.cos(hr);
                        double gn = n - back * Math.cos(hr) + left * Math.sin(hr);
                        VehicleState s = frame.state(ghostIds[g - 1], t + g * 100_000L / (GHOSTS + 1), ge, gn, h,
                                v, a, world, i);
                        deliver(out, s, i, true, direct, channel, world, k, 0, frame, link);
                    }
                    return;
                }
            }
            deliver(out, frame.state(id, t, e, n, h, v, a, world, i), i, true, direct, channel, world, k, 0, frame,
                    link);
        }
    }
}
