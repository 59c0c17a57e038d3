package dev.instacrud.runtime.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path such as {@code /api/v1/tasks/{id}}: literal segments and whole-segment parameters; a trailing slash
 * matches the same route.
 *
 * <p>Not Jetty's {@code UriTemplatePathSpec}: it cuts a decoded path at {@code ?} (so {@code /tasks/a%3Fb}
 * would match with id {@code a}) and reads literal segments as regular expressions.
 */
final class PathTemplate {
    private final String text;
    private final List<String> segments;

    PathTemplate(String text) {
        if (!text.startsWith("/") || text.contains("//") || text.contains("..")) {
            throw new IllegalArgumentException("bad path template: " + text);
        }
        this.text = text;
        this.segments = split(text);
        for (String segment : segments) {
            if (segment.startsWith("{") != segment.endsWith("}")
                    || segment.startsWith("{")
                            && !segment.substring(1, segment.length() - 1).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("bad path template segment: " + segment);
            }
        }
    }

    String text() {
        return text;
    }

    /** The parameters when the path matches, else null. */
    Map<String, String> match(List<String> path) {
        if (path.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{")) {
                if (path.get(i).isEmpty()) {
                    return null;
                }
                params.put(segment.substring(1, segment.length() - 1), path.get(i));
            } else if (!segment.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.substring(1).split("/", -1)) {
            out.add(part);
        }
        if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1); // a trailing slash matches the same route
        }
        return out;
    }
}
