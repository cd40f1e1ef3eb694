package io.cheluyun.apps;

import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import io.cheluyun.twin.ShardObserver;
import io.cheluyun.twin.TwinView;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several observers of one shard, called in order on the shard's thread: the applications first (warnings are the
 * latency-critical output), then the analytics. One that throws is counted and logged once and does not keep the
 * others from seeing the event.
 */
public final class ShardObservers implements ShardObserver {

    private static final Logger LOG = LoggerFactory.getLogger(ShardObservers.class);

    private final ShardObserver[] observers;
    private final AtomicLong failures = new AtomicLong();

    private ShardObservers(List<ShardObserver> observers) {
        this.observers = observers.toArray(ShardObserver[]::new);
    }

    /** One observer as it is; several chained. */
    public static ShardObserver of(List<ShardObserver> observers) {
        return observers.size() == 1 ? observers.getFirst() : new ShardObservers(observers);
    }

    /** Calls that threw, over all observers. */
    public long failureCount() {
        return failures.get();
    }

    private void failed(ShardObserver o, RuntimeException e) {
        if (failures.incrementAndGet() == 1) {
            LOG.warn("observer {} failed (logged once; counted after): {}", o.getClass().getSimpleName(), e.toString(),
                    e);
        }
    }

    @Override
    public void onVehicle(VehicleState state, long ingestNanos, TwinView twin) {
        for (ShardObserver o : observers) {
            try {
                o.onVehicle(state, ingestNanos, twin);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void onSignal(SignalState state, long ingestNanos, TwinView twin) {
        for (ShardObserver o : observers) {
            try {
                o.onSignal(state, ingestNanos, twin);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void onRoadEvent(RoadEvent event, long ingestNanos, TwinView twin) {
        for (ShardObserver o : observers) {
            try {
                o.onRoadEvent(event, ingestNanos, twin);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void onObject(PerceivedObject object, long ingestNanos, TwinView twin) {
        for (ShardObserver o : observers) {
            try {
                o.onObject(object, ingestNanos, twin);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void onTick(long nowMicros, TwinView twin) {
        for (ShardObserver o : observers) {
            try {
                o.onTick(nowMicros, twin);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }
}
