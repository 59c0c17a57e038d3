package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.SpecLanguage;
import dev.instacrud.generator.spec.SpecLanguage.Entity;
import dev.instacrud.generator.spec.YamlScalar;
import java.util.regex.Pattern;

/**
 * An entity's {@code path}: one kebab-case URL segment, and not one the runtime serves itself ({@link
 * SpecLanguage#RESERVED_PATHS}), whether written or derived from the name (an entity {@code User} would be served at
 * {@code /api/v1/users}, where the organisation's members are).
 */
final class PathRule implements Rule {
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

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
                    .filter(s -> !KEBAB.matcher(s.text()).matches())
                    .ifPresent(s -> report.at(
                            s.position(),
                            "path '" + s.text() + "' of entity '" + e.name()
                                    + "' must be one kebab-case URL segment (like task-notes), without slashes"));
            if (SpecLanguage.RESERVED_PATHS.contains(e.path())) {
                report.at(
                        e.pathPosition(),
                        "entity '" + e.name() + "' would be served at /api/v1/" + e.path()
                                + ", which the service uses for its own routes ("
                                + String.join(", ", SpecLanguage.RESERVED_PATHS)
                                + "); give it another path, such as path: app-" + e.path());
            }
        }
    }
}
