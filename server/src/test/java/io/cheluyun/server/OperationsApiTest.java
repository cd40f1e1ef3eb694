package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cheluyun.apps.scenario.IntersectionScript;
import io.cheluyun.apps.scenario.ScenarioRunner;
import io.cheluyun.codec.Family;
import io.cheluyun.codec.adapt.MapIntersections;
import io.cheluyun.edge.json.InfrastructureJson;
import io.cheluyun.model.BrakeState;
import io.cheluyun.model.ExteriorLights;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.VehicleClass;
import io.cheluyun.model.VehicleState;
import io.cheluyun.store.KpiTable;
import io.cheluyun.store.SafetyLog;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operations side of the API over real HTTP: MAP upload (model JSON and UPER) into the twin and the store, the
 * drawable map, the live snapshot and its Server-Sent-Events stream, safety events with H3 hotspots and the
 * per-intersection report, signal health and KPIs.
 */
class OperationsApiTest extends ApiFixture {

    static final IntersectionId X = new IntersectionId(0, 101);
    static final double LAT = 43.8868;
    static final double LON = 125.3245;

    static MapIntersection cross(int revision) {
        MapIntersection m = IntersectionScript.cross(X, LAT, LON, 2, 10.0).map();
        return new MapIntersection(m.id(), m.name(), revision, m.referencePoint(), m.lanes());
    }

    static String modelJson(MapIntersection m) {
        String wrapped = InfrastructureJson.write(m);
        return wrapped.substring("{\"map\":".length(), wrapped.length() - 1);
    }

