package io.cheluyun.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cheluyun.model.Advice;
import io.cheluyun.model.GeoPoint;
import io.cheluyun.model.IntersectionId;
import io.cheluyun.model.MapIntersection;
import io.cheluyun.model.Severity;
import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every database behind the store must do, run once on embedded H2 ({@link H2StoreTest}) and once on a real
 * PostgreSQL with PostGIS ({@link PostgresStoreTest}).
 */
abstract class StoreContract {

    static final long T0 = 1_795_420_800_000_000L; // 2026-11-23T08:00:00Z
    static final GeoPoint B1 = new GeoPoint(43.84, 125.20);

    /** A fresh, empty database's configuration. */
    abstract StoreConfig config() throws Exception;

    Store open(StoreConfig config) {
        return Store.open(config, new SimpleMeterRegistry());
    }

    @Test
    void migrationsBuildTheSchemaOnceAndReopeningKeepsIt() throws Exception {
        StoreConfig config = config();
        try (Store store = open(config)) {
            assertThat(schemaVersions(store)).containsExactly("1", "2", "3");
            store.devices().put("rsu-1", "rsu", "{\"id\":\"rsu-1\"}", Instant.parse("2026-11-23T08:00:00Z"));
        }
        try (Store again = open(config)) {
            assertThat(schemaVersions(again)).containsExactly("1", "2", "3");
            assertThat(again.devices().get("rsu-1")).isPresent();
            assertThat(again.healthy()).isTrue();
        }
    }

    @Test
    void warningsAreWrittenInBatchesAndQueriedByTimeAreaTypeAndTarget() throws Exception {
        try (Store store = open(config())) {
            List<Warning> sent = new ArrayList<>();
            for (int k = 0; k < 1_200; k++) {
                WarningType type = k % 3 == 0 ? WarningType.FCW : k % 3 == 1 ? WarningType.RLVW : WarningType.GLOSA;
                GeoPoint at = new GeoPoint(B1.latDeg() + (k % 10) * 0.001, B1.lonDeg() + (k % 7) * 0.001);
                Advice advice = type == WarningType.GLOSA
                        ? new Advice(Advice.Action.SPEED_WINDOW, 8.5, 13.9) : null;
                Warning w = new Warning(type + ":car" + (k % 40) + "@" + k, type,
                        type == WarningType.GLOSA ? Severity.ADVISORY : Severity.WARNING, "car" + (k % 40),
                        List.of("car" + ((k + 1) % 40), "1/5#2"), T0 + k * 100_000L, T0 + k * 100_000L + 3_000_000L,
                        type == WarningType.FCW ? 2.4 : Double.NaN, 12.5, at, advice);
                sent.add(w);
                assertThat(store.warnings().append(w)).isTrue();
            }
            assertThat(store.warnings().flush(10_000)).isTrue();
            assertThat(store.warnings().writtenCount()).isEqualTo(1_200);
            assertThat(store.warnings().failedCount()).isZero();

            // the last 10 s, newest first
            List<Warning> last = store.warnings().query(WarningQuery.between(T0 + 110_000_000L, T0 + 120_000_000L,
                    1_000));
            assertThat(last).hasSize(100);
            assertThat(last.getFirst()).isEqualTo(sent.get(1_199));
            assertThat(last.getLast()).isEqualTo(sent.get(1_100));

            // one vehicle's FCWs: k % 40 == 3 and k % 3 == 0 → k = 3, 123, 243, …
            List<Warning> car3 = store.warnings().query(WarningQuery.between(T0, T0 + 200_000_000L, 1_000)
                    .withTarget("car3").withTypes(Set.of(WarningType.FCW)));
            assertThat(car3).hasSize(10).allSatisfy(w -> {
                assertThat(w.type()).isEqualTo(WarningType.FCW);
                assertThat(w.targetId()).isEqualTo("car3");
                assertThat(w.ttcS()).isEqualTo(2.4);
            });

            // the south-west corner box: k % 10 == 0 and k % 7 == 0 → k multiple of 70
            List<Warning> corner = store.warnings().query(WarningQuery.between(T0, T0 + 200_000_000L, 1_000)
                    .withBox(B1.latDeg() - 1e-4, B1.lonDeg() - 1e-4, B1.latDeg() + 1e-4, B1.lonDeg() + 1e-4));
            assertThat(corner).extracting(Warning::warningId).hasSize(18)
                    .allSatisfy(id -> assertThat(Integer.parseInt(id.substring(id.indexOf('@') + 1)) % 70).isZero());

            // NaN and advice come back as they went in
            Warning glosa = store.warnings().query(WarningQuery.between(T0, T0 + 200_000_000L, 1)
                    .withTypes(Set.of(WarningType.GLOSA))).getFirst();
            assertThat(glosa).isEqualTo(sent.get(1_199));
            assertThat(glosa.ttcS()).isNaN();
            assertThat(glosa.advice().maxSpeedMps()).isCloseTo(13.9, within(1e-12));
        }
    }

