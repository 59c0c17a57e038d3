package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.ScalarValues;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.YamlList;
import dev.instacrud.generator.spec.YamlMap;
import dev.instacrud.generator.spec.YamlScalar;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A default must be a value of its field's type and meet the field's own constraints. */
final class DefaultRule implements Rule {

    @Override
    public String id() {
        return "default";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.FieldNode field : tree.fields()) {
            Optional<FieldType> type = field.type().filter(FieldType::isScalar);
            Optional<YamlScalar> given =
                    field.map().flatMap(m -> m.scalar(Field.DEFAULT)).filter(s -> s.kind() != YamlScalar.Kind.NULL);
            if (type.isEmpty() || given.isEmpty()) {
                continue;
            }
            YamlMap m = field.map().get();
            YamlScalar s = given.get();
            ScalarValues.Parsed parsed = ScalarValues.parse(type.get(), s, enumValues(m));
            String prefix = "default " + s.quoted() + " of field '" + field.qualifiedName() + "' ";
            if (parsed.problem().isPresent()) {
                report.at(s.position(), prefix + parsed.problem().get());
                continue;
            }
            Object value = parsed.value().get();
            broken(value, m).ifPresent(p -> report.at(s.position(), prefix + p));
        }
    }

    private static List<String> enumValues(YamlMap m) {
        return m.get(Field.VALUES)
                .filter(YamlList.class::isInstance)
                .map(l -> ((YamlList) l)
                        .items().stream()
                                .filter(YamlScalar.class::isInstance)
                                .map(i -> ((YamlScalar) i).text())
                                .toList())
                .orElse(List.of());
    }

    private static Optional<String> broken(Object value, YamlMap m) {
        if (value instanceof String text) {
            int length = text.codePointCount(0, text.length());
            Optional<Integer> min = Bounds.count(m, Field.MIN_LENGTH);
            Optional<Integer> max = Bounds.count(m, Field.MAX_LENGTH);
            if (min.isPresent() && length < min.get()) {
                return Optional.of("is shorter than minLength " + min.get());
            }
            if (max.isPresent() && length > max.get()) {
                return Optional.of("is longer than maxLength " + max.get());
            }
            Optional<String> pattern = m.text(Field.PATTERN).filter(PatternRule::compiles);
            if (pattern.isPresent()
                    && !Pattern.compile(pattern.get()).matcher(text).find()) {
                return Optional.of("does not match its pattern");
            }
        }
        Optional<BigDecimal> number = value instanceof Long || value instanceof Double || value instanceof BigDecimal
                ? Optional.of(new BigDecimal(value.toString()))
                : Optional.empty();
        if (number.isPresent()) {
            BigDecimal n = number.get();
            for (Field key : List.of(Field.MINIMUM, Field.EXCLUSIVE_MINIMUM, Field.MAXIMUM, Field.EXCLUSIVE_MAXIMUM)) {
                Optional<BigDecimal> bound = Bounds.number(m, key);
                if (bound.isEmpty()) {
                    continue;
                }
                int cmp = n.compareTo(bound.get());
                boolean ok = switch (key) {
                    case MINIMUM -> cmp >= 0;
                    case EXCLUSIVE_MINIMUM -> cmp > 0;
                    case MAXIMUM -> cmp <= 0;
                    default -> cmp < 0;
                };
                if (!ok) {
                    return Optional.of("breaks " + key.spelling() + " " + Bounds.show(bound.get()));
                }
            }
        }
        return Optional.empty();
    }
}
