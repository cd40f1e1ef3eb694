package io.cheluyun.edge.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import java.util.Locale;
import java.util.Set;

/**
 * Canonical {@link VehicleState} as one flat JSON object per line (the replay format, docs/replay-format.md):
 *
 * <pre>{"vehicleId":"veh-1","timeMicros":1790000000000000,"latDeg":43.8868,"lonDeg":125.3245,
 *  "headingDeg":90.0,"speedMps":16.7,"accelMps2":-0.4,"lengthM":4.6,"widthM":1.8,
 *  "vehicleClass":"PASSENGER_CAR","brakeApplied":false,"lights":["HAZARD_SIGNAL"]}</pre>
 *
 * Required: vehicleId, timeMicros, latDeg, lonDeg, headingDeg, speedMps. Everything else is optional. Unknown
 * fields are rejected (a misspelt optional field would otherwise vanish silently). {@code NaN} and
 * {@code Infinity} literals parse, so they are reported as invalid values rather than as broken JSON.
 */
public final class VehicleStateJson {

    private static final Set<String> FIELDS = Set.of("vehicleId", "timeMicros", "latDeg", "lonDeg", "elevationM",
            "headingDeg", "speedMps", "accelMps2", "yawRateDegPerS", "lengthM", "widthM", "vehicleClass",
            "brakeApplied", "absActive", "tractionControlActive", "stabilityControlActive", "lights");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** A parse result: either a state or a problem with a human-readable detail. */
    public record Parsed(VehicleState state, InputProblem problem, String detail) {

        static Parsed ok(VehicleState state) {
            return new Parsed(state, null, null);
        }

        static Parsed fail(InputProblem problem, String detail) {
            return new Parsed(null, problem, detail);
        }

        public boolean isOk() {
            return state != null;
        }
    }

    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final InputProblem problem;