    @Test
    void aBatchTheDatabaseRefusesIsCountedAndLaterWarningsAreStillWritten() throws Exception {
        try (Store store = open(config())) {
            Warning tooLong = warning("x".repeat(300), 0);
            store.warnings().append(tooLong);
            assertThat(store.warnings().flush(10_000)).isTrue();
            assertThat(store.warnings().failedCount()).isEqualTo(1);

            store.warnings().append(warning("FCW:ok", 1));
            assertThat(store.warnings().flush(10_000)).isTrue();
            assertThat(store.warnings().writtenCount()).isEqualTo(1);
            assertThat(store.warnings().query(WarningQuery.between(T0, T0 + 10_000_000L, 10)))
                    .extracting(Warning::warningId).containsExactly("FCW:ok");
        }
    }

    @Test
    void afterCloseWarningsAreRefusedAndCountedAsDropped() throws Exception {
        Store store = open(config());
        store.warnings().append(warning("FCW:before", 0));
        store.close();
        assertThat(store.warnings().writtenCount()).isEqualTo(1); // close writes what was queued
        assertThat(store.warnings().append(warning("FCW:after", 1))).isFalse();
        assertThat(store.warnings().droppedCount()).isEqualTo(1);
    }

    @Test
    void documentsAreCreatedReplacedListedAndDeleted() throws Exception {
        try (Store store = open(config())) {
            Instant t1 = Instant.parse("2026-11-23T08:00:00Z");
            Instant t2 = Instant.parse("2026-11-23T09:30:00Z");
            assertThat(store.devices().put("rsu-2", "rsu", "{\"v\":1}", t1)).isTrue();
            assertThat(store.devices().put("obu-1", "obu", "{\"v\":1}", t1)).isTrue();
            assertThat(store.devices().put("rsu-2", "rsu", "{\"v\":2}", t2)).isFalse();
            Documents.Doc rsu = store.devices().get("rsu-2").orElseThrow();
            assertThat(rsu.json()).isEqualTo("{\"v\":2}");
            assertThat(rsu.createdAt()).isEqualTo(t1);
            assertThat(rsu.updatedAt()).isEqualTo(t2);
            assertThat(store.devices().all()).extracting(Documents.Doc::id).containsExactly("obu-1", "rsu-2");
            assertThat(store.devices().delete("obu-1")).isTrue();
            assertThat(store.devices().delete("obu-1")).isFalse();
            assertThat(store.devices().get("obu-1")).isEmpty();
        }
    }

    @Test
    void theAuditLogKeepsEveryChangeInOrder() throws Exception {
        try (Store store = open(config())) {
            Instant t = Instant.parse("2026-11-23T08:00:00Z");
            long first = store.audit().record(t, "alice", "create", "device", "rsu-2", "{\"kind\":\"rsu\"}");
            long second = store.audit().record(t.plusSeconds(60), "bob", "delete", "device", "rsu-2", null);
            assertThat(second).isGreaterThan(first);
            assertThat(store.audit().between(t, t.plusSeconds(3600), 10))
                    .extracting(e -> e.actor() + " " + e.action() + " " + e.entity() + "/" + e.entityId() + " "
                            + e.detail())
                    .containsExactly("bob delete device/rsu-2 null", "alice create device/rsu-2 {\"kind\":\"rsu\"}");
            assertThat(store.audit().between(t.plusSeconds(30), t.plusSeconds(3600), 10)).hasSize(1);
        }
    }

