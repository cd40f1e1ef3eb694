package io.cheluyun.apps.scenario;

import io.cheluyun.apps.AppHost;
import io.cheluyun.apps.AppSuite;
import io.cheluyun.apps.AppsConfig;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.twin.OfferResult;
import io.cheluyun.twin.Pipeline;
import io.cheluyun.twin.PipelineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives messages through the real pipeline and applications, stepped on the caller's thread with every shard
 * drained after each message: the same messages give the same warnings in the same order, every time.
 */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    /** Runs the messages in the order given and returns every warning raised, in order. */
    public static List<Warning> run(List<VehicleState> messages, AppsConfig apps, PipelineConfig pipeline) {
        List<Warning> warnings = new ArrayList<>();
        // ingest time is irrelevant here; a constant keeps the run free of the wall clock
        Pipeline p = Pipeline.create(pipeline, shard -> new AppHost(AppSuite.create(apps),
                (warning, triggerNanos) -> warnings.add(warning)), () -> 0L);
        for (VehicleState message : messages) {
            OfferResult result = p.ingest().offer(message);
            if (result != OfferResult.ACCEPTED) {
                throw new IllegalArgumentException("scenario message not accepted (" + result + "): " + message);
            }
            p.drain();
        }
        return warnings;
    }

    /** {@link #run(List, AppsConfig, PipelineConfig)} with default pipeline sizing. */
    public static List<Warning> run(List<VehicleState> messages, AppsConfig apps) {
        return run(messages, apps, PipelineConfig.defaults());
    }
}
