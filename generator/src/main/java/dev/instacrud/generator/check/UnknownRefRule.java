package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.YamlScalar;

/**
 * A ref whose {@code to} names no entity of the spec. A ref to the service's users or organisations (which are the
 * runtime's, in the system database, not entities of the spec) says how a document names them instead.
 */
final class UnknownRefRule implements Rule {

    @Override
    public String id() {
        return "unknown-ref";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.FieldNode field : tree.fields()) {
            if (field.valueType().filter(t -> t == FieldType.REF).isEmpty()) {
                continue;
            }
            field.map().flatMap(m -> m.scalar(Field.TO)).ifPresent(to -> {
                if (to.kind() == YamlScalar.Kind.STRING
                        && tree.entity(to.text()).isEmpty()) {
                    report.at(
                            to.position(),
                            "field '" + field.qualifiedName() + "' refers to unknown entity '" + to.text() + "'"
                                    + (isAccount(to.text())
                                            ? accountHint(to.text())
                                            : Suggest.didYouMean(to.text(), tree.entityNames())));
                }
            });
        }
    }

    private static boolean isAccount(String name) {
        return name.matches("(?i)(user|member|account|person|owner|author|organi[sz]ation|org|tenant)s?");
    }

    private static String accountHint(String name) {
        if (name.toLowerCase(java.util.Locale.ROOT).startsWith("org")
                || name.toLowerCase(java.util.Locale.ROOT).startsWith("tenant")) {
            return ": organisations are the runtime's, not entities; every document already belongs to the caller's"
                    + " organisation (its own database)";
        }
        return ": users are the runtime's (in the system database), not entities; a document names its author in"
                + " the audit fields createdBy and updatedBy (user ids), and scope: user makes an entity each user's"
                + " own";
    }
}
