package io.cheluyun.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cheluyun.model.Warning;
import io.cheluyun.model.WarningType;
import io.cheluyun.store.Store;
import io.cheluyun.store.StoreConfig;
import io.cheluyun.store.WarningQuery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform with its database: 30 s of the city demo leave every dispatched warning in the embedded H2 history,
 * readable after the platform stopped, with the store's counters on /metrics' registry; a database that cannot be
 * opened stops {@code serve} (required) but not the demo (optional).
 */
class PlatformStoreTest {

    @TempDir
    Path dir;

    private CheluyunConfig config(String url) {
        StoreConfig d = StoreConfig.defaults();
        return CheluyunConfig.defaults().withStore(new StoreConfig(url, d.user(), d.password(), d.poolSize(),
                d.batchSize(), d.flushIntervalMs(), d.queueCapacity()));
    }

    @Test
    void everyDispatchedWarningIsInTheHistoryAfterThePlatformStops() throws Exception {
        String url = StoreConfig.h2File(dir.resolve("history").toString());
        List<Warning> dispatched = new CopyOnWriteArrayList<>();
        Platform platform = new Platform(config(url), List.of((w, latency) -> dispatched.add(w)), System::nanoTime,
                Platform.StoreMode.REQUIRED);
        PlatformHttpTest.FakeClock clock = new PlatformHttpTest.FakeClock();
        try {
            platform.start();
            new Demo(platform, clock, due -> clock.now = due, new PrintStream(new ByteArrayOutputStream()), null)
                    .run(Duration.ofSeconds(30), () -> false);
            assertThat(platform.awaitProcessed(Duration.ofSeconds(10))).isTrue();
        } finally {
            platform.close(); // dispatches what is queued, then writes the history still queued
        }
        assertThat(dispatched).extracting(Warning::type).contains(WarningType.FCW, WarningType.RLVW,
                WarningType.GLOSA);
        assertThat(platform.registry().get("cheluyun.store.warnings.written").counter().count())
                .isEqualTo(dispatched.size());

        try (Store reopened = Store.open(config(url).store(), new SimpleMeterRegistry())) {
            List<Warning> stored = reopened.warnings().query(WarningQuery.between(Long.MIN_VALUE, Long.MAX_VALUE,
                    WarningQuery.MAX_LIMIT));
            Comparator<Warning> order = Comparator.comparing(Warning::warningId);
            assertThat(stored.stream().sorted(order).toList())
                    .isEqualTo(dispatched.stream().sorted(order).toList());
            assertThat(reopened.warnings().query(WarningQuery.between(Long.MIN_VALUE, Long.MAX_VALUE, 100)
                    .withTypes(Set.of(WarningType.RLVW)))).isNotEmpty()
                    .allSatisfy(w -> assertThat(w.type()).isEqualTo(WarningType.RLVW));
        }
    }

    @Test
    void aDatabaseThatCannotOpenStopsServeButNotTheDemo() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        String url = StoreConfig.h2File(notADirectory.resolve("db").toString()); // under a regular file
        assertThatThrownBy(() -> new Platform(config(url), List.of(), System::nanoTime, Platform.StoreMode.REQUIRED))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("store: cannot connect to "
                        + "jdbc:h2:file:" + notADirectory.resolve("db"));
        Platform demo = new Platform(config(url), List.of(), System::nanoTime, Platform.StoreMode.OPTIONAL);
        try {
            assertThat(demo.store()).isNull();
        } finally {
            demo.close();
        }
    }
}
