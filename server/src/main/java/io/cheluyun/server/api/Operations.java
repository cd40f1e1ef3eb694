package io.cheluyun.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.cheluyun.apps.analytics.Approaches;
import io.cheluyun.codec.Family;
import io.cheluyun.edge.Inbound;
import io.cheluyun.edge.json.InfrastructureJson;
import io.cheluyun.model.Connection;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.Lane;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.MovementEvent;
import io.cheluyun.model.MovementState;
import io.cheluyun.model.PerceivedObject;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.SignalState;
import io.cheluyun.model.VehicleState;
import io.cheluyun.model.Warning;
import io.cheluyun.store.Intersections;
import io.cheluyun.store.KpiTable;
import io.cheluyun.store.SafetyLog;
import io.cheluyun.store.SignalPlans;
import io.cheluyun.store.Store;
import io.cheluyun.store.WarningQuery;
import io.cheluyun.twin.TwinSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.Fields;

/**
 * The operations side of the API: the live map and its stream, intersections and MAP upload, safety events, H3
 * hotspots, per-intersection safety reports, signal monitoring and KPIs (docs/api.md). Reads the store and the
 * running platform ({@link PlatformView}); answers JSON trees that {@link Api} writes.
 */
final class Operations {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern KEY = Pattern.compile("^(\\d{1,5})[-/](\\d{1,5})$");
    /** Safety events, signal findings and warnings are counted for a report within this radius of a reference point. */
    static final double REPORT_RADIUS_M = 150.0;
    static final Set<String> SAFETY_KINDS = kinds(io.cheluyun.apps.analytics.SafetyKind.values());
    static final Set<String> KPI_METRICS = Set.of("volume", "mean_speed_mps", "stops", "queue_max_m", "queue_mean_m",
            "travel_time_s", "penetration", "rsu_availability");

    private final Store store;
    private final PlatformView view;
    private final InstantSource clock;
    private final H3Core h3;
    private final int kpiIntervalS;

    Operations(Store store, PlatformView view, InstantSource clock, int kpiIntervalS) {
        this.store = store;
        this.view = view;
        this.clock = clock;
        this.kpiIntervalS = kpiIntervalS;
        this.h3 = H3.core();
    }

    private static Set<String> kinds(Enum<?>[] values) {
        Set<String> out = new TreeSet<>();
        for (Enum<?> v : values) {
            out.add(v.name());
        }
        return Set.copyOf(out);
    }

    private long nowMicros() {
        return Api.micros(clock.instant());
    }

    // ---- the live map ----

    /** The twin now, as the dashboard draws it (also the stream's {@code snapshot} event). */
    static ObjectNode snapshot(TwinSnapshot s) {
        ObjectNode out = JSON.createObjectNode();
        out.put("timeMicros", s.timeMicros());
        ArrayNode vehicles = out.putArray("vehicles");
        for (VehicleState v : s.vehicles()) {
            vehicles.addObject().put("id", v.vehicleId()).put("latDeg", round7(v.latDeg()))
                    .put("lonDeg", round7(v.lonDeg())).put("headingDeg", round1(v.headingDeg()))
                    .put("speedMps", round1(v.speedMps())).put("vehicleClass", v.vehicleClass().name());
        }
        ArrayNode objects = out.putArray("objects");
        for (PerceivedObject o : s.objects()) {
            ObjectNode n = objects.addObject().put("id", o.objectId()).put("latDeg", round7(o.position().latDeg()))
                    .put("lonDeg", round7(o.position().lonDeg())).put("objectClass", o.objectClass().name());
            number(n, "headingDeg", round1(o.headingDeg()));
            number(n, "speedMps", round1(o.speedMps()));
        }
        ArrayNode signals = out.putArray("signals");
        for (SignalState sig : s.signals()) {
            ArrayNode movements = signals.addObject().put("key", key(sig.intersection())).putArray("movements");
            for (MovementState m : sig.movements()) {
                MovementEvent now = m.current();
                ObjectNode n = movements.addObject().put("signalGroup", m.signalGroup())
                        .put("phase", now.phase().name());
                long end = now.expectedEndMicros();
                if (end == MovementEvent.UNKNOWN_TIME) {
                    n.putNull("remainingS");
                } else {
                    n.put("remainingS", round1(Math.max(0, end - sig.timeMicros()) / 1e6));
                }
            }
        }
        ArrayNode events = out.putArray("events");
        for (RoadEvent e : s.events()) {
            events.add(JSON.valueToTree(roadEvent(e)));
        }
        return out;
    }

