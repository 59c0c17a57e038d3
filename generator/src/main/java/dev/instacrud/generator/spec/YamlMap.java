package dev.instacrud.generator.spec;

import dev.instacrud.generator.model.Position;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML mapping with its entries in file order; each entry keeps the key's position.
 *
 * @param position where the mapping starts
 * @param entries  key to entry, in file order (the first of duplicate keys wins)
 */
public record YamlMap(Position position, Map<String, Entry> entries) implements YamlNode {

    /**
     * One key and its value.
     *
     * @param key         the key text
     * @param keyPosition where the key is
     * @param value       the value node
     */
    public record Entry(String key, Position keyPosition, YamlNode value) {}

    /** Keeps the caller's order, read-only. */
    public YamlMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The entry for a key, if present. */
    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The value for a key, if present. */
    public Optional<YamlNode> get(String key) {
        return entry(key).map(Entry::value);
    }

    /** The value for a key if it is a scalar. */
    public Optional<YamlScalar> scalar(String key) {
        return get(key).filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast);
    }

    /** The value for a key if it is a map. */
    public Optional<YamlMap> map(String key) {
        return get(key).filter(YamlMap.class::isInstance).map(YamlMap.class::cast);
    }

    /** The value for a key if it is a list. */
    public Optional<YamlList> list(String key) {
        return get(key).filter(YamlList.class::isInstance).map(YamlList.class::cast);
    }

    /** The text of a key's value if it is a non-null scalar. */
    public Optional<String> text(String key) {
        return scalar(key).filter(s -> s.kind() != YamlScalar.Kind.NULL).map(YamlScalar::text);
    }

    /** The entry for a key of the language, if present. */
    public Optional<Entry> entry(SpecLanguage.Key key) {
        return entry(key.spelling());
    }

    /** The value for a key of the language, if present. */
    public Optional<YamlNode> get(SpecLanguage.Key key) {
        return get(key.spelling());
    }

    /** The value for a key of the language if it is a scalar. */
    public Optional<YamlScalar> scalar(SpecLanguage.Key key) {
        return scalar(key.spelling());
    }

    /** The value for a key of the language if it is a map. */
    public Optional<YamlMap> map(SpecLanguage.Key key) {
        return map(key.spelling());
    }

    /** The value for a key of the language if it is a list. */
    public Optional<YamlList> list(SpecLanguage.Key key) {
        return list(key.spelling());
    }

    /** The text of a key of the language's value if it is a non-null scalar. */
    public Optional<String> text(SpecLanguage.Key key) {
        return text(key.spelling());
    }

    @Override
    public String describe() {
        return "a map";
    }
}
