package io.cheluyun.apps;

import io.cheluyun.model.Advice;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import java.util.List;

/** Builds warnings the same way in every application: deterministic ids, rounded geometry, expiry. */
public final class Warnings {

    private Warnings() {
    }

    /**
     * A warning with id {@code TYPE:target>other@time} (or {@code TYPE:target@time} without another party): the same
     * input always gives the same id.
     *
     * @param other      the other party's id (vehicle, object track, event), or {@code null}
     * @param validityMs how long the warning stays valid after {@code t}
     * @param ttcS       time to collision / to the conflict, {@code NaN} if none (rounded to 1 ms)
     * @param distanceM  distance to the hazard, {@code NaN} if none (rounded to 1 cm)
     */
    public static Warning of(WarningType type, Severity severity, String target, String other, long t,
                             long validityMs, double ttcS, double distanceM, GeoPoint location, Advice advice) {
        String id = type.name() + ":" + target + (other == null ? "" : ">" + other) + "@" + t;
        return new Warning(id, type, severity, target, other == null ? List.of() : List.of(other), t,
                t + validityMs * 1_000L, round(ttcS, 1e3), round(distanceM, 1e2), location, advice);
    }

    private static double round(double value, double scale) {
        return Double.isNaN(value) || Double.isInfinite(value) ? value : Math.round(value * scale) / scale;
    }
}
