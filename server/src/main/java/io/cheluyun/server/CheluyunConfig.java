package io.cheluyun.server;

import io.cheluyun.apps.AppsConfig;
import io.cheluyun.edge.EdgeConfig;
import io.cheluyun.store.StoreConfig;
import io.cheluyun.twin.PipelineConfig;

/**
 * The whole configuration: one YAML file (config/cheluyun.example.yaml documents every key), each key with a
 * default, environment overrides ({@code CHELUYUN_SECTION_KEY}), then command-line options. See
 * {@link ConfigLoader}.
 *
 * @param http      /health and /metrics endpoint
 * @param pipeline  shards, queues, ticks
 * @param apps      application thresholds
 * @param output    warning output
 * @param edge      transports in and out, device registry, signatures, plausibility, downlink
 * @param store     the database: warnings history, registry, audit log (embedded H2 file by default)
 * @param auth      API authentication beyond the platform's own accounts (OIDC JWTs)
 * @param analytics safety events, signal monitoring, KPIs
 */
public record CheluyunConfig(HttpConfig http, PipelineConfig pipeline, AppsConfig apps, OutputConfig output,
                             EdgeConfig edge, StoreConfig store, AuthConfig auth, AnalyticsConfig analytics) {

    public static CheluyunConfig defaults() {
        return new CheluyunConfig(HttpConfig.defaults(), PipelineConfig.defaults(), AppsConfig.defaults(),
                OutputConfig.defaults(), EdgeConfig.defaults(), StoreConfig.defaults(), AuthConfig.defaults(),
                AnalyticsConfig.defaults());
    }

    public CheluyunConfig withHttpPort(int port) {
        return new CheluyunConfig(new HttpConfig(http.host(), port), pipeline, apps, output, edge, store, auth,
                analytics);
    }

    public CheluyunConfig withPipeline(PipelineConfig newPipeline) {
        return new CheluyunConfig(http, newPipeline, apps, output, edge, store, auth, analytics);
    }

    public CheluyunConfig withApps(AppsConfig newApps) {
        return new CheluyunConfig(http, pipeline, newApps, output, edge, store, auth, analytics);
    }

    public CheluyunConfig withEdge(EdgeConfig newEdge) {
        return new CheluyunConfig(http, pipeline, apps, output, newEdge, store, auth, analytics);
    }

    public CheluyunConfig withStore(StoreConfig newStore) {
        return new CheluyunConfig(http, pipeline, apps, output, edge, newStore, auth, analytics);
    }

    public CheluyunConfig withAuth(AuthConfig newAuth) {
        return new CheluyunConfig(http, pipeline, apps, output, edge, store, newAuth, analytics);
    }

    public CheluyunConfig withAnalytics(AnalyticsConfig newAnalytics) {
        return new CheluyunConfig(http, pipeline, apps, output, edge, store, auth, newAnalytics);
    }

    /** Validates every section; the exception names the bad key. */
    public CheluyunConfig conclude() {
        if (http == null || pipeline == null || apps == null || output == null || edge == null || store == null
                || auth == null || analytics == null) {
            throw new IllegalArgumentException("configuration sections http, pipeline, apps, output, edge, store, "
                    + "auth and analytics are required");
        }
        http.conclude();
        pipeline.conclude();
        apps.conclude();
        output.conclude();
        edge.conclude();
        store.conclude();
        auth.conclude();
        analytics.conclude();
        return this;
    }
}
