package io.cheluyun.twin;

import io.cheluyun.model.IntersectionId;

/**
 * Where a vehicle is on the MAP: the lane it was matched to and its position on it.
 *
 * @param lane                 the matched lane (its intersection, connections and signal groups)
 * @param timeMicros           message time of the state that was matched
 * @param distanceAlongM       distance from the lane's node 0 (stop line or intersection edge) along the lane
 * @param distanceToStopLineM  ingress lanes: distance still to drive to the stop line, negative once past it;
 *                             egress lanes: {@code NaN}
 * @param lateralOffsetM       offset from the centreline, positive to the right of the direction of travel
 * @param headingErrorDeg      vehicle heading minus the lane's direction of travel, degrees; {@code NaN} when the
 *                             heading was not usable (a standing vehicle without history)
 */
public record LaneMatch(LaneGeometry lane, long timeMicros, double distanceAlongM, double distanceToStopLineM,
                        double lateralOffsetM, double headingErrorDeg) {

    public IntersectionId intersection() {
        return lane.intersection().id();
    }

    public int laneId() {
        return lane.laneId();
    }

    public boolean ingress() {
        return lane.ingress();
    }
}