        Invalid(InputProblem problem, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
        }
    }

    public Parsed parse(String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            return Parsed.fail(InputProblem.MALFORMED_JSON, e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return Parsed.fail(InputProblem.NOT_AN_OBJECT, "expected a JSON object");
        }
        try {
            for (String name : (Iterable<String>) node::fieldNames) {
                if (!FIELDS.contains(name)) {
                    throw new Invalid(InputProblem.UNKNOWN_FIELD,
                            "unknown field \"" + name + "\"; fields are " + String.join(", ", FIELDS.stream()
                                    .sorted().toList()));
                }
            }
            VehicleState state = new VehicleState(
                    requiredText(node, "vehicleId"),
                    requiredLong(node, "timeMicros"),
                    new GeoPoint(requiredDouble(node, "latDeg"), requiredDouble(node, "lonDeg")),
                    optionalDouble(node, "elevationM"),
                    requiredDouble(node, "headingDeg"),
                    requiredDouble(node, "speedMps"),
                    optionalDouble(node, "accelMps2"),
                    optionalDouble(node, "yawRateDegPerS"),
                    optionalDouble(node, "lengthM"),
                    optionalDouble(node, "widthM"),
                    vehicleClass(node),
                    new BrakeState(flag(node, "brakeApplied"), flag(node, "absActive"),
                            flag(node, "tractionControlActive"), flag(node, "stabilityControlActive")),
                    lights(node));
            String problem = state.problem();
            if (problem != null) {
                return Parsed.fail(InputProblem.INVALID_VALUE, problem);
            }
            return Parsed.ok(state);
        } catch (Invalid e) {
            return Parsed.fail(e.problem, e.getMessage());
        }
    }

    /** Writes a state in the replay format (the inverse of {@link #parse}; unknown values are left out). */
    public String write(VehicleState s) {
        ObjectNode o = mapper.createObjectNode();
        o.put("vehicleId", s.vehicleId());
        o.put("timeMicros", s.timeMicros());
        o.put("latDeg", s.latDeg());
        o.put("lonDeg", s.lonDeg());
        putKnown(o, "elevationM", s.elevationM());
        o.put("headingDeg", s.headingDeg());
        o.put("speedMps", s.speedMps());
        putKnown(o, "accelMps2", s.accelMps2());
        putKnown(o, "yawRateDegPerS", s.yawRateDegPerS());
        putKnown(o, "lengthM", s.lengthM());
        putKnown(o, "widthM", s.widthM());
        o.put("vehicleClass", s.vehicleClass().name());
        BrakeState b = s.brakes();
        o.put("brakeApplied", b.brakeApplied());
        if (b.anyControlSystemActive()) {
            o.put("absActive", b.absActive());
            o.put("tractionControlActive", b.tractionControlActive());
            o.put("stabilityControlActive", b.stabilityControlActive());
        }
        if (s.lights().bits() != 0) {
            ArrayNode lights = o.putArray("lights");
            for (ExteriorLights.Light light : ExteriorLights.Light.values()) {
                if (s.lights().isOn(light)) {
                    lights.add(light.name());
                }
            }
        }
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static void putKnown(ObjectNode o, String name, double value) {
        if (!Double.isNaN(value)) {
            o.put(name, value);
        }
    }

    private static JsonNode required(JsonNode node, String name) throws Invalid {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new Invalid(InputProblem.MISSING_FIELD, "\"" + name + "\" is required");
        }
        return v;
    }

    private static String requiredText(JsonNode node, String name) throws Invalid {
        JsonNode v = required(node, name);
        if (!v.isTextual() && !v.isIntegralNumber()) {
            throw new Invalid(InputProblem.WRONG_TYPE, "\"" + name + "\" must be a string");
        }
        return v.asText();
    }

    private static long requiredLong(JsonNode node, String name) throws Invalid {
        JsonNode v = required(node, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new Invalid(InputProblem.WRONG_TYPE, "\"" + name + "\" must be an integer (epoch microseconds)");
        }
        return v.longValue();
    }

    private static double requiredDouble(JsonNode node, String name) throws Invalid {
        return finiteNumber(required(node, name), name, "finite");
    }

    private static double optionalDouble(JsonNode node, String name) throws Invalid {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? Double.NaN : finiteNumber(v, name, "finite or absent");
    }

    private static double finiteNumber(JsonNode v, String name, String expectation) throws Invalid {
        if (!v.isNumber()) {
            throw new Invalid(InputProblem.WRONG_TYPE, "\"" + name + "\" must be a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new Invalid(InputProblem.INVALID_VALUE, "\"" + name + "\" must be " + expectation + ", got " + d);
        }
        return d;
    }

    private static boolean flag(JsonNode node, String name) throws Invalid {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new Invalid(InputProblem.WRONG_TYPE, "\"" + name + "\" must be true or false");
        }
        return v.booleanValue();
    }

    private static VehicleClass vehicleClass(JsonNode node) throws Invalid {
        JsonNode v = node.get("vehicleClass");
        if (v == null || v.isNull()) {
            return VehicleClass.UNKNOWN;
        }
        try {
            return VehicleClass.valueOf(v.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid(InputProblem.INVALID_VALUE, "\"vehicleClass\" must be one of "
                    + java.util.Arrays.toString(VehicleClass.values()) + ", got " + v);
        }
    }

    private static ExteriorLights lights(JsonNode node) throws Invalid {
        JsonNode v = node.get("lights");
        if (v == null || v.isNull()) {
            return ExteriorLights.NONE;
        }
        if (!v.isArray()) {
            throw new Invalid(InputProblem.WRONG_TYPE, "\"lights\" must be an array of light names");
        }
        int bits = 0;
        for (JsonNode item : v) {
            try {
                bits |= ExteriorLights.of(ExteriorLights.Light.valueOf(item.asText().toUpperCase(Locale.ROOT)))
                        .bits();
            } catch (IllegalArgumentException e) {
                throw new Invalid(InputProblem.INVALID_VALUE, "\"lights\" must name lights of "
                        + java.util.Arrays.toString(ExteriorLights.Light.values()) + ", got " + item);
            }
        }
        return new ExteriorLights(bits);
    }
}
