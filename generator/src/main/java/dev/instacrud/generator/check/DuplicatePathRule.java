package dev.instacrud.generator.check;

import java.util.HashMap;
import java.util.Map;

/** Two entities on the same URL path (written or derived from the name). */
final class DuplicatePathRule implements Rule {

    @Override
    public String id() {
        return "duplicate-path";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        Map<String, SpecTree.EntityNode> byPath = new HashMap<>();
        for (SpecTree.EntityNode e : tree.entities()) {
            SpecTree.EntityNode first = byPath.putIfAbsent(e.path(), e);
            if (first != null) {
                report.at(
                        e.pathPosition(),
                        "entity '" + e.name() + "' uses path '" + e.path() + "', like entity '" + first.name()
                                + "' (line " + first.position().line() + ")");
            }
        }
    }
}