    @Test
    void usersHaveRolesAndTokensWorkUntilExpiryRevocationOrDisabling() throws Exception {
        try (Store store = open(config())) {
            Instant t = Instant.parse("2026-11-23T08:00:00Z");
            Users users = store.users();
            assertThat(users.create("alice", "pbkdf2$hash-a", Users.Role.ADMIN, t)).isTrue();
            assertThat(users.create("bob", "pbkdf2$hash-b", Users.Role.VIEWER, t)).isTrue();
            assertThat(users.create("alice", "other", Users.Role.VIEWER, t)).isFalse();
            assertThat(users.find("alice").orElseThrow().passwordHash()).isEqualTo("pbkdf2$hash-a");
            assertThat(users.all()).extracting(Users.User::username).containsExactly("alice", "bob");

            users.addToken("aa".repeat(32), "bob", t, t.plusSeconds(3600));
            users.addToken("bb".repeat(32), "bob", t, t.plusSeconds(60));
            assertThat(users.token("aa".repeat(32), t.plusSeconds(10)))
                    .hasValue(new Users.Token("bob", Users.Role.VIEWER, t.plusSeconds(3600)));
            assertThat(users.token("bb".repeat(32), t.plusSeconds(60))).isEmpty(); // expired
            assertThat(users.token("cc".repeat(32), t)).isEmpty(); // unknown
            assertThat(users.purgeExpiredTokens(t.plusSeconds(61))).isEqualTo(1);

            assertThat(users.update("bob", Users.Role.OPERATOR, false)).isTrue();
            assertThat(users.token("aa".repeat(32), t.plusSeconds(10)).orElseThrow().role())
                    .isEqualTo(Users.Role.OPERATOR);
            assertThat(users.update("bob", Users.Role.OPERATOR, true)).isTrue();
            assertThat(users.token("aa".repeat(32), t.plusSeconds(10))).isEmpty(); // disabled
            assertThat(users.update("nobody", Users.Role.ADMIN, false)).isFalse();
            assertThat(users.revokeToken("aa".repeat(32))).isTrue();
            assertThat(users.revokeToken("aa".repeat(32))).isFalse();

            assertThat(Users.Role.ADMIN.atLeast(Users.Role.OPERATOR)).isTrue();
            assertThat(Users.Role.VIEWER.atLeast(Users.Role.OPERATOR)).isFalse();
        }
    }

    @Test
    void roadEventsAreListedWhileInForceAndCanBeEndedOnce() throws Exception {
        try (Store store = open(config())) {
            Instant t = Instant.parse("2026-11-23T08:00:00Z");
            var zone = new io.cheluyun.model.RoadEvent("wz-1", "operator:otto",
                    io.cheluyun.model.RoadEventType.WORK_ZONE, -1, List.of(B1, new GeoPoint(43.841, 125.20),
                    new GeoPoint(43.841, 125.201)), 8.3, T0, T0 + 3_600_000_000L, "lane 2 closed");
            assertThat(store.roadEvents().add(zone, "{\"v\":1}", "otto", t)).isTrue();
            assertThat(store.roadEvents().add(zone, "{\"v\":1}", "otto", t)).isFalse();
            assertThat(store.roadEvents().list(false, T0 + 1, 10)).extracting(RoadEventTable.Row::id)
                    .containsExactly("wz-1");
            assertThat(store.roadEvents().list(false, T0 - 1, 10)).isEmpty();
            assertThat(store.roadEvents().end("wz-1", T0 + 60_000_000L, "{\"v\":2}", t.plusSeconds(60))).isTrue();
            assertThat(store.roadEvents().end("wz-1", T0 + 90_000_000L, "{\"v\":3}", t.plusSeconds(90))).isFalse();
            RoadEventTable.Row row = store.roadEvents().get("wz-1").orElseThrow();
            assertThat(row.validUntilMicros()).isEqualTo(T0 + 60_000_000L);
            assertThat(row.endedAt()).isEqualTo(t.plusSeconds(60));
            assertThat(row.json()).isEqualTo("{\"v\":2}");
            assertThat(store.roadEvents().list(false, T0 + 61_000_000L, 10)).isEmpty();
            assertThat(store.roadEvents().list(true, 0, 10)).hasSize(1);
        }
    }

