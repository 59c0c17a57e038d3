package dev.instacrud.runtime.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.mapping.BsonValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Turns a client filter (JSON text with MongoDB operators) into a {@link Document} that is safe to run,
 * or refuses it with a 400 whose {@link ErrorDetail} names the reason ({@code loc} = {@code ["query",
 * "filter", ...path]}).
 *
 * <p>Allowlist, not blocklist: only {@code $and $or $nor $not $eq $ne $gt $gte $lt $lte $in $nin $exists
 * $type $all $elemMatch $size} pass ({@code $regex} is left out for ReDoS, {@code $where}/{@code
 * $function}/{@code $expr} run code). Only fields the entity declares, never {@code SECRET} ones, and the
 * bounds of {@link QueryLimits}. The text is read as strict JSON, not MongoDB Extended JSON, so no
 * regular expression, code or other special BSON value can enter as a literal; duplicate keys are
 * refused. Values of id and ref fields become ObjectIds (malformed: 400), of date fields dates (outside the
 * years 0001–9999 that stored dates are kept to: 400).
 *
 * <p>The result is only the client's part: the repository always wraps it with the caller's scope.
 * Thread-safe.
 */
public final class FilterGuard {
    /** Error types, stable for clients and tests. */
    public static final String OPERATOR_NOT_ALLOWED = "operator_not_allowed",
            FIELD_NOT_ALLOWED = "field_not_allowed",
            FIELD_NOT_FILTERABLE = "field_not_filterable",
            INVALID_FILTER = "invalid_filter",
            TOO_DEEP = "too_deep",
            TOO_MANY_CLAUSES = "too_many_clauses",
            TOO_MANY_VALUES = "too_many_values",
            TOO_LONG = "too_long",
            OBJECT_ID = "object_id";

    private static final Set<String> LOGICAL = Set.of("$and", "$or", "$nor");
    private static final Set<String> COMPARISON = Set.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte");
    private static final Set<String> LIST = Set.of("$in", "$nin", "$all");
    // the aliases a JSON document can hold; an unknown one would be a server error, not a 400
    private static final Set<String> TYPE_NAMES = new java.util.TreeSet<>(Set.of(
            "double",
            "string",
            "object",
            "array",
            "objectId",
            "bool",
            "date",
            "null",
            "int",
            "long",
            "decimal",
            "number"));

    private final Map<String, FieldKind> fields;
    private final QueryLimits limits;
    private final ObjectMapper mapper;

    /**
     * @param fields the filterable fields and their kind, by stored name (dotted for embedded fields;
     *     {@code _id} is always added as {@code id})
     * @param limits the bounds to enforce
     */
    public FilterGuard(Map<String, FieldKind> fields, QueryLimits limits) {
        this.fields = Map.copyOf(fields);
        this.limits = limits;
        // a deep document must not cost a deep stack before our own depth check sees it
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
    }

    /**
     * Parses and checks a filter. Blank or {@code null} means no filter (an empty document).
     *
     * @throws ApiException 400 naming the refused operator, field or limit
     */
    public Document parse(String json) {
        if (json == null || json.isBlank()) {
            return new Document();
        }
        if (json.length() > limits.maxLength()) {
            throw refuse(TOO_LONG, "filter is longer than " + limits.maxLength() + " characters", List.of());
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw refuse(INVALID_FILTER, "filter is not valid JSON", List.of());
        }
        if (root == null || !root.isObject()) {
            throw refuse(INVALID_FILTER, "filter must be a JSON object", List.of());
        }
        return new Walk().clause(root, 0, new ArrayList<>(), "");
    }

    /** One pass over one filter; counts clauses. */
    private final class Walk {
        private int clauses;

        private Document clause(JsonNode node, int depth, List<Object> path, String prefix) {
            if (!node.isObject()) {
                throw refuse(INVALID_FILTER, "expected an object", path);
            }
            Document out = new Document();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                List<Object> at = append(path, key);
                count(at);
                if (key.startsWith("$")) {
                    if (!LOGICAL.contains(key)) {
                        throw refuse(
                                isAllowed(key) ? INVALID_FILTER : OPERATOR_NOT_ALLOWED,
                                isAllowed(key)
                                        ? "operator " + key + " is not allowed here"
                                        : "operator " + key + " is not allowed",
                                at);
                    }
                    out.append(key, logical(e.getValue(), depth + 1, at, prefix));
                } else {
                    String name = prefix + key;
                    // inside $elemMatch keys stay relative to the array's elements
                    String stored = "id".equals(name) ? "_id" : key;
                    if (!fields.containsKey(name) && isParent(name)) {
                        out.append(stored, parentCondition(e.getValue(), name, depth, at));
                    } else {
                        out.append(stored, condition(e.getValue(), kindOf(name, at), depth, at));
                    }
                }
            }
            return out;
        }

