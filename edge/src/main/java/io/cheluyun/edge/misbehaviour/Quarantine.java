package io.cheluyun.edge.misbehaviour;

/**
 * One sender in quarantine.
 *
 * @param scope        {@code CHANNEL}: a direct channel (an OBU's device id) is refused whatever vehicle id it
 *                     uses; {@code VEHICLE}: a vehicle id is refused whichever relay carries it
 * @param senderId     the channel the last violation came through
 * @param vehicleId    the vehicle id of the last violation
 * @param reason       the violation that completed the count
 * @param violations   violations within the window when it started
 * @param sinceMicros  start, receive time (epoch µs)
 * @param untilMicros  end, receive time (epoch µs)
 */
public record Quarantine(Scope scope, String senderId, String vehicleId, Verdict reason, int violations,
                         long sinceMicros, long untilMicros) {

    /** What is quarantined. */
    public enum Scope { CHANNEL, VEHICLE }

    /** Still in force at {@code nowMicros} (a receive time a little before the start, from another ingress
     *  thread, is inside too). */
    public boolean activeAt(long nowMicros) {
        return nowMicros < untilMicros;
    }
}
