package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.YamlMap;
import java.math.BigDecimal;
import java.util.Optional;

/** Bounds that leave no value possible (minimum above maximum...), and fractional bounds on whole numbers. */
final class ConstraintRangeRule implements Rule {

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
            counts(m, "minLength", "maxLength", report);
            counts(m, "minItems", "maxItems", report);
            numbers(m, "minimum", "maximum", false, report);
            numbers(m, "exclusiveMinimum", "exclusiveMaximum", true, report);
            numbers(m, "minimum", "exclusiveMaximum", true, report);
            numbers(m, "exclusiveMinimum", "maximum", true, report);
            Optional<FieldType> value = field.valueType();
            if (value.filter(t -> t == FieldType.INT || t == FieldType.LONG).isPresent()) {
                for (String key : new String[] {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}) {
                    boolean isInt = value.get() == FieldType.INT;
                    BigDecimal lo = BigDecimal.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
                    BigDecimal hi = BigDecimal.valueOf(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
                    Bounds.number(m, key).ifPresent(n -> {
                        String where =
                                "'" + key + "' of " + value.get().specName() + " field '" + field.qualifiedName() + "'";
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

    private static void counts(YamlMap m, String low, String high, Reporter report) {
        Optional<Integer> lo = Bounds.count(m, low);
        Optional<Integer> hi = Bounds.count(m, high);
        if (lo.isPresent() && hi.isPresent() && lo.get() > hi.get()) {
            report.at(m.get(high).get().position(), low + " " + lo.get() + " is greater than " + high + " " + hi.get());
        }
    }

    private static void numbers(YamlMap m, String low, String high, boolean strict, Reporter report) {
        Optional<BigDecimal> lo = Bounds.number(m, low);
        Optional<BigDecimal> hi = Bounds.number(m, high);
        if (lo.isEmpty() || hi.isEmpty()) {
            return;
        }
        int cmp = lo.get().compareTo(hi.get());
        if (cmp > 0 || (strict && cmp == 0)) {
            report.at(
                    m.get(high).get().position(),
                    low + " " + Bounds.show(lo.get()) + " is " + (cmp > 0 ? "greater than " : "equal to ") + high + " "
                            + Bounds.show(hi.get()) + ": no value fits");
        }
    }
}
