package io.cheluyun.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: an H2 file in a temporary folder. */
class H2StoreTest extends StoreContract {

    @TempDir
    Path dir;

    @Override
    StoreConfig config() {
        StoreConfig d = StoreConfig.defaults();
        return new StoreConfig(StoreConfig.h2File(dir.resolve("cheluyun").toString()), d.user(), d.password(),
                d.poolSize(), d.batchSize(), d.flushIntervalMs(), d.queueCapacity());
    }
}
