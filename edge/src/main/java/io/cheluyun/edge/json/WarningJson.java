package io.cheluyun.edge.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cheluyun.model.Warning;

/** A warning as one JSON object (field names as the {@link Warning} record): output lines, MQTT, WebSocket. */
public final class WarningJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private WarningJson() {
    }

    public static String toJson(Warning warning) {
        try {
            return MAPPER.writeValueAsString(warning);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("warning does not serialise: " + warning, e);
        }
    }

    public static Warning fromJson(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Warning.class);
    }
}