    static Map<String, Object> roadEvent(RoadEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.eventId());
        m.put("type", e.type().name());
        m.put("area", e.area());
        m.put("speedLimitKmh", Double.isNaN(e.speedLimitMps()) ? null : Math.round(e.speedLimitMps() * 36) / 10.0);
        m.put("description", e.description());
        m.put("validFrom", Instant.ofEpochSecond(0, e.startMicros() * 1_000).toString());
        m.put("validUntil", Instant.ofEpochSecond(0, e.endMicros() * 1_000).toString());
        return m;
    }

    /** Lanes of every known intersection (twin and store), for drawing. */
    ObjectNode map() throws SQLException {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("intersections");
        for (MapIntersection m : knownMaps().values()) {
            ObjectNode x = summary(m);
            ArrayNode lanes = x.putArray("lanes");
            for (Lane lane : m.lanes()) {
                ObjectNode l = lanes.addObject().put("laneId", lane.laneId()).put("ingress", lane.ingress())
                        .put("type", lane.type().name()).put("widthM", lane.widthM());
                if (lane.ingress()) {
                    List<GeoPoint> c = lane.centreline();
                    l.put("approach", Approaches.fromTravelHeading(bearingDeg(c.get(1), c.get(0))));
                } else {
                    l.putNull("approach");
                }
                ArrayNode groups = l.putArray("signalGroups");
                for (int g : new TreeSet<>(lane.connections().stream().map(Connection::signalGroup).toList())) {
                    groups.add(g);
                }
                ArrayNode line = l.putArray("centreline");
                for (GeoPoint p : lane.centreline()) {
                    line.addArray().add(round7(p.lonDeg())).add(round7(p.latDeg()));
                }
            }
            list.add(x);
        }
        return out;
    }

    /** The twin's MAPs, then those only the store knows (not received since the start). */
    private Map<IntersectionId, MapIntersection> knownMaps() throws SQLException {
        Map<IntersectionId, MapIntersection> maps = new TreeMap<>(Operations::compare);
        for (MapIntersection m : view.snapshot().maps()) {
            maps.put(m.id(), m);
        }
        for (Intersections.Row row : store.intersections().all()) {
            if (!maps.containsKey(row.id())) {
                maps.put(row.id(), parseMap(row.json()));
            }
        }
        return maps;
    }

    private static int compare(IntersectionId a, IntersectionId b) {
        return a.regionId() != b.regionId() ? Integer.compare(a.regionId(), b.regionId()) : Integer.compare(a.id(),
                b.id());
    }

    private static ObjectNode summary(MapIntersection m) {
        return JSON.createObjectNode().put("key", key(m.id())).put("region", m.id().regionId())
                .put("id", m.id().id()).put("name", m.name()).put("revision", m.revision())
                .put("latDeg", round7(m.referencePoint().latDeg())).put("lonDeg", round7(m.referencePoint().lonDeg()));
    }

    /** Bearing from a to b, degrees clockwise from north (equirectangular: lanes are short). */
    static double bearingDeg(GeoPoint a, GeoPoint b) {
        double dx = (b.lonDeg() - a.lonDeg()) * Math.cos(Math.toRadians((a.latDeg() + b.latDeg()) / 2));
        double dy = b.latDeg() - a.latDeg();
        return (Math.toDegrees(Math.atan2(dx, dy)) + 360.0) % 360.0;
    }

    // ---- intersections ----

    ObjectNode intersections() throws SQLException {
        Map<IntersectionId, Intersections.Row> stored = new HashMap<>();
        for (Intersections.Row row : store.intersections().all()) {
            stored.put(row.id(), row);
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("intersections");
        for (MapIntersection m : knownMaps().values()) {
            ObjectNode x = summary(m).put("lanes", m.lanes().size());
            Intersections.Row row = stored.get(m.id());
            x.put("stored", row != null);
            if (row != null) {
                x.put("source", row.source()).put("updatedAt", row.updatedAt().toString());
            }
            list.add(x);
        }
        return out;
    }

    ObjectNode intersection(String key) throws ApiException, SQLException {
        IntersectionId id = parseKey(key);
        MapIntersection map = knownMaps().get(id);
        if (map == null) {
            throw ApiException.notFound("no intersection " + key + " (neither received nor uploaded)");
        }
        ObjectNode out = summary(map);
        out.set("map", JSON.valueToTree(map));
        out.set("signalPlan", store.signalPlans().get(id).map(p -> readTree(p.json()))
                .orElse(JSON.nullNode()));
        ArrayNode versions = out.putArray("versions");
        for (Intersections.Version v : store.intersections().versions(id)) {
            versions.addObject().put("seq", v.seq()).put("revision", v.revision()).put("source", v.source())
                    .put("receivedAt", v.receivedAt().toString());
        }
        return out;
    }

    /**
     * An operator's MAP: the model's JSON ({@code application/json}) or one UPER MessageFrame of a family
     * ({@code application/octet-stream}, {@code ?family=csae53-2017|j2735|…}); it goes into the twin at once and is
     * kept as a new version.
     */
    ObjectNode putIntersection(String who, String key, String contentType, byte[] body, Fields query)
            throws ApiException, SQLException {
        IntersectionId id = parseKey(key);
        MapIntersection map;
        String type = contentType == null ? "application/json" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/octet-stream")) {
            map = fromUper(id, body, query.getValue("family"));
        } else if (type.startsWith("application/json")) {
            var parsed = InfrastructureJson.parse("{\"map\":" + new String(body, java.nio.charset.StandardCharsets.UTF_8)
                    + "}");
            if (!(parsed.input() instanceof MapIntersection m)) {
                throw ApiException.badRequest("body", "a MAP as the model's JSON (GET /api/v1/intersections/{key} "
                        + "shows one under \"map\"): " + parsed.detail());
            }
            map = m;
        } else {
            throw new ApiException(415, "unsupported media type", "send application/json (the model's MAP) or "
                    + "application/octet-stream (UPER) with ?family=", Map.of());
        }
        if (!map.id().equals(id)) {
            throw ApiException.badRequest("id", "the MAP is of intersection " + key(map.id()) + ", not " + key);
        }
        if (map.lanes().isEmpty()) {
            throw ApiException.badRequest("lanes", "a MAP needs at least one lane");
        }
        String refused = view.offerMap(map);
        if (refused != null) {
            throw ApiException.badRequest("body", refused);
        }
        Instant now = clock.instant();
        boolean added = store.intersections().put(map, InfrastructureJson.write(map).substring("{\"map\":".length(),
                InfrastructureJson.write(map).length() - 1), "upload:" + who, now);
        store.audit().record(now, who, "upload", "intersection", key(id), "{\"revision\":" + map.revision()
                + ",\"lanes\":" + map.lanes().size() + "}");
        return summary(map).put("lanes", map.lanes().size()).put("newVersion", added);
    }

    private MapIntersection fromUper(IntersectionId id, byte[] body, String familyName) throws ApiException {
        if (familyName == null) {
            throw ApiException.badRequest("family", "required for UPER: csae53-2017, j2735, …");
        }
        Family family;
        try {
            family = Family.byName(familyName);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("family", e.getMessage());
        }
        return switch (Inbound.decode(family, body, nowMicros())) {
            case Inbound.Models models -> {
                for (Object r : models.records()) {
                    if (r instanceof MapIntersection m && m.id().equals(id)) {
                        yield m;
                    }
                }
                throw ApiException.badRequest("body", "a " + models.messageType() + " without intersection "
                        + key(id));
            }
            case Inbound.Rejected rejected -> throw ApiException.badRequest("body", "not a MAP of " + family.cliName()
                    + ": " + rejected.problem().label() + ": " + rejected.detail());
        };
    }

    // ---- signal plans ----

    private static final Set<String> PLAN_FIELDS = Set.of("cycleS", "offsetS", "phases", "description");
    private static final Set<String> PHASE_FIELDS = Set.of("signalGroups", "greenS", "yellowS", "allRedS");

    /** The timing plan an operator recorded for an intersection. */
    ObjectNode signalPlan(String key) throws ApiException, SQLException {
        IntersectionId id = parseKey(key);
        SignalPlans.Plan plan = store.signalPlans().get(id)
                .orElseThrow(() -> ApiException.notFound("no signal plan for intersection " + key));
        ObjectNode out = JSON.createObjectNode().put("key", key(id)).put("updatedAt", plan.updatedAt().toString());
        out.set("plan", readTree(plan.json()));
        return out;
    }

    /**
     * Records the timing plan: {@code {cycleS, offsetS, phases: [{signalGroups, greenS, yellowS, allRedS}],
     * description}}; the phases must fill the cycle, yellow is at least 3 s (GB 14886-2016 §5.4), and the signal
     * groups must be the intersection's (its MAP's connections) when its MAP is known.
     */
    ObjectNode putSignalPlan(String who, String key, JsonNode body) throws ApiException, SQLException {
        IntersectionId id = parseKey(key);
        Map<String, String> problems = new LinkedHashMap<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!PLAN_FIELDS.contains(f)) {
                problems.put(f, "unknown field; a plan has " + new TreeSet<>(PLAN_FIELDS));
            }
        });
        int cycle = intField(body, "cycleS", -1, 20, 400, true, problems);
        int offset = intField(body, "offsetS", 0, 0, Math.max(0, cycle - 1), false, problems);
        JsonNode phases = body.get("phases");
        int total = 0;
        Set<Integer> groups = new TreeSet<>();
        if (phases == null || !phases.isArray() || phases.isEmpty() || phases.size() > 16) {
            problems.put("phases", "required: 1 to 16 phases {signalGroups, greenS, yellowS, allRedS}");
        } else {
            for (int k = 0; k < phases.size(); k++) {
                JsonNode p = phases.get(k);
                String at = "phases[" + k + "]";
                if (!p.isObject()) {
                    problems.put(at, "an object {signalGroups, greenS, yellowS, allRedS}");
                    continue;
                }
                p.fieldNames().forEachRemaining(f -> {
                    if (!PHASE_FIELDS.contains(f)) {
                        problems.put(at + "." + f, "unknown field; a phase has " + new TreeSet<>(PHASE_FIELDS));
                    }
                });
                JsonNode g = p.get("signalGroups");
                if (g == null || !g.isArray() || g.isEmpty()) {
                    problems.put(at + ".signalGroups", "required: one or more signal groups 1..255");
                } else {
                    for (JsonNode n : g) {
                        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > 255) {
                            problems.put(at + ".signalGroups", "signal groups are integers 1..255, got " + n);
                        } else {
                            groups.add(n.asInt());
                        }
                    }
                }
                total += intField(p, "greenS", 0, 1, 300, true, problems, at + ".greenS")
                        + intField(p, "yellowS", 0, 3, 10, true, problems, at + ".yellowS")
                        + intField(p, "allRedS", 0, 0, 10, false, problems, at + ".allRedS");
            }
            if (problems.isEmpty() && total != cycle) {
                problems.put("phases", "green + yellow + all-red of the phases add up to " + total
                        + " s, not the cycle's " + cycle + " s");
            }
        }
        MapIntersection map = knownMaps().get(id);
        if (map != null && !groups.isEmpty()) {
            Set<Integer> used = new TreeSet<>();
            for (Lane lane : map.lanes()) {
                for (Connection c : lane.connections()) {
                    used.add(c.signalGroup());
                }
            }
            Set<Integer> unknown = new TreeSet<>(groups);
            unknown.removeAll(used);
            if (!unknown.isEmpty()) {
                problems.putIfAbsent("phases", "signal group(s) " + unknown + " are not used by the MAP of "
                        + key(id) + " (it uses " + used + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        ObjectNode plan = body.deepCopy();
        plan.put("offsetS", offset);
        Instant now = clock.instant();
        boolean replaced = store.signalPlans().put(id, plan.toString(), now);
        store.audit().record(now, who, replaced ? "update" : "create", "signal_plan", key(id), plan.toString());
        ObjectNode out = JSON.createObjectNode().put("key", key(id)).put("replaced", replaced)
                .put("updatedAt", now.toString());
        out.set("plan", plan);
        return out;
    }

    private static int intField(JsonNode body, String field, int absent, int min, int max, boolean required,
                                Map<String, String> problems) {
        return intField(body, field, absent, min, max, required, problems, field);
    }

    private static int intField(JsonNode body, String field, int absent, int min, int max, boolean required,
                                Map<String, String> problems, String name) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                problems.put(name, "required: an integer " + min + ".." + max);
            }
            return absent;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            problems.put(name, "an integer " + min + ".." + max + ", got " + n);
            return absent;
        }
        return n.asInt();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored signal plan does not read back", e);
        }
    }

    static MapIntersection parseMap(String json) {
        var parsed = InfrastructureJson.parse("{\"map\":" + json + "}");
        if (!(parsed.input() instanceof MapIntersection m)) {
            throw new IllegalStateException("a stored MAP does not read back: " + parsed.detail());
        }
        return m;
    }

    static IntersectionId parseKey(String key) throws ApiException {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            throw ApiException.badRequest("key", "an intersection as region-id, e.g. 0-101, got '" + key + "'");
        }
        try {
            return new IntersectionId(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("key", e.getMessage());
        }
    }

    /** The optional {@code intersection} query parameter; a wrong one goes into {@code problems}. */
    private static IntersectionId intersectionParameter(Fields query, Map<String, String> problems) {
        String v = query.getValue("intersection");
        if (v == null) {
            return null;
        }
        try {
            return parseKey(v);
        } catch (ApiException e) {
            problems.put("intersection", e.getMessage());
            return null;
        }
    }

    static String key(IntersectionId id) {
        return id.regionId() + "/" + id.id();
    }

    // ---- safety ----

    private record Range(long from, long to) {
    }

    private Range range(Fields query, long defaultSpanMicros, Map<String, String> problems) {
        long to = Api.time(query, "to", nowMicros(), problems);
        long from = Api.time(query, "from", to - defaultSpanMicros, problems);
        if (from > to && !problems.containsKey("from") && !problems.containsKey("to")) {
            problems.put("from", "must not be after 'to'");
        }
        return new Range(from, to);
    }

    private static Set<String> names(String list, String field, Set<String> allowed, Map<String, String> problems) {
        Set<String> out = new TreeSet<>();
        if (list == null) {
            return out;
        }
        for (String t : list.split(",")) {
            String n = t.strip().toUpperCase(Locale.ROOT);
            String v = allowed.contains(n) ? n : allowed.contains(t.strip()) ? t.strip() : null;
            if (v == null) {
                problems.put(field, "'" + t + "' is none of " + new TreeSet<>(allowed));
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private SafetyLog.Query safetyQuery(Fields query, int defaultLimit) throws ApiException {
        Map<String, String> problems = new LinkedHashMap<>();
        Range r = range(query, 24 * 3_600_000_000L, problems);
        int limit = Api.integer(query, "limit", defaultLimit, 1, SafetyLog.Query.MAX_LIMIT, problems);
        double[] box = Api.box(query.getValue("bbox"), problems);
        Set<String> kinds = names(query.getValue("kind"), "kind", SAFETY_KINDS, problems);
        IntersectionId at = intersectionParameter(query, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        return SafetyLog.Query.between(r.from(), r.to(), limit).withKinds(kinds).withBox(box)
                .withVehicle(query.getValue("vehicle")).withIntersection(at);
    }

    ObjectNode safetyEvents(Fields query) throws ApiException, SQLException {
        SafetyLog.Query q = safetyQuery(query, 1_000);
        ArrayNode list = JSON.createArrayNode();
        for (SafetyLog.Event e : store.safety().query(q)) {
            list.add(safetyJson(e));
        }
        ObjectNode out = JSON.createObjectNode().put("from", q.fromMicros()).put("to", q.toMicros())
                .put("count", list.size());
        out.set("events", list);
        return out;
    }

    static ObjectNode safetyJson(SafetyLog.Event e) {
        ObjectNode n = JSON.createObjectNode();
        if (e.seq() > 0) {
            n.put("seq", e.seq());
        }
        n.put("kind", e.kind()).put("timeMicros", e.timeMicros()).put("latDeg", round7(e.latDeg()))
                .put("lonDeg", round7(e.lonDeg()));
        if (e.intersection() == null) {
            n.putNull("intersection");
        } else {
            n.put("intersection", key(e.intersection()));
        }
        if (e.signalGroup() >= 0) {
            n.put("signalGroup", e.signalGroup());
        }
        n.put("vehicleId", e.vehicleId()).put("otherId", e.otherId());
        number(n, "ttcS", e.ttcS());
        number(n, "petS", e.petS());
        number(n, "magnitude", e.magnitude());
        n.put("detail", e.detail());
        return n;
    }

    static ObjectNode issueJson(SafetyLog.Issue i) {
        ObjectNode n = JSON.createObjectNode().put("kind", i.kind()).put("timeMicros", i.timeMicros())
                .put("intersection", key(i.intersection()));
        if (i.signalGroup() >= 0) {
            n.put("signalGroup", i.signalGroup());
        } else {
            n.putNull("signalGroup");
        }
        return n.put("vehicleId", i.vehicleId()).put("detail", i.detail());
    }

    /** Safety events counted per H3 cell at the asked resolution (7 ≈ 1.2 km … 12 ≈ 9 m edge; default 10). */
    ObjectNode hotspots(Fields query) throws ApiException, SQLException {
        Map<String, String> problems = new LinkedHashMap<>();
        int resolution = Api.integer(query, "resolution", 10, 5, SafetyLog.H3_RESOLUTION, problems);
        SafetyLog.Query q;
        try {
            q = safetyQuery(query, 1);
        } catch (ApiException e) {
            problems.putAll(e.fields());
            q = null;
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        Map<Long, Map<String, Long>> cells = new LinkedHashMap<>();
        for (SafetyLog.CellCount c : store.safety().cellCounts(q)) {
            long cell = h3.cellToParent(c.cell(), resolution);
            cells.computeIfAbsent(cell, k -> new TreeMap<>()).merge(c.kind(), c.count(), Long::sum);
        }
        List<Map.Entry<Long, Map<String, Long>>> sorted = new ArrayList<>(cells.entrySet());
        sorted.sort((a, b) -> Long.compare(total(b.getValue()), total(a.getValue())));
        ObjectNode out = JSON.createObjectNode().put("resolution", resolution).put("from", q.fromMicros())
                .put("to", q.toMicros());
        ArrayNode list = out.putArray("cells");
        for (Map.Entry<Long, Map<String, Long>> e : sorted) {
            LatLng centre = h3.cellToLatLng(e.getKey());
            ObjectNode c = list.addObject().put("cell", h3.h3ToString(e.getKey()))
                    .put("latDeg", round7(centre.lat)).put("lonDeg", round7(centre.lng))
                    .put("count", total(e.getValue()));
            c.set("byKind", JSON.valueToTree(e.getValue()));
            ArrayNode ring = c.putArray("boundary");
            List<LatLng> boundary = h3.cellToBoundary(e.getKey());
            for (LatLng p : boundary) {
                ring.addArray().add(round7(p.lng)).add(round7(p.lat));
            }
            ring.addArray().add(round7(boundary.getFirst().lng)).add(round7(boundary.getFirst().lat));
        }
        return out;
    }

    private static long total(Map<String, Long> byKind) {
        long n = 0;
        for (long v : byKind.values()) {
            n += v;
        }
        return n;
    }

    /** Everything that happened at one intersection in a time range (default the last 24 h). */
    ObjectNode safetyReport(String key, Fields query) throws ApiException, SQLException {
        IntersectionId id = parseKey(key);
        MapIntersection map = knownMaps().get(id);
        if (map == null) {
            throw ApiException.notFound("no intersection " + key);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        Range r = range(query, 24 * 3_600_000_000L, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        List<SafetyLog.Event> events = store.safety().query(SafetyLog.Query.between(r.from(), r.to(),
                SafetyLog.Query.MAX_LIMIT).withIntersection(id));
        Map<String, Long> counts = new TreeMap<>();
        for (String k : SAFETY_KINDS) {
            counts.put(k, 0L);
        }
        Map<String, Long> redBySignalGroup = new TreeMap<>();
        Map<String, Long> byVehicle = new HashMap<>();
        double minTtc = Double.NaN;
        double minPet = Double.NaN;
        for (SafetyLog.Event e : events) {
            counts.merge(e.kind(), 1L, Long::sum);
            if (e.kind().equals("RED_LIGHT_RUN") && e.signalGroup() >= 0) {
                redBySignalGroup.merge(Integer.toString(e.signalGroup()), 1L, Long::sum);
            }
            if (!Double.isNaN(e.ttcS()) && !(e.ttcS() >= minTtc)) {
                minTtc = e.ttcS();
            }
            if (!Double.isNaN(e.petS()) && !(e.petS() >= minPet)) {
                minPet = e.petS();
            }
            byVehicle.merge(e.vehicleId(), 1L, Long::sum);
        }
        double dLat = REPORT_RADIUS_M / 111_320.0;
        double dLon = dLat / Math.cos(Math.toRadians(map.referencePoint().latDeg()));
        Map<String, Long> warnings = new TreeMap<>();
        for (Warning w : store.warnings().query(WarningQuery.between(r.from(), r.to(), WarningQuery.MAX_LIMIT)
                .withBox(map.referencePoint().latDeg() - dLat, map.referencePoint().lonDeg() - dLon,
                        map.referencePoint().latDeg() + dLat, map.referencePoint().lonDeg() + dLon))) {
            warnings.merge(w.type().name(), 1L, Long::sum);
        }
        Map<String, Long> issues = new TreeMap<>();
        for (SafetyLog.IssueCount c : store.safety().issueCounts(r.from(), r.to())) {
            if (c.intersection().equals(id)) {
                issues.put(c.kind(), c.count());
            }
        }
        ObjectNode out = summary(map).put("from", r.from()).put("to", r.to()).put("events", events.size())
                .put("truncated", events.size() >= SafetyLog.Query.MAX_LIMIT);
        out.set("counts", JSON.valueToTree(counts));
        out.set("warnings", JSON.valueToTree(warnings));
        out.set("signalIssues", JSON.valueToTree(issues));
        out.set("redLightRunsBySignalGroup", JSON.valueToTree(redBySignalGroup));
        number(out, "minTtcS", minTtc);
        number(out, "minPetS", minPet);
        ArrayNode top = out.putArray("topVehicles");
        byVehicle.entrySet().stream().sorted((a, b) -> a.getValue().equals(b.getValue())
                        ? a.getKey().compareTo(b.getKey()) : Long.compare(b.getValue(), a.getValue()))
                .limit(10).forEach(e -> top.addObject().put("vehicleId", e.getKey()).put("events", e.getValue()));
        return out;
    }

    // ---- signals ----

    /** Per intersection: the monitor's live SPaT rate and the findings of the last hour of message time. */
    ObjectNode signalHealth(Fields query) throws ApiException, SQLException {
        Map<String, String> problems = new LinkedHashMap<>();
        Range r = range(query, 3_600_000_000L, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        Map<IntersectionId, PlatformView.SignalStatus> status = new TreeMap<>(Operations::compare);
        for (PlatformView.SignalStatus s : view.signalStatus()) {
            status.put(s.intersection(), s);
        }
        Map<IntersectionId, Map<String, Long>> counts = new TreeMap<>(Operations::compare);
        for (SafetyLog.IssueCount c : store.safety().issueCounts(r.from(), r.to())) {
            counts.computeIfAbsent(c.intersection(), k -> new TreeMap<>()).put(c.kind(), c.count());
        }
        Set<IntersectionId> all = new TreeSet<>(Operations::compare);
        all.addAll(status.keySet());
        all.addAll(counts.keySet());
        all.addAll(knownMaps().keySet());
        ObjectNode out = JSON.createObjectNode().put("from", r.from()).put("to", r.to());
        ArrayNode list = out.putArray("intersections");
        for (IntersectionId id : all) {
            PlatformView.SignalStatus s = status.get(id);
            ObjectNode x = list.addObject().put("key", key(id));
            if (s == null || s.lastSpatMicros() == 0) {
                x.put("spatPerS", 0.0).putNull("lastSpat");
            } else {
                x.put("spatPerS", round1(s.spatPerS()))
                        .put("lastSpat", Instant.ofEpochSecond(0, s.lastSpatMicros() * 1_000).toString());
            }
            if (s == null || s.mapRevision() < 0) {
                x.putNull("mapRevision");
            } else {
                x.put("mapRevision", s.mapRevision());
            }
            x.set("issues", JSON.valueToTree(counts.getOrDefault(id, Map.of())));
            ArrayNode recent = x.putArray("recent");
            for (SafetyLog.Issue i : store.safety().issues(r.from(), r.to(), id, 10)) {
                recent.add(issueJson(i));
            }
        }
        return out;
    }

    // ---- KPIs ----

    ObjectNode kpis(Fields query) throws ApiException, SQLException {
        Map<String, String> problems = new LinkedHashMap<>();
        Range r = range(query, 3_600_000_000L, problems);
        Set<String> metrics = names(query.getValue("metric"), "metric", KPI_METRICS, problems);
        int limit = Api.integer(query, "limit", 10_000, 1, 50_000, problems);
        IntersectionId at = intersectionParameter(query, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        ObjectNode out = JSON.createObjectNode().put("intervalS", kpiIntervalS).put("from", r.from())
                .put("to", r.to());
        ArrayNode rows = out.putArray("rows");
        for (KpiTable.Row row : store.kpis().query(r.from(), r.to(), at, metrics, limit)) {
            ObjectNode n = rows.addObject().put("intervalStart", row.intervalStartMicros())
                    .put("intervalS", row.intervalS()).put("intersection", key(row.intersection()))
                    .put("approach", row.approach()).put("metric", row.metric());
            number(n, "value", row.value());
        }
        return out;
    }

    // ---- helpers ----

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    static double round7(double v) {
        return Math.round(v * 1e7) / 1e7;
    }

    static double round1(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10) / 10.0;
    }

    /** One H3 instance per process (it loads a native library). */
    static final class H3 {
        private static volatile H3Core core;

        private H3() {
        }

        static H3Core core() {
            H3Core c = core;
            if (c == null) {
                synchronized (H3.class) {
                    c = core;
                    if (c == null) {
                        try {
                            c = H3Core.newInstance();
                        } catch (IOException e) {
                            throw new UncheckedIOException("H3's native library could not be loaded", e);
                        }
                        core = c;
                    }
                }
            }
            return c;
        }
    }
}
