package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.SpecLanguage.Entity;
import dev.instacrud.generator.spec.YamlScalar;

/** An entity's {@code path}: one kebab-case URL segment. */
final class PathRule implements Rule {

    @Override
    public String id() {
        return "path";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.EntityNode e : tree.entities()) {
            e.map()
                    .flatMap(m -> m.scalar(Entity.PATH))
                    .filter(s -> s.kind() == YamlScalar.Kind.STRING)
                    .filter(s -> !s.text().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"))
                    .ifPresent(s -> report.at(
                            s.position(),
                            "path '" + s.text() + "' of entity '" + e.name()
                                    + "' must be one kebab-case URL segment (like task-notes), without slashes"));
        }
    }
}
