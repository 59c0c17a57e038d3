package dev.instacrud.runtime.app;

import dev.instacrud.runtime.GeneratedCodeApi;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Finds the user's hooks for an entity with {@link ServiceLoader}, once at start-up: a class of the
 * user's that implements the generated {@code <Entity>Hooks} interface and is named in {@code
 * META-INF/services/<package>.<Entity>Hooks}. Regeneration never touches that class.
 */
@GeneratedCodeApi
public final class Hooks {
    private Hooks() {}

    /**
     * The one implementation on the class path, or {@code defaults} (the interface's no-op methods).
     *
     * @throws IllegalStateException when two implementations are listed: which one runs must not depend
     *     on class-path order
     */
    public static <T> T load(Class<T> type, T defaults) {
        Iterator<T> found = ServiceLoader.load(type, type.getClassLoader()).iterator();
        if (!found.hasNext()) {
            return defaults;
        }
        T hooks = found.next();
        if (found.hasNext()) {
            throw new IllegalStateException(
                    "more than one implementation of " + type.getName() + " is listed in META-INF/services: keep one");
        }
        return hooks;
    }
}
