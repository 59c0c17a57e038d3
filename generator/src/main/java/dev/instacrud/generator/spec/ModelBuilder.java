package dev.instacrud.generator.spec;

import dev.instacrud.generator.model.AuthModel;
import dev.instacrud.generator.model.Constraints;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.model.OAuthProvider;
import dev.instacrud.generator.model.OnDelete;
import dev.instacrud.generator.model.Registration;
import dev.instacrud.generator.model.Scope;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.model.Tenancy;
import dev.instacrud.generator.model.WriteRole;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the immutable model from a YAML tree that the checker found clean, applying defaults. It asserts
 * rather than reports: on a tree with problems it may throw {@link IllegalStateException}.
 */
public final class ModelBuilder {

    private static final List<WriteRole> DEFAULT_WRITE = List.of(WriteRole.ORG_ADMIN, WriteRole.USER);

    private ModelBuilder() {}

    /** The model of a clean spec. */
    public static ServiceModel build(String file, YamlNode rootNode) {
        YamlMap root = (YamlMap) rootNode;
        YamlMap service = root.map("service").orElseThrow(IllegalStateException::new);
        List<EntityModel> entities = new ArrayList<>();
        for (YamlMap.Entry e : root.map("entities")
                .orElseThrow(IllegalStateException::new)
                .entries()
                .values()) {
            entities.add(entity(e));
        }
        return new ServiceModel(
                service.text("name").orElseThrow(),
                service.text("package").orElseThrow(),
                service.text("description"),
                auth(root.map("auth")),
                root.text("tenancy").map(t -> Tenancy.valueOf(constant(t))).orElse(Tenancy.DATABASE_PER_ORG),
                root.scalar("admin").flatMap(ScalarValues::bool).orElse(true),
                entities,
                file);
    }

    private static AuthModel auth(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return AuthModel.DEFAULT;
        }
        YamlMap a = section.get();
        return new AuthModel(
                a.text("registration")
                        .map(r -> Registration.valueOf(constant(r)))
                        .orElse(Registration.OPEN),
                names(a.list("oauth")).stream()
                        .map(p -> OAuthProvider.valueOf(constant(p)))
                        .toList(),
                a.scalar("turnstile").flatMap(ScalarValues::bool).orElse(false));
    }

    private static EntityModel entity(YamlMap.Entry e) {
        YamlMap m = (YamlMap) e.value();
        String path = m.text("path").orElse(Names.defaultPath(e.key()));
        List<WriteRole> write = m.list("write")
                .map(l -> names(Optional.of(l)).stream().map(WriteRole::valueOf).toList())
                .orElse(DEFAULT_WRITE);
        return new EntityModel(
                e.key(),
                m.text("scope").map(s -> Scope.valueOf(constant(s))).orElse(Scope.ORG),
                path,
                Names.collection(path),
                write,
                m.text("display"),
                m.text("description"),
                fields(m.map("fields").orElseThrow()),
                e.keyPosition());
    }

    private static List<FieldModel> fields(YamlMap map) {
        List<FieldModel> out = new ArrayList<>();
        for (YamlMap.Entry e : map.entries().values()) {
            out.add(field(e));
        }
        return out;
    }

    private static FieldModel field(YamlMap.Entry e) {
        YamlMap m = (YamlMap) e.value();
        FieldType type = FieldType.fromSpecName(m.text("type").orElseThrow()).orElseThrow();
        Optional<FieldType> itemType = type == FieldType.LIST
                ? Optional.of(FieldType.fromSpecName(m.text("of").orElseThrow()).orElseThrow())
                : Optional.empty();
        List<String> values = names(m.list("values"));
        Optional<Object> defaultValue = m.scalar("default")
                .filter(s -> s.kind() != YamlScalar.Kind.NULL)
                .map(s -> ScalarValues.parse(type, s, values).value().orElseThrow());
        Constraints constraints = new Constraints(
                count(m, "minLength"),
                count(m, "maxLength"),
                m.text("pattern"),
                number(m, "minimum"),
                number(m, "maximum"),
                number(m, "exclusiveMinimum"),
                number(m, "exclusiveMaximum"),
                count(m, "minItems"),
                count(m, "maxItems"),
                flag(m, "uniqueItems"));
        return new FieldModel(
                e.key(),
                type,
                itemType,
                m.text("to"),
                values,
                m.map("fields").map(ModelBuilder::fields).orElse(List.of()),
                flag(m, "required"),
                defaultValue,
                constraints,
                flag(m, "unique"),
                flag(m, "secret"),
                m.text("onDelete").map(o -> OnDelete.valueOf(constant(o))),
                m.text("description"),
                e.keyPosition());
    }

    private static List<String> names(Optional<YamlList> list) {
        return list.map(l ->
                        l.items().stream().map(i -> ((YamlScalar) i).text()).toList())
                .orElse(List.of());
    }

    private static Optional<Integer> count(YamlMap m, String key) {
        return m.scalar(key).flatMap(ScalarValues::count);
    }

    private static Optional<BigDecimal> number(YamlMap m, String key) {
        return m.scalar(key).flatMap(ScalarValues::number);
    }

    private static boolean flag(YamlMap m, String key) {
        return m.scalar(key).flatMap(ScalarValues::bool).orElse(false);
    }

    private static String constant(String specValue) {
        return specValue.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
