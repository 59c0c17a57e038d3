package dev.instacrud.generator.model;

import java.util.List;
import java.util.Locale;

/** Names derived from spec names, in one place so the checker and the model agree. */
public final class Names {

    private Names() {}

    /** The default URL path of an entity: the kebab-case plural of its name ({@code TaskNote} to {@code task-notes}). */
    public static String defaultPath(String entityName) {
        String kebab = entityName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return plural(kebab);
    }

    /** The suffixes of the types generated per entity ({@code Ward} gives {@code WardInput}, ...). */
    public static final List<String> GENERATED_SUFFIXES = List.of("Input", "Mapping", "Hooks", "Repository", "Routes");

    /**
     * The simple name of the service's application class: {@code clinic} gives {@code ClinicApplication},
     * {@code time-off} gives {@code TimeOffApplication}.
     */
    public static String applicationClass(String serviceName) {
        return pascal(serviceName) + "Application";
    }

    /**
     * The simple name of the service's own routes class, the user's to edit: {@code clinic} gives {@code
     * ClinicEndpoints}.
     */
    public static String endpointsClass(String serviceName) {
        return pascal(serviceName) + "Endpoints";
    }

    private static String pascal(String serviceName) {
        StringBuilder name = new StringBuilder();
        for (String part : serviceName.split("-")) {
            if (!part.isEmpty()) {
                name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return name.toString();
    }

    /**
     * An entity name with its indefinite article, by how it is said: {@code a Task}, {@code an Issue}, {@code an
     * Order}, {@code a User}, {@code an Update}, {@code an Hour}.
     */
    public static String withArticle(String name) {
        return (startsWithVowelSound(name) ? "an " : "a ") + name;
    }

    private static boolean startsWithVowelSound(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("hour")
                || lower.startsWith("honest")
                || lower.startsWith("honor")
                || lower.startsWith("honour")
                || lower.startsWith("heir")) {
            return true;
        }
        if (lower.startsWith("one") || lower.startsWith("once")) {
            return false; // "a one-off"
        }
        if (lower.startsWith("u")) {
            // "a user", "a unit", "a utility" (a "you" sound); "an update", "an umbrella", "an upload"
            return !(lower.startsWith("uni")
                    || lower.startsWith("use")
                    || lower.startsWith("usu")
                    || lower.startsWith("uti")
                    || lower.startsWith("ura")
                    || lower.startsWith("uri")
                    || lower.startsWith("uro"));
        }
        if (lower.startsWith("eu")) {
            return false; // "a euro"
        }
        return !lower.isEmpty() && "aeio".indexOf(lower.charAt(0)) >= 0;
    }

    /** The MongoDB collection of a path: '-' becomes '_'. */
    public static String collection(String path) {
        return path.replace('-', '_');
    }

    /** The Java constant name of an enum value ({@code in-progress} to {@code IN_PROGRESS}). */
    public static String constant(String enumValue) {
        return enumValue
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replace('-', '_')
                .toUpperCase(Locale.ROOT);
    }

    private static String plural(String word) {
        if (word.matches(".*[^aeiou]y")) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (word.matches(".*(s|x|z|ch|sh)")) {
            return word + "es";
        }
        return word + "s";
    }
}
