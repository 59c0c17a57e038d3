package dev.instacrud.runtime.data;

import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * What a client said about the version it expects, through {@code If-Match} or {@code If-None-Match} (RFC 9110
 * section 13.1). A document's entity tag is its version, strong and quoted: {@code "3"} ({@link #etag}).
 *
 * <p>{@code If-Match} compares strongly: {@code W/"3"} never matches, and a tag this service never sends (such as
 * {@code "abc"}) matches nothing. {@code If-None-Match} compares weakly: {@code W/"3"} matches version 3. Either
 * may be {@code *} (any current version) or a list ({@code "3", "4"}). A value that is not an entity tag list
 * (an unquoted {@code 3}, say) is a 400 saying what to send. Immutable.
 */
@GeneratedCodeApi
public final class Precondition {
    /** No condition: the header was not sent. */
    public static final Precondition NONE = new Precondition(Kind.NONE, Set.of());

    /** The request header of the writes' condition. */
    public static final String IF_MATCH = "If-Match";

    /** The request header of a conditional read. */
    public static final String IF_NONE_MATCH = "If-None-Match";

    private enum Kind {
        NONE,
        ANY,
        TAGS
    }

    private final Kind kind;
    private final Set<Long> versions;

    private Precondition(Kind kind, Set<Long> versions) {
        this.kind = kind;
        this.versions = versions;
    }

    /** The entity tag of a version, quotes included: {@code "3"}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The condition of an {@code If-Match} header (strong comparison).
     *
     * @param header the header's value, empty when the request had none
     * @throws ApiException 400 when the value is not {@code *} or a list of entity tags
     */
    public static Precondition ifMatch(Optional<String> header) {
        return parse(IF_MATCH, header, false);
    }

    /**
     * The condition of an {@code If-None-Match} header (weak comparison).
     *
     * @param header the header's value, empty when the request had none
     * @throws ApiException 400 when the value is not {@code *} or a list of entity tags
     */
    public static Precondition ifNoneMatch(Optional<String> header) {
        return parse(IF_NONE_MATCH, header, true);
    }

    /** A condition on these versions, as an {@code If-Match} naming their tags would be. */
    public static Precondition versions(long... expected) {
        Set<Long> set = new LinkedHashSet<>();
        for (long v : expected) {
            set.add(v);
        }
        return new Precondition(Kind.TAGS, Set.copyOf(set));
    }

    /** Whether the header was sent. */
    public boolean isPresent() {
        return kind != Kind.NONE;
    }

    /** Whether a document at {@code version} meets a condition that was sent ({@code false} when none was). */
    public boolean matches(long version) {
        return kind == Kind.ANY || (kind == Kind.TAGS && versions.contains(version));
    }

    /**
     * This condition, required: a 428 when no version was named ({@code If-Match} missing, or {@code *}, which names
     * none), for entities whose writes must say which version they change.
     */
    public Precondition required() {
        if (kind != Kind.TAGS) {
            throw new ApiException(
                    428,
                    "Precondition Required",
                    "This write needs If-Match with the ETag of the version it changes (read the document first)");
        }
        return this;
    }

    /**
     * The 412 for a document whose current version is not one this condition names: the detail and the {@code
     * currentVersion} member name it, and the {@code ETag} header carries its tag.
     */
    static ApiException failed(long current) {
        return new ApiException(
                        412,
                        "Precondition Failed",
                        "The document has changed: its current version is " + current
                                + "; read it again and retry with If-Match: " + etag(current))
                .member("currentVersion", current)
                .header("ETag", etag(current));
    }

    /** The part of a conditional write's filter that holds it to the named versions; null when none were named. */
    Document filter() {
        if (kind != Kind.TAGS) {
            return null;
        }
        return Versions.filter(versions);
    }

    private static Precondition parse(String name, Optional<String> header, boolean weakMatches) {
        if (header.isEmpty() || header.get().isBlank()) {
            return NONE;
        }
        String value = header.get().trim();
        if (value.equals("*")) {
            return new Precondition(Kind.ANY, Set.of());
        }
        Set<Long> versions = new LinkedHashSet<>();
        for (String tag : split(name, value)) {
            boolean weak = tag.startsWith("W/");
            String opaque = weak ? tag.substring(2) : tag;
            if (opaque.length() < 2 || opaque.charAt(0) != '"' || opaque.charAt(opaque.length() - 1) != '"') {
                throw malformed(name);
            }
            String inner = opaque.substring(1, opaque.length() - 1);
            if (inner.indexOf('"') >= 0) {
                throw malformed(name);
            }
            if ((weakMatches || !weak) && inner.matches("(0|[1-9][0-9]{0,17})")) {
                versions.add(Long.parseLong(inner));
            }
        }
        return new Precondition(Kind.TAGS, Set.copyOf(versions));
    }

    // #entity-tag: tags separated by commas (with optional whitespace); an entity tag holds no comma's meaning
    // outside its quotes, and never holds a quote.
    private static List<String> split(String name, String value) {
        List<String> tags = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                tags.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        tags.add(current.toString().trim());
        tags.removeIf(String::isEmpty); // RFC 9110 section 5.6.1: empty list elements are ignored
        if (quoted || tags.isEmpty()) {
            throw malformed(name);
        }
        return tags;
    }

    private static ApiException malformed(String name) {
        return ApiException.badRequest(name + " must be * or a list of entity tags such as \"3\" (quotes included)");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "Precondition[none]";
            case ANY -> "Precondition[*]";
            case TAGS -> "Precondition" + versions;
        };
    }
}
