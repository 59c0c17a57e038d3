package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.YamlMap;
import java.util.List;

/** Keys the spec language does not know in their section, with the closest known key. */
final class UnknownKeyRule implements Rule {

    @Override
    public String id() {
        return "unknown-key";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.Settings settings : tree.settings()) {
            List<String> known = settings.section().spellings();
            for (YamlMap.Entry e : settings.map().entries().values()) {
                if (!known.contains(e.key())) {
                    report.at(
                            e.keyPosition(),
                            "unknown key '" + e.key() + "' " + settings.where() + Suggest.didYouMean(e.key(), known));
                }
            }
        }
    }
}
