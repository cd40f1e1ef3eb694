/**
 * The live digital twin of the road, sharded by tile. Ingest threads hand canonical events to shard workers
 * through bounded queues ({@link io.cheluyun.twin.Ingest}); each shard has exactly one writer thread
 * ({@link io.cheluyun.twin.ShardWorker}), which updates its state and calls its {@link io.cheluyun.twin.ShardObserver}
 * (the applications) on message time. Nothing here takes a lock on the hot path.
 */
package io.cheluyun.twin;
