package io.cheluyun.twin;

import io.cheluyun.model.TileGrid;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.TwinEvent.VehicleUpdate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Entry of the pipeline, safe for any number of ingest threads: validates, keys each event by the tile it lies in,
 * and offers it to that tile's shard queue. A full queue sheds the new event (drop-newest) and counts it; nothing
 * blocks and nothing grows without bound.
 */
public final class Ingest {

    private final TileGrid grid;
    private final List<Queue<TwinEvent>> queues;
    private final LongSupplier nanoClock;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final AtomicLongArray shedByShard;

    Ingest(TileGrid grid, List<Queue<TwinEvent>> queues, LongSupplier nanoClock) {
        this.grid = grid;
        this.queues = List.copyOf(queues);
        this.nanoClock = nanoClock;
        this.shedByShard = new AtomicLongArray(queues.size());
    }

    /** Hands a vehicle state to its shard. */
    public OfferResult offer(VehicleState state) {
        if (state.problem() != null) {
            invalid.increment();
            return OfferResult.REJECTED_INVALID;
        }
        int shard = shardOf(state.latDeg(), state.lonDeg());
        if (queues.get(shard).offer(new VehicleUpdate(state, nanoClock.getAsLong()))) {
            accepted.increment();
            return OfferResult.ACCEPTED;
        }
        shedByShard.incrementAndGet(shard);
        return OfferResult.SHED_QUEUE_FULL;
    }

    /** The shard owning the tile that contains the point: a mixed hash of the tile key, so neighbours spread. */
    public int shardOf(double latDeg, double lonDeg) {
        return Math.floorMod(mix(grid.tileKey(latDeg, lonDeg)), queues.size());
    }

    /** MurmurHash3's 64-bit finaliser: adjacent tile keys land on unrelated shards. */
    static int mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    public long invalidCount() {
        return invalid.sum();
    }

    public long shedCount(int shard) {
        return shedByShard.get(shard);
    }

    public long shedCount() {
        long total = 0;
        for (int i = 0; i < shedByShard.length(); i++) {
            total += shedByShard.get(i);
        }
        return total;
    }
}
