package io.cheluyun.edge;

/**
 * Where admitted records go: the server implements it over the twin's ingest. Must never block (the pipeline's
 * queues are bounded; a full queue is {@link Admission#SHED}) and must be safe to call from several ingress threads.
 */
@FunctionalInterface
public interface EdgeSink {

    /** @param record a VehicleState, SignalState, MapIntersection, RoadEvent or PerceivedObject */
    Admission offer(Object record);
}
