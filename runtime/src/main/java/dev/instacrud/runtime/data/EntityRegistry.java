package dev.instacrud.runtime.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every entity of one service, so that deletes can find who references whom. Built once at start-up
 * from the generated descriptors; refuses a ref to an undeclared entity and duplicate names or
 * collections. Immutable.
 */
public final class EntityRegistry {
    /** A ref held by {@code source}. */
    record Incoming(EntityDescriptor source, EntityDescriptor.Ref ref) {}

    private final Map<String, EntityDescriptor> byName = new LinkedHashMap<>();
    private final Map<String, List<Incoming>> incoming = new LinkedHashMap<>();

    private EntityRegistry(Collection<EntityDescriptor> descriptors) {
        java.util.Set<String> collections = new java.util.HashSet<>();
        for (EntityDescriptor d : descriptors) {
            if (byName.putIfAbsent(d.name(), d) != null || !collections.add(d.collection())) {
                throw new IllegalArgumentException("entity or collection declared twice: " + d.name());
            }
        }
        for (EntityDescriptor d : descriptors) {
            for (EntityDescriptor.Ref ref : d.refs()) {
                if (!byName.containsKey(ref.target())) {
                    throw new IllegalArgumentException(
                            d.name() + "." + ref.field() + " refers to an unknown entity " + ref.target());
                }
                incoming.computeIfAbsent(ref.target(), k -> new ArrayList<>()).add(new Incoming(d, ref));
            }
        }
    }

    /** A registry of these descriptors. */
    public static EntityRegistry of(EntityDescriptor... descriptors) {
        return new EntityRegistry(List.of(descriptors));
    }

    /** A registry of these descriptors. */
    public static EntityRegistry of(Collection<EntityDescriptor> descriptors) {
        return new EntityRegistry(descriptors);
    }

    /** Every descriptor, in declaration order. */
    public Collection<EntityDescriptor> all() {
        return java.util.Collections.unmodifiableCollection(byName.values());
    }

    /** The descriptor of an entity name. */
    EntityDescriptor get(String name) {
        EntityDescriptor d = byName.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown entity " + name);
        }
        return d;
    }

    boolean contains(EntityDescriptor d) {
        return byName.get(d.name()) == d;
    }

    /** The refs that point at {@code target}. */
    List<Incoming> referencing(String target) {
        return incoming.getOrDefault(target, List.of());
    }
}
