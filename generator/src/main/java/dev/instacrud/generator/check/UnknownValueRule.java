package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.SpecKeys;
import dev.instacrud.generator.spec.YamlList;
import dev.instacrud.generator.spec.YamlNode;
import dev.instacrud.generator.spec.YamlScalar;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Settings with a fixed set of values: registration, oauth providers, tenancy, scope, onDelete. */
final class UnknownValueRule implements Rule {

    @Override
    public String id() {
        return "unknown-value";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        tree.section("auth").ifPresent(a -> {
            one(a.get("registration"), "registration", SpecKeys.REGISTRATIONS, report);
            a.list("oauth").ifPresent(l -> many(l, "oauth provider", SpecKeys.OAUTH_PROVIDERS, report));
        });
        tree.root().ifPresent(r -> one(r.get("tenancy"), "tenancy", SpecKeys.TENANCIES, report));
        tree.entities().forEach(e -> e.map().ifPresent(m -> one(m.get("scope"), "scope", SpecKeys.SCOPES, report)));
        tree.fields()
                .forEach(f -> f.map().ifPresent(m -> one(m.get("onDelete"), "onDelete", SpecKeys.ON_DELETE, report)));
    }

    private static void one(Optional<YamlNode> node, String what, List<String> allowed, Reporter report) {
        node.filter(n -> n instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING)
                .map(YamlScalar.class::cast)
                .filter(s -> !allowed.contains(s.text()))
                .ifPresent(s -> report.at(
                        s.position(),
                        "unknown " + what + " '" + s.text() + "' (one of " + String.join(", ", allowed) + ")"
                                + Suggest.didYouMean(s.text(), allowed)));
    }

    /** Each item known, none twice. */
    static void many(YamlList list, String what, List<String> allowed, Reporter report) {
        Set<String> seen = new HashSet<>();
        for (YamlNode item : list.items()) {
            if (item instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING) {
                if (!allowed.contains(s.text())) {
                    report.at(
                            s.position(),
                            "unknown " + what + " '" + s.text() + "' (one of " + String.join(", ", allowed) + ")"
                                    + Suggest.didYouMean(s.text(), allowed));
                } else if (!seen.add(s.text())) {
                    report.at(s.position(), what + " '" + s.text() + "' is listed twice");
                }
            }
        }
    }
}
