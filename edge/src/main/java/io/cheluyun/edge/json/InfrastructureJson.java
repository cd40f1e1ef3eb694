package io.cheluyun.edge.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;

/**
 * The replay format's lines for everything that is not a vehicle state: a JSON object with exactly one field naming
 * the kind — {@code signal}, {@code map}, {@code roadEvent}, {@code object} — whose value is the canonical model
 * record (field names as the record components, unknown values as {@code "NaN"}). See docs/replay-format.md.
 */
public final class InfrastructureJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** A parsed line: the model record, or a problem. */
    public record Parsed(Object input, InputProblem problem, String detail) {
    }

    private InfrastructureJson() {
    }

    /** True when the line is one of these kinds (its first field names the kind). */
    public static boolean handles(String line) {
        return line.startsWith("{\"signal\"") || line.startsWith("{\"map\"") || line.startsWith("{\"roadEvent\"")
                || line.startsWith("{\"object\"");
    }

    public static String write(Object input) {
        String kind = switch (input) {
            case SignalState s -> "signal";
            case MapIntersection m -> "map";
            case RoadEvent e -> "roadEvent";
            case PerceivedObject o -> "object";
            default -> throw new IllegalArgumentException("not an infrastructure input: " + input);
        };
        try {
            return "{\"" + kind + "\":" + MAPPER.writeValueAsString(input) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model records always serialise", e);
        }
    }

    public static Parsed parse(String line) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return new Parsed(null, InputProblem.MALFORMED_JSON, e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject() || tree.size() != 1) {
            return new Parsed(null, InputProblem.NOT_AN_OBJECT, "expected one field naming the kind");
        }
        String kind = tree.fieldNames().next();
        Class<?> type = switch (kind) {
            case "signal" -> SignalState.class;
            case "map" -> MapIntersection.class;
            case "roadEvent" -> RoadEvent.class;
            case "object" -> PerceivedObject.class;
            default -> null;
        };
        if (type == null) {
            return new Parsed(null, InputProblem.UNKNOWN_FIELD, "unknown kind \"" + kind + "\"");
        }
        try {
            return new Parsed(MAPPER.treeToValue(tree.get(kind), type), null, null);
        } catch (UnrecognizedPropertyException e) {
            return new Parsed(null, InputProblem.UNKNOWN_FIELD, kind + ": unknown field \"" + e.getPropertyName()
                    + "\"");
        } catch (JsonProcessingException e) {
            return new Parsed(null, InputProblem.INVALID_VALUE, kind + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return new Parsed(null, InputProblem.INVALID_VALUE, kind + ": " + e.getMessage());
        }
    }
}
