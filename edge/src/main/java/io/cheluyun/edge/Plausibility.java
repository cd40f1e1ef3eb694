package io.cheluyun.edge;

import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleState;

/**
 * The plausibility and misbehaviour check a vehicle state passes before the twin sees it. {@link #NONE} passes
 * everything. Implementations are called from several ingress threads at once.
 */
@FunctionalInterface
public interface Plausibility {

    /** A refusal: {@code IMPLAUSIBLE} (with the check that failed) or {@code QUARANTINED}. */
    record Refusal(InputProblem problem, String verdict) {
    }

    Plausibility NONE = (sender, state, receivedMicros, relayed, relay, hash) -> null;

    /**
     * @param senderId       the authenticated channel (device id; the vehicle id when anonymous)
     * @param relayed        the channel carries other vehicles' states (an RSU, an application client), not its own
     * @param relay          position of the RSU that relayed the message, null when unknown or direct
     * @param payloadHash    64-bit hash of the message octets (replays are identical octets)
     * @return null when plausible
     */
    Refusal check(String senderId, VehicleState state, long receivedMicros, boolean relayed, GeoPoint relay,
                  long payloadHash);
}
