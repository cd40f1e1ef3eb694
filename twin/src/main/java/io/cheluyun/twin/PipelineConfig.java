package io.cheluyun.twin;

import static io.cheluyun.model.ConfigChecks.require;

import io.cheluyun.model.TileGrid;

/**
 * Sizing and timing of the sharded pipeline. Every key has a default ({@link #defaults()}); {@link #conclude()}
 * checks them all at start-up and names the bad key.
 *
 * @param shards                    number of shards, each with one writer thread (at most 64)
 * @param queueCapacity             bounded ingest queue per shard, events; beyond it events are shed and counted
 * @param drainLimit                events a worker applies per duty cycle before it checks its tick
 * @param maxVehiclesPerShard       tracked vehicles per shard (owned and halo copies); new vehicles beyond it are
 *                                  refused and counted
 * @param tickIntervalMs            message-time period of {@code onTick} (stale-track eviction, app housekeeping)
 * @param trackTimeoutMs            a vehicle silent this long in message time is evicted (BSMs come at 10 Hz, so
 *                                  3 s is thirty missed messages)
 * @param tileDeg                   tile edge of the shard grid, degrees
 * @param indexCellM                cell size of the per-shard spatial index, m
 * @param haloM                     vehicles and objects this close to a tile edge are copied to the shards owning
 *                                  the tiles across it; bounds the range at which an application sees parties in
 *                                  other shards' tiles. 200 m covers FCW at 130 km/h (3.5 s × 36 m/s + margins)
 *                                  and every application's range except DNPW's and TJW's look-ahead (up to
 *                                  500 m): across a tile edge those see only this far until the party comes
 *                                  closer, so their warning can come later there. Warnings are independent of
 *                                  tile edges when this is at least the largest application range; each metre
 *                                  copies more vehicles to a second shard (a trade of throughput for range)
 * @param objectTimeoutMs           a perceived object not reported for this long is dropped (RSM at 10 Hz)
 * @param signalTimeoutMs           a signal state older than this is no longer used (SPAT comes at 10 Hz; 2 s
 *                                  allows for a lost burst, not for a dead controller)
 * @param snapshotIntervalMs        message-time period at which each shard publishes an immutable snapshot
 * @param maxObjectsPerShard        fused perceived-object tracks per shard
 * @param maxEventsPerShard         road events in force per shard
 * @param maxIntersectionsPerShard  MAP intersections (and their signal states) per shard
 */
