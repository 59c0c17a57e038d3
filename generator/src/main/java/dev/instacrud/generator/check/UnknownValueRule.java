package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.SpecLanguage.Choice;
import dev.instacrud.generator.spec.SpecLanguage.Entity;
import dev.instacrud.generator.spec.SpecLanguage.Key;
import dev.instacrud.generator.spec.SpecLanguage.ValueKind;
import dev.instacrud.generator.spec.YamlList;
import dev.instacrud.generator.spec.YamlNode;
import dev.instacrud.generator.spec.YamlScalar;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Settings with a fixed set of values (registration, oauth providers, tenancy, scope, onDelete: every key of the
 * language table with a choice), except an entity's {@code write} roles, which {@link UnknownRoleRule} checks.
 */
final class UnknownValueRule implements Rule {

    @Override
    public String id() {
        return "unknown-value";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.Settings settings : tree.settings()) {
            for (Key key : settings.section().keys()) {
                if (key == Entity.WRITE || key.choice().isEmpty()) {
                    continue;
                }
                Choice choice = key.choice().get();
                if (key.kind() == ValueKind.NAMES) {
                    settings.map().list(key).ifPresent(l -> many(l, choice, report));
                } else {
                    one(settings.map().get(key), choice, report);
                }
            }
        }
    }

    private static void one(Optional<YamlNode> node, Choice choice, Reporter report) {
        node.filter(n -> n instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING)
                .map(YamlScalar.class::cast)
                .filter(s -> !choice.spellings().contains(s.text()))
                .ifPresent(s -> report.at(s.position(), unknown(s, choice)));
    }

    /** Each item known, none twice. */
    static void many(YamlList list, Choice choice, Reporter report) {
        Set<String> seen = new HashSet<>();
        for (YamlNode item : list.items()) {
            if (item instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING) {
                if (!choice.spellings().contains(s.text())) {
                    report.at(s.position(), unknown(s, choice));
                } else if (!seen.add(s.text())) {
                    report.at(s.position(), choice.noun() + " '" + s.text() + "' is listed twice");
                }
            }
        }
    }

    private static String unknown(YamlScalar s, Choice choice) {
        return "unknown " + choice.noun() + " '" + s.text() + "' (one of " + String.join(", ", choice.spellings()) + ")"
                + Suggest.didYouMean(s.text(), choice.spellings());
    }
}