    @Test
    void safetyEventsAndSignalIssuesAreBatchedAndQueriedByTimeKindAreaVehicleAndIntersection() throws Exception {
        IntersectionId x1 = new IntersectionId(0, 1);
        IntersectionId x2 = new IntersectionId(0, 2);
        try (Store store = open(config())) {
            for (int k = 0; k < 300; k++) {
                String kind = k % 3 == 0 ? "RED_LIGHT_RUN" : k % 3 == 1 ? "CONFLICT_TTC" : "HARD_BRAKING";
                double lat = B1.latDeg() + (k % 10) * 0.001;
                assertThat(store.safety().append(new SafetyLog.Event(0, kind, T0 + k * 1_000_000L, lat,
                        B1.lonDeg(), 1000L + k % 4, k % 2 == 0 ? x1 : null, kind.equals("RED_LIGHT_RUN") ? 3 : -1,
                        "car" + (k % 5), kind.equals("CONFLICT_TTC") ? "car" + (k % 7) : null,
                        kind.equals("CONFLICT_TTC") ? 1.2 : Double.NaN, Double.NaN, -4.5, "k=" + k))).isTrue();
            }
            store.safety().append(new SafetyLog.Issue(0, "CONFLICTING_GREEN", T0 + 5_000_000L, x2, 4, null,
                    "groups 4 and 6"));
            store.safety().append(new SafetyLog.Issue(0, "STOP_ON_GREEN", T0 + 6_000_000L, x2, 4, "car9", "stopped"));
            store.safety().append(new SafetyLog.Issue(0, "SPAT_RATE", T0 + 7_000_000L, x1, -1, null, "4.0/s"));
            assertThat(store.safety().flush(10_000)).isTrue();
            assertThat(store.safety().writtenCount()).isEqualTo(300);

            long end = T0 + 300_000_000L;
            List<SafetyLog.Event> all = store.safety().query(SafetyLog.Query.between(T0, end, 10_000));
            assertThat(all).hasSize(300);
            assertThat(all.getFirst().timeMicros()).isEqualTo(T0 + 299_000_000L); // newest first
            SafetyLog.Event red = all.stream().filter(e -> e.kind().equals("RED_LIGHT_RUN")).findFirst()
                    .orElseThrow();
            assertThat(red.signalGroup()).isEqualTo(3);
            assertThat(red.ttcS()).isNaN();
            SafetyLog.Event ttc = all.stream().filter(e -> e.kind().equals("CONFLICT_TTC")).findFirst()
                    .orElseThrow();
            assertThat(ttc.ttcS()).isEqualTo(1.2);
            assertThat(ttc.signalGroup()).isEqualTo(-1);
            assertThat(store.safety().query(SafetyLog.Query.between(T0, end, 10_000)
                    .withKinds(Set.of("RED_LIGHT_RUN")))).hasSize(100);
            assertThat(store.safety().query(SafetyLog.Query.between(T0, end, 10_000).withIntersection(x1)))
                    .hasSize(150).allSatisfy(e -> assertThat(e.intersection()).isEqualTo(x1));
            assertThat(store.safety().query(SafetyLog.Query.between(T0, end, 10_000).withVehicle("car6")))
                    .allSatisfy(e -> assertThat(List.of(e.vehicleId(), String.valueOf(e.otherId())))
                            .contains("car6"))
                    .isNotEmpty();
            assertThat(store.safety().query(SafetyLog.Query.between(T0, end, 10_000)
                    .withBox(new double[] {B1.latDeg() - 0.0005, 125.0, B1.latDeg() + 0.0005, 125.5}))).hasSize(30);
            assertThat(store.safety().query(SafetyLog.Query.between(T0, T0 + 10_000_000L, 5))).hasSize(5);
            long cells = store.safety().cellCounts(SafetyLog.Query.between(T0, end, 1)).stream()
                    .mapToLong(SafetyLog.CellCount::count).sum();
            assertThat(cells).isEqualTo(300);

            assertThat(store.safety().issues(T0, end, null, 100)).extracting(SafetyLog.Issue::kind)
                    .containsExactly("SPAT_RATE", "STOP_ON_GREEN", "CONFLICTING_GREEN");
            assertThat(store.safety().issues(T0, end, x2, 100)).hasSize(2).first()
                    .satisfies(i -> assertThat(i.vehicleId()).isEqualTo("car9"));
            assertThat(store.safety().issueCounts(T0, end)).containsExactlyInAnyOrder(
                    new SafetyLog.IssueCount(x2, "CONFLICTING_GREEN", 1),
                    new SafetyLog.IssueCount(x2, "STOP_ON_GREEN", 1), new SafetyLog.IssueCount(x1, "SPAT_RATE", 1));
        }
    }

