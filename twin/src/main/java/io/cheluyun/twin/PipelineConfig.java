package io.cheluyun.twin;

import io.cheluyun.model.TileGrid;

/**
 * Sizing and timing of the sharded pipeline. Every key has a default ({@link #defaults()}); {@link #conclude()}
 * checks them all at start-up and names the bad key.
 *
 * @param shards               number of shards, each with one writer thread
 * @param queueCapacity        bounded ingest queue per shard, events; beyond it events are shed and counted
 * @param drainLimit           events a worker applies per duty cycle before it checks its tick
 * @param maxVehiclesPerShard  tracked vehicles per shard; new vehicles beyond it are refused and counted
 * @param tickIntervalMs       message-time period of {@code onTick} (stale-track eviction, app housekeeping)
 * @param trackTimeoutMs       a vehicle silent this long in message time is evicted (BSMs come at 10 Hz, so
 *                             3 s is thirty missed messages)
 * @param tileDeg              tile edge of the shard grid, degrees
 * @param indexCellM           cell size of the per-shard spatial index, m
 */
public record PipelineConfig(int shards, int queueCapacity, int drainLimit, int maxVehiclesPerShard,
                             long tickIntervalMs, long trackTimeoutMs, double tileDeg, double indexCellM) {

    public static PipelineConfig defaults() {
        return new PipelineConfig(2, 65_536, 256, 200_000, 100, 3_000, TileGrid.DEFAULT_TILE_DEG, 50.0);
    }

    public PipelineConfig withShards(int newShards) {
        return new PipelineConfig(newShards, queueCapacity, drainLimit, maxVehiclesPerShard, tickIntervalMs,
                trackTimeoutMs, tileDeg, indexCellM);
    }

    public PipelineConfig withQueueCapacity(int newQueueCapacity) {
        return new PipelineConfig(shards, newQueueCapacity, drainLimit, maxVehiclesPerShard, tickIntervalMs,
                trackTimeoutMs, tileDeg, indexCellM);
    }

    public PipelineConfig withMaxVehiclesPerShard(int newMax) {
        return new PipelineConfig(shards, queueCapacity, drainLimit, newMax, tickIntervalMs, trackTimeoutMs,
                tileDeg, indexCellM);
    }

    /** Validates every key; throws with the key's name and the accepted range when one is out of range. */
    public PipelineConfig conclude() {
        require(shards >= 1 && shards <= 1024, "pipeline.shards", "1..1024", shards);
        require(queueCapacity >= 2 && queueCapacity <= (1 << 24), "pipeline.queueCapacity", "2..16777216",
                queueCapacity);
        require(drainLimit >= 1, "pipeline.drainLimit", "≥ 1", drainLimit);
        require(maxVehiclesPerShard >= 1, "pipeline.maxVehiclesPerShard", "≥ 1", maxVehiclesPerShard);
        require(tickIntervalMs >= 1, "pipeline.tickIntervalMs", "≥ 1", tickIntervalMs);
        require(trackTimeoutMs >= tickIntervalMs, "pipeline.trackTimeoutMs", "≥ pipeline.tickIntervalMs",
                trackTimeoutMs);
        require(tileDeg >= 0.0001 && tileDeg <= 1.0, "pipeline.tileDeg", "0.0001..1", tileDeg);
        require(indexCellM >= 1.0 && indexCellM <= 10_000.0, "pipeline.indexCellM", "1..10000", indexCellM);
        return this;
    }

    private static void require(boolean ok, String key, String range, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(key + " must be " + range + ", got " + value);
        }
    }
}
