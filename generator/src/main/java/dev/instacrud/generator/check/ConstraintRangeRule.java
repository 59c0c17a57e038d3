package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.YamlMap;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Bounds that leave no value possible (minimum above maximum...), and fractional bounds on whole numbers. */
final class ConstraintRangeRule implements Rule {

    private static final List<Field> BOUNDS =
            List.of(Field.MINIMUM, Field.MAXIMUM, Field.EXCLUSIVE_MINIMUM, Field.EXCLUSIVE_MAXIMUM);

    @Override
    public String id() {
        return "constraint-range";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.FieldNode field : tree.fields()) {
            if (field.map().isEmpty()) {
                continue;
            }
            YamlMap m = field.map().get();
            counts(m, Field.MIN_LENGTH, Field.MAX_LENGTH, report);
            counts(m, Field.MIN_ITEMS, Field.MAX_ITEMS, report);
            numbers(m, Field.MINIMUM, Field.MAXIMUM, false, report);
            numbers(m, Field.EXCLUSIVE_MINIMUM, Field.EXCLUSIVE_MAXIMUM, true, report);
            numbers(m, Field.MINIMUM, Field.EXCLUSIVE_MAXIMUM, true, report);
            numbers(m, Field.EXCLUSIVE_MINIMUM, Field.MAXIMUM, true, report);
            Optional<FieldType> value = field.valueType();
            if (value.filter(t -> t == FieldType.INT || t == FieldType.LONG).isPresent()) {
                for (Field key : BOUNDS) {
                    boolean isInt = value.get() == FieldType.INT;
                    BigDecimal lo = BigDecimal.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
                    BigDecimal hi = BigDecimal.valueOf(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
                    Bounds.number(m, key).ifPresent(n -> {
                        String where = "'" + key.spelling() + "' of "
                                + value.get().specName() + " field '" + field.qualifiedName() + "'";
                        if (n.compareTo(lo) < 0 || n.compareTo(hi) > 0) {
                            report.at(
                                    m.get(key).get().position(),
                                    where + " does not fit in " + (isInt ? "an int" : "a long"));
                        } else if (n.stripTrailingZeros().scale() > 0) {
                            report.at(
                                    m.get(key).get().position(),
                                    where + " must be a whole number, not " + Bounds.show(n));
                        }
                    });
                }
            }
        }
    }

    private static void counts(YamlMap m, Field low, Field high, Reporter report) {
        Optional<Integer> lo = Bounds.count(m, low);
        Optional<Integer> hi = Bounds.count(m, high);
        if (lo.isPresent() && hi.isPresent() && lo.get() > hi.get()) {
            report.at(
                    m.get(high).get().position(),
                    low.spelling() + " " + lo.get() + " is greater than " + high.spelling() + " " + hi.get());
        }
    }

    private static void numbers(YamlMap m, Field low, Field high, boolean strict, Reporter report) {
        Optional<BigDecimal> lo = Bounds.number(m, low);
        Optional<BigDecimal> hi = Bounds.number(m, high);
        if (lo.isEmpty() || hi.isEmpty()) {
            return;
        }
        int cmp = lo.get().compareTo(hi.get());
        if (cmp > 0 || (strict && cmp == 0)) {
            report.at(
                    m.get(high).get().position(),
                    low.spelling() + " " + Bounds.show(lo.get()) + " is " + (cmp > 0 ? "greater than " : "equal to ")
                            + high.spelling() + " "
                            + Bounds.show(hi.get()) + ": no value fits");
        }
    }
}
