package io.cheluyun.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's counters: inputs accepted per transport and message type, rejected per transport and reason
 * ({@code cheluyun_input_rejected_total{transport,reason}}); the first rejection of each (transport, reason) is
 * logged with its detail, later ones are only counted, so a hostile sender cannot flood the log. Thread-safe; the
 * label sets are fixed enums, so the number of series is bounded whatever senders do.
 */
public final class EdgeMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeMetrics.class);

    private final MeterRegistry registry;
    private final Map<Transport, Map<InputProblem, Counter>> rejected = new EnumMap<>(Transport.class);
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> logged = new ConcurrentHashMap<>();

    public EdgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Transport t : Transport.values()) {
            Map<InputProblem, Counter> byReason = new EnumMap<>(InputProblem.class);
            for (InputProblem p : InputProblem.values()) {
                byReason.put(p, Counter.builder("cheluyun.input.rejected").tag("transport", t.label())
                        .tag("reason", p.label())
                        .description("Inputs rejected before the pipeline, by transport and reason")
                        .register(registry));
            }
            rejected.put(t, byReason);
        }
    }

    /** Counters on a private registry (tools and tests). */
    public static EdgeMetrics standalone() {
        return new EdgeMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counts a rejection; logs the first of its kind with {@code detail} (which names sender and reason). */
    public void rejected(Transport transport, InputProblem problem, String detail) {
        rejected.get(transport).get(problem).increment();
        if (problem != InputProblem.DUPLICATE // expected whenever RSUs overlap: not worth a warning
                && logged.putIfAbsent(transport.label() + "/" + problem.label(), Boolean.TRUE) == null) {
            LOG.warn("input rejected transport={} reason={} detail=\"{}\" (first of its kind; further ones are "
                    + "counted in cheluyun_input_rejected_total)", transport.label(), problem.label(), detail);
        }
    }

    public long rejectedCount(Transport transport, InputProblem problem) {
        return (long) rejected.get(transport).get(problem).count();
    }

    /** All rejections of a transport. */
    public long rejectedCount(Transport transport) {
        double sum = 0;
        for (Counter c : rejected.get(transport).values()) {
            sum += c.count();
        }
        return (long) sum;
    }

    /** Counts a message taken into the pipeline. */
    public void accepted(Transport transport, String messageType) {
        accepted.computeIfAbsent(transport.label() + "/" + messageType, k -> Counter.builder("cheluyun.input.accepted")
                .tag("transport", transport.label()).tag("type", messageType)
                .description("Messages decoded, checked and handed to the pipeline").register(registry))
                .increment();
    }

    public long acceptedCount(Transport transport, String messageType) {
        Counter c = accepted.get(transport.label() + "/" + messageType);
        return c == null ? 0 : (long) c.count();
    }
}