    HttpResponse<String> upload(String token, String key, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/intersections/"
                        + key)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMapUploadedAsJsonOrUperGoesIntoTheTwinIsKeptAsVersionsAndIsDrawn() throws Exception {
        String operator = login("otto", "otto-password-1");
        HttpResponse<String> json = upload(operator, "0-101", "application/json",
                modelJson(cross(1)).getBytes(StandardCharsets.UTF_8));
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(JSON.readTree(json.body()).get("newVersion").asBoolean()).isTrue();
        assertThat(upload(operator, "0-101", "application/json", modelJson(cross(1)).getBytes(StandardCharsets.UTF_8))
                .body()).contains("\"newVersion\":false"); // the same MAP again is no new version

        byte[] uper = Family.CSAE53_2017.encode(new io.cheluyun.codec.csae2017.MessageFrame.MapFrame(
                MapIntersections.toCsae2017(List.of(cross(2)), 2))); // CSAE 53-2017: the revision is the msgCnt
        HttpResponse<String> binary = upload(operator, "0-101?family=csae53-2017", "application/octet-stream", uper);
        assertThat(binary.statusCode()).as(binary.body()).isEqualTo(200);
        assertThat(JSON.readTree(binary.body()).get("revision").asInt()).isEqualTo(2);

        String viewer = login("vera", "vera-password-1");
        JsonNode one = JSON.readTree(call("GET", "/api/v1/intersections/0-101", viewer, null).body());
        assertThat(one.get("versions")).extracting(v -> v.get("revision").asInt()).containsExactly(2, 1);
        assertThat(one.get("versions").get(0).get("source").asText()).isEqualTo("upload:otto");
        // CSAE 53-2017 MAP carries the ingress lanes of each link: what was decoded is what is kept
        assertThat(one.get("map").get("lanes").size()).isEqualTo(JSON.readTree(binary.body()).get("lanes").asInt())
                .isPositive();

        // in the twin: the map the dashboard draws comes from the twin once it has applied the upload
        JsonNode drawn = awaitJson("/api/v1/map", viewer, n -> n.get("intersections").size() == 1
                && n.get("intersections").get(0).get("revision").asInt() == 2);
        JsonNode lanes = drawn.get("intersections").get(0).get("lanes");
        assertThat(iterable(lanes.elements())).filteredOn(l -> l.get("ingress").asBoolean())
                .extracting(l -> l.get("approach").asText()).containsOnly("N", "E", "S", "W")
                .contains("N", "E", "S", "W");
        assertThat(lanes.get(0).get("centreline").get(0).size()).isEqualTo(2); // [lon, lat]
        assertThat(lanes.get(0).get("centreline").get(0).get(0).asDouble()).isBetween(LON - 0.01, LON + 0.01);

        // refused: wrong intersection, garbage UPER, unknown family, other media, a viewer
        HttpResponse<String> other = upload(operator, "0-102", "application/json",
                modelJson(cross(3)).getBytes(StandardCharsets.UTF_8));
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(other.body()).get("fields").get("id").asText()).contains("0/101");
        HttpResponse<String> garbage = upload(operator, "0-101?family=csae53-2017", "application/octet-stream",
                new byte[] {1, 2, 3});
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(garbage.body()).get("fields").get("body").asText()).startsWith("not a MAP of");
        assertThat(upload(operator, "0-101?family=nope", "application/octet-stream", uper).body())
                .contains("\"family\"");
        assertThat(upload(operator, "0-101", "text/plain", uper).statusCode()).isEqualTo(415);
        assertThat(upload(viewer, "0-101", "application/json", modelJson(cross(4)).getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/intersections/zero", viewer, null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/intersections/0-999", viewer, null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(call("GET", "/api/v1/audit", login("ada", "ada-password-1"), null).body())
                .get("entries").toString()).contains("\"action\":\"upload\"");
    }

    @Test
    void aSignalPlanIsRecordedPerIntersectionCheckedAgainstItsMapAndAudited() throws Exception {
        String operator = login("otto", "otto-password-1");
        assertThat(upload(operator, "0-101", "application/json", modelJson(cross(1)).getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(200);
        String plan = """
                {"cycleS":100,"offsetS":12,"description":"AM peak","phases":[
                  {"signalGroups":[1,5],"greenS":20,"yellowS":3,"allRedS":2},
                  {"signalGroups":[2,6],"greenS":20,"yellowS":3,"allRedS":2},
                  {"signalGroups":[3,7],"greenS":20,"yellowS":3,"allRedS":2},
                  {"signalGroups":[4,8],"greenS":20,"yellowS":3,"allRedS":2}]}""";
        HttpResponse<String> put = call("PUT", "/api/v1/intersections/0-101/signal-plan", operator, plan);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).get("replaced").asBoolean()).isFalse();
        String viewer = login("vera", "vera-password-1");
        JsonNode got = JSON.readTree(call("GET", "/api/v1/intersections/0-101/signal-plan", viewer, null).body());
        assertThat(got.get("plan").get("cycleS").asInt()).isEqualTo(100);
        assertThat(got.get("plan").get("phases")).hasSize(4);
        assertThat(JSON.readTree(call("GET", "/api/v1/intersections/0-101", viewer, null).body()).get("signalPlan")
                .get("description").asText()).isEqualTo("AM peak");
        assertThat(JSON.readTree(call("PUT", "/api/v1/intersections/0-101/signal-plan", operator,
                plan.replace("AM peak", "PM peak")).body()).get("replaced").asBoolean()).isTrue();

        HttpResponse<String> bad = call("PUT", "/api/v1/intersections/0-101/signal-plan", operator, """
                {"cycleS":90,"colour":"red","phases":[{"signalGroups":[1,42],"greenS":60,"yellowS":2,"allRedS":2}]}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode fields = JSON.readTree(bad.body()).get("fields");
        assertThat(iterable(fields.fieldNames())).containsExactlyInAnyOrder("colour", "phases[0].yellowS",
                "phases");
        assertThat(fields.get("phases").asText()).contains("[42]"); // not a group of this intersection's MAP
        HttpResponse<String> short_ = call("PUT", "/api/v1/intersections/0-101/signal-plan", operator, """
                {"cycleS":90,"phases":[{"signalGroups":[1],"greenS":60,"yellowS":3}]}""");
        assertThat(JSON.readTree(short_.body()).get("fields").get("phases").asText())
                .isEqualTo("green + yellow + all-red of the phases add up to 63 s, not the cycle's 90 s");
        assertThat(call("PUT", "/api/v1/intersections/0-101/signal-plan", viewer, plan).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/intersections/0-102/signal-plan", viewer, null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(call("GET", "/api/v1/audit", login("ada", "ada-password-1"), null).body())
                .get("entries").toString()).contains("\"entity\":\"signal_plan\"");
    }

    @Test
    void theLiveSnapshotAndTheEventStreamShowVehiclesAndWarningsAsTheyHappen() throws Exception {
        String viewer = login("vera", "vera-password-1");
        HttpResponse<InputStream> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/stream?access_token=made-up")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(refused.statusCode()).isEqualTo(401);
        refused.body().close();

        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/stream?access_token=" + viewer)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/event-stream"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            // a work zone and a car in it: the car is in the snapshot, and its IVS warning is pushed
            String operator = login("otto", "otto-password-1");
            assertThat(call("POST", "/api/v1/road-events", operator, """
                    {"type":"WORK_ZONE","area":[{"latDeg":43.8398,"lonDeg":125.1998},{"latDeg":43.8398,
                     "lonDeg":125.2002},{"latDeg":43.8402,"lonDeg":125.2002},{"latDeg":43.8402,"lonDeg":125.1998}]}
                    """).statusCode()).isEqualTo(201);
            long now = System.currentTimeMillis() * 1_000L;
            for (int k = 0; k < 30; k++) {
                ScenarioRunner.offer(platform.ingest(), new VehicleState("car-live", now + k * 100_000L,
                        new GeoPoint(43.8399 + k * 1e-6, 125.2), 200, 0, 1, 0, 0, 4.5, 1.8, VehicleClass.PASSENGER_CAR,
                        BrakeState.NONE, ExteriorLights.NONE));
            }
            boolean snapshot = false;
            boolean warning = false;
            String event = null;
            long deadline = System.nanoTime() + 20_000_000_000L;
            List<String> seen = new ArrayList<>();
            while (!(snapshot && warning) && System.nanoTime() < deadline) {
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                    seen.add(event);
                } else if (line.startsWith("data: ")) {
                    JsonNode data = JSON.readTree(line.substring(6));
                    if ("snapshot".equals(event)) {
                        snapshot |= data.get("vehicles").toString().contains("\"id\":\"car-live\"")
                                && data.get("events").size() == 1;
                    } else if ("warning".equals(event)) {
                        warning |= data.get("type").asText().equals("IVS")
                                && data.get("targetId").asText().equals("car-live");
                    }
                }
            }
            assertThat(snapshot).as("a snapshot with the car and the zone; events seen: %s", seen).isTrue();
            assertThat(warning).as("the car's IVS warning; events seen: %s", seen).isTrue();
        }
        JsonNode live = JSON.readTree(call("GET", "/api/v1/live", viewer, null).body());
        assertThat(live.get("vehicles")).anySatisfy(v -> assertThat(v.get("id").asText()).isEqualTo("car-live"));
        assertThat(live.get("timeMicros").asLong()).isPositive();
    }

    @Test
    void safetyEventsAreQueriedAndCountedPerH3CellAndPerIntersection() throws Exception {
        String operator = login("otto", "otto-password-1");
        assertThat(upload(operator, "0-101", "application/json", modelJson(cross(1)).getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(200);
        long t0 = System.currentTimeMillis() * 1_000L - 60_000_000L;
        SafetyLog log = platform.store().safety();
        for (int k = 0; k < 6; k++) { // six at the intersection, three red-light runs on group 2
            String kind = k < 3 ? "RED_LIGHT_RUN" : k < 5 ? "CONFLICT_TTC" : "CONFLICT_PET";
            log.append(new SafetyLog.Event(0, kind, t0 + k * 1_000_000L, LAT + 0.00005, LON, cell(LAT + 0.00005, LON),
                    X, kind.equals("RED_LIGHT_RUN") ? 2 : -1, "car" + (k % 2), k >= 3 ? "car9" : null,
                    kind.equals("CONFLICT_TTC") ? 1.1 + k * 0.1 : Double.NaN, kind.equals("CONFLICT_PET") ? 0.8
                    : Double.NaN, 5.0, "test"));
        }
        for (int k = 0; k < 2; k++) { // two far away (about 2 km north), hard braking, not at an intersection
            log.append(new SafetyLog.Event(0, "HARD_BRAKING", t0 + k * 1_000_000L, LAT + 0.018, LON,
                    cell(LAT + 0.018, LON), null, -1, "bus" + k, null, Double.NaN, Double.NaN, -5.5, "test"));
        }
        log.append(new SafetyLog.Issue(0, "CONFLICTING_GREEN", t0, X, 2, null, "groups 2 and 4"));
        assertThat(log.flush(10_000)).isTrue();

        String viewer = login("vera", "vera-password-1");
        JsonNode all = JSON.readTree(call("GET", "/api/v1/safety-events", viewer, null).body());
        assertThat(all.get("count").asInt()).isEqualTo(8);
        JsonNode red = JSON.readTree(call("GET", "/api/v1/safety-events?kind=red_light_run&intersection=0-101",
                viewer, null).body());
        assertThat(red.get("events")).hasSize(3).allSatisfy(e -> {
            assertThat(e.get("signalGroup").asInt()).isEqualTo(2);
            assertThat(e.get("intersection").asText()).isEqualTo("0/101");
            assertThat(e.get("ttcS").isNull()).isTrue();
        });
        assertThat(JSON.readTree(call("GET", "/api/v1/safety-events?vehicle=car9", viewer, null).body())
                .get("count").asInt()).isEqualTo(3);
        HttpResponse<String> bad = call("GET", "/api/v1/safety-events?kind=CRASH&intersection=x", viewer, null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(iterable(JSON.readTree(bad.body()).get("fields").fieldNames())).containsExactly("intersection",
                "kind");

        JsonNode fine = JSON.readTree(call("GET", "/api/v1/hotspots?resolution=10", viewer, null).body());
        assertThat(fine.get("cells")).hasSize(2);
        assertThat(fine.get("cells").get(0).get("count").asInt()).isEqualTo(6); // most first
        assertThat(fine.get("cells").get(0).get("byKind").get("RED_LIGHT_RUN").asInt()).isEqualTo(3);
        assertThat(fine.get("cells").get(0).get("boundary").size()).isGreaterThanOrEqualTo(7); // closed hexagon
        assertThat(fine.get("cells").get(0).get("latDeg").asDouble()).isCloseTo(LAT, org.assertj.core.api
                .Assertions.within(0.001));
        JsonNode coarse = JSON.readTree(call("GET", "/api/v1/hotspots?resolution=5", viewer, null).body());
        assertThat(coarse.get("cells")).hasSize(1); // both spots lie in one ~8 km cell
        assertThat(coarse.get("cells").get(0).get("count").asInt()).isEqualTo(8);
        assertThat(call("GET", "/api/v1/hotspots?resolution=15", viewer, null).statusCode()).isEqualTo(400);

        JsonNode report = JSON.readTree(call("GET", "/api/v1/intersections/0-101/safety-report", viewer, null)
                .body());
        assertThat(report.get("counts").get("RED_LIGHT_RUN").asInt()).isEqualTo(3);
        assertThat(report.get("counts").get("CONFLICT_TTC").asInt()).isEqualTo(2);
        assertThat(report.get("counts").get("HARD_BRAKING").asInt()).isZero();
        assertThat(report.get("redLightRunsBySignalGroup").get("2").asInt()).isEqualTo(3);
        assertThat(report.get("minTtcS").asDouble()).isCloseTo(1.4, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(report.get("minPetS").asDouble()).isEqualTo(0.8);
        assertThat(report.get("signalIssues").get("CONFLICTING_GREEN").asInt()).isEqualTo(1);
        assertThat(report.get("topVehicles").get(0).get("events").asInt()).isEqualTo(3);

        JsonNode health = JSON.readTree(call("GET", "/api/v1/signals/health", viewer, null).body());
        assertThat(health.get("intersections")).singleElement().satisfies(x -> {
            assertThat(x.get("key").asText()).isEqualTo("0/101");
            assertThat(x.get("issues").get("CONFLICTING_GREEN").asInt()).isEqualTo(1);
            assertThat(x.get("recent").get(0).get("detail").asText()).isEqualTo("groups 2 and 4");
        });
    }

    @Test
    void kpisAreQueriedPerIntersectionAndMetric() throws Exception {
        long start = (System.currentTimeMillis() / 60_000L - 5) * 60_000_000L;
        platform.store().kpis().put(List.of(
                new KpiTable.Row(start, 60, X, "N", "volume", 14),
                new KpiTable.Row(start, 60, X, "N", "mean_speed_mps", 8.25),
                new KpiTable.Row(start + 60_000_000L, 60, X, "N", "volume", 9),
                new KpiTable.Row(start, 60, new IntersectionId(0, 0), "rsu-1", "rsu_availability", 1.0)));
        String viewer = login("vera", "vera-password-1");
        JsonNode volume = JSON.readTree(call("GET", "/api/v1/kpis?intersection=0-101&metric=volume", viewer, null)
                .body());
        assertThat(volume.get("intervalS").asInt()).isEqualTo(60);
        assertThat(volume.get("rows")).extracting(r -> r.get("value").asDouble()).containsExactly(14.0, 9.0);
        assertThat(volume.get("rows").get(0).get("approach").asText()).isEqualTo("N");
        assertThat(JSON.readTree(call("GET", "/api/v1/kpis", viewer, null).body()).get("rows")).hasSize(4);
        assertThat(call("GET", "/api/v1/kpis?metric=happiness", viewer, null).statusCode()).isEqualTo(400);
    }

    @Test
    void theCityDemoFeedsSafetyEventsSignalHealthAndKpisThroughTheAnalytics() throws Exception {
        String viewer = login("vera", "vera-password-1");
        // an operator watching live: safety events and signal findings are pushed as they are found
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/stream?access_token=" + viewer)).build(), HttpResponse.BodyHandlers.ofInputStream());
        java.util.Set<String> pushed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event: ")) {
                        pushed.add(line.substring(7));
                    }
                }
            } catch (java.io.IOException e) {
                // the platform closes the stream at the end of the test
            }
        });
        PlatformHttpTest.FakeClock clock = new PlatformHttpTest.FakeClock(); // 2026-11-23T08:00:00Z
        new Demo(platform, clock, due -> clock.now = due, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                null).run(Duration.ofSeconds(150), () -> false);
        assertThat(platform.awaitProcessed(Duration.ofSeconds(20))).isTrue();
        long pushDeadline = System.nanoTime() + 10_000_000_000L;
        while (!pushed.containsAll(List.of("safety", "warning")) && System.nanoTime() < pushDeadline) {
            Thread.sleep(50);
        }
        assertThat(pushed).as("events pushed live").contains("safety", "warning");
        reader.interrupt();
        String hours = "from=2026-11-23T07:59:00Z&to=2026-11-23T08:10:00Z";

        JsonNode events = awaitJson("/api/v1/safety-events?" + hours, viewer, n -> n.get("count").asInt() > 0);
        List<String> kinds = iterable(events.get("events").elements()).stream().map(e -> e.get("kind").asText())
                .distinct().toList();
        assertThat(kinds).as("kinds found in the city scenario").contains("RED_LIGHT_RUN", "HARD_BRAKING");
        assertThat(iterable(events.get("events").elements())).allSatisfy(e -> {
            assertThat(e.get("latDeg").asDouble()).isBetween(43.0, 45.0);
            assertThat(e.get("vehicleId").asText()).isNotBlank();
        });
        JsonNode hotspots = JSON.readTree(call("GET", "/api/v1/hotspots?" + hours, viewer, null).body());
        assertThat(hotspots.get("cells").size()).isPositive();
        long inCells = iterable(hotspots.get("cells").elements()).stream().mapToLong(c -> c.get("count").asLong())
                .sum();
        assertThat(inCells).isEqualTo(events.get("count").asLong());

        JsonNode health = JSON.readTree(call("GET", "/api/v1/signals/health?" + hours, viewer, null).body());
        assertThat(health.get("intersections")).anySatisfy(x -> {
            assertThat(x.get("mapRevision").isNull()).isFalse();
            assertThat(x.get("lastSpat").asText()).startsWith("2026-11-23T08:02");
        });

        // the first two minutes closed (message time reached 08:02:30): volumes per approach are in the store
        JsonNode volume = awaitJson("/api/v1/kpis?metric=volume&" + hours, viewer,
                n -> n.get("rows").size() > 0);
        assertThat(iterable(volume.get("rows").elements())).allSatisfy(r -> {
            assertThat(r.get("approach").asText()).isIn("N", "E", "S", "W");
            assertThat(r.get("value").asDouble()).isPositive();
            assertThat(r.get("intervalStart").asLong()).isIn(1_795_420_800_000_000L, 1_795_420_860_000_000L);
        });
        assertThat(JSON.readTree(call("GET", "/api/v1/kpis?metric=mean_speed_mps&" + hours, viewer, null).body())
                .get("rows")).allSatisfy(r -> assertThat(r.get("value").asDouble()).isBetween(0.5, 30.0)).isNotEmpty();
        // the demo's intersections are known to the store as received MAPs
        assertThat(JSON.readTree(call("GET", "/api/v1/intersections", viewer, null).body()).get("intersections"))
                .isNotEmpty().allSatisfy(x -> assertThat(x.get("stored").asBoolean()).isTrue());
    }

    private static long cell(double lat, double lon) throws Exception {
        return com.uber.h3core.H3Core.newInstance().latLngToCell(lat, lon, SafetyLog.H3_RESOLUTION);
    }

    private JsonNode awaitJson(String path, String token, java.util.function.Predicate<JsonNode> done)
            throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode n = null;
        while (System.nanoTime() < deadline) {
            n = JSON.readTree(call("GET", path, token, null).body());
            if (done.test(n)) {
                return n;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never became as expected: " + n);
    }
}
