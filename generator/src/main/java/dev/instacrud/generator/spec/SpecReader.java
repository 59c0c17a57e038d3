package dev.instacrud.generator.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.instacrud.generator.model.Position;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads spec text into a {@link YamlNode} tree that keeps the position of every key and value, using
 * Jackson's streaming YAML parser (a {@code JsonNode} tree would forget positions). Syntax errors and
 * duplicate keys become diagnostics; nothing here throws on bad input.
 */
public final class SpecReader {

    /** Rule id of YAML syntax errors. */
    public static final String SYNTAX = "yaml-syntax";
    /** Rule id of duplicate keys. */
    public static final String DUPLICATE_KEY = "duplicate-key";

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    /**
     * The outcome of reading.
     *
     * @param root        the tree, empty when the text is not YAML (or is empty)
     * @param diagnostics syntax and duplicate-key problems
     */
    public record Result(Optional<YamlNode> root, List<Diagnostic> diagnostics) {
        /** Copies the list so the record stays immutable. */
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private SpecReader(String file) {
        this.file = file;
    }

    /** Reads one YAML document; {@code file} only labels the diagnostics. */
    public static Result read(String file, String text) {
        return new SpecReader(file).readDocument(text);
    }

    private Result readDocument(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Result(Optional.empty(), diagnostics);
            }
            YamlNode root = readValue(parser);
            return new Result(Optional.of(root), diagnostics);
        } catch (JacksonException e) {
            diagnostics.add(
                    Diagnostic.at(file, position(e.getLocation()), SYNTAX, syntaxMessage(e.getOriginalMessage())));
        } catch (IOException | RuntimeException e) {
            // SnakeYAML can fail outside Jackson's wrapping (e.g. limits); still a problem of the input, not ours
            diagnostics.add(Diagnostic.at(file, Position.START, SYNTAX, syntaxMessage(String.valueOf(e.getMessage()))));
        }
        return new Result(Optional.empty(), diagnostics);
    }

    private YamlNode readValue(JsonParser parser) throws IOException {
        Position at = position(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readMap(parser, at);
            case START_ARRAY:
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser));
                }
                return new YamlList(at, items);
            case VALUE_NUMBER_INT:
                return new YamlScalar(at, YamlScalar.Kind.INTEGER, parser.getText());
            case VALUE_NUMBER_FLOAT:
                return new YamlScalar(at, YamlScalar.Kind.FLOAT, parser.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlScalar(at, YamlScalar.Kind.BOOLEAN, parser.getText());
            case VALUE_NULL:
                return new YamlScalar(at, YamlScalar.Kind.NULL, "null");
            default:
                // strings, and anything exotic (embedded binary) read as its text
                return new YamlScalar(at, YamlScalar.Kind.STRING, String.valueOf(parser.getText()));
        }
    }

    private YamlMap readMap(JsonParser parser, Position at) throws IOException {
        Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Position keyAt = position(parser.currentTokenLocation());
            parser.nextToken();
            YamlNode value = readValue(parser);
            YamlMap.Entry earlier = entries.get(key);
            if (earlier == null) {
                entries.put(key, new YamlMap.Entry(key, keyAt, value));
            } else {
                diagnostics.add(Diagnostic.at(
                        file,
                        keyAt,
                        DUPLICATE_KEY,
                        "duplicate key '" + key + "' (first at line "
                                + earlier.keyPosition().line() + ")"));
            }
        }
        return new YamlMap(at, entries);
    }

    private static Position position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Position.START;
        }
        return new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /** SnakeYAML messages repeat the position and quote the source over several lines: keep the gist. */
    static String syntaxMessage(String raw) {
        String text = raw == null ? "" : raw.strip();
        StringBuilder gist = new StringBuilder();
        boolean quoting = false;
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("at [Source")) {
                break;
            }
            if (l.startsWith("in '")) {
                quoting = true; // the source excerpt follows, up to the caret line
                continue;
            }
            if (quoting) {
                quoting = !l.startsWith("^");
                continue;
            }
            if (l.isEmpty()) {
                continue;
            }
            if (gist.length() > 0) {
                gist.append("; ");
            }
            gist.append(l);
        }
        return "YAML syntax: " + (gist.length() == 0 ? "not a valid YAML document" : gist);
    }
}
