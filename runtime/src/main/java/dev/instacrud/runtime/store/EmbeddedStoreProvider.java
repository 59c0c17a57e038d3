package dev.instacrud.runtime.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Starts {@link EmbeddedStore}s. The module {@code instacrud-embedded} registers one in {@code
 * META-INF/services/dev.instacrud.runtime.store.EmbeddedStoreProvider}; {@link #find()} finds it on the class path.
 */
public interface EmbeddedStoreProvider {
    /** Starts a store over the file in {@code dataDir}, creating the directory when missing. */
    EmbeddedStore start(Path dataDir, Clock clock);

    /** Starts a store in memory, lost on close: for tests. */
    EmbeddedStore startInMemory(Clock clock);

    /**
     * The provider on the class path, or empty when the embedded store is not there (a production jar).
     *
     * @throws IllegalStateException when there are several, rather than pick one by class-path order
     */
    static Optional<EmbeddedStoreProvider> find() {
        List<EmbeddedStoreProvider> found =
                ServiceLoader.load(EmbeddedStoreProvider.class, EmbeddedStoreProvider.class.getClassLoader()).stream()
                        .map(ServiceLoader.Provider::get)
                        .toList();
        if (found.size() > 1) {
            throw new IllegalStateException("several embedded stores on the class path: "
                    + found.stream().map(p -> p.getClass().getName()).toList());
        }
        return found.stream().findFirst();
    }
}
