package io.cheluyun.apps.scenario;

import io.cheluyun.apps.AppHost;
import io.cheluyun.apps.AppSuite;
import io.cheluyun.apps.AppsConfig;
import io.cheluyun.apps.CooperativeApp;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.twin.Ingest;
import io.cheluyun.twin.OfferResult;
import io.cheluyun.twin.Pipeline;
import io.cheluyun.twin.PipelineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Drives inputs through the real pipeline and applications, stepped on the caller's thread with every shard
 * drained after each input: the same inputs give the same warnings in the same order, every time.
 */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    /**
     * Runs the inputs (vehicle states, signal states, maps, road events, perceived objects; see {@link Timeline})
     * in the order given through a pipeline whose every shard runs a fresh set of applications from {@code apps},
     * and returns every warning delivered, in order.
     */
    public static List<Warning> run(List<?> inputs, Supplier<List<CooperativeApp>> apps, PipelineConfig pipeline) {
        List<Warning> warnings = new ArrayList<>();
        // ingest time is irrelevant here; a constant keeps the run free of the wall clock
        Pipeline p = Pipeline.create(pipeline, shard -> new AppHost(apps.get(),
                (warning, triggerNanos) -> warnings.add(warning)), () -> 0L);
        for (Object input : inputs) {
            OfferResult result = offer(p.ingest(), input);
            if (result != OfferResult.ACCEPTED) {
                throw new IllegalArgumentException("scenario input not accepted (" + result + "): " + input);
            }
            p.drain();
        }
        return warnings;
    }

    /** Offers one input of any kind. */
    public static OfferResult offer(Ingest ingest, Object input) {
        return switch (input) {
            case VehicleState v -> ingest.offer(v);
            case SignalState s -> ingest.offer(s);
            case MapIntersection m -> ingest.offer(m);
            case RoadEvent e -> ingest.offer(e);
            case PerceivedObject o -> ingest.offer(o);
            default -> throw new IllegalArgumentException("not a scenario input: " + input);
        };
    }

    /** {@link #run(List, Supplier, PipelineConfig)} with default pipeline sizing. */
    public static List<Warning> run(List<?> inputs, Supplier<List<CooperativeApp>> apps) {
        return run(inputs, apps, PipelineConfig.defaults());
    }

    /** Runs the configured application suite. */
    public static List<Warning> run(List<?> inputs, AppsConfig apps, PipelineConfig pipeline) {
        return run(inputs, () -> AppSuite.create(apps), pipeline);
    }

    /** {@link #run(List, AppsConfig, PipelineConfig)} with default pipeline sizing. */
    public static List<Warning> run(List<?> inputs, AppsConfig apps) {
        return run(inputs, apps, PipelineConfig.defaults());
    }
}
