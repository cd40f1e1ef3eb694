package io.cheluyun.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cheluyun.codec.Family;
import io.cheluyun.edge.Device;
import io.cheluyun.edge.DeviceActivity;
import io.cheluyun.edge.DeviceRegistry;
import io.cheluyun.edge.json.InfrastructureJson;
import io.cheluyun.edge.json.WarningJson;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.RoadEvent;
import io.cheluyun.model.RoadEventType;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.store.AuditLog;
import io.cheluyun.store.Documents;
import io.cheluyun.store.Store;
import io.cheluyun.store.Users;
import io.cheluyun.store.WarningQuery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management REST API under {@code /api/v1} and its OpenAPI 3 description at {@code /openapi.json}
 * (docs/api.md). Bearer tokens from {@code POST /api/v1/auth/login}; roles viewer &lt; operator &lt; admin; every
 * change is in the audit log; every refusal is a JSON body {@code {"error", "detail", "fields"}} — 400 with the
 * field that is wrong, 401 without a valid token, 403 for a role that may not, 404, 405, 409, 413 — never a stack
 * trace. Blocking (JDBC) on Jetty's request threads. Thread-safe.
 */
public final class Api extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** A bearer token's lifetime: one operator shift. */
    static final Duration TOKEN_TTL = Duration.ofHours(12);
    /** The largest request body: a MAP with every lane of a big intersection fits many times over. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** For tests outside this package: a body of this many bytes is refused. */
    public static final int MAX_BODY_BYTES_FOR_TESTS = MAX_BODY_BYTES + 1;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Verified against when the user does not exist, so an unknown name costs as much time as a wrong password. */
    private static final String DUMMY_HASH = Passwords.hash("no such user");

    /** One route: method, path pattern (OpenAPI style), the least role (null: no token needed). */
    public record Route(String method, String path, Users.Role role) {
    }

    /** Every route, as /openapi.json describes them (ApiTest checks the two agree). */
    public static final List<Route> ROUTES = List.of(
            new Route("POST", "/api/v1/auth/login", null),
            new Route("POST", "/api/v1/auth/logout", Users.Role.VIEWER),
            new Route("GET", "/api/v1/me", Users.Role.VIEWER),
            new Route("GET", "/api/v1/warnings", Users.Role.VIEWER),
            new Route("GET", "/api/v1/devices", Users.Role.VIEWER),
            new Route("GET", "/api/v1/devices/{id}", Users.Role.VIEWER),
            new Route("PUT", "/api/v1/devices/{id}", Users.Role.OPERATOR),
            new Route("DELETE", "/api/v1/devices/{id}", Users.Role.OPERATOR),
            new Route("GET", "/api/v1/road-events", Users.Role.VIEWER),
            new Route("POST", "/api/v1/road-events", Users.Role.OPERATOR),
            new Route("GET", "/api/v1/road-events/{id}", Users.Role.VIEWER),
            new Route("DELETE", "/api/v1/road-events/{id}", Users.Role.OPERATOR),
            new Route("GET", "/api/v1/live", Users.Role.VIEWER),
            new Route("GET", "/api/v1/stream", Users.Role.VIEWER),
            new Route("GET", "/api/v1/map", Users.Role.VIEWER),
            new Route("GET", "/api/v1/intersections", Users.Role.VIEWER),
            new Route("GET", "/api/v1/intersections/{id}", Users.Role.VIEWER),
            new Route("PUT", "/api/v1/intersections/{id}", Users.Role.OPERATOR),
            new Route("GET", "/api/v1/intersections/{id}/safety-report", Users.Role.VIEWER),
            new Route("GET", "/api/v1/intersections/{id}/signal-plan", Users.Role.VIEWER),
            new Route("PUT", "/api/v1/intersections/{id}/signal-plan", Users.Role.OPERATOR),
            new Route("GET", "/api/v1/safety-events", Users.Role.VIEWER),
            new Route("GET", "/api/v1/hotspots", Users.Role.VIEWER),
            new Route("GET", "/api/v1/signals/health", Users.Role.VIEWER),
            new Route("GET", "/api/v1/kpis", Users.Role.VIEWER),
            new Route("GET", "/api/v1/audit", Users.Role.ADMIN),
            new Route("GET", "/api/v1/users", Users.Role.ADMIN),
            new Route("POST", "/api/v1/users", Users.Role.ADMIN));

    /** Each route's path as a regular expression ({@code {id}} → one path segment), compiled once. */
    private static final Map<Route, Pattern> PATTERNS = ROUTES.stream().collect(java.util.stream.Collectors.toMap(
            r -> r, r -> Pattern.compile("^" + r.path().replaceAll("\\{[a-zA-Z]+}", "([^/]+)") + "$")));

    /** Who is calling. */
    record Principal(String username, Users.Role role) {
    }

    /**
     * Puts a road event in force: into the twin (so IVS/SLW/HLW react) and out to the RSUs in range; returns the
     * ids of the RSUs it was broadcast to.
     */
    @FunctionalInterface
    public interface Announcer {
        List<String> announce(RoadEvent event);
    }

    private final Store store;
    private final DeviceRegistry registry;
    private final InstantSource clock;
    private final Announcer announcer;
    private final PlatformView view;
    private final LiveFeed live;
    private final Operations operations;
    private final JwtAuthenticator jwt;
    private final DeviceActivity activity;
    private final LoginThrottle throttle = new LoginThrottle();
    private final byte[] openApi;

    /**
     * @param view          the running platform: the twin, MAP intake, the signal monitor, announcements
     * @param live          the operators' live stream
     * @param kpiIntervalS  the KPIs' interval, for the answers that name it
     * @param jwt           validates OIDC bearer JWTs, or null when only the platform's own tokens count
     */
    public Api(Store store, DeviceRegistry registry, DeviceActivity activity, InstantSource clock,
               PlatformView view, LiveFeed live, int kpiIntervalS, JwtAuthenticator jwt) {
        this.jwt = jwt;
        this.store = store;
        this.registry = registry;
        this.activity = activity;
        this.clock = clock;
        this.announcer = view;
        this.view = view;
        this.live = live;
        this.operations = new Operations(store, view, clock, kpiIntervalS);
        try (InputStream in = Api.class.getResourceAsStream("/openapi.json")) {
            this.openApi = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("openapi.json is missing from the server jar", e);
        }
    }

    /** The twin as the live stream's {@code snapshot} event and {@code GET /api/v1/live} show it. */
    public static String snapshotJson(io.cheluyun.twin.TwinSnapshot snapshot) {
        return Operations.snapshot(snapshot).toString();
    }

    /** A safety event as the API and the live stream show it. */
    public static String safetyJson(io.cheluyun.store.SafetyLog.Event e) {
        return Operations.safetyJson(e).toString();
    }

    /** A signal-monitor finding as the API and the live stream show it. */
    public static String issueJson(io.cheluyun.store.SafetyLog.Issue i) {
        return Operations.issueJson(i).toString();
    }

    /** Whether this handler answers {@code path}. */
    public static boolean handles(String path) {
        return path.equals("/openapi.json") || path.startsWith("/api/");
    }

    /**
     * Creates {@code username} with {@code password} and {@code role} unless the name exists; true when created.
     * For the demo's accounts and the first admin of {@code serve}.
     */
    public boolean ensureUser(String username, String password, Users.Role role) throws SQLException {
        boolean created = store.users().create(username, Passwords.hash(password), role, clock.instant());
        if (created) {
            store.audit().record(clock.instant(), "system", "create", "user", username, "{\"role\":\""
                    + role.label() + "\"}");
        }
        return created;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        int status;
        String body;
        try {
            if (path.equals("/openapi.json")) {
                requireMethod(request, "GET");
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, java.nio.ByteBuffer.wrap(openApi), callback);
                return true;
            }
            if (path.equals("/api/v1/stream") && request.getMethod().equals("GET")) {
                Principal who = authorise(request, Users.Role.VIEWER);
                live.subscribe(who.username(), response, callback);
                return true;
            }
            Reply reply = route(request, path);
            status = reply.status();
            body = reply.body() == null ? null : JSON.writeValueAsString(reply.body());
        } catch (ApiException e) {
            status = e.status();
            if (status == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"cheluyun\"");
            }
            if (e.retryAfterS() > 0) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfterS()));
            }
            ObjectNode error = JSON.createObjectNode().put("error", e.error()).put("detail", e.getMessage());
            if (!e.fields().isEmpty()) {
                error.set("fields", JSON.valueToTree(new java.util.TreeMap<>(e.fields())));
            }
            body = error.toString();
        } catch (SQLException | JsonProcessingException | RuntimeException e) {
            LOG.error("api: {} {} failed", request.getMethod(), path, e);
            status = 500;
            body = "{\"error\":\"internal error\",\"detail\":\"the request could not be completed; the server log "
                    + "has the cause\"}";
        }
        response.setStatus(status);
        if (body == null) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, body, callback);
        return true;
    }

    /** A success: status and the object written as JSON (null: no body). */
    private record Reply(int status, Object body) {
    }

    private Reply route(Request request, String path) throws ApiException, SQLException, JsonProcessingException {
        List<String> allowed = new ArrayList<>();
        for (Route r : ROUTES) {
            Matcher m = PATTERNS.get(r).matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (!r.method().equals(request.getMethod())) {
                allowed.add(r.method());
                continue;
            }
            Principal who = r.role() == null ? null : authorise(request, r.role());
            String id = m.groupCount() > 0 ? m.group(1) : null;
            return switch (r.method() + " " + r.path()) {
                case "POST /api/v1/auth/login" -> login(body(request), Request.getRemoteAddr(request));
                case "POST /api/v1/auth/logout" -> logout(request);
                case "GET /api/v1/me" -> new Reply(200, Map.of("username", who.username(), "role",
                        who.role().label()));
                case "GET /api/v1/warnings" -> warnings(Request.extractQueryParameters(request));
                case "GET /api/v1/devices" -> devices();
                case "GET /api/v1/devices/{id}" -> new Reply(200, deviceView(store.devices().get(id)
                        .orElseThrow(() -> ApiException.notFound("no device '" + id + "'"))));
                case "PUT /api/v1/devices/{id}" -> putDevice(who, id, body(request));
                case "DELETE /api/v1/devices/{id}" -> deleteDevice(who, id);
                case "GET /api/v1/road-events" -> roadEvents(Request.extractQueryParameters(request));
                case "POST /api/v1/road-events" -> createRoadEvent(who, body(request));
                case "GET /api/v1/road-events/{id}" -> new Reply(200, roadEventView(store.roadEvents().get(id)
                        .orElseThrow(() -> ApiException.notFound("no road event '" + id + "'"))));
                case "DELETE /api/v1/road-events/{id}" -> endRoadEvent(who, id);
                case "GET /api/v1/live" -> new Reply(200, Operations.snapshot(view.snapshot()));
                case "GET /api/v1/map" -> new Reply(200, operations.map());
                case "GET /api/v1/intersections" -> new Reply(200, operations.intersections());
                case "GET /api/v1/intersections/{id}" -> new Reply(200, operations.intersection(id));
                case "PUT /api/v1/intersections/{id}" -> new Reply(200, operations.putIntersection(who.username(), id,
                        request.getHeaders().get(HttpHeader.CONTENT_TYPE), rawBody(request),
                        Request.extractQueryParameters(request)));
                case "GET /api/v1/intersections/{id}/safety-report" -> new Reply(200, operations.safetyReport(id,
                        Request.extractQueryParameters(request)));
                case "GET /api/v1/intersections/{id}/signal-plan" -> new Reply(200, operations.signalPlan(id));
                case "PUT /api/v1/intersections/{id}/signal-plan" -> new Reply(200, operations.putSignalPlan(
                        who.username(), id, body(request)));
                case "GET /api/v1/safety-events" -> new Reply(200, operations.safetyEvents(
                        Request.extractQueryParameters(request)));
                case "GET /api/v1/hotspots" -> new Reply(200, operations.hotspots(
                        Request.extractQueryParameters(request)));
                case "GET /api/v1/signals/health" -> new Reply(200, operations.signalHealth(
                        Request.extractQueryParameters(request)));
                case "GET /api/v1/kpis" -> new Reply(200, operations.kpis(Request.extractQueryParameters(request)));
                case "GET /api/v1/audit" -> audit(Request.extractQueryParameters(request));
                case "GET /api/v1/users" -> users();
                case "POST /api/v1/users" -> createUser(who, body(request));
                default -> throw new IllegalStateException("route without a handler: " + r);
            };
        }
        if (!allowed.isEmpty()) {
            throw new ApiException(405, "method not allowed", request.getMethod() + " is not allowed on " + path
                    + "; allowed: " + String.join(", ", allowed), Map.of());
        }
        throw ApiException.notFound("no such resource: " + path + " (the API is described at /openapi.json)");
    }

    private static void requireMethod(Request request, String method) throws ApiException {
        if (!request.getMethod().equals(method)) {
            throw new ApiException(405, "method not allowed", "only " + method, Map.of());
        }
    }

    // ---- authentication ----

    private Principal authorise(Request request, Users.Role least) throws ApiException, SQLException {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String bearer;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            bearer = header.substring(7).strip();
        } else if (Request.getPathInContext(request).equals("/api/v1/stream")
                && Request.extractQueryParameters(request).getValue("access_token") != null) {
            bearer = Request.extractQueryParameters(request).getValue("access_token"); // EventSource sends no headers
        } else {
            throw ApiException.unauthorized("missing bearer token: POST /api/v1/auth/login, then send "
                    + "'Authorization: Bearer <token>'");
        }
        if (jwt != null && JwtAuthenticator.looksLikeJwt(bearer)) {
            JwtAuthenticator.Result r = jwt.verify(bearer);
            if (r.role() == null) {
                throw ApiException.forbidden(r.problem());
            }
            if (!r.role().atLeast(least)) {
                throw ApiException.forbidden("role " + r.role().label() + " may not do this; it needs "
                        + least.label() + " or above");
            }
            return new Principal(r.username(), r.role());
        }
        Optional<Users.Token> token = store.users().token(sha256(bearer), clock.instant());
        if (token.isEmpty()) {
            throw ApiException.unauthorized("the token is unknown, expired or revoked, or its user is disabled");
        }
        Users.Token t = token.get();
        if (!t.role().atLeast(least)) {
            throw ApiException.forbidden("role " + t.role().label() + " may not do this; it needs "
                    + least.label() + " or above");
        }
        return new Principal(t.username(), t.role());
    }

    private Reply login(JsonNode body, String address) throws ApiException, SQLException {
        String username = text(body, "username", true);
        String password = text(body, "password", true);
        Duration wait = throttle.blocked(username, address, clock.instant());
        if (!wait.isZero()) {
            long s = Math.max(1, wait.toSeconds());
            throw ApiException.tooManyRequests("too many failed logins for this user or from this address; try "
                    + "again in " + s + " s", s);
        }
        Optional<Users.User> user = store.users().find(username);
        boolean ok = Passwords.verify(password, user.map(Users.User::passwordHash).orElse(DUMMY_HASH))
                && user.isPresent() && !user.get().disabled();
        if (!ok) {
            throttle.failed(username, address, clock.instant());
            throw ApiException.unauthorized("wrong username or password");
        }
        throttle.succeeded(username);
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Instant expires = now.plus(TOKEN_TTL);
        store.users().addToken(sha256(token), username, now, expires);
        store.audit().record(now, username, "login", "user", username, null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token);
        out.put("username", username);
        out.put("role", user.get().role().label());
        out.put("expiresAt", expires.toString());
        return new Reply(200, out);
    }

    private Reply logout(Request request) throws SQLException {
        String token = request.getHeaders().get(HttpHeader.AUTHORIZATION).substring(7).strip();
        store.users().revokeToken(sha256(token));
        return new Reply(204, null);
    }

    /** Tokens of operators and of devices are kept the same way: hex SHA-256. */
    static String sha256(String token) {
        return DeviceRegistry.tokenSha256(token);
    }

    // ---- warnings ----

    private Reply warnings(Fields query) throws ApiException, SQLException, JsonProcessingException {
        Map<String, String> problems = new LinkedHashMap<>();
        Instant now = clock.instant();
        long to = time(query, "to", micros(now), problems);
        long from = time(query, "from", to - 3_600_000_000L, problems);
        if (from > to && !problems.containsKey("from") && !problems.containsKey("to")) {
            problems.put("from", "must not be after 'to'");
        }
        int limit = integer(query, "limit", 1_000, 1, WarningQuery.MAX_LIMIT, problems);
        double[] box = box(query.getValue("bbox"), problems);
        Set<WarningType> types = EnumSet.noneOf(WarningType.class);
        String typeList = query.getValue("type");
        if (typeList != null) {
            for (String t : typeList.split(",")) {
                try {
                    types.add(WarningType.valueOf(t.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problems.put("type", "'" + t + "' is none of " + List.of(WarningType.values()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        WarningQuery q = WarningQuery.between(from, to, limit).withTypes(types).withTarget(query.getValue(
                "vehicle"));
        if (box != null) {
            q = q.withBox(box[0], box[1], box[2], box[3]);
        }
        ArrayNode list = JSON.createArrayNode();
        for (Warning w : store.warnings().query(q)) {
            list.add(JSON.readTree(WarningJson.toJson(w)));
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("from", from).put("to", to).put("count", list.size()).set("warnings", list);
        return new Reply(200, out);
    }

    /** An ISO-8601 instant or epoch microseconds. */
    static long time(Fields query, String name, long absent, Map<String, String> problems) {
        String v = query.getValue(name);
        if (v == null) {
            return absent;
        }
        try {
            return v.matches("-?\\d+") ? Long.parseLong(v) : micros(Instant.parse(v));
        } catch (DateTimeParseException | NumberFormatException e) {
            problems.put(name, "an ISO-8601 instant (2026-11-23T08:00:00Z) or epoch microseconds, got '" + v + "'");
            return absent;
        }
    }

    static int integer(Fields query, String name, int absent, int min, int max,
                               Map<String, String> problems) {
        String v = query.getValue(name);
        if (v == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.put(name, "an integer within " + min + ".." + max + ", got '" + v + "'");
        return absent;
    }

    static double[] box(String v, Map<String, String> problems) {
        if (v == null) {
            return null;
        }
        String[] parts = v.split(",");
        try {
            if (parts.length == 4) {
                double[] b = new double[4];
                for (int k = 0; k < 4; k++) {
                    b[k] = Double.parseDouble(parts[k].strip());
                }
                if (b[0] <= b[2] && b[1] <= b[3] && Math.abs(b[0]) <= 90 && Math.abs(b[2]) <= 90
                        && Math.abs(b[1]) <= 180 && Math.abs(b[3]) <= 180) {
                    return b;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.put("bbox", "minLat,minLon,maxLat,maxLon in degrees with min <= max, got '" + v + "'");
        return null;
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    // ---- devices ----

    /** A sender heard within this long is online. */
    static final Duration ONLINE_WITHIN = Duration.ofSeconds(60);

    /**
     * A device as the API shows it: never its token, only whether it has one; with its health since this process
     * started (last seen, messages accepted and refused, the last refusal's reason, messages per second).
     */
    private Map<String, Object> deviceView(Documents.Doc doc) throws JsonProcessingException {
        return deviceView(doc.id(), doc.json(), "api", doc.createdAt().toString(), doc.updatedAt().toString());
    }

    /**
     * @param source  {@code api} (stored, editable here) or {@code registry} (the edge's registry file or the
     *                demo's own RSU: shown, changed in that file)
     */
    private Map<String, Object> deviceView(String id, String json, String source, String createdAt,
                                           String updatedAt) throws JsonProcessingException {
        @SuppressWarnings("unchecked")
        Map<String, Object> view = JSON.readValue(json, LinkedHashMap.class);
        view.put("hasToken", view.remove("tokenSha256") != null);
        view.put("source", source);
        view.put("createdAt", createdAt);
        view.put("updatedAt", updatedAt);
        long now = clock.millis();
        DeviceActivity.Snapshot a = activity.of(id, now);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("online", a.lastSeenMillis() > 0 && now - a.lastSeenMillis() <= ONLINE_WITHIN.toMillis());
        health.put("lastSeen", a.lastSeenMillis() == 0 ? null : Instant.ofEpochMilli(a.lastSeenMillis()).toString());
        health.put("messagesAccepted", a.accepted());
        health.put("messagesRefused", a.refused());
        health.put("lastRefusal", a.lastProblem());
        health.put("messagesPerS", Math.round(a.ratePerS() * 10) / 10.0);
        view.put("health", health);
        return view;
    }

    /** The stored devices, then those only the edge's registry knows (its file, the demo's RSU). */
    private Reply devices() throws SQLException, JsonProcessingException {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> stored = new java.util.HashSet<>();
        for (Documents.Doc d : store.devices().all()) {
            out.add(deviceView(d));
            stored.add(d.id());
        }
        List<Device> others = new ArrayList<>(registry.devices());
        others.sort(java.util.Comparator.comparing(Device::id));
        for (Device d : others) {
            if (!stored.contains(d.id())) {
                out.add(deviceView(d.id(), deviceJson(d), "registry", null, null));
            }
        }
        return new Reply(200, Map.of("devices", out));
    }

    private Reply putDevice(Principal who, String id, JsonNode body) throws ApiException, SQLException,
            JsonProcessingException {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.put("id", "1-64 of A-Z a-z 0-9 . _ - (it is an MQTT topic level)");
        }
        Device.Kind kind = null;
        String kindText = optionalText(body, "kind", problems);
        if (kindText == null) {
            problems.putIfAbsent("kind", "required: rsu, obu or app");
        } else {
            try {
                kind = Device.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.put("kind", "one of rsu, obu, app; got '" + kindText + "'");
            }
        }
        String token = optionalText(body, "token", problems);
        if (token != null && token.length() < 16) {
            problems.put("token", "at least 16 characters (it is the device's password)");
        }
        String rsuId = optionalText(body, "rsuId", problems);
        if (rsuId != null && !rsuId.matches("[0-9a-fA-F]{16}")) {
            problems.put("rsuId", "8 octets as 16 hex digits");
        }
        String family = optionalText(body, "family", problems);
        if (family != null) {
            try {
                Family.byName(family);
            } catch (IllegalArgumentException e) {
                problems.put("family", e.getMessage());
            }
        }
        GeoPoint position = null;
        JsonNode p = body.get("position");
        if (p != null && !p.isNull()) {
            JsonNode lat = p.get("latDeg");
            JsonNode lon = p.get("lonDeg");
            if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber() || Math.abs(lat.asDouble()) > 90
                    || Math.abs(lon.asDouble()) > 180) {
                problems.put("position", "{\"latDeg\": -90..90, \"lonDeg\": -180..180}");
            } else {
                position = new GeoPoint(lat.asDouble(), lon.asDouble());
            }
        }
        double range = number(body, "rangeM", Double.NaN, 1, 10_000, problems);
        String udpAddress = optionalText(body, "udpAddress", problems);
        int udpPort = (int) number(body, "udpDownlinkPort", 0, 0, 65_535, problems);
        List<String> vehicleIds = new ArrayList<>();
        JsonNode v = body.get("vehicleIds");
        if (v != null && !v.isNull()) {
            if (!v.isArray()) {
                problems.put("vehicleIds", "a list of vehicle ids");
            } else {
                v.forEach(n -> vehicleIds.add(n.asText()));
            }
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("kind", "token", "rsuId", "family", "position", "rangeM", "udpAddress", "udpDownlinkPort",
                    "vehicleIds").contains(f)) {
                problems.put(f, "unknown field");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        Optional<Documents.Doc> old = store.devices().get(id);
        String tokenSha256 = token != null ? sha256(token) : old.map(d -> {
            try {
                JsonNode oldJson = JSON.readTree(d.json()).get("tokenSha256");
                return oldJson == null || oldJson.isNull() ? null : oldJson.asText();
            } catch (JsonProcessingException e) {
                return null;
            }
        }).orElse(null);
        Device device;
        try {
            device = registry.register(new Device(id, kind, tokenSha256, null, rsuId == null ? null
                    : rsuId.toLowerCase(Locale.ROOT), family, position, range, udpAddress, udpPort, vehicleIds));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("device", e.getMessage());
        }
        Instant now = clock.instant();
        boolean created = store.devices().put(id, kind.label(), deviceJson(device), now);
        ObjectNode detail = ((ObjectNode) body).deepCopy();
        if (detail.has("token")) {
            detail.put("token", "***"); // the audit log never holds a secret
        }
        store.audit().record(now, who.username(), created ? "create" : "update", "device", id, detail.toString());
        return new Reply(created ? 201 : 200, deviceView(store.devices().get(id).orElseThrow()));
    }

    /** The stored form of a device (what {@link #loadDevices} reads back). */
    static String deviceJson(Device d) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("kind", d.kind().label());
        m.put("tokenSha256", d.tokenSha256());
        m.put("rsuId", d.rsuId());
        m.put("family", d.family());
        m.put("position", d.position() == null ? null : Map.of("latDeg", d.position().latDeg(), "lonDeg",
                d.position().lonDeg()));
        m.put("rangeM", Double.isNaN(d.rangeM()) ? null : d.rangeM());
        m.put("udpAddress", d.udpAddress());
        m.put("udpDownlinkPort", d.udpDownlinkPort());
        m.put("vehicleIds", d.vehicleIds());
        return JSON.writeValueAsString(m);
    }

    /** Registers every stored device (at start: what the API created survives a restart); returns how many. */
    public int loadDevices() throws SQLException, JsonProcessingException {
        int n = 0;
        for (Documents.Doc doc : store.devices().all()) {
            JsonNode j = JSON.readTree(doc.json());
            JsonNode pos = j.get("position");
            List<String> vehicles = new ArrayList<>();
            j.path("vehicleIds").forEach(x -> vehicles.add(x.asText()));
            registry.register(new Device(doc.id(), Device.Kind.valueOf(doc.kind().toUpperCase(Locale.ROOT)),
                    nullableText(j, "tokenSha256"), null, nullableText(j, "rsuId"), nullableText(j, "family"),
                    pos == null || pos.isNull() ? null : new GeoPoint(pos.get("latDeg").asDouble(),
                            pos.get("lonDeg").asDouble()),
                    j.path("rangeM").isNumber() ? j.get("rangeM").asDouble() : Double.NaN,
                    nullableText(j, "udpAddress"), j.path("udpDownlinkPort").asInt(0), vehicles));
            n++;
        }
        return n;
    }

    private Reply deleteDevice(Principal who, String id) throws ApiException, SQLException {
        if (!store.devices().delete(id)) {
            throw ApiException.notFound("no device '" + id + "'");
        }
        registry.unregister(id);
        activity.forget(id);
        store.audit().record(clock.instant(), who.username(), "delete", "device", id, null);
        return new Reply(204, null);
    }

    // ---- road events ----

    private Reply createRoadEvent(Principal who, JsonNode body) throws ApiException, SQLException,
            JsonProcessingException {
        Map<String, String> problems = new LinkedHashMap<>();
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("type", "area", "speedLimitKmh", "description", "validFrom", "validUntil").contains(f)) {
                problems.put(f, "unknown field");
            }
        }
        RoadEventType type = null;
        String typeText = optionalText(body, "type", problems);
        try {
            type = typeText == null ? null : RoadEventType.valueOf(typeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (type == null) {
            problems.put("type", "one of " + List.of(RoadEventType.values()));
        }
        List<GeoPoint> area = new ArrayList<>();
        JsonNode a = body.get("area");
        if (a == null || !a.isArray() || a.size() < 3 || a.size() > 64) {
            problems.put("area", "a polygon of 3 to 64 {\"latDeg\", \"lonDeg\"} vertices");
        } else {
            for (JsonNode p : a) {
                JsonNode lat = p.get("latDeg");
                JsonNode lon = p.get("lonDeg");
                if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()
                        || Math.abs(lat.asDouble()) > 90 || Math.abs(lon.asDouble()) > 180) {
                    problems.put("area", "every vertex is {\"latDeg\": -90..90, \"lonDeg\": -180..180}");
                    break;
                }
                area.add(new GeoPoint(lat.asDouble(), lon.asDouble()));
            }
        }
        double limitKmh = number(body, "speedLimitKmh", Double.NaN, 5, 150, problems);
        if (type == RoadEventType.SPEED_LIMIT && Double.isNaN(limitKmh) && !problems.containsKey("speedLimitKmh")) {
            problems.put("speedLimitKmh", "required for a SPEED_LIMIT zone");
        }
        String description = optionalText(body, "description", problems);
        if (description != null && description.length() > 200) {
            problems.put("description", "at most 200 characters");
        }
        Instant now = clock.instant();
        Instant from = instant(body, "validFrom", now, problems);
        Instant until = instant(body, "validUntil", from.plus(Duration.ofHours(2)), problems);
        if (!until.isAfter(from) && !problems.containsKey("validUntil")) {
            problems.put("validUntil", "must be after validFrom");
        }
        if (!until.isAfter(now) && !problems.containsKey("validUntil")) {
            problems.put("validUntil", "must be in the future");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        String id = "op-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        RoadEvent event = new RoadEvent(id, "operator:" + who.username(), type, -1, area,
                Double.isNaN(limitKmh) ? Double.NaN : limitKmh / 3.6, micros(from), micros(until),
                description == null ? "" : description);
        store.roadEvents().add(event, InfrastructureJson.write(event), who.username(), now);
        List<String> rsus = announcer.announce(event);
        store.audit().record(now, who.username(), "create", "road-event", id, ((ObjectNode) body).toString());
        Map<String, Object> out = roadEventView(store.roadEvents().get(id).orElseThrow());
        out.put("broadcastTo", rsus);
        return new Reply(201, out);
    }

    private Reply endRoadEvent(Principal who, String id) throws ApiException, SQLException {
        var row = store.roadEvents().get(id).orElseThrow(() -> ApiException.notFound("no road event '" + id + "'"));
        if (row.endedAt() != null) {
            throw new ApiException(409, "conflict", "road event '" + id + "' ended at " + row.endedAt(), Map.of());
        }
        RoadEvent old = parseEvent(row.json());
        Instant now = clock.instant();
        long end = Math.max(old.startMicros() + 1, micros(now));
        RoadEvent ended = new RoadEvent(old.eventId(), old.sourceId(), old.type(), old.typeCode(), old.area(),
                old.speedLimitMps(), old.startMicros(), end, old.description());
        store.roadEvents().end(id, end, InfrastructureJson.write(ended), now);
        announcer.announce(ended); // the twin and the RSUs learn it is over
        store.audit().record(now, who.username(), "end", "road-event", id, null);
        return new Reply(204, null);
    }

    private Reply roadEvents(Fields query) throws ApiException, SQLException {
        Map<String, String> problems = new LinkedHashMap<>();
        String all = query.getValue("all");
        if (all != null && !all.equals("true") && !all.equals("false")) {
            problems.put("all", "true or false");
        }
        int limit = integer(query, "limit", 1_000, 1, 10_000, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (var row : store.roadEvents().list("true".equals(all), micros(clock.instant()), limit)) {
            out.add(roadEventView(row));
        }
        return new Reply(200, Map.of("roadEvents", out));
    }

    /** The road events in force now (announced again when the platform starts). */
    public List<RoadEvent> roadEventsInForce() throws SQLException {
        List<RoadEvent> out = new ArrayList<>();
        for (var row : store.roadEvents().list(false, micros(clock.instant()), 10_000)) {
            out.add(parseEvent(row.json()));
        }
        return out;
    }

    private static RoadEvent parseEvent(String json) {
        var parsed = InfrastructureJson.parse(json);
        if (!(parsed.input() instanceof RoadEvent e)) {
            throw new IllegalStateException("a stored road event does not read back: " + parsed.detail());
        }
        return e;
    }

    private static Map<String, Object> roadEventView(io.cheluyun.store.RoadEventTable.Row row) {
        Map<String, Object> m = Operations.roadEvent(parseEvent(row.json()));
        m.put("createdBy", row.createdBy());
        m.put("createdAt", row.createdAt().toString());
        m.put("endedAt", row.endedAt() == null ? null : row.endedAt().toString());
        return m;
    }

    private static Instant instant(JsonNode body, String field, Instant absent, Map<String, String> problems) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return absent;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            problems.put(field, "an ISO-8601 instant, e.g. 2026-11-23T08:00:00Z");
            return absent;
        }
    }

    // ---- audit and users ----

    private Reply audit(Fields query) throws ApiException, SQLException {
        Map<String, String> problems = new LinkedHashMap<>();
        long to = time(query, "to", micros(clock.instant()) + 1, problems);
        long from = time(query, "from", to - 86_400_000_000L, problems);
        int limit = integer(query, "limit", 100, 1, 10_000, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        List<AuditLog.Entry> entries = store.audit().between(Instant.ofEpochSecond(0, from * 1_000),
                Instant.ofEpochSecond(0, to * 1_000), limit);
        List<Map<String, Object>> out = new ArrayList<>();
        for (AuditLog.Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("at", e.at().toString());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("entity", e.entity());
            m.put("entityId", e.entityId());
            m.put("detail", e.detail());
            out.add(m);
        }
        return new Reply(200, Map.of("entries", out));
    }

    private Reply users() throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Users.User u : store.users().all()) {
            out.add(Map.of("username", u.username(), "role", u.role().label(), "disabled", u.disabled(),
                    "createdAt", u.createdAt().toString()));
        }
        return new Reply(200, Map.of("users", out));
    }

    private Reply createUser(Principal who, JsonNode body) throws ApiException, SQLException {
        Map<String, String> problems = new LinkedHashMap<>();
        String username = optionalText(body, "username", problems);
        String password = optionalText(body, "password", problems);
        String roleText = optionalText(body, "role", problems);
        if (username == null || !username.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.put("username", "1-64 of A-Z a-z 0-9 . _ -");
        }
        if (password == null || password.length() < 12) {
            problems.put("password", "at least 12 characters");
        }
        Users.Role role = null;
        try {
            role = roleText == null ? null : Users.Role.of(roleText);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (role == null) {
            problems.put("role", "one of viewer, operator, admin");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        Instant now = clock.instant();
        if (!store.users().create(username, Passwords.hash(password), role, now)) {
            throw new ApiException(409, "conflict", "user '" + username + "' exists", Map.of());
        }
        store.audit().record(now, who.username(), "create", "user", username, "{\"role\":\"" + role.label()
                + "\"}");
        return new Reply(201, Map.of("username", username, "role", role.label()));
    }

    // ---- request bodies ----

    private static JsonNode body(Request request) throws ApiException {
        byte[] bytes = rawBody(request);
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("body", "a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("body", "not valid JSON");
        }
    }

    /** The request body, at most {@link #MAX_BODY_BYTES} (413 beyond). */
    static byte[] rawBody(Request request) throws ApiException {
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload too large", "the body is over " + MAX_BODY_BYTES + " bytes",
                    Map.of());
        }
        byte[] bytes;
        try (InputStream in = Request.asInputStream(request)) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("body", "could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload too large", "the body is over " + MAX_BODY_BYTES + " bytes",
                    Map.of());
        }
        return bytes;
    }

    private static String text(JsonNode body, String field, boolean required) throws ApiException {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw ApiException.badRequest(field, "required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest(field, "a string");
        }
        return n.asText();
    }

    private static String optionalText(JsonNode body, String field, Map<String, String> problems) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            problems.put(field, "a string");
            return null;
        }
        return n.asText();
    }

    private static String nullableText(JsonNode j, String field) {
        JsonNode n = j.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static double number(JsonNode body, String field, double absent, double min, double max,
                                 Map<String, String> problems) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return absent;
        }
        if (!n.isNumber() || !(n.asDouble() >= min && n.asDouble() <= max)) {
            problems.put(field, "a number within " + min + ".." + max);
            return absent;
        }
        return n.asDouble();
    }
}
