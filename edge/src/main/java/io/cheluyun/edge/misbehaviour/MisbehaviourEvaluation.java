package io.cheluyun.edge.misbehaviour;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Runs the VeReMi-style traces of {@link AttackTraces} through a fresh {@link MisbehaviourDetector} each, in receive
 * order as the edge would see them, and scores the verdicts against the ground truth: per attack type the share of
 * attack messages refused, the share of attackers caught within {@value #DETECTION_HORIZON_S} s of their onset and
 * quarantined (and how fast), and the false positives on honest messages. docs/security.md shows the table
 * {@link Result#markdown()} prints: {@code MisbehaviourEvaluationTest} prints it, or run {@link #main} with a seed.
 */
public final class MisbehaviourEvaluation {

    /** An attacker counts as caught when one of its messages is refused within this long of its onset. */
    public static final double DETECTION_HORIZON_S = 5.0;

    private MisbehaviourEvaluation() {
    }

    /**
     * The score of one trace. Duplicates (the same octets through a second RSU) are left out of every count.
     *
     * @param attackMessages     messages attackers sent after their onset
     * @param detected           ...of those, refused (any verdict but OK)
     * @param detectedBy         ...by verdict
     * @param attackersDetected  attackers with a refused message within {@link #DETECTION_HORIZON_S} of the onset
     * @param attackersQuarantined attackers whose channel or vehicle id went into quarantine after the onset
     * @param medianSecondsToQuarantine median over those of onset → quarantine, s (NaN if none)
     * @param honestMessages     messages of honest vehicles, and of attackers before their onset
     * @param falsePositives     ...of those, refused
     * @param falsePositivesBy   ...by verdict
     * @param honestQuarantined  honest channels or vehicle ids that went into quarantine
     */
    public record Row(String label, AttackType attack, int attackers, long messages, long duplicates,
                      long attackMessages, long detected, Map<Verdict, Long> detectedBy, int attackersDetected,
                      int attackersQuarantined, double medianSecondsToQuarantine, long honestMessages,
                      long falsePositives, Map<Verdict, Long> falsePositivesBy, int honestQuarantined) {

        public double detectionRate() {
            return attackMessages == 0 ? Double.NaN : (double) detected / attackMessages;
        }

        public double attackerDetectionRate() {
            return attackers == 0 ? Double.NaN : (double) attackersDetected / attackers;
        }

        public double attackerQuarantineRate() {
            return attackers == 0 ? Double.NaN : (double) attackersQuarantined / attackers;
        }

        public double falsePositiveRate() {
            return honestMessages == 0 ? Double.NaN : (double) falsePositives / honestMessages;
        }
    }

    /** All rows of one seed and setting. */
    public record Result(long seed, boolean coldStart, List<Row> rows) {

        public Row row(AttackType attack) {
            return rows.stream().filter(r -> r.attack() == attack).findFirst().orElseThrow();
        }

        public long honestMessages() {
            return rows.stream().mapToLong(Row::honestMessages).sum();
        }

        public long falsePositives() {
            return rows.stream().mapToLong(Row::falsePositives).sum();
        }

        public int honestQuarantined() {
            return rows.stream().mapToInt(Row::honestQuarantined).sum();
        }

        /** The table of docs/security.md. */
        public String markdown() {
            StringBuilder b = new StringBuilder();
            b.append("| attack | attackers | attack msgs | refused | per message | caught ≤ 5 s | quarantined |"
                    + " median to quarantine | refused as | honest msgs | false positives |\n");
            b.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
            for (Row r : rows) {
                b.append("| ").append(r.label())
                        .append(" | ").append(r.attackers())
                        .append(" | ").append(r.attackMessages())
                        .append(" | ").append(r.detected())
                        .append(" | ").append(percent(r.detectionRate()))
                        .append(" | ").append(percent(r.attackerDetectionRate()))
                        .append(" | ").append(percent(r.attackerQuarantineRate()))
                        .append(" | ").append(Double.isNaN(r.medianSecondsToQuarantine()) ? "–"
                                : String.format(Locale.ROOT, "%.1f s", r.medianSecondsToQuarantine()))
                        .append(" | ").append(top(r.detectedBy()))
                        .append(" | ").append(r.honestMessages())
                        .append(" | ").append(r.falsePositives())
                        .append(r.falsePositives() == 0 ? "" : " (" + top(r.falsePositivesBy()) + ")")
                        .append(" |\n");
            }
            b.append(String.format(Locale.ROOT, "%nSeed %d, attacks from %s. Honest messages over all traces: %d, "
                            + "refused: %d (%.4f %%); honest senders quarantined: %d.%n", seed,
                    coldStart ? "the first message" : "mid-trip", honestMessages(), falsePositives(),
                    100.0 * falsePositives() / Math.max(1, honestMessages()), honestQuarantined()));
            return b.toString();
        }

        private static String percent(double share) {
            return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
        }

        private static String top(Map<Verdict, Long> by) {
            return by.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<Verdict, Long>comparingByValue().reversed()).limit(3)
                    .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", "));
        }
    }

    /** Every attack type with the default thresholds and trace shape. */
    public static Result run(long seed) {
        return run(seed, MisbehaviourConfig.defaults(), AttackTraces.Params.defaults());
    }

    /**
     * Every attack type on the traces of {@code seed} (honest traffic shared). {@code params.coldStart()} chooses the
     * setting: attacks from mid-trip (default), or from each attacker's first message (VeReMi's setting).
     */
    public static Result run(long seed, MisbehaviourConfig config, AttackTraces.Params params) {
        AttackTraces.Honest honest = AttackTraces.Honest.of(seed, params);
        List<Callable<Row>> jobs = new ArrayList<>();
        for (AttackType attack : AttackType.values()) {
            if (attack != AttackType.NONE) {
                jobs.add(() -> evaluate(AttackTraces.generate(attack, honest), config));
            }
        }
        // rows are independent (each its own trace and detector): the order of the result does not depend on the
        // threads, only the wall time does
        int threads = Math.max(1, Math.min(jobs.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Row> rows = new ArrayList<>();
            for (Future<Row> f : pool.invokeAll(jobs)) {
                rows.add(f.get());
            }
            return new Result(seed, params.coldStart(), List.copyOf(rows));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluation failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Scores one trace with a fresh detector. */
    public static Row evaluate(AttackTraces.Trace trace, MisbehaviourConfig config) {
        MisbehaviourDetector detector = new MisbehaviourDetector(config);
        int vehicles = trace.params().vehicles();
        int[] attackerOf = new int[vehicles];
        Arrays.fill(attackerOf, -1);
        List<AttackTraces.Attacker> attackers = trace.attackers();
        for (int a = 0; a < attackers.size(); a++) {
            attackerOf[attackers.get(a).vehicle()] = a;
        }
        long[] firstDetected = new long[attackers.size()];
        long[] quarantinedAt = new long[attackers.size()];
        Arrays.fill(firstDetected, Long.MAX_VALUE);
        Arrays.fill(quarantinedAt, Long.MAX_VALUE);
        long[] detectedBy = new long[Verdict.values().length];
        long[] falseBy = new long[Verdict.values().length];
        Set<String> honestQuarantined = new HashSet<>();
        long messages = 0;
        long duplicates = 0;
        long attackMessages = 0;
        long detected = 0;
        long honest = 0;
        long falsePositives = 0;
        for (AttackTraces.Message m : trace.messages()) {
            Verdict v = detector.check(m.senderId(), m.state(), m.receivedMicros(), m.relayPosition(),
                    m.payloadHash());
            messages++;
            if (v == Verdict.DUPLICATE) {
                duplicates++;
                continue;
            }
            int a = attackerOf[m.vehicle()];
            if (m.attack()) {
                attackMessages++;
                if (v != Verdict.OK) {
                    detected++;
                    detectedBy[v.ordinal()]++;
                    firstDetected[a] = Math.min(firstDetected[a], m.receivedMicros());
                }
            } else {
                honest++;
                if (v != Verdict.OK) {
                    falsePositives++;
                    falseBy[v.ordinal()]++;
                }
            }
            if (v.isViolation()) {
                boolean direct = m.relayPosition() == null;
                boolean quarantined = direct ? detector.isQuarantined(m.senderId(), m.receivedMicros())
                        : detector.isVehicleQuarantined(m.state().vehicleId(), m.receivedMicros());
                if (quarantined) {
                    if (m.attack()) {
                        quarantinedAt[a] = Math.min(quarantinedAt[a], m.receivedMicros());
                    } else {
                        honestQuarantined.add(direct ? m.senderId() : m.state().vehicleId());
                    }
                }
            }
        }
        int caught = 0;
        List<Double> toQuarantine = new ArrayList<>();
        for (int a = 0; a < attackers.size(); a++) {
            long onset = attackers.get(a).onsetMicros();
            if (firstDetected[a] - onset <= DETECTION_HORIZON_S * 1e6) {
                caught++;
            }
            if (quarantinedAt[a] != Long.MAX_VALUE) {
                toQuarantine.add((quarantinedAt[a] - onset) * 1e-6);
            }
        }
        return new Row(trace.attack().label(), trace.attack(), attackers.size(), messages, duplicates, attackMessages,
                detected, byVerdict(detectedBy), caught, toQuarantine.size(), median(toQuarantine), honest,
                falsePositives, byVerdict(falseBy), honestQuarantined.size());
    }

    private static Map<Verdict, Long> byVerdict(long[] counts) {
        Map<Verdict, Long> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            if (counts[v.ordinal()] > 0) {
                m.put(v, counts[v.ordinal()]);
            }
        }
        return Map.copyOf(m);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    /**
     * Prints both tables for a seed (default 1): attacks from mid-trip, then from the first message.
     * {@code java -cp edge/target/classes:model/target/classes io.cheluyun.edge.misbehaviour.MisbehaviourEvaluation 1}
     */
    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1L;
        AttackTraces.Params params = AttackTraces.Params.defaults();
        System.out.println("Attacks from mid-trip (onset 5–15 s):\n");
        System.out.println(run(seed, MisbehaviourConfig.defaults(), params).markdown());
        System.out.println("Attacks from the first message (VeReMi's setting):\n");
        System.out.println(run(seed, MisbehaviourConfig.defaults(), params.withColdStart(true)).markdown());
    }
}
