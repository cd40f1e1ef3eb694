package io.cheluyun.model;

/**
 * What a warning advises the target to do, for the applications that give advice rather than only an alert
 * (GLOSA's speed window, EVW's yield, RLVW's stop). Speeds are {@code NaN} when the action has none.
 *
 * @param action       what to do
 * @param minSpeedMps  lower bound of the advised speed, m/s, {@code NaN} if none
 * @param maxSpeedMps  upper bound of the advised speed, m/s, {@code NaN} if none
 */
public record Advice(Action action, double minSpeedMps, double maxSpeedMps) {

    /** The actions applications advise. */
    public enum Action {
        /** Brake to a stop (before the stop line, behind the hazard). */
        STOP,
        /** Reduce speed (below the limit, towards the hazard). */
        SLOW_DOWN,
        /** Drive within [min, max] to pass the stop line on green (GLOSA). */
        SPEED_WINDOW,
        /** Pull over to the right and let the emergency vehicle pass (right-hand traffic, GB/T 31024 region). */
        YIELD_RIGHT,
        /** Give way at the intersection to the emergency vehicle. */
        YIELD_INTERSECTION,
        /** Do not start the overtaking manoeuvre. */
        DO_NOT_PASS,
        /** Do not change lanes now. */
        DO_NOT_CHANGE_LANE,
        /** Yield to oncoming traffic before turning left. */
        YIELD_ONCOMING
    }

    public Advice {
        if (action == null) {
            throw new IllegalArgumentException("action is required");
        }
    }

    /** An action without a speed. */
    public static Advice of(Action action) {
        return new Advice(action, Double.NaN, Double.NaN);
    }
}
