package io.cheluyun.server;

import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.edge.InputProblem;
import io.cheluyun.edge.Transport;
import io.cheluyun.edge.json.InfrastructureJson;
import io.cheluyun.edge.json.VehicleStateJson;
import io.cheluyun.twin.OfferResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.util.EnumMap;
import java.util.Map;

/**
 * Replays canonical VehicleState JSON lines (and signal, map, road-event and perceived-object lines,
 * {@link InfrastructureJson}) through a stepped {@link Platform}: each line is processed and its
 * warnings written before the next is read, so the same file always gives the same warnings in the same order.
 * A bad line is reported with its number and reason, counted, and skipped; the rest of the file still replays.
 * Blank lines and lines starting with {@code #} are ignored.
 */
final class Replay {

    static final Transport TRANSPORT = Transport.REPLAY;

    /** What happened to the file. */
    record Result(long lines, long replayed, Map<InputProblem, Long> rejected, long shed) {

        long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Platform platform;
    private final PrintStream err;
    private final int maxLineChars;
    private final int maxReported;
    private final VehicleStateJson json = new VehicleStateJson();

    Replay(Platform platform, PrintStream err, int maxLineChars, int maxReported) {
        this.platform = platform;
        this.err = err;
        this.maxLineChars = maxLineChars;
        this.maxReported = maxReported;
    }

    Result run(Reader input, String name) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(input, maxLineChars);
        Map<InputProblem, Long> rejected = new EnumMap<>(InputProblem.class);
        long lines = 0;
        long replayed = 0;
        long shed = 0;
        long reported = 0;
        BoundedLineReader.Line line;
        while ((line = reader.next()) != null) {
            lines++;
            InputProblem problem;
            String detail;
            if (line.oversized()) {
                problem = InputProblem.OVERSIZED;
                detail = "line of " + line.length() + " characters exceeds the limit of " + maxLineChars;
            } else {
                String text = line.text().strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                if (InfrastructureJson.handles(text)) {
                    InfrastructureJson.Parsed other = InfrastructureJson.parse(text);
                    if (other.problem() == null) {
                        OfferResult offered = ScenarioRunner.offer(platform.ingest(), other.input());
                        platform.step();
                        if (offered == OfferResult.ACCEPTED) {
                            replayed++;
                        } else {
                            shed++;
                        }
                        continue;
                    }
                    problem = other.problem();
                    detail = other.detail();
                    rejected.merge(problem, 1L, Long::sum);
                    platform.inputRejected(TRANSPORT, problem, name + ":" + line.number() + ": " + detail);
                    reported = report(name, line.number(), problem, detail, reported);
                    continue;
                }
                VehicleStateJson.Parsed parsed = json.parse(text);
                if (parsed.isOk()) {
                    OfferResult offered = platform.ingest().offer(parsed.state());
                    platform.step();
                    if (offered == OfferResult.ACCEPTED) {
                        replayed++;
                    } else {
                        shed++;
                    }
                    continue;
                }
                problem = parsed.problem();
                detail = parsed.detail();
            }
            rejected.merge(problem, 1L, Long::sum);
            platform.inputRejected(TRANSPORT, problem, name + ":" + line.number() + ": " + detail);
            reported = report(name, line.number(), problem, detail, reported);
        }
        return new Result(lines, replayed, rejected, shed);
    }

    private long report(String name, long lineNumber, InputProblem problem, String detail, long reported) {
        if (reported < maxReported) {
            err.printf("replay: %s:%d: %s: %s%n", name, lineNumber, problem.label(), detail);
        } else if (reported == maxReported) {
            err.printf("replay: further bad lines are counted but not shown%n");
        }
        return reported + 1;
    }
}
