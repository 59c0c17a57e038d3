package dev.instacrud.embedded;

import dev.instacrud.runtime.store.EmbeddedStore;
import dev.instacrud.runtime.store.EmbeddedStoreProvider;
import java.nio.file.Path;
import java.time.Clock;

/** This module's store for the data layer, registered in {@code META-INF/services}. */
public final class Provider implements EmbeddedStoreProvider {
    @Override
    public EmbeddedStore start(Path dataDir, Clock clock) {
        return EmbeddedMongo.start(dataDir, clock);
    }

    @Override
    public EmbeddedStore startInMemory(Clock clock) {
        return EmbeddedMongo.startInMemory(clock);
    }
}