    @Test
    void kpisReplaceTheSameIntervalAndAreQueriedByIntersectionAndMetric() throws Exception {
        IntersectionId x1 = new IntersectionId(0, 1);
        IntersectionId x2 = new IntersectionId(0, 2);
        try (Store store = open(config())) {
            store.kpis().put(List.of(
                    new KpiTable.Row(T0, 60, x1, "N", "volume", 12),
                    new KpiTable.Row(T0, 60, x1, "N", "mean_speed_mps", 9.5),
                    new KpiTable.Row(T0 + 60_000_000L, 60, x1, "N", "volume", 15),
                    new KpiTable.Row(T0, 60, x2, "*", "penetration", 0.4)));
            store.kpis().put(List.of(new KpiTable.Row(T0, 60, x1, "N", "volume", 13))); // a late recount
            List<KpiTable.Row> x1Volume = store.kpis().query(T0, T0 + 3_600_000_000L, x1, Set.of("volume"), 100);
            assertThat(x1Volume).extracting(KpiTable.Row::value).containsExactly(13.0, 15.0);
            assertThat(store.kpis().query(T0, T0 + 60_000_000L, null, Set.of(), 100)).hasSize(3);
            assertThat(store.kpis().query(T0, T0 + 3_600_000_000L, x2, Set.of(), 100)).singleElement()
                    .satisfies(r -> assertThat(r.approach()).isEqualTo("*"));
        }
    }

    @Test
    void intersectionsKeepEveryDistinctMapVersionAndNameTheLatest() throws Exception {
        IntersectionId x1 = new IntersectionId(7, 1);
        MapIntersection v1 = new MapIntersection(x1, "Renmin / Ziyou", 1, B1, List.of());
        MapIntersection v2 = new MapIntersection(x1, "Renmin / Ziyou Rd", 2, new GeoPoint(43.8401, 125.2001),
                List.of());
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        try (Store store = open(config())) {
            assertThat(store.intersections().put(v1, "{\"rev\":1}", "upload:otto", t)).isTrue();
            assertThat(store.intersections().put(v1, "{\"rev\":1}", "rsu-1", t.plusSeconds(1))).isFalse();
            assertThat(store.intersections().put(v2, "{\"rev\":2}", "rsu-1", t.plusSeconds(2))).isTrue();
            Intersections.Row row = store.intersections().get(x1).orElseThrow();
            assertThat(row.name()).isEqualTo("Renmin / Ziyou Rd");
            assertThat(row.revision()).isEqualTo(2);
            assertThat(row.json()).isEqualTo("{\"rev\":2}");
            assertThat(row.latDeg()).isEqualTo(43.8401);
            assertThat(store.intersections().versions(x1)).extracting(Intersections.Version::source)
                    .containsExactly("rsu-1", "upload:otto");
            assertThat(store.intersections().all()).hasSize(1);
            assertThat(store.intersections().get(new IntersectionId(7, 2))).isEmpty();
        }
    }

    @Test
    void aSignalPlanIsKeptPerIntersectionAndReplaced() throws Exception {
        IntersectionId x1 = new IntersectionId(7, 1);
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        try (Store store = open(config())) {
            assertThat(store.signalPlans().get(x1)).isEmpty();
            assertThat(store.signalPlans().put(x1, "{\"cycleS\":90}", t)).isFalse();
            assertThat(store.signalPlans().put(x1, "{\"cycleS\":120}", t.plusSeconds(5))).isTrue();
            SignalPlans.Plan plan = store.signalPlans().get(x1).orElseThrow();
            assertThat(plan.json()).isEqualTo("{\"cycleS\":120}");
            assertThat(plan.updatedAt()).isEqualTo(t.plusSeconds(5));
            assertThat(store.signalPlans().get(new IntersectionId(7, 2))).isEmpty();
        }
    }

    static Warning warning(String id, int k) {
        return new Warning(id, WarningType.FCW, Severity.WARNING, "car", List.of(), T0 + k * 100_000L,
                T0 + k * 100_000L + 1_000_000L, 2.0, 10.0, B1);
    }

    static List<String> schemaVersions(Store store) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" "
                     + "AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
