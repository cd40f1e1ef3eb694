package io.cheluyun.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cheluyun.model.Warning;
import java.io.PrintStream;

/** Writes each warning as one JSON object per line (field names as the {@link Warning} record). */
public final class JsonLinesWarningSink implements WarningDispatcher.Sink {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final PrintStream out;

    public JsonLinesWarningSink(PrintStream out) {
        this.out = out;
    }

    public static String toJson(Warning warning) {
        try {
            return MAPPER.writeValueAsString(warning);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("warning does not serialise: " + warning, e);
        }
    }

    @Override
    public void accept(Warning warning, long latencyNanos) {
        out.println(toJson(warning));
    }

    @Override
    public void flush() {
        out.flush();
    }
}
