package dev.instacrud.generator.writer.java;

import static dev.instacrud.generator.writer.java.RuntimeTypes.VIOLATIONS;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import dev.instacrud.generator.model.Constraints;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The compact constructor of a validated record: defaults, immutable lists, then one {@link
 * dev.instacrud.runtime.validation.Violations} call per constraint, thrown all at once. Shared by the input
 * record of an entity and the records of its embedded objects.
 */
final class ValidationCode {

    private final EntityNames names;
    // tagId and tagID both give TAG_ID_PATTERN: each field's constant is allocated once per record
    private final NameAllocator patternConstants = new NameAllocator();
    private final Map<FieldModel, String> patterns = new IdentityHashMap<>();

    ValidationCode(EntityNames names) {
        this.names = names;
    }

    /** Adds the fields as record components, their pattern constants, and the validating constructor. */
    void addTo(TypeSpec.Builder record, List<FieldModel> fields) {
        MethodSpec.Builder constructor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        for (FieldModel field : fields) {
            constructor.addParameter(
                    ParameterSpec.builder(names.type(field), field.name()).build());
            field.constraints()
                    .pattern()
                    .ifPresent(p -> record.addField(FieldSpec.builder(
                                    Literals.pattern(),
                                    patternConstant(field),
                                    Modifier.PRIVATE,
                                    Modifier.STATIC,
                                    Modifier.FINAL)
                            .initializer("$T.compile($S)", Literals.pattern(), p)
                            .build()));
        }
        CodeBlock.Builder body = CodeBlock.builder();
        for (FieldModel field : fields) {
            // if (status == null) { status = Status.ADMITTED; }
            if (field.defaultValue().isPresent()) {
                body.beginControlFlow("if ($N == null)", field.name())
                        .addStatement("$N = $L", field.name(), Literals.defaultValue(field, names))
                        .endControlFlow();
            }
        }
        for (FieldModel field : fields) {
            // tags = tags == null ? null : List.copyOf(tags);
            if (field.type() == FieldType.LIST) {
                body.addStatement("$1N = $1N == null ? null : $2T.copyOf($1N)", field.name(), List.class);
            }
        }
        String v = EntityNames.local("v", fields);
        String i = EntityNames.local("i", fields);
        body.addStatement("$1T $2N = new $1T()", VIOLATIONS, v);
        for (FieldModel field : fields) {
            body.add(checks(field, v, i));
        }
        body.addStatement("$N.throwIfAny()", v);
        record.recordConstructor(constructor.addCode(body.build()).build());
    }

    // v.required(name, "name"); v.maxLength(name, 80, "name"); ...
    // for (int i = 0; i < tags.size(); i++) { v.maxLength(tags.get(i), 30, "tags", i); }
    private CodeBlock checks(FieldModel field, String v, String i) {
        CodeBlock.Builder code = CodeBlock.builder();
        String name = field.name();
        if (field.required()) {
            code.addStatement("$N.required($N, $S)", v, name, name);
        }
        if (field.type() == FieldType.LIST) {
            Constraints c = field.constraints();
            c.minItems().ifPresent(n -> code.addStatement("$N.minItems($N, $L, $S)", v, name, n, name));
            c.maxItems().ifPresent(n -> code.addStatement("$N.maxItems($N, $L, $S)", v, name, n, name));
            if (c.uniqueItems()) {
                code.addStatement("$N.uniqueItems($N, $S)", v, name, name);
            }
            List<CodeBlock> itemChecks =
                    valueChecks(field, v, CodeBlock.of("$N.get($N)", name, i), CodeBlock.of("$S, $N", name, i));
            if (!itemChecks.isEmpty()) {
                code.beginControlFlow("if ($N != null)", name)
                        .beginControlFlow("for (int $2N = 0; $2N < $1N.size(); $2N++)", name, i);
                itemChecks.forEach(code::addStatement);
                code.endControlFlow().endControlFlow();
            }
        } else {
            valueChecks(field, v, CodeBlock.of("$N", name), CodeBlock.of("$S", name))
                    .forEach(code::addStatement);
        }
        return code.build();
    }

    private List<CodeBlock> valueChecks(FieldModel field, String v, CodeBlock value, CodeBlock loc) {
        List<CodeBlock> checks = new ArrayList<>();
        Constraints c = field.constraints();
        FieldType type = field.valueType();
        if (type.isText()) {
            c.minLength().ifPresent(n -> checks.add(CodeBlock.of("$N.minLength($L, $L, $L)", v, value, n, loc)));
            c.maxLength().ifPresent(n -> checks.add(CodeBlock.of("$N.maxLength($L, $L, $L)", v, value, n, loc)));
            if (c.pattern().isPresent()) {
                checks.add(CodeBlock.of("$N.pattern($L, $N, $L)", v, value, patternConstant(field), loc));
            }
        }
        if (type.isNumber()) {
            bound(checks, v, "minimum", field, c.minimum(), value, loc);
            bound(checks, v, "maximum", field, c.maximum(), value, loc);
            bound(checks, v, "exclusiveMinimum", field, c.exclusiveMinimum(), value, loc);
            bound(checks, v, "exclusiveMaximum", field, c.exclusiveMaximum(), value, loc);
        }
        String format = switch (type) {
            case EMAIL -> "email";
            case URL -> "url";
            case UUID -> "uuid";
            case REF -> "id";
            default -> null;
        };
        if (format != null) {
            checks.add(CodeBlock.of("$N.$L($L, $L)", v, format, value, loc));
        }
        return checks;
    }

    private String patternConstant(FieldModel field) {
        return patterns.computeIfAbsent(field, f -> patternConstants.newName(Literals.patternConstant(f), f));
    }

    private static void bound(
            List<CodeBlock> checks,
            String v,
            String rule,
            FieldModel field,
            Optional<BigDecimal> bound,
            CodeBlock value,
            CodeBlock loc) {
        bound.ifPresent(
                b -> checks.add(CodeBlock.of("$N.$L($L, $L, $L)", v, rule, value, Literals.bound(field, b), loc)));
    }
}
