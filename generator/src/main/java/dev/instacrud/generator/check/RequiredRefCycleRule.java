package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Required refs that go round in a circle (A needs a B, B needs an A, or A needs another A): no document of
 * them could ever be created first.
 */
final class RequiredRefCycleRule implements Rule {

    @Override
    public String id() {
        return "required-ref-cycle";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        // edges: entity -> required single refs to existing entities, in spec order
        Map<String, List<SpecTree.FieldNode>> edges = new LinkedHashMap<>();
        for (SpecTree.FieldNode f : tree.fields()) {
            if (!f.nested() && f.type().filter(t -> t == FieldType.REF).isPresent() && f.flag(Field.REQUIRED)) {
                f.map()
                        .flatMap(m -> m.text(Field.TO))
                        .filter(to -> tree.entity(to).isPresent())
                        .ifPresent(to -> edges.computeIfAbsent(f.entity().name(), k -> new ArrayList<>())
                                .add(f));
            }
        }
        Set<String> reported = new HashSet<>();
        for (SpecTree.EntityNode start : tree.entities()) {
            if (reported.contains(start.name())) {
                continue;
            }
            List<SpecTree.FieldNode> cycle =
                    findCycle(start.name(), start.name(), edges, new HashSet<>(), new ArrayList<>());
            if (cycle != null) {
                StringBuilder path = new StringBuilder(start.name());
                for (SpecTree.FieldNode f : cycle) {
                    reported.add(f.entity().name());
                    path.append('.').append(f.name()).append(" -> ").append(target(f));
                }
                report.at(
                        cycle.get(0).position(),
                        "required refs form a cycle: " + path
                                + "; none of these could be created first, so make one of the refs optional");
            }
        }
    }

    private static String target(SpecTree.FieldNode f) {
        return f.map().flatMap(m -> m.text(Field.TO)).orElse("?");
    }

    /** A path of ref fields from {@code at} back to {@code start}, or null. */
    private static List<SpecTree.FieldNode> findCycle(
            String start,
            String at,
            Map<String, List<SpecTree.FieldNode>> edges,
            Set<String> visited,
            List<SpecTree.FieldNode> path) {
        if (!visited.add(at)) {
            return null;
        }
        for (SpecTree.FieldNode f : edges.getOrDefault(at, List.of())) {
            path.add(f);
            String to = target(f);
            if (to.equals(start)) {
                return new ArrayList<>(path);
            }
            List<SpecTree.FieldNode> found = findCycle(start, to, edges, visited, path);
            if (found != null) {
                return found;
            }
            path.remove(path.size() - 1);
        }
        return null;
    }
}
