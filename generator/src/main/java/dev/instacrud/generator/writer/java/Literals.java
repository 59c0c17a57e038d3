package dev.instacrud.generator.writer.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Names;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** Java source for the spec's constant values: defaults and bounds. */
final class Literals {
    private Literals() {}

    /** A bound as a number literal, or a {@code BigDecimal} where a literal would not be exact. */
    static CodeBlock bound(FieldModel field, BigDecimal bound) {
        boolean integral = bound.stripTrailingZeros().scale() <= 0;
        if (field.valueType() != FieldType.DECIMAL && integral) {
            long value = bound.longValueExact();
            boolean fitsInt = value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            return CodeBlock.of(fitsInt ? "$L" : "$LL", value);
        }
        return CodeBlock.of("new $T($S)", BigDecimal.class, bound.toPlainString());
    }

    /** The field's default as an expression of its Java type. */
    static CodeBlock defaultValue(FieldModel field, EntityNames names) {
        Object value = field.defaultValue().orElseThrow();
        return switch (field.type()) {
            case INT -> CodeBlock.of("$L", ((Number) value).intValue());
            case LONG -> CodeBlock.of("$LL", ((Number) value).longValue());
            case DOUBLE -> CodeBlock.of("$L", Double.toString(((Number) value).doubleValue()));
            case DECIMAL -> CodeBlock.of("new $T($S)", BigDecimal.class, ((BigDecimal) value).toPlainString());
            case BOOLEAN -> CodeBlock.of("$L", value);
            case DATE -> CodeBlock.of("$T.parse($S)", LocalDate.class, value.toString());
            case DATETIME -> CodeBlock.of("$T.parse($S)", Instant.class, ((Instant) value).toString());
            case ENUM -> CodeBlock.of("$T.$N", names.nestedType(field), Names.constant(value.toString()));
            case STRING, TEXT, EMAIL, URL, UUID -> CodeBlock.of("$S", value);
            case REF, LIST, OBJECT -> throw new IllegalArgumentException(field.name() + " cannot have a default");
        };
    }

    /** The constant holding a field's compiled pattern: {@code fullName} gives {@code FULL_NAME_PATTERN}. */
    static String patternConstant(FieldModel field) {
        return field.name().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT) + "_PATTERN";
    }

    static ClassName pattern() {
        return ClassName.get(java.util.regex.Pattern.class);
    }
}
