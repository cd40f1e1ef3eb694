package io.cheluyun.twin;

import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.TwinEvent.MapUpdate;
import io.cheluyun.twin.TwinEvent.ObjectUpdate;
import io.cheluyun.twin.TwinEvent.RoadEventUpdate;
import io.cheluyun.twin.TwinEvent.SignalUpdate;
import io.cheluyun.twin.TwinEvent.VehicleUpdate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Entry of the pipeline, safe for any number of ingest threads: validates, keys each event by the tile it lies in,
 * and offers it to that tile's shard queue, plus halo copies to the shards owning tiles within the halo distance
 * ({@link ShardMap}). Infrastructure (MAP, signal states, road events) is small and read everywhere, so it goes to
 * every shard. A full queue sheds the new event (drop-newest) and counts it; nothing blocks and nothing grows without
 * bound. The result reports the owner's queue; a shed halo copy is counted separately.
 */
public final class Ingest {

    private final ShardMap shards;
    private final List<Queue<TwinEvent>> queues;
    private final LongSupplier nanoClock;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder enqueued = new LongAdder();
    private final LongAdder haloCopies = new LongAdder();
    private final LongAdder haloShed = new LongAdder();
    private final AtomicLongArray shedByShard;

    Ingest(ShardMap shards, List<Queue<TwinEvent>> queues, LongSupplier nanoClock) {
        this.shards = shards;
        this.queues = List.copyOf(queues);
        this.nanoClock = nanoClock;
        this.shedByShard = new AtomicLongArray(queues.size());
    }

    /** Hands a vehicle state to its shard (and halo copies to neighbouring shards). */
    public OfferResult offer(VehicleState state) {
        if (state.problem() != null) {
            invalid.increment();
            return OfferResult.REJECTED_INVALID;
        }
        long now = nanoClock.getAsLong();
        int owner = shards.ownerOf(state.latDeg(), state.lonDeg());
        if (!queues.get(owner).offer(new VehicleUpdate(state, now, true))) {
            shedByShard.incrementAndGet(owner);
            return OfferResult.SHED_QUEUE_FULL;
        }
        accepted.increment();
        enqueued.increment();
        long halo = shards.haloMask(state.latDeg(), state.lonDeg());
        while (halo != 0) {
            int shard = Long.numberOfTrailingZeros(halo);
            halo &= halo - 1;
            copy(shard, new VehicleUpdate(state, now, false));
        }
        return OfferResult.ACCEPTED;
    }

    /** Hands a perceived object to its shard (and halo copies). */
    public OfferResult offer(PerceivedObject object) {
        String problem = problemOf(object);
        if (problem != null) {
            invalid.increment();
            return OfferResult.REJECTED_INVALID;
        }
        long now = nanoClock.getAsLong();
        double lat = object.position().latDeg();
        double lon = object.position().lonDeg();
        int owner = shards.ownerOf(lat, lon);
        if (!queues.get(owner).offer(new ObjectUpdate(object, now, true))) {
            shedByShard.incrementAndGet(owner);
            return OfferResult.SHED_QUEUE_FULL;
        }
        accepted.increment();
        enqueued.increment();
        long halo = shards.haloMask(lat, lon);
        while (halo != 0) {
            int shard = Long.numberOfTrailingZeros(halo);
            halo &= halo - 1;
            copy(shard, new ObjectUpdate(object, now, false));
        }
        return OfferResult.ACCEPTED;
    }

    /** Hands a signal state to every shard. */
    public OfferResult offer(SignalState state) {
        if (state.timeMicros() <= 0) {
            invalid.increment();
            return OfferResult.REJECTED_INVALID;
        }
        return broadcast(new SignalUpdate(state, nanoClock.getAsLong()));
    }

    /** Hands an intersection map to every shard. */
    public OfferResult offer(MapIntersection map) {
        if (map.lanes().isEmpty() || map.referencePoint().problem() != null) {
            invalid.increment();
            return OfferResult.REJECTED_INVALID;
        }
        return broadcast(new MapUpdate(map, nanoClock.getAsLong()));
    }

    /** Hands a road event to every shard. */
    public OfferResult offer(RoadEvent event) {
        for (var p : event.area()) {
            if (p.problem() != null) {
                invalid.increment();
                return OfferResult.REJECTED_INVALID;
            }
        }
        return broadcast(new RoadEventUpdate(event, nanoClock.getAsLong()));
    }

    /** Offers to every shard; accepted when all took it, shed (and counted per shard) otherwise. */
    private OfferResult broadcast(TwinEvent event) {
        boolean all = true;
        for (int i = 0; i < queues.size(); i++) {
            if (queues.get(i).offer(event)) {
                enqueued.increment();
            } else {
                shedByShard.incrementAndGet(i);
                all = false;
            }
        }
        if (all) {
            accepted.increment();
            return OfferResult.ACCEPTED;
        }
        return OfferResult.SHED_QUEUE_FULL;
    }

    private void copy(int shard, TwinEvent event) {
        if (queues.get(shard).offer(event)) {
            enqueued.increment();
            haloCopies.increment();
        } else {
            haloShed.increment();
            shedByShard.incrementAndGet(shard);
        }
    }

    private static String problemOf(PerceivedObject o) {
        if (o.timeMicros() <= 0) {
            return "timeMicros must be positive";
        }
        if (o.position().problem() != null) {
            return o.position().problem();
        }
        if (!(o.speedMps() >= 0 && o.speedMps() <= VehicleState.MAX_SPEED_MPS)) {
            return "speedMps out of range";
        }
        return null;
    }

    /** The shard owning the tile that contains the point. */
    public int shardOf(double latDeg, double lonDeg) {
        return shards.ownerOf(latDeg, lonDeg);
    }

    public ShardMap shardMap() {
        return shards;
    }

    /** Events accepted by their owner shard (a broadcast counts once). */
    public long acceptedCount() {
        return accepted.sum();
    }

    public long invalidCount() {
        return invalid.sum();
    }

    /**
     * Events put on shard queues, halo copies and every shard's copy of a broadcast included: once the pipeline is
     * quiet, the workers' processed counts add up to this.
     */
    public long enqueuedCount() {
        return enqueued.sum();
    }

    /** Halo copies delivered to neighbouring shards. */
    public long haloCopyCount() {
        return haloCopies.sum();
    }

    /** Halo copies shed because a neighbour's queue was full (the owner still has the event). */
    public long haloShedCount() {
        return haloShed.sum();
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
