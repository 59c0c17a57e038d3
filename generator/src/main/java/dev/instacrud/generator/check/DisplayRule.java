package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage;
import dev.instacrud.generator.spec.YamlScalar;
import java.util.List;

/**
 * An entity's {@code display} names the field that labels its documents (in the admin's ref columns, pickers and
 * links): one of its own top-level fields holding a single readable value, so not a list, an object, a ref or a
 * secret.
 */
final class DisplayRule implements Rule {

    @Override
    public String id() {
        return "display";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.EntityNode entity : tree.entities()) {
            entity.map()
                    .flatMap(m -> m.scalar(SpecLanguage.Entity.DISPLAY))
                    .filter(s -> s.kind() == YamlScalar.Kind.STRING)
                    .ifPresent(display -> check(tree, entity, display, report));
        }
    }

    private static void check(SpecTree tree, SpecTree.EntityNode entity, YamlScalar display, Reporter report) {
        List<SpecTree.FieldNode> own = tree.fields().stream()
                .filter(f -> f.entity() == entity && !f.nested())
                .toList();
        SpecTree.FieldNode field = own.stream()
                .filter(f -> f.name().equals(display.text()))
                .findFirst()
                .orElse(null);
        if (field == null) {
            report.at(
                    display.position(),
                    "display: entity '" + entity.name() + "' has no field '" + display.text() + "'"
                            + Suggest.didYouMean(
                                    display.text(),
                                    own.stream().map(SpecTree.FieldNode::name).toList()));
            return;
        }
        FieldType type = field.type().orElse(null);
        if (type == FieldType.LIST
                || type == FieldType.OBJECT
                || type == FieldType.REF
                || field.flag(SpecLanguage.Field.SECRET)) {
            report.at(
                    display.position(),
                    "display: field '" + field.name() + "' cannot label a document (a "
                            + (field.flag(SpecLanguage.Field.SECRET) ? "secret" : type.specName())
                            + "); name a field holding a single value");
        }
    }
}