public record PipelineConfig(int shards, int queueCapacity, int drainLimit, int maxVehiclesPerShard,
                             long tickIntervalMs, long trackTimeoutMs, double tileDeg, double indexCellM,
                             double haloM, long objectTimeoutMs, long signalTimeoutMs, long snapshotIntervalMs,
                             int maxObjectsPerShard, int maxEventsPerShard, int maxIntersectionsPerShard) {

    public static PipelineConfig defaults() {
        return new PipelineConfig(2, 65_536, 256, 200_000, 100, 3_000, TileGrid.DEFAULT_TILE_DEG, 50.0, 200.0, 1_000,
                2_000, 1_000, 50_000, 10_000, 10_000);
    }

    public PipelineConfig withShards(int newShards) {
        return new PipelineConfig(newShards, queueCapacity, drainLimit, maxVehiclesPerShard, tickIntervalMs,
                trackTimeoutMs, tileDeg, indexCellM, haloM, objectTimeoutMs, signalTimeoutMs, snapshotIntervalMs,
                maxObjectsPerShard, maxEventsPerShard, maxIntersectionsPerShard);
    }

    public PipelineConfig withQueueCapacity(int newQueueCapacity) {
        return new PipelineConfig(shards, newQueueCapacity, drainLimit, maxVehiclesPerShard, tickIntervalMs,
                trackTimeoutMs, tileDeg, indexCellM, haloM, objectTimeoutMs, signalTimeoutMs, snapshotIntervalMs,
                maxObjectsPerShard, maxEventsPerShard, maxIntersectionsPerShard);
    }

    public PipelineConfig withMaxVehiclesPerShard(int newMax) {
        return new PipelineConfig(shards, queueCapacity, drainLimit, newMax, tickIntervalMs, trackTimeoutMs,
                tileDeg, indexCellM, haloM, objectTimeoutMs, signalTimeoutMs, snapshotIntervalMs,
                maxObjectsPerShard, maxEventsPerShard, maxIntersectionsPerShard);
    }

    public PipelineConfig withTrackTimeoutMs(long newTimeoutMs) {
        return new PipelineConfig(shards, queueCapacity, drainLimit, maxVehiclesPerShard, tickIntervalMs,
                newTimeoutMs, tileDeg, indexCellM, haloM, objectTimeoutMs, signalTimeoutMs, snapshotIntervalMs,
                maxObjectsPerShard, maxEventsPerShard, maxIntersectionsPerShard);
    }

    public PipelineConfig withHaloM(double newHaloM) {
        return new PipelineConfig(shards, queueCapacity, drainLimit, maxVehiclesPerShard, tickIntervalMs,
                trackTimeoutMs, tileDeg, indexCellM, newHaloM, objectTimeoutMs, signalTimeoutMs, snapshotIntervalMs,
                maxObjectsPerShard, maxEventsPerShard, maxIntersectionsPerShard);
    }

    public PipelineConfig withTileDeg(double newTileDeg) {
        return new PipelineConfig(shards, queueCapacity, drainLimit, maxVehiclesPerShard, tickIntervalMs,
                trackTimeoutMs, newTileDeg, indexCellM, haloM, objectTimeoutMs, signalTimeoutMs, snapshotIntervalMs,
                maxObjectsPerShard, maxEventsPerShard, maxIntersectionsPerShard);
    }

    /** Validates every key; throws with the key's name and the accepted range when one is out of range. */
    public PipelineConfig conclude() {
        require(shards >= 1 && shards <= 64, "pipeline.shards", "1..64", shards);
        require(queueCapacity >= 2 && queueCapacity <= (1 << 24), "pipeline.queueCapacity", "2..16777216",
                queueCapacity);
        require(drainLimit >= 1, "pipeline.drainLimit", "≥ 1", drainLimit);
        require(maxVehiclesPerShard >= 1, "pipeline.maxVehiclesPerShard", "≥ 1", maxVehiclesPerShard);
        require(tickIntervalMs >= 1, "pipeline.tickIntervalMs", "≥ 1", tickIntervalMs);
        require(trackTimeoutMs >= tickIntervalMs, "pipeline.trackTimeoutMs", "≥ pipeline.tickIntervalMs",
                trackTimeoutMs);
        require(tileDeg >= 0.0001 && tileDeg <= 1.0, "pipeline.tileDeg", "0.0001..1", tileDeg);
        require(indexCellM >= 1.0 && indexCellM <= 10_000.0, "pipeline.indexCellM", "1..10000", indexCellM);
        require(haloM >= 0.0 && haloM <= 1_000.0, "pipeline.haloM", "0..1000", haloM);
        require(objectTimeoutMs >= tickIntervalMs, "pipeline.objectTimeoutMs", "≥ pipeline.tickIntervalMs",
                objectTimeoutMs);
        require(signalTimeoutMs >= 100, "pipeline.signalTimeoutMs", "≥ 100", signalTimeoutMs);
        require(snapshotIntervalMs >= tickIntervalMs, "pipeline.snapshotIntervalMs", "≥ pipeline.tickIntervalMs",
                snapshotIntervalMs);
        require(maxObjectsPerShard >= 1, "pipeline.maxObjectsPerShard", "≥ 1", maxObjectsPerShard);
        require(maxEventsPerShard >= 1, "pipeline.maxEventsPerShard", "≥ 1", maxEventsPerShard);
        require(maxIntersectionsPerShard >= 1, "pipeline.maxIntersectionsPerShard", "≥ 1",
                maxIntersectionsPerShard);
        return this;
    }
}
