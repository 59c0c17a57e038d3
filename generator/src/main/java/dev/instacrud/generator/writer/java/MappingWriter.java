package dev.instacrud.generator.writer.java;

import static dev.instacrud.generator.writer.java.RuntimeTypes.BSON_ENUMS;
import static dev.instacrud.generator.writer.java.RuntimeTypes.BSON_VALUES;
import static dev.instacrud.generator.writer.java.RuntimeTypes.DOCUMENT;
import static dev.instacrud.generator.writer.java.RuntimeTypes.JSON_INPUT;
import static dev.instacrud.generator.writer.java.RuntimeTypes.JSON_NODE;
import static dev.instacrud.generator.writer.java.RuntimeTypes.JSON_VALUES;
import static dev.instacrud.generator.writer.java.RuntimeTypes.OBJECT_NODE;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code PatientMapping}: the JSON and BSON forms of an entity as plain code, one line per field,
 * so no reflection runs at request time and a reviewer can see exactly what is read and stored.
 */
final class MappingWriter {
    private static final List<String> AUDIT = List.of("createdAt", "createdBy", "updatedAt", "updatedBy");
    private static final List<String> SERVER_OWNED =
            List.of("id", "version", "createdAt", "createdBy", "updatedAt", "updatedBy");

    private final JavaFiles files;

    MappingWriter(JavaFiles files) {
        this.files = files;
    }

