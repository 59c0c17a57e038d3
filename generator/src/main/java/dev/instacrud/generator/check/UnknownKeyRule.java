package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.SpecKeys;
import dev.instacrud.generator.spec.YamlMap;
import java.util.List;

/** Keys the spec language does not know, with the closest known key. */
final class UnknownKeyRule implements Rule {

    @Override
    public String id() {
        return "unknown-key";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        tree.root().ifPresent(r -> keys(r, SpecKeys.TOP, "at the top of the spec", report));
        tree.section("service").ifPresent(m -> keys(m, SpecKeys.SERVICE, "in 'service'", report));
        tree.section("auth").ifPresent(m -> keys(m, SpecKeys.AUTH, "in 'auth'", report));
        tree.entities()
                .forEach(e -> e.map().ifPresent(m -> keys(m, SpecKeys.ENTITY, "in entity '" + e.name() + "'", report)));
        tree.fields()
                .forEach(f -> f.map()
                        .ifPresent(m -> keys(m, SpecKeys.FIELD, "in field '" + f.qualifiedName() + "'", report)));
    }

    private static void keys(YamlMap map, List<String> known, String where, Reporter report) {
        for (YamlMap.Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                report.at(
                        e.keyPosition(), "unknown key '" + e.key() + "' " + where + Suggest.didYouMean(e.key(), known));
            }
        }
    }
}
