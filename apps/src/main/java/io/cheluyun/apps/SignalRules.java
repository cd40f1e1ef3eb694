package io.cheluyun.apps;

import io.cheluyun.model.Connection;
import io.cheluyun.model.Maneuver;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.SignalPhase;
import io.cheluyun.twin.LaneGeometry;
import java.util.List;

/** How signals are read where a warning (RLVW) and an analysis (red-light runs) must agree. */
public final class SignalRules {

    private SignalRules() {
    }

    /**
     * A right turn may pass a red shown by a circular signal: the lane allows it explicitly, or (China's rule, road
     * traffic safety law Implementing Regulations art. 38, when {@code rightTurnOnRed}) the turn's signal group also
     * controls a straight movement, so it is the circular light, not an arrow.
     */
    public static boolean mayTurnRightOnRed(LaneGeometry lane, Connection connection, boolean rightTurnOnRed) {
        if (lane.lane().allowedManeuvers().contains(Maneuver.RIGHT_TURN_ON_RED)) {
            return true;
        }
        if (!rightTurnOnRed) {
            return false;
        }
        List<LaneGeometry> lanes = lane.intersection().lanes();
        for (int i = 0, n = lanes.size(); i < n; i++) {
            List<Connection> connections = lanes.get(i).lane().connections();
            for (int j = 0, m = connections.size(); j < m; j++) {
                Connection c = connections.get(j);
                if (c.signalGroup() == connection.signalGroup() && c.maneuver() == Maneuver.STRAIGHT) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The phase of a movement at absolute time {@code atMicros}: the current phase and the announced next ones follow
     * each other, each ending at its likely end (else its minimum end); a phase without an end lasts. {@code null}
     * beyond the last announced end.
     */
    public static SignalPhase phaseAt(MovementState movement, long atMicros) {
        List<MovementEvent> events = movement.events();
        for (int i = 0, n = events.size(); i < n; i++) {
            MovementEvent e = events.get(i);
            long end = e.expectedEndMicros();
            if (end == MovementEvent.UNKNOWN_TIME || atMicros < end) {
                return e.phase();
            }
        }
        return null;
    }
}
