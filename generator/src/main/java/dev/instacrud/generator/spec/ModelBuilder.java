package dev.instacrud.generator.spec;

import dev.instacrud.generator.model.AuthModel;
import dev.instacrud.generator.model.Constraints;
import dev.instacrud.generator.model.EmailVerification;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.model.OAuthProvider;
import dev.instacrud.generator.model.OnDelete;
import dev.instacrud.generator.model.Registration;
import dev.instacrud.generator.model.Scope;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.model.SpecName;
import dev.instacrud.generator.model.Tenancy;
import dev.instacrud.generator.model.WriteRole;
import dev.instacrud.generator.spec.SpecLanguage.Auth;
import dev.instacrud.generator.spec.SpecLanguage.Entity;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.SpecLanguage.Key;
import dev.instacrud.generator.spec.SpecLanguage.Service;
import dev.instacrud.generator.spec.SpecLanguage.Top;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the immutable model from a YAML tree that the checker found clean, applying defaults. Keys are those of
 * {@link SpecLanguage}; values with a fixed choice become the model's enum constants through {@link SpecName}. It
 * asserts rather than reports: on a tree with problems it may throw {@link IllegalStateException}.
 */
public final class ModelBuilder {

    private static final List<WriteRole> DEFAULT_WRITE = List.of(WriteRole.ORG_ADMIN, WriteRole.USER);

    private ModelBuilder() {}

    /** The model of a clean spec. */
    public static ServiceModel build(String file, YamlNode rootNode) {
        YamlMap root = (YamlMap) rootNode;
        YamlMap service = root.map(Top.SERVICE).orElseThrow(IllegalStateException::new);
        List<EntityModel> entities = new ArrayList<>();
        for (YamlMap.Entry e : root.map(Top.ENTITIES)
                .orElseThrow(IllegalStateException::new)
                .entries()
                .values()) {
            entities.add(entity(e));
        }
        return new ServiceModel(
                service.text(Service.NAME).orElseThrow(),
                service.text(Service.PACKAGE).orElseThrow(),
                service.text(Service.DESCRIPTION),
                auth(root.map(Top.AUTH)),
                root.text(Top.TENANCY).map(t -> fromSpec(Tenancy.values(), t)).orElse(Tenancy.DATABASE_PER_ORG),
                root.scalar(Top.ADMIN).flatMap(ScalarValues::bool).orElse(true),
                entities,
                file);
    }

    private static AuthModel auth(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return AuthModel.DEFAULT;
        }
        YamlMap a = section.get();
        return new AuthModel(
                a.text(Auth.REGISTRATION)
                        .map(r -> fromSpec(Registration.values(), r))
                        .orElse(Registration.OPEN),
                names(a.list(Auth.OAUTH)).stream()
                        .map(p -> fromSpec(OAuthProvider.values(), p))
                        .toList(),
                flag(a, Auth.TURNSTILE),
                a.text(Auth.EMAIL_VERIFICATION)
                        .map(v -> fromSpec(EmailVerification.values(), v))
                        .orElse(EmailVerification.OPTIONAL));
    }

    private static EntityModel entity(YamlMap.Entry e) {
        YamlMap m = (YamlMap) e.value();
        String path = m.text(Entity.PATH).orElse(Names.defaultPath(e.key()));
        List<WriteRole> write = m.list(Entity.WRITE)
                .map(l -> names(Optional.of(l)).stream()
                        .map(r -> fromSpec(WriteRole.values(), r))
                        .toList())
                .orElse(DEFAULT_WRITE);
        return new EntityModel(
                e.key(),
                m.text(Entity.SCOPE).map(s -> fromSpec(Scope.values(), s)).orElse(Scope.ORG),
                path,
                Names.collection(path),
                write,
                m.text(Entity.DISPLAY),
                m.text(Entity.DESCRIPTION),
                fields(m.map(Entity.FIELDS).orElseThrow()),
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
        FieldType type = fromSpec(FieldType.values(), m.text(Field.TYPE).orElseThrow());
        Optional<FieldType> itemType = type == FieldType.LIST
                ? Optional.of(fromSpec(FieldType.values(), m.text(Field.OF).orElseThrow()))
                : Optional.empty();
        List<String> values = names(m.list(Field.VALUES));
        Optional<Object> defaultValue = m.scalar(Field.DEFAULT)
                .filter(s -> s.kind() != YamlScalar.Kind.NULL)
                .map(s -> ScalarValues.parse(type, s, values).value().orElseThrow());
        Constraints constraints = new Constraints(
                count(m, Field.MIN_LENGTH),
                count(m, Field.MAX_LENGTH),
                m.text(Field.PATTERN),
                number(m, Field.MINIMUM),
                number(m, Field.MAXIMUM),
                number(m, Field.EXCLUSIVE_MINIMUM),
                number(m, Field.EXCLUSIVE_MAXIMUM),
                count(m, Field.MIN_ITEMS),
                count(m, Field.MAX_ITEMS),
                flag(m, Field.UNIQUE_ITEMS));
        return new FieldModel(
                e.key(),
                type,
                itemType,
                m.text(Field.TO),
                values,
                m.map(Field.FIELDS).map(ModelBuilder::fields).orElse(List.of()),
                flag(m, Field.REQUIRED),
                defaultValue,
                constraints,
                flag(m, Field.UNIQUE),
                flag(m, Field.SEARCHABLE),
                flag(m, Field.SECRET),
                m.text(Field.ON_DELETE).map(o -> fromSpec(OnDelete.values(), o)),
                m.text(Field.DESCRIPTION),
                e.keyPosition());
    }

    private static List<String> names(Optional<YamlList> list) {
        return list.map(l ->
                        l.items().stream().map(i -> ((YamlScalar) i).text()).toList())
                .orElse(List.of());
    }

    private static Optional<Integer> count(YamlMap m, Key key) {
        return m.scalar(key).flatMap(ScalarValues::count);
    }

    private static Optional<BigDecimal> number(YamlMap m, Key key) {
        return m.scalar(key).flatMap(ScalarValues::number);
    }

    private static boolean flag(YamlMap m, Key key) {
        return m.scalar(key).flatMap(ScalarValues::bool).orElse(false);
    }

    /** The model constant of a value the checker found among the key's choices. */
    private static <E extends SpecName> E fromSpec(E[] constants, String spelling) {
        return SpecName.find(constants, spelling)
                .orElseThrow(() -> new IllegalStateException("unchecked value " + spelling));
    }
}
