package dev.instacrud.generator.writer.java;

import static dev.instacrud.generator.writer.java.RuntimeTypes.DOCUMENT;
import static dev.instacrud.generator.writer.java.RuntimeTypes.MIGRATION;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.instacrud.generator.diff.ChangeKind;
import dev.instacrud.generator.diff.SpecChange;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Writes proposals of migrations for the spec changes that need one ({@code instacrud diff --propose}): one class per
 * entity, {@code V<n>__<What>} in the service's {@code migrations} package, implementing the runtime's {@code
 * Migration} for the fields that changed. Each is the user's once written (never overwritten). What the change
 * says how to do (a rename, a removed field, a shortened text, a clamped number, a list cut to size, a new owner
 * for a document made private, a removed entity's documents deleted) is written out; what only the developer can
 * decide (the value of a new required field, a conversion, a pattern) is a method that throws, naming what to decide,
 * so the migration fails at start-up until it is written, rather than store invalid documents.
 */
final class MigrationWriter {
    private final ServiceModel service;

    MigrationWriter(ServiceModel service) {
        this.service = service;
    }

    /**
     * The proposals for these changes, numbered from {@code first}, but for those named in {@code proposed} (the
     * {@code <What>} of a {@code V<n>__<What>} already there); paths relative to a source root.
     */
    List<GeneratedFile> write(List<SpecChange> changes, int first, Set<String> proposed) {
        Map<String, List<SpecChange>> byEntity = new LinkedHashMap<>();
        for (SpecChange change : changes) {
            if (change.needsMigration() && change.entity().isPresent() && change.kind() != ChangeKind.SERVICE_CHANGED) {
                byEntity.computeIfAbsent(change.entity().get(), e -> new ArrayList<>())
                        .add(change);
            }
        }
        List<GeneratedFile> out = new ArrayList<>();
        int number = first;
        String pkg = service.javaPackage() + ".migrations";
        for (Map.Entry<String, List<SpecChange>> e : byEntity.entrySet()) {
            String what = name(e.getKey(), e.getValue());
            if (proposed.contains(what)) {
                continue;
            }
            String name = "V" + number++ + "__" + what;
            JavaFile file = JavaFile.builder(pkg, type(name, e.getKey(), e.getValue()))
                    .indent("    ")
                    .skipJavaLangImports(true)
                    .build();
            out.add(GeneratedFile.userOwned(pkg.replace('.', '/') + "/" + name + ".java", file.toString()));
        }
        return out;
    }

    private TypeSpec type(String name, String entity, List<SpecChange> changes) {
        Optional<EntityModel> model = service.entity(entity);
        String doc = local(entity);
        Set<String> fields = new LinkedHashSet<>();
        CodeBlock.Builder body = CodeBlock.builder();
        List<MethodSpec> helpers = new ArrayList<>();
        CodeBlock.Builder javadoc = CodeBlock.builder()
                .add("Brings the stored $L documents in line with the spec $L:\n<ul>\n", entity, service.sourceFile());
        boolean deletes = false;
        for (SpecChange change : changes) {
            javadoc.add("  <li>$L: $L\n", change.subject(), html(change.detail()));
            change.field().ifPresent(fields::add);
            change.from().ifPresent(fields::add);
            Optional<FieldModel> field = change.field().flatMap(f -> model.flatMap(m -> m.field(f)));
            switch (change.kind()) {
                case ENTITY_REMOVED -> deletes = true;
                case FIELD_REMOVED ->
                    body.add("// its stored values are dropped: copy them elsewhere first if they matter\n")
                            .addStatement("$L.remove($S)", doc, change.field().orElseThrow());
                case FIELD_RENAMED ->
                    body.beginControlFlow(
                                    "if ($L.containsKey($S))",
                                    doc,
                                    change.from().orElseThrow())
                            .addStatement(
                                    "$L.put($S, $L.remove($S))",
                                    doc,
                                    change.field().orElseThrow(),
                                    doc,
                                    change.from().orElseThrow())
                            .endControlFlow();
                case SECRET_REMOVED ->
                    body.add("// its stored values will be shown from now on: drop them, or delete this line to"
                                    + " show them\n")
                            .addStatement("$L.remove($S)", doc, change.field().orElseThrow());
                case SCOPE_CHANGED -> {
                    if (model.map(m -> m.scope().specName().equals("user")).orElse(false)) {
                        body.add("// each stored document is its author's from now on\n")
                                .beginControlFlow("if ($L.get($S) == null)", doc, "userId")
                                .addStatement("$L.put($S, $L.get($S))", doc, "userId", doc, "createdBy")
                                .endControlFlow();
                        fields.add("userId");
                    } else {
                        body.add("// every member sees every stored document from now on: return null for those that"
                                + " must stay private\n");
                    }
                }
                case CONSTRAINT_NARROWED -> narrowed(body, helpers, doc, change, field.orElseThrow());
                case ENUM_VALUES_REMOVED -> remap(body, helpers, doc, change, field.orElseThrow());
                case REQUIRED_WITHOUT_DEFAULT -> {
                    String f = change.field().orElseThrow();
                    body.beginControlFlow("if ($L.get($S) == null)", doc, f)
                            .addStatement("$L.put($S, $L($L))", doc, f, helper(f, "value"), doc)
                            .endControlFlow();
                    helpers.add(decide(
                            helper(f, "value"),
                            doc,
                            "the " + f + " of each " + entity + " stored without one (" + describe(field) + ")",
                            name));
                }
                case TYPE_CHANGED, REF_TARGET_CHANGED -> {
                    String f = change.field().orElseThrow();
                    body.beginControlFlow("if ($L.get($S) != null)", doc, f)
                            .addStatement("$L.put($S, $L($L))", doc, f, helper(f, "converted"), doc)
                            .endControlFlow();
                    helpers.add(decide(
                            helper(f, "converted"),
                            doc,
                            "the " + f + " of each stored " + entity + " as " + describe(field),
                            name));
                }
                default -> {
                    String method = local(change.field().orElse(entity)) + "Handled";
                    body.addStatement("$L($L)", method, doc);
                    helpers.add(MethodSpec.methodBuilder(method)
                            .addJavadoc(
                                    "Do what it takes, then delete this method and its call: $L.\n",
                                    html(change.detail()))
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .addParameter(DOCUMENT, doc)
                            .addStatement(
                                    "throw new $T($S)",
                                    UnsupportedOperationException.class,
                                    name + ": " + change.subject() + ": " + change.detail()
                                            + ". A migration sees one document at a time: do what it takes before this"
                                            + " version starts, then delete " + method)
                            .build());
                }
            }
        }
        if (deletes) {
            body.add("// every stored $L is deleted: move them elsewhere first if they matter\n", entity)
                    .addStatement("return null");
        } else {
            body.addStatement("return $L", doc);
        }
        javadoc.add("</ul>\n\n")
                .add(
                        "<p>Proposed by {@code instacrud diff}, and yours: instacrud never writes this file again. The"
                                + " runtime applies it once\nper organisation database before serving $L, in batches; after a"
                                + " crash it passes the documents of\nthe interrupted batch again, so leave a document"
                                + " this already changed as it is. List it in\n{@code META-INF/services/$L}.\n",
                        entity,
                        MIGRATION.canonicalName());
        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(MIGRATION)
                .addJavadoc(javadoc.build())
                .addMethod(MethodSpec.methodBuilder("entity")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addStatement("return $S", entity)
                        .build())
                .addMethod(MethodSpec.methodBuilder("fields")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(Set.class, String.class))
                        .addStatement(
                                "return $T.of($L)",
                                Set.class,
                                fields.stream().map(f -> CodeBlock.of("$S", f)).collect(CodeBlock.joining(", ")))
                        .build())
                .addMethod(MethodSpec.methodBuilder("migrate")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(DOCUMENT)
                        .addParameter(DOCUMENT, doc)
                        .addCode(body.build())
                        .build());
        helpers.forEach(type::addMethod);
        return type.build();
    }

    // What the spec's narrower constraint says to do, when it says: shorten, clamp, cut, remove repeats.
    private void narrowed(
            CodeBlock.Builder body, List<MethodSpec> helpers, String doc, SpecChange change, FieldModel field) {
        String f = field.name();
        String key = change.key().orElse("");
        boolean list = field.type() == FieldType.LIST;
        if (!list && key.equals("maxLength")) {
            int max = field.constraints().maxLength().orElseThrow();
            body.add("// too long: shortened to $L characters\n", max)
                    .beginControlFlow(
                            "if ($L.get($S) instanceof String storedText"
                                    + " && storedText.codePointCount(0, storedText.length()) > $L)",
                            doc,
                            f,
                            max)
                    .addStatement(
                            "$L.put($S, storedText.substring(0, storedText.offsetByCodePoints(0, $L)))", doc, f, max)
                    .endControlFlow();
        } else if (!list && (key.equals("maximum") || key.equals("minimum")) && wholeOrDouble(field)) {
            BigDecimal bound = (key.equals("maximum")
                            ? field.constraints().maximum()
                            : field.constraints().minimum())
                    .orElseThrow();
            String compare = key.equals("maximum") ? ">" : "<";
            body.add("// out of range: brought to the $L\n", key)
                    .beginControlFlow(
                            "if ($L.get($S) instanceof Number storedNumber && storedNumber.doubleValue() $L $L)",
                            doc,
                            f,
                            compare,
                            bound.toPlainString())
                    .addStatement("$L.put($S, $L)", doc, f, literal(field, bound))
                    .endControlFlow();
        } else if (list && key.equals("maxItems")) {
            int max = field.constraints().maxItems().orElseThrow();
            body.add("// too many items: the first $L are kept\n", max)
                    .beginControlFlow(
                            "if ($L.get($S) instanceof $T<?> storedItems && storedItems.size() > $L)",
                            doc,
                            f,
                            List.class,
                            max)
                    .addStatement("$L.put($S, new $T<>(storedItems.subList(0, $L)))", doc, f, ArrayList.class, max)
                    .endControlFlow();
        } else if (list && key.equals("uniqueItems")) {
            body.add("// repeated items: the first of each is kept\n")
                    .beginControlFlow("if ($L.get($S) instanceof $T<?> storedItems)", doc, f, List.class)
                    .addStatement(
                            "$L.put($S, new $T<>(new $T<>(storedItems)))", doc, f, ArrayList.class, LinkedHashSet.class)
                    .endControlFlow();
        } else {
            String method = helper(f, "allowed");
            body.beginControlFlow("if ($L.get($S) != null)", doc, f)
                    .addStatement("$L.put($S, $L($L))", doc, f, method, doc)
                    .endControlFlow();
            helpers.add(decide(
                    method,
                    doc,
                    "a value of " + f + " that meets the new " + key + " (" + change.detail() + ")",
                    "this migration"));
        }
    }

    // A value the spec no longer allows: its default when it has one, else the developer decides.
    private void remap(
            CodeBlock.Builder body, List<MethodSpec> helpers, String doc, SpecChange change, FieldModel field) {
        String f = field.name();
        CodeBlock allowed =
                field.enumValues().stream().map(v -> CodeBlock.of("$S", v)).collect(CodeBlock.joining(", "));
        body.beginControlFlow(
                "if ($L.get($S) instanceof String storedValue && !$T.of($L).contains(storedValue))",
                doc,
                f,
                Set.class,
                allowed);
        if (field.type() != FieldType.LIST && field.defaultValue().isPresent()) {
            body.addStatement(
                    "$L.put($S, $S)", doc, f, field.defaultValue().get().toString());
        } else {
            String method = helper(f, "allowed");
            body.addStatement("$L.put($S, $L($L))", doc, f, method, doc);
            helpers.add(decide(method, doc, "the value of " + f + " that replaces a removed one", "this migration"));
        }
        body.endControlFlow();
    }

    // private static Object titleValue(Document task) { throw new UnsupportedOperationException("...") }
    private static MethodSpec decide(String method, String doc, String what, String migration) {
        return MethodSpec.methodBuilder(method)
                .addJavadoc("Decide $L.\n", html(what))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(Object.class)
                .addParameter(DOCUMENT, doc)
                .addStatement(
                        "throw new $T($S)",
                        UnsupportedOperationException.class,
                        migration + ": decide " + what + " (" + method + "), then start the service again")
                .build();
    }

    private static boolean wholeOrDouble(FieldModel field) {
        return field.valueType() == FieldType.INT
                || field.valueType() == FieldType.LONG
                || field.valueType() == FieldType.DOUBLE;
    }

    private static CodeBlock literal(FieldModel field, BigDecimal value) {
        return switch (field.valueType()) {
            case INT -> CodeBlock.of("$L", value.intValue());
            case LONG -> CodeBlock.of("$LL", value.longValue());
            default -> CodeBlock.of("$Ld", value.toPlainString());
        };
    }

    private static String describe(Optional<FieldModel> field) {
        return field.map(f -> f.type() == FieldType.LIST
                        ? "a list of " + f.itemType().map(FieldType::specName).orElse("?")
                        : "a " + f.type().specName()
                                + f.refTarget().map(t -> " of " + t).orElse(""))
                .orElse("a value");
    }

    private static String name(String entity, List<SpecChange> changes) {
        if (changes.size() > 1) {
            return "Migrate" + entity;
        }
        SpecChange change = changes.get(0);
        String verb = switch (change.kind()) {
            case REQUIRED_WITHOUT_DEFAULT -> "Add";
            case FIELD_REMOVED, ENTITY_REMOVED -> "Remove";
            case FIELD_RENAMED -> "Rename";
            case TYPE_CHANGED -> "Retype";
            case REF_TARGET_CHANGED -> "Repoint";
            case CONSTRAINT_NARROWED -> "Narrow";
            case ENUM_VALUES_REMOVED -> "Remap";
            case UNIQUE_ADDED -> "Dedupe";
            case SECRET_REMOVED -> "Reveal";
            case SCOPE_CHANGED -> "Rescope";
            case PATH_CHANGED -> "Move";
            default -> "Migrate";
        };
        return verb
                + entity
                + change.from()
                        .or(change::field)
                        .map(MigrationWriter::upperFirst)
                        .orElse("");
    }

    private static String helper(String field, String what) {
        return field + upperFirst(what);
    }

    private static String local(String entity) {
        String name = entity.substring(0, 1).toLowerCase(Locale.ROOT) + entity.substring(1);
        return SourceVersion.isKeyword(name) ? "document" : name;
    }

    private static String upperFirst(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
