package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.SpecName;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.YamlScalar;
import java.util.List;

/** A {@code type} or list item type ({@code of}) that is not one of the spec's types. */
final class UnknownTypeRule implements Rule {

    private static final List<String> TYPES = SpecName.all(FieldType.values());

    @Override
    public String id() {
        return "unknown-type";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.FieldNode field : tree.fields()) {
            field.map().ifPresent(m -> {
                m.scalar(Field.TYPE)
                        .filter(s -> s.kind() == YamlScalar.Kind.STRING)
                        .ifPresent(s -> unknown(s, report));
                if (field.type().filter(t -> t == FieldType.LIST).isPresent()) {
                    m.scalar(Field.OF)
                            .filter(s -> s.kind() == YamlScalar.Kind.STRING)
                            .ifPresent(s -> unknown(s, report));
                }
            });
        }
    }

    private static void unknown(YamlScalar s, Reporter report) {
        if (FieldType.fromSpecName(s.text()).isEmpty()) {
            report.at(s.position(), "unknown type '" + s.text() + "'" + Suggest.didYouMean(s.text(), TYPES));
        }
    }
}