    JavaFile write(EntityNames names) {
        EntityModel entity = names.entity();
        TypeSpec.Builder mapping = TypeSpec.classBuilder(names.mapping())
                .addModifiers(Modifier.FINAL)
                .addAnnotation(files.generated())
                .addJavadoc("The JSON and BSON forms of {@link $T}, written out field by field.\n", names.record())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build());
        new Emitter(names, mapping).entity(entity);
        return files.file(mapping.build());
    }

    /** Emits the methods of one mapping class; nested objects get their own private methods. */
    private static final class Emitter {
        private final EntityNames names;
        private final TypeSpec.Builder mapping;
        // Patient.Contact.Kind and a field contactKind would both give ContactKind: stems and constants are
        // allocated once, shallow types first, so the later one gets a suffix instead of a duplicate method.
        private final Map<ClassName, String> stems = new HashMap<>();
        private final Map<ClassName, String> knownConstants = new HashMap<>();

        Emitter(EntityNames names, TypeSpec.Builder mapping) {
            this.names = names;
            this.mapping = mapping;
            NameAllocator stemNames = new NameAllocator();
            NameAllocator constants = new NameAllocator();
            constants.newName("FIELDS", "FIELDS");
            List<FieldModel> level = names.entity().fields();
            while (!level.isEmpty()) {
                List<FieldModel> next = new ArrayList<>();
                for (FieldModel field : level) {
                    if (field.valueType() == FieldType.OBJECT) {
                        ClassName type = names.nestedType(field);
                        String stem = stemNames.newName(joined(type), type);
                        stems.put(type, stem);
                        knownConstants.put(
                                type,
                                constants.newName(
                                        stem.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                                                        .toUpperCase(Locale.ROOT) + "_FIELDS",
                                        type));
                        next.addAll(field.fields());
                    }
                }
                level = next;
            }
        }

        void entity(EntityModel entity) {
            List<FieldModel> fields = entity.fields();
            mapping.addField(knownFields("FIELDS", fields));
            // static PatientInput fromJson(JsonNode json) { JsonInput in = JsonInput.body(json); ... }
            mapping.addMethod(MethodSpec.methodBuilder("fromJson")
                    .addJavadoc("Reads a client's JSON strictly; every problem is reported at once (422).\n")
                    .addModifiers(Modifier.STATIC)
                    .returns(names.input())
                    .addParameter(JSON_NODE, EntityNames.local("json", fields))
                    .addStatement(
                            "$T $N = $T.body($N)",
                            JSON_INPUT,
                            EntityNames.local("in", fields),
                            JSON_INPUT,
                            EntityNames.local("json", fields))
                    .addCode(readFields(fields, "FIELDS", names.input()))
                    .build());
            // static Document toDocument(PatientInput input) { Document doc = new Document(); BsonValues.put(...); }
            mapping.addMethod(MethodSpec.methodBuilder("toDocument")
                    .addJavadoc("The stored form of an input; absent values are left out.\n")
                    .addModifiers(Modifier.STATIC)
                    .returns(DOCUMENT)
                    .addParameter(names.input(), "input")
                    .addCode(putFields(fields, "input"))
                    .build());
            // static Patient fromDocument(Document doc) { return new Patient(BsonValues.asId(doc.get("_id")), ...); }
            List<CodeBlock> args = new ArrayList<>();
            args.add(CodeBlock.of("$T.asId(doc.get($S))", BSON_VALUES, "_id"));
            args.add(CodeBlock.of("$T.asVersion(doc.get($S))", BSON_VALUES, "version"));
            for (FieldModel field : fields) {
                if (!field.secret()) {
                    args.add(fromBson(field, CodeBlock.of("doc.get($S)", field.name())));
                }
            }
            args.add(CodeBlock.of("$T.asDatetime(doc.get($S))", BSON_VALUES, "createdAt"));
            args.add(CodeBlock.of("$T.asString(doc.get($S))", BSON_VALUES, "createdBy"));
            args.add(CodeBlock.of("$T.asDatetime(doc.get($S))", BSON_VALUES, "updatedAt"));
            args.add(CodeBlock.of("$T.asString(doc.get($S))", BSON_VALUES, "updatedBy"));
            mapping.addMethod(MethodSpec.methodBuilder("fromDocument")
                    .addJavadoc("A stored document as the API returns it: secret fields are not read.\n")
                    .addModifiers(Modifier.STATIC)
                    .returns(names.record())
                    .addParameter(DOCUMENT, "doc")
                    .addStatement("return new $T(\n$L)", names.record(), CodeBlock.join(args, ",\n"))
                    .build());
            // static ObjectNode toJson(Patient patient) { ObjectNode json = JsonValues.object(); json.set(...); }
            CodeBlock.Builder toJson = CodeBlock.builder()
                    .addStatement("$T json = $T.object()", OBJECT_NODE, JSON_VALUES)
                    .addStatement("json.set($S, $T.node(value.id()))", "id", JSON_VALUES)
                    .addStatement("json.put($S, value.version())", "version");
            for (FieldModel field : fields) {
                if (!field.secret()) {
                    toJson.addStatement(
                            "json.set($S, $L)",
                            field.name(),
                            toJsonValue(field, CodeBlock.of("value.$N()", field.name())));
                }
            }
            for (String audit : AUDIT) {
                toJson.addStatement("json.set($S, $T.node(value.$N()))", audit, JSON_VALUES, audit);
            }
            mapping.addMethod(MethodSpec.methodBuilder("toJson")
                    .addJavadoc("The JSON a client reads.\n")
                    .addModifiers(Modifier.STATIC)
                    .returns(OBJECT_NODE)
                    .addParameter(names.record(), "value")
                    .addCode(toJson.addStatement("return json").build())
                    .build());
            // static ObjectNode patchTarget(Document stored) { ObjectNode json = toJson(fromDocument(stored)); ... }
            CodeBlock.Builder target = CodeBlock.builder()
                    .addStatement("$T json = toJson(fromDocument(stored))", OBJECT_NODE)
                    .addStatement(
                            "json.remove($T.of($L))",
                            List.class,
                            SERVER_OWNED.stream()
                                    .map(a -> CodeBlock.of("$S", a))
                                    .collect(CodeBlock.joining(", ")));
            for (FieldModel field : fields) {
                if (field.secret()) {
                    target.addStatement(
                            "json.set($S, $T.node($L))",
                            field.name(),
                            JSON_VALUES,
                            fromBson(field, CodeBlock.of("stored.get($S)", field.name())));
                }
            }
            mapping.addMethod(MethodSpec.methodBuilder("patchTarget")
                    .addJavadoc(
                            "The stored fields as input JSON, secret ones included, for a merge patch to apply to.\n")
                    .addJavadoc("It never leaves the server.\n")
                    .addModifiers(Modifier.STATIC)
                    .returns(OBJECT_NODE)
                    .addParameter(DOCUMENT, "stored")
                    .addCode(target.addStatement("return json").build())
                    .build());
            nestedObjects(fields);
        }

        private void nestedObjects(List<FieldModel> fields) {
            for (FieldModel field : fields) {
                if (field.valueType() == FieldType.OBJECT) {
                    nestedObject(field);
                    nestedObjects(field.fields());
                }
            }
        }

        // private static Patient.Address readAddress(JsonInput in), addressToDocument, addressFromDocument,
        // addressToJson
        private void nestedObject(FieldModel field) {
            ClassName type = names.nestedType(field);
            String stem = stem(type);
            String known = knownConstants.get(type);
            mapping.addField(knownFields(known, field.fields()));
            mapping.addMethod(MethodSpec.methodBuilder("read" + stem)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(type)
                    .addParameter(JSON_INPUT, EntityNames.local("in", field.fields()))
                    .addCode(readFields(field.fields(), known, type))
                    .build());
            mapping.addMethod(MethodSpec.methodBuilder(lowerFirst(stem) + "ToDocument")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(DOCUMENT)
                    .addParameter(type, "value")
                    .beginControlFlow("if (value == null)")
                    .addStatement("return null")
                    .endControlFlow()
                    .addCode(putFields(field.fields(), "value"))
                    .build());
            List<CodeBlock> args = field.fields().stream()
                    .map(f -> fromBson(f, CodeBlock.of("doc.get($S)", f.name())))
                    .toList();
            mapping.addMethod(MethodSpec.methodBuilder(lowerFirst(stem) + "FromDocument")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(type)
                    .addParameter(DOCUMENT, "doc")
                    .beginControlFlow("if (doc == null)")
                    .addStatement("return null")
                    .endControlFlow()
                    .addStatement("return new $T(\n$L)", type, CodeBlock.join(args, ",\n"))
                    .build());
            CodeBlock.Builder toJson = CodeBlock.builder()
                    .beginControlFlow("if (value == null)")
                    .addStatement("return $T.node(null)", JSON_VALUES)
                    .endControlFlow()
                    .addStatement("$T json = $T.object()", OBJECT_NODE, JSON_VALUES);
            for (FieldModel nested : field.fields()) {
                toJson.addStatement(
                        "json.set($S, $L)",
                        nested.name(),
                        toJsonValue(nested, CodeBlock.of("value.$N()", nested.name())));
            }
            mapping.addMethod(MethodSpec.methodBuilder(lowerFirst(stem) + "ToJson")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(JSON_NODE)
                    .addParameter(type, "value")
                    .addCode(toJson.addStatement("return json").build())
                    .build());
        }

        // String name = in.read("name", JsonInput.STRING); ... in.rejectUnknown(FIELDS);
        // return in.build(() -> new WardInput(name, floor));
        private CodeBlock readFields(List<FieldModel> fields, String known, TypeName built) {
            CodeBlock.Builder code = CodeBlock.builder();
            String in = EntityNames.local("in", fields);
            for (FieldModel field : fields) {
                code.addStatement(
                        "$T $N = $N.read($S, $L)", names.type(field), field.name(), in, field.name(), reader(field));
            }
            code.addStatement("$N.rejectUnknown($N)", in, known);
            CodeBlock args =
                    fields.stream().map(f -> CodeBlock.of("$N", f.name())).collect(CodeBlock.joining(",$W"));
            return code.addStatement("return $N.build(() -> new $T($L))", in, built, args)
                    .build();
        }

        private CodeBlock reader(FieldModel field) {
            CodeBlock value = switch (field.valueType()) {
                case STRING, TEXT, EMAIL, URL, UUID, REF -> CodeBlock.of("$T.STRING", JSON_INPUT);
                case INT -> CodeBlock.of("$T.INT", JSON_INPUT);
                case LONG -> CodeBlock.of("$T.LONG", JSON_INPUT);
                case DOUBLE -> CodeBlock.of("$T.DOUBLE", JSON_INPUT);
                case DECIMAL -> CodeBlock.of("$T.DECIMAL", JSON_INPUT);
                case BOOLEAN -> CodeBlock.of("$T.BOOLEAN", JSON_INPUT);
                case DATE -> CodeBlock.of("$T.DATE", JSON_INPUT);
                case DATETIME -> CodeBlock.of("$T.DATETIME", JSON_INPUT);
                case ENUM -> CodeBlock.of("$T.oneOf($T.values())", JSON_INPUT, names.nestedType(field));
                case OBJECT ->
                    CodeBlock.of("$T.object($T::read$L)", JSON_INPUT, names.mapping(), stem(names.nestedType(field)));
                case LIST -> throw new IllegalStateException("no lists of lists");
            };
            return field.type() == FieldType.LIST ? CodeBlock.of("$T.listOf($L)", JSON_INPUT, value) : value;
        }

        // Document doc = new Document(); BsonValues.put(doc, "name", input.name()); return doc;
        private CodeBlock putFields(List<FieldModel> fields, String source) {
            CodeBlock.Builder code = CodeBlock.builder().addStatement("$T doc = new $T()", DOCUMENT, DOCUMENT);
            for (FieldModel field : fields) {
                code.addStatement(
                        "$T.put(doc, $S, $L)",
                        BSON_VALUES,
                        field.name(),
                        toBson(field, CodeBlock.of("$N.$N()", source, field.name())));
            }
            return code.addStatement("return doc").build();
        }

        private CodeBlock toBson(FieldModel field, CodeBlock value) {
            if (field.type() == FieldType.LIST) {
                CodeBlock item = switch (field.valueType()) {
                    case REF -> CodeBlock.of("$T::fromRef", BSON_VALUES);
                    case DECIMAL -> CodeBlock.of("$T::fromDecimal", BSON_VALUES);
                    case DATE -> CodeBlock.of("$T::fromDate", BSON_VALUES);
                    case DATETIME -> CodeBlock.of("$T::fromDatetime", BSON_VALUES);
                    case ENUM -> CodeBlock.of("$T::fromEnum", BSON_VALUES);
                    case OBJECT ->
                        CodeBlock.of(
                                "$T::$L", names.mapping(), lowerFirst(stem(names.nestedType(field))) + "ToDocument");
                    default -> null;
                };
                return item == null ? value : CodeBlock.of("$T.fromList($L, $L)", BSON_VALUES, value, item);
            }
            return switch (field.type()) {
                case REF -> CodeBlock.of("$T.fromRef($L)", BSON_VALUES, value);
                case DECIMAL -> CodeBlock.of("$T.fromDecimal($L)", BSON_VALUES, value);
                case DATE -> CodeBlock.of("$T.fromDate($L)", BSON_VALUES, value);
                case DATETIME -> CodeBlock.of("$T.fromDatetime($L)", BSON_VALUES, value);
                case ENUM -> CodeBlock.of("$T.fromEnum($L)", BSON_VALUES, value);
                case OBJECT -> CodeBlock.of("$L($L)", lowerFirst(stem(names.nestedType(field))) + "ToDocument", value);
                default -> value;
            };
        }

        private CodeBlock fromBson(FieldModel field, CodeBlock stored) {
            if (field.type() == FieldType.LIST) {
                CodeBlock item = switch (field.valueType()) {
                    case ENUM ->
                        CodeBlock.of("item -> $T.asEnum(item, $T.values())", BSON_ENUMS, names.nestedType(field));
                    case OBJECT ->
                        CodeBlock.of(
                                "item -> $L($T.asDocument(item))",
                                lowerFirst(stem(names.nestedType(field))) + "FromDocument",
                                BSON_VALUES);
                    default -> CodeBlock.of("$T::$L", BSON_VALUES, asMethod(field.valueType()));
                };
                return CodeBlock.of("$T.asList($L, $L)", BSON_VALUES, stored, item);
            }
            return switch (field.type()) {
                case ENUM -> CodeBlock.of("$T.asEnum($L, $T.values())", BSON_ENUMS, stored, names.nestedType(field));
                case OBJECT ->
                    CodeBlock.of(
                            "$L($T.asDocument($L))",
                            lowerFirst(stem(names.nestedType(field))) + "FromDocument",
                            BSON_VALUES,
                            stored);
                default -> CodeBlock.of("$T.$L($L)", BSON_VALUES, asMethod(field.type()), stored);
            };
        }

        private static String asMethod(FieldType type) {
            return switch (type) {
                case INT -> "asInt";
                case LONG -> "asLong";
                case DOUBLE -> "asDouble";
                case DECIMAL -> "asDecimal";
                case BOOLEAN -> "asBoolean";
                case DATE -> "asDate";
                case DATETIME -> "asDatetime";
                case REF -> "asId";
                default -> "asString";
            };
        }

        private CodeBlock toJsonValue(FieldModel field, CodeBlock value) {
            if (field.valueType() == FieldType.OBJECT) {
                String method = lowerFirst(stem(names.nestedType(field))) + "ToJson";
                return field.type() == FieldType.LIST
                        ? CodeBlock.of("$T.array($L, $T::$L)", JSON_VALUES, value, names.mapping(), method)
                        : CodeBlock.of("$L($L)", method, value);
            }
            return field.type() == FieldType.LIST
                    ? CodeBlock.of("$T.array($L, $T::node)", JSON_VALUES, value, JSON_VALUES)
                    : CodeBlock.of("$T.node($L)", JSON_VALUES, value);
        }

        // private static final Set<String> FIELDS = Set.of("name", "floor");
        private static FieldSpec knownFields(String constant, List<FieldModel> fields) {
            return FieldSpec.builder(
                            ParameterizedTypeName.get(Set.class, String.class),
                            constant,
                            Modifier.PRIVATE,
                            Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer(
                            "$T.of($L)",
                            Set.class,
                            fields.stream()
                                    .map(f -> CodeBlock.of("$S", f.name()))
                                    .collect(CodeBlock.joining(",$W")))
                    .build();
        }

        /** The name part of a nested object's helper methods, unique within the mapping. */
        private String stem(ClassName nested) {
            return stems.get(nested);
        }

        /** {@code Patient.Contact.Kind} gives {@code ContactKind}. */
        private static String joined(ClassName nested) {
            List<String> simple = nested.simpleNames();
            return String.join("", simple.subList(1, simple.size()));
        }

        private static String lowerFirst(String s) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
    }
}
