package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.spec.SpecLanguage;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.SpecLanguage.Service;
import dev.instacrud.generator.spec.SpecLanguage.Top;
import dev.instacrud.generator.spec.YamlList;
import dev.instacrud.generator.spec.YamlNode;
import dev.instacrud.generator.spec.YamlScalar;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Names that become Java identifiers: entities PascalCase and not a {@code java.lang} type, fields camelCase
 * and not a Java keyword nor a field the runtime owns, enum values that make distinct constants.
 */
final class NameRule implements Rule {

    /** java.lang types a generated record would shadow, breaking generated code that uses them. */
    private static final Set<String> JAVA_LANG = Set.of(
            "Object",
            "String",
            "Class",
            "Integer",
            "Long",
            "Double",
            "Float",
            "Short",
            "Byte",
            "Character",
            "Boolean",
            "Number",
            "Void",
            "Enum",
            "Record",
            "Math",
            "System",
            "Thread",
            "Runtime",
            "Process",
            "Exception",
            "Error",
            "Throwable",
            "Override",
            "Deprecated",
            "Iterable",
            "Comparable",
            "Runnable",
            "StringBuilder",
            "Module",
            "Package",
            "SafeVarargs");

    /** Methods every record inherits or declares: a record component of that name does not compile. */
    private static final Set<String> RECORD_METHODS =
            Set.of("toString", "hashCode", "equals", "getClass", "wait", "notify", "notifyAll", "clone", "finalize");

    // compiled once: String.matches compiles its pattern on every call, and this rule asks for every name
    private static final Pattern ENTITY_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern ENUM_VALUE = Pattern.compile("[A-Za-z][A-Za-z0-9]*([_-][A-Za-z0-9]+)*");

    @Override
    public String id() {
        return "name";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        Set<String> entityNames = new HashSet<>(tree.entityNames());
        for (SpecTree.EntityNode e : tree.entities()) {
            String n = e.name();
            if (!ENTITY_NAME.matcher(n).matches()) {
                report.at(
                        e.position(),
                        "entity name '" + n + "' must be PascalCase: a capital letter, then letters and digits");
            } else if (JAVA_LANG.contains(n)) {
                report.at(
                        e.position(), "entity name '" + n + "' clashes with java.lang." + n + "; choose another name");
            } else {
                generatedClash(tree, entityNames, e, report);
            }
        }
        for (SpecTree.FieldNode f : tree.fields()) {
            String n = f.name();
            if (!FIELD_NAME.matcher(n).matches()) {
                report.at(
                        f.position(),
                        "field name '" + n + "' must be camelCase: a small letter, then letters and digits");
            } else if (SourceVersion.isKeyword(n)) {
                report.at(f.position(), "field name '" + n + "' is a Java keyword");
            } else if (RECORD_METHODS.contains(n)) {
                report.at(
                        f.position(), "field name '" + n + "' is a method every Java record has; choose another name");
            } else if (!f.nested() && SpecLanguage.RESERVED_FIELDS.contains(n)) {
                report.at(
                        f.position(),
                        "field name '" + n + "' is reserved: the service sets "
                                + String.join(", ", SpecLanguage.RESERVED_FIELDS) + " itself");
            }
            if (f.valueType().filter(t -> t == FieldType.ENUM).isPresent()) {
                f.map().flatMap(m -> m.list(Field.VALUES)).ifPresent(l -> enumValues(f, l, report));
            }
        }
    }

    // Each entity generates <Name>Input, <Name>Mapping, ... and the service <Service>Application and
    // <Service>Endpoints: no entity may take one of those names.
    // By suffix and a set of the names, not by every pair of entities: no suffix ends another, so at most one
    // entity can be the other one.
    private static void generatedClash(SpecTree tree, Set<String> entityNames, SpecTree.EntityNode e, Reporter report) {
        String n = e.name();
        for (String suffix : Names.GENERATED_SUFFIXES) {
            String other = n.substring(0, Math.max(0, n.length() - suffix.length()));
            if (n.endsWith(suffix) && entityNames.contains(other)) {
                report.at(
                        e.position(),
                        "entity name '" + n + "' clashes with the generated " + n + " of entity '" + other
                                + "'; choose another name");
                return;
            }
        }
        tree.section(Top.SERVICE)
                .flatMap(s -> s.scalar(Service.NAME))
                .filter(s -> s.kind() == YamlScalar.Kind.STRING
                        && SERVICE_NAME.matcher(s.text()).matches())
                .ifPresent(s -> {
                    if (Names.applicationClass(s.text()).equals(n)) {
                        report.at(
                                e.position(),
                                "entity name '" + n
                                        + "' clashes with the service's generated application class; choose another name");
                    } else if (Names.endpointsClass(s.text()).equals(n)) {
                        report.at(
                                e.position(),
                                "entity name '" + n
                                        + "' clashes with the service's endpoints class (your own routes); choose"
                                        + " another name");
                    }
                });
    }

    private static void enumValues(SpecTree.FieldNode f, YamlList values, Reporter report) {
        Map<String, String> constants = new HashMap<>();
        for (YamlNode item : values.items()) {
            if (!(item instanceof YamlScalar s) || s.kind() != YamlScalar.Kind.STRING) {
                continue;
            }
            if (!ENUM_VALUE.matcher(s.text()).matches()) {
                report.at(
                        s.position(),
                        "enum value '" + s.text() + "' of field '" + f.qualifiedName()
                                + "' must be a letter, then letters, digits, and single '-' or '_' between them");
                continue;
            }
            String earlier = constants.putIfAbsent(Names.constant(s.text()), s.text());
            if (earlier != null) {
                report.at(
                        s.position(),
                        "enum value '" + s.text() + "' of field '" + f.qualifiedName()
                                + (earlier.equals(s.text())
                                        ? "' is listed twice"
                                        : "' is the same constant as '" + earlier + "'"));
            }
        }
    }
}