        private List<Document> logical(JsonNode value, int depth, List<Object> path, String prefix) {
            checkDepth(depth, path);
            if (!value.isArray() || value.isEmpty()) {
                throw refuse(INVALID_FILTER, "expected a non-empty array of conditions", path);
            }
            checkSize(value, path);
            List<Document> parts = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                parts.add(clause(value.get(i), depth, append(path, i), prefix));
            }
            return parts;
        }

        // An array of embedded documents whose sub-fields are declared ("items.qty"): only
        // {$elemMatch: {qty: ...}} is accepted on it, so undeclared sub-fields cannot be probed.
        private Document parentCondition(JsonNode value, String name, int depth, List<Object> at) {
            JsonNode inner = value.isObject() && value.size() == 1 ? value.get("$elemMatch") : null;
            if (inner == null || !inner.isObject() || inner.isEmpty() || isOperatorObject(inner)) {
                throw refuse(
                        FIELD_NOT_ALLOWED,
                        "field '" + name + "' can only be filtered with $elemMatch on its declared fields",
                        at);
            }
            List<Object> inAt = append(at, "$elemMatch");
            count(inAt);
            checkDepth(depth + 1, inAt);
            return new Document("$elemMatch", clause(inner, depth + 1, inAt, name + "."));
        }

        private boolean isParent(String name) {
            String dotted = name + ".";
            return fields.keySet().stream().anyMatch(f -> f.startsWith(dotted));
        }

        private FieldKind kindOf(String name, List<Object> at) {
            if (name.isEmpty() || name.indexOf('\0') >= 0 || name.contains(".$") || name.startsWith(".")) {
                throw refuse(FIELD_NOT_ALLOWED, "invalid field name", at);
            }
            FieldKind kind = "id".equals(name) ? FieldKind.OBJECT_ID : fields.get(name);
            if (kind == null) {
                throw refuse(FIELD_NOT_ALLOWED, "field '" + name + "' cannot be filtered on", at);
            }
            if (kind == FieldKind.SECRET) {
                throw refuse(FIELD_NOT_FILTERABLE, "field '" + name + "' is secret and cannot be filtered on", at);
            }
            return kind;
        }

        /** The value of a field: an operator object, or a literal meaning equality. */
        private Object condition(JsonNode value, FieldKind kind, int depth, List<Object> path) {
            if (!isOperatorObject(value)) {
                return literal(value, kind, path);
            }
            Document ops = new Document();
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                String op = e.getKey();
                JsonNode v = e.getValue();
                List<Object> at = append(path, op);
                count(at);
                if (!op.startsWith("$")) {
                    throw refuse(INVALID_FILTER, "operators and fields cannot be mixed", at);
                }
                if (COMPARISON.contains(op)) {
                    ops.append(op, literal(v, kind, at));
                } else if (LIST.contains(op)) {
                    if (!v.isArray()) {
                        throw refuse(INVALID_FILTER, op + " needs an array", at);
                    }
                    checkSize(v, at);
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < v.size(); i++) {
                        values.add(literal(v.get(i), kind, append(at, i)));
                    }
                    ops.append(op, values);
                } else if ("$exists".equals(op)) {
                    if (!v.isBoolean()) {
                        throw refuse(INVALID_FILTER, "$exists needs true or false", at);
                    }
                    ops.append(op, v.booleanValue());
                } else if ("$type".equals(op)) {
                    if (!v.isTextual() || !TYPE_NAMES.contains(v.textValue())) {
                        throw refuse(INVALID_FILTER, "$type needs one of " + TYPE_NAMES, at);
                    }
                    ops.append(op, v.textValue());
                } else if ("$size".equals(op)) {
                    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
                        throw refuse(INVALID_FILTER, "$size needs a non-negative integer", at);
                    }
                    ops.append(op, v.intValue());
                } else if ("$not".equals(op)) {
                    checkDepth(depth + 1, at);
                    if (!isOperatorObject(v)) {
                        throw refuse(INVALID_FILTER, "$not needs an operator object", at);
                    }
                    ops.append(op, condition(v, kind, depth + 1, at));
                } else if ("$elemMatch".equals(op)) {
                    checkDepth(depth + 1, at);
                    ops.append(op, elemMatch(v, kind, depth + 1, at));
                } else {
                    throw refuse(
                            isAllowed(op) ? INVALID_FILTER : OPERATOR_NOT_ALLOWED,
                            isAllowed(op)
                                    ? "operator " + op + " is not allowed here"
                                    : "operator " + op + " is not allowed",
                            at);
                }
            }
            return ops;
        }

        // {$elemMatch: {$gt: 1}} matches elements themselves; {$elemMatch: {qty: 2}} matches fields of
        // embedded documents, which must be declared as "<field>.<sub>".
        private Document elemMatch(JsonNode v, FieldKind kind, int depth, List<Object> at) {
            if (!v.isObject() || v.isEmpty()) {
                throw refuse(INVALID_FILTER, "$elemMatch needs a non-empty object", at);
            }
            if (isOperatorObject(v)) {
                FieldKind element = kind == FieldKind.OBJECT_ID_LIST ? FieldKind.OBJECT_ID : kind;
                return (Document) condition(v, element, depth, at);
            }
            String field = String.valueOf(at.get(at.size() - 2));
            return clause(v, depth, at, field + ".");
        }

        private Object literal(JsonNode v, FieldKind kind, List<Object> at) {
            if (v.isNull()) {
                return null;
            }
            if (kind.isObjectId()) {
                if (v.isArray() && kind == FieldKind.OBJECT_ID_LIST) {
                    checkSize(v, at);
                    List<Object> ids = new ArrayList<>();
                    for (int i = 0; i < v.size(); i++) {
                        ids.add(literal(v.get(i), FieldKind.OBJECT_ID, append(at, i)));
                    }
                    return ids;
                }
                if (!v.isTextual()) {
                    throw refuse(OBJECT_ID, "expected a 24-character hex id", at);
                }
                return ObjectIds.parse(v.textValue())
                        .orElseThrow(() -> refuse(OBJECT_ID, "expected a 24-character hex id", at));
            }
            if (kind == FieldKind.DATE && v.isTextual()) {
                Instant instant;
                try {
                    instant = Instant.parse(v.textValue());
                } catch (DateTimeParseException e) {
                    throw refuse(INVALID_FILTER, "expected an ISO-8601 instant", at);
                }
                if (!BsonValues.isStorable(instant)) {
                    throw refuse(
                            INVALID_FILTER,
                            "expected an instant from " + BsonValues.MIN_INSTANT + " to " + BsonValues.MAX_INSTANT,
                            at);
                }
                return Date.from(instant);
            }
            if (v.isTextual()) {
                return v.textValue();
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isIntegralNumber()) {
                return v.canConvertToLong() ? (Object) v.longValue() : v.doubleValue();
            }
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isArray()) {
                checkSize(v, at);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    items.add(literal(v.get(i), kind, append(at, i)));
                }
                return items;
            }
            // an embedded document compared as a whole: no key may look like an operator
            Document doc = new Document();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                List<Object> sub = append(at, e.getKey());
                count(sub);
                if (e.getKey().startsWith("$") || e.getKey().indexOf('\0') >= 0) {
                    throw refuse(
                            isAllowed(e.getKey()) ? INVALID_FILTER : OPERATOR_NOT_ALLOWED,
                            "operator " + e.getKey() + " is not allowed here",
                            sub);
                }
                doc.append(e.getKey(), literal(e.getValue(), FieldKind.PLAIN, sub));
            }
            return doc;
        }

        private void count(List<Object> at) {
            if (++clauses > limits.maxClauses()) {
                throw refuse(TOO_MANY_CLAUSES, "filter has more than " + limits.maxClauses() + " clauses", at);
            }
        }

        private void checkDepth(int depth, List<Object> at) {
            if (depth > limits.maxDepth()) {
                throw refuse(TOO_DEEP, "filter is nested deeper than " + limits.maxDepth() + " levels", at);
            }
        }

        private void checkSize(JsonNode array, List<Object> at) {
            if (array.size() > limits.maxArrayElements()) {
                throw refuse(TOO_MANY_VALUES, "array has more than " + limits.maxArrayElements() + " elements", at);
            }
        }
    }

    private static boolean isOperatorObject(JsonNode v) {
        if (!v.isObject() || v.isEmpty()) {
            return false;
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            if (it.next().startsWith("$")) {
                return true; // mixed objects are refused in condition()
            }
        }
        return false;
    }

    private static boolean isAllowed(String op) {
        return LOGICAL.contains(op)
                || COMPARISON.contains(op)
                || LIST.contains(op)
                || Set.of("$not", "$exists", "$type", "$elemMatch", "$size").contains(op);
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> copy = new ArrayList<>(path.size() + 1);
        copy.addAll(path);
        copy.add(segment);
        return copy;
    }

    private static ApiException refuse(String type, String msg, List<Object> path) {
        List<Object> loc = new ArrayList<>(List.of("query", "filter"));
        loc.addAll(path);
        // the operator or field is quoted in the detail too, so a client sees it without parsing errors
        return ApiException.badRequest("Invalid filter: " + msg, new ErrorDetail(loc, msg, type));
    }
}
