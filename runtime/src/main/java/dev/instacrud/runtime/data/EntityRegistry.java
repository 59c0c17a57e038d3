package dev.instacrud.runtime.data;

import dev.instacrud.runtime.audit.AuditStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every entity of one service, so that deletes can find who references whom. Built once at start-up
 * from the generated descriptors; refuses a ref to an undeclared entity and duplicate names or
 * collections, and refs that would let a delete of a shared document answer for other users' private
 * ones (the checker's {@code private-ref} rule, held here too): a ref from a user-scoped entity to an
 * org-scoped one that restricts, or that cascades into a restrict; and an entity stored in the organisation's
 * {@code audit} collection, which no route may reach. Immutable.
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
            if (d.collection().equals(AuditStore.COLLECTION)) {
                // the audit log must stay out of reach of every entity route, reads and deletes included
                throw new IllegalArgumentException(d.name() + " cannot use the collection '" + AuditStore.COLLECTION
                        + "': it holds the organisation's audit log");
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
        for (EntityDescriptor d : descriptors) {
            for (EntityDescriptor.Ref ref : d.refs()) {
                if (d.scope() == EntityDescriptor.Scope.USER
                        && byName.get(ref.target()).scope() == EntityDescriptor.Scope.ORG) {
                    refuseAnsweringForOthers(d, ref);
                }
            }
        }
    }

    // A delete of a shared document must not depend on private documents of other users (issue 10, item 4).
    private void refuseAnsweringForOthers(EntityDescriptor source, EntityDescriptor.Ref ref) {
        if (ref.onDelete() == EntityDescriptor.OnDelete.RESTRICT) {
            throw new IllegalArgumentException(source.name() + "." + ref.field()
                    + ": a ref from a user-scoped entity to an org-scoped one cannot restrict deletes");
        }
        if (ref.onDelete() != EntityDescriptor.OnDelete.CASCADE) {
            return;
        }
        java.util.Set<String> doomed = new java.util.HashSet<>();
        java.util.Deque<String> work = new java.util.ArrayDeque<>(List.of(source.name()));
        while (!work.isEmpty()) {
            String entity = work.poll();
            if (!doomed.add(entity)) {
                continue;
            }
            for (Incoming in : referencing(entity)) {
                if (in.ref().onDelete() == EntityDescriptor.OnDelete.RESTRICT) {
                    throw new IllegalArgumentException(
                            in.source().name() + "." + in.ref().field()
                                    + " restricts deleting documents that " + source.name() + "." + ref.field()
                                    + " cascades to from an org-scoped entity");
                }
                if (in.ref().onDelete() == EntityDescriptor.OnDelete.CASCADE) {
                    work.add(in.source().name());
                }
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
