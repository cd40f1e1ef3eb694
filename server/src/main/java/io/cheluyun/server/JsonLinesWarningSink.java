package io.cheluyun.server;

import io.cheluyun.edge.json.WarningJson;
import io.cheluyun.model.Warning;
import java.io.PrintStream;

/** Writes each warning as one JSON object per line (field names as the {@link Warning} record). */
public final class JsonLinesWarningSink implements WarningDispatcher.Sink {

    private final PrintStream out;

    public JsonLinesWarningSink(PrintStream out) {
        this.out = out;
    }

    public static String toJson(Warning warning) {
        return WarningJson.toJson(warning);
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
