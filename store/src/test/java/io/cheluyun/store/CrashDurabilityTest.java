package io.cheluyun.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A management write that returned 2xx survives a crash", on the embedded default: a child JVM writes devices to
 * an H2 file one by one and says which were committed; it is killed with SIGKILL while still writing; every write
 * it acknowledged is there when the database is opened again.
 */
@Timeout(120)
class CrashDurabilityTest {

    @TempDir
    Path dir;

    /** The child: writes documents until killed, printing each id once its commit returned. */
    public static void main(String[] args) throws Exception {
        StoreConfig d = StoreConfig.defaults();
        try (Store store = Store.open(new StoreConfig(StoreConfig.h2File(args[0]), d.user(), d.password(),
                d.poolSize(), d.batchSize(), d.flushIntervalMs(), d.queueCapacity()), new SimpleMeterRegistry())) {
            for (int k = 0; ; k++) {
                store.devices().put("rsu-" + k, "rsu", "{\"n\":" + k + "}", Instant.now());
                System.out.println("committed rsu-" + k);
                System.out.flush();
            }
        }
    }

    @Test
    void everyAcknowledgedWriteIsThereAfterTheProcessIsKilled() throws Exception {
        String db = dir.resolve("crash").toString();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CrashDurabilityTest.class.getName(), db)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    acknowledged.add(line.substring("committed ".length()));
                }
                if (acknowledged.size() == 200) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, mid-write
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).hasSize(200);

        try (Store store = Store.open(new StoreConfig(StoreConfig.h2File(db), "sa", "", 2, 500, 200, 65_536),
                new SimpleMeterRegistry())) {
            for (String id : acknowledged) {
                assertThat(store.devices().get(id)).as(id).isPresent();
            }
        }
    }
}
