package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cheluyun.server.api.Api;
import io.cheluyun.store.StoreConfig;
import io.cheluyun.store.Users;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management API over real HTTP on a platform with an H2 store: login and roles (401, 403 with clear bodies),
 * field-level 400s, device registration that takes effect in the edge and survives a restart, the audit trail, the
 * warnings history, and an OpenAPI description that lists exactly the routes the server answers.
 */
class ApiTest extends ApiFixture {

    @Test
    void withoutAValidTokenTheAnswerIs401AndAWeakerRoleGets403() throws Exception {
        HttpResponse<String> wrong = call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"vera\",\"password\":\"guess\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).get("detail").asText()).isEqualTo("wrong username or password");
        HttpResponse<String> unknown = call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"nobody\",\"password\":\"guess\"}");
        assertThat(unknown.body()).isEqualTo(wrong.body()); // no hint which names exist

        HttpResponse<String> none = call("GET", "/api/v1/devices", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"cheluyun\"");
        assertThat(JSON.readTree(none.body()).get("error").asText()).isEqualTo("unauthorized");
        assertThat(call("GET", "/api/v1/devices", "made-up", null).statusCode()).isEqualTo(401);

        String viewer = login("vera", "vera-password-1");
        assertThat(call("GET", "/api/v1/me", viewer, null).body()).contains("\"username\":\"vera\"")
                .contains("\"role\":\"viewer\"");
        HttpResponse<String> put = call("PUT", "/api/v1/devices/rsu-9", viewer, "{\"kind\":\"rsu\"}");
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(put.body()).get("detail").asText())
                .isEqualTo("role viewer may not do this; it needs operator or above");
        assertThat(call("GET", "/api/v1/audit", login("otto", "otto-password-1"), null).statusCode())
                .isEqualTo(403);

        assertThat(call("POST", "/api/v1/auth/logout", viewer, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/me", viewer, null).statusCode()).isEqualTo(401);
    }

    @Test
    void repeatedWrongPasswordsLockTheUserOutForAWhileButNotOthers() throws Exception {
        for (int k = 0; k < 5; k++) {
            assertThat(call("POST", "/api/v1/auth/login", null, "{\"username\":\"vera\",\"password\":\"guess-" + k
                    + "\"}").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"vera\",\"password\":\"vera-password-1\"}"); // even the right one
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow())
                .isBetween(1L, 300L);
        assertThat(JSON.readTree(locked.body()).get("error").asText()).isEqualTo("too many requests");
        login("otto", "otto-password-1"); // another user from the same address still gets in
    }

    @Test
    void badInputIsA400NamingEachWrongField() throws Exception {
        String operator = login("otto", "otto-password-1");
        HttpResponse<String> device = call("PUT", "/api/v1/devices/rsu-9", operator, """
                {"kind":"tower","rsuId":"12","position":{"latDeg":95,"lonDeg":125},"rangeM":-1,"colour":"red",
                 "token":"short"}""");
        assertThat(device.statusCode()).isEqualTo(400);
        JsonNode fields = JSON.readTree(device.body()).get("fields");
        assertThat(iterable(fields.fieldNames())).containsExactly("colour", "kind", "position", "rangeM", "rsuId",
                "token");
        assertThat(fields.get("rsuId").asText()).isEqualTo("8 octets as 16 hex digits");

        HttpResponse<String> query = call("GET", "/api/v1/warnings?limit=0&bbox=1,2,3&type=FCW,NOPE&from=yesterday",
                operator, null);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(iterable(JSON.readTree(query.body()).get("fields").fieldNames()))
                .containsExactly("bbox", "from", "limit", "type");

        HttpResponse<String> notJson = call("PUT", "/api/v1/devices/rsu-9", operator, "{kind: rsu");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"body\":\"not valid JSON\"");
        // declared too large: refused from the headers (Expect: 100-continue, as a client uploading a big body
        // does, so the refusal is read before the body is sent)
        HttpResponse<String> huge = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/devices/rsu-9")).expectContinue(true).header("Authorization", "Bearer " + operator)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"kind\":\"" + "x".repeat(Api.MAX_BODY_BYTES_FOR_TESTS)
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("\"error\":\"payload too large\"");
        assertThat(call("PATCH", "/api/v1/devices/rsu-9", operator, "{}").statusCode()).isEqualTo(405);
        HttpResponse<String> missing = call("GET", "/api/v1/nothing", operator, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("Exception").contains("/openapi.json");
    }

    @Test
    void aDeviceRegisteredThroughTheApiTakesEffectIsAuditedAndSurvivesARestart() throws Exception {
        String operator = login("otto", "otto-password-1");
        HttpResponse<String> created = call("PUT", "/api/v1/devices/rsu-9", operator, """
                {"kind":"rsu","token":"rsu-9-secret-token","rsuId":"00000000000000A9","family":"csae53-2017",
                 "position":{"latDeg":43.84,"lonDeg":125.2},"rangeM":600}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode view = JSON.readTree(created.body());
        assertThat(view.get("hasToken").asBoolean()).isTrue();
        assertThat(view.has("tokenSha256")).isFalse();
        assertThat(view.get("rsuId").asText()).isEqualTo("00000000000000a9");
        assertThat(platform.edge().registry().authenticate("rsu-9",
                "rsu-9-secret-token".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isNotNull();
        assertThat(platform.edge().registry().byRsuId("00000000000000a9").id()).isEqualTo("rsu-9");

        // an update without a token keeps the old one
        assertThat(call("PUT", "/api/v1/devices/rsu-9", operator, "{\"kind\":\"rsu\",\"rangeM\":800}")
                .statusCode()).isEqualTo(200);
        assertThat(platform.edge().registry().authenticate("rsu-9",
                "rsu-9-secret-token".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isNotNull();

        String viewer = login("vera", "vera-password-1");
        assertThat(JSON.readTree(call("GET", "/api/v1/devices", viewer, null).body()).get("devices"))
                .extracting(n -> n.get("id").asText()).containsExactly("rsu-9");
        JsonNode silent = JSON.readTree(call("GET", "/api/v1/devices/rsu-9", viewer, null).body()).get("health");
        assertThat(silent.get("online").asBoolean()).isFalse();
        assertThat(silent.get("lastSeen").isNull()).isTrue();
        // what the gate records for each message from the device shows as its health
        platform.edge().activity().record("rsu-9", true, null, System.currentTimeMillis());
        platform.edge().activity().record("rsu-9", false, io.cheluyun.edge.InputProblem.MALFORMED_UPER,
                System.currentTimeMillis());
        JsonNode health = JSON.readTree(call("GET", "/api/v1/devices/rsu-9", viewer, null).body()).get("health");
        assertThat(health.get("online").asBoolean()).isTrue();
        assertThat(health.get("messagesAccepted").asLong()).isEqualTo(1);
        assertThat(health.get("messagesRefused").asLong()).isEqualTo(1);
        assertThat(health.get("lastRefusal").asText()).isEqualTo("malformed_uper");

        // a restart on the same database registers it again
        platform.close();
        platform = new Platform(config, List.of(), System::nanoTime, Platform.StoreMode.REQUIRED);
        platform.start();
        port = platform.startHttp();
        assertThat(platform.edge().registry().byId("rsu-9").rangeM()).isEqualTo(800.0);

        String op2 = login("otto", "otto-password-1");
        assertThat(call("DELETE", "/api/v1/devices/rsu-9", op2, null).statusCode()).isEqualTo(204);
        assertThat(platform.edge().registry().byId("rsu-9")).isNull();
        assertThat(call("GET", "/api/v1/devices/rsu-9", op2, null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/devices/rsu-9", op2, null).statusCode()).isEqualTo(404);

        JsonNode audit = JSON.readTree(call("GET", "/api/v1/audit?limit=50", login("ada", "ada-password-1"), null)
                .body()).get("entries");
        List<String> deviceChanges = iterable(audit.elements()).stream()
                .filter(e -> e.get("entity").asText().equals("device"))
                .map(e -> e.get("actor").asText() + " " + e.get("action").asText()).toList();
        assertThat(deviceChanges).containsExactly("otto delete", "otto update", "otto create");
        assertThat(audit.toString()).doesNotContain("rsu-9-secret-token").contains("***");
    }

    @Test
    void theWarningsHistoryIsQueriedByTimeTypeAndVehicle() throws Exception {
        PlatformHttpTest.FakeClock clock = new PlatformHttpTest.FakeClock();
        new Demo(platform, clock, due -> clock.now = due, new PrintStream(new ByteArrayOutputStream()), null)
                .run(Duration.ofSeconds(30), () -> false);
        assertThat(platform.awaitProcessed(Duration.ofSeconds(10))).isTrue();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (platform.store().warnings().writtenCount() < platform.warningsDispatched()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String viewer = login("vera", "vera-password-1");
        JsonNode all = JSON.readTree(call("GET", "/api/v1/warnings?from=2026-11-23T08:00:00Z"
                + "&to=2026-11-23T08:01:00Z&limit=10000", viewer, null).body());
        assertThat(all.get("count").asLong()).isEqualTo(platform.warningsDispatched());
        JsonNode fcw = JSON.readTree(call("GET", "/api/v1/warnings?from=2026-11-23T08:00:00Z&type=fcw&vehicle="
                + "follower", viewer, null).body());
        assertThat(fcw.get("count").asInt()).isPositive();
        assertThat(iterable(fcw.get("warnings").elements())).allSatisfy(w -> {
            assertThat(w.get("type").asText()).isEqualTo("FCW");
            assertThat(w.get("targetId").asText()).isEqualTo("follower");
        });
    }

    @Test
    void aWorkZoneDrawnByAnOperatorReachesTheRsusInRangeAndWarnsVehiclesInsideIt() throws Exception {
        String operator = login("otto", "otto-password-1");
        assertThat(call("PUT", "/api/v1/devices/rsu-near", operator, """
                {"kind":"rsu","rsuId":"00000000000000b1","family":"csae53-2017",
                 "position":{"latDeg":43.8400,"lonDeg":125.2000},"rangeM":500}""").statusCode()).isEqualTo(201);
        assertThat(call("PUT", "/api/v1/devices/rsu-far", operator, """
                {"kind":"rsu","rsuId":"00000000000000b2","family":"j2735",
                 "position":{"latDeg":43.9000,"lonDeg":125.2000},"rangeM":500}""").statusCode()).isEqualTo(201);

        HttpResponse<String> bad = call("POST", "/api/v1/road-events", operator,
                "{\"type\":\"SPEED_LIMIT\",\"area\":[{\"latDeg\":43.84,\"lonDeg\":125.2}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(iterable(JSON.readTree(bad.body()).get("fields").fieldNames()))
                .containsExactly("area", "speedLimitKmh");

        HttpResponse<String> created = call("POST", "/api/v1/road-events", operator, """
                {"type":"WORK_ZONE","description":"lane 2 closed","area":[
                  {"latDeg":43.8398,"lonDeg":125.1998},{"latDeg":43.8398,"lonDeg":125.2002},
                  {"latDeg":43.8402,"lonDeg":125.2002},{"latDeg":43.8402,"lonDeg":125.1998}]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode zone = JSON.readTree(created.body());
        assertThat(iterable(zone.get("broadcastTo").elements())).extracting(JsonNode::asText)
                .containsExactly("rsu-near");
        String id = zone.get("id").asText();

        // a car inside the zone gets the in-vehicle sign
        long now = System.currentTimeMillis() * 1_000L;
        for (int k = 0; k < 3; k++) {
            io.cheluyun.apps.scenario.ScenarioRunner.offer(platform.ingest(), new io.cheluyun.model.VehicleState(
                    "car-in-zone", now + k * 100_000L, new io.cheluyun.model.GeoPoint(43.8399 + k * 1e-5, 125.2),
                    200, 0, 10, 0, 0, 4.5, 1.8, io.cheluyun.model.VehicleClass.PASSENGER_CAR,
                    io.cheluyun.model.BrakeState.NONE, io.cheluyun.model.ExteriorLights.NONE));
        }
        String viewer = login("vera", "vera-password-1");
        JsonNode ivs = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            ivs = JSON.readTree(call("GET", "/api/v1/warnings?vehicle=car-in-zone&type=IVS", viewer, null).body());
            if (ivs.get("count").asInt() > 0) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(ivs.get("count").asInt()).isPositive();
        assertThat(ivs.get("warnings").get(0).get("relatedIds").get(0).asText()).isEqualTo(id);

        assertThat(JSON.readTree(call("GET", "/api/v1/road-events", viewer, null).body()).get("roadEvents"))
                .extracting(n -> n.get("id").asText()).containsExactly(id);

        // after a restart the zone is in force again: a car entering it now gets the sign
        platform.close();
        platform = new Platform(config, List.of(), System::nanoTime, Platform.StoreMode.REQUIRED);
        platform.start();
        port = platform.startHttp();
        long later = System.currentTimeMillis() * 1_000L;
        for (int k = 0; k < 3; k++) {
            io.cheluyun.apps.scenario.ScenarioRunner.offer(platform.ingest(), new io.cheluyun.model.VehicleState(
                    "car-after-restart", later + k * 100_000L, new io.cheluyun.model.GeoPoint(43.8399 + k * 1e-5,
                    125.2), 200, 0, 10, 0, 0, 4.5, 1.8, io.cheluyun.model.VehicleClass.PASSENGER_CAR,
                    io.cheluyun.model.BrakeState.NONE, io.cheluyun.model.ExteriorLights.NONE));
        }
        viewer = login("vera", "vera-password-1");
        operator = login("otto", "otto-password-1");
        JsonNode again = null;
        deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            again = JSON.readTree(call("GET", "/api/v1/warnings?vehicle=car-after-restart&type=IVS", viewer, null)
                    .body());
            if (again.get("count").asInt() > 0) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(again.get("count").asInt()).isPositive();

        assertThat(call("DELETE", "/api/v1/road-events/" + id, operator, null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/api/v1/road-events/" + id, operator, null).statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(call("GET", "/api/v1/road-events", viewer, null).body()).get("roadEvents"))
                .isEmpty();
        assertThat(JSON.readTree(call("GET", "/api/v1/road-events/" + id, viewer, null).body()).get("endedAt")
                .isNull()).isFalse();
    }

    @Test
    void theOpenApiDescriptionListsExactlyTheRoutesTheServerAnswers() throws Exception {
        HttpResponse<String> r = call("GET", "/openapi.json", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> described = new HashSet<>();
        for (var p : doc.get("paths").properties()) {
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (!m.equals("parameters")) {
                    described.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey() + " "
                            + p.getValue().get(m).path("x-role").asText("none"));
                }
            });
        }
        Set<String> served = new HashSet<>();
        for (Api.Route route : Api.ROUTES) {
            served.add(route.method() + " " + route.path() + " " + (route.role() == null ? "none"
                    : route.role().label()));
        }
        assertThat(described).isEqualTo(served);
    }
}
