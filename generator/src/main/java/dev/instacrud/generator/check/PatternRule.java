package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.YamlScalar;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A {@code pattern} must compile as a Java regex. */
final class PatternRule implements Rule {

    @Override
    public String id() {
        return "pattern";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.FieldNode field : tree.fields()) {
            field.map()
                    .flatMap(m -> m.scalar(Field.PATTERN))
                    .filter(s -> s.kind() == YamlScalar.Kind.STRING)
                    .ifPresent(s -> {
                        try {
                            Pattern.compile(s.text());
                        } catch (PatternSyntaxException e) {
                            report.at(
                                    s.position(),
                                    "pattern of field '" + field.qualifiedName()
                                            + "' does not compile as a Java regex: " + e.getDescription()
                                            + " near index " + e.getIndex());
                        }
                    });
        }
    }

    /** Whether a pattern compiles (for rules that use it). */
    static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
