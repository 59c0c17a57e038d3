package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;

import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Random filters (nested {@code $or/$nor/$not/$elemMatch}, operators in and out of the allowlist,
 * declared, undeclared and secret fields, good and bad ids) run as user A on a collection shared with
 * user B: every accepted filter returns only A's documents, every refused one is a 400 naming its reason.
 */
class ScopedFilterProperties {
    static final List<String> FIELDS =
            List.of("title", "priority", "labels", "projectId", "tagIds", "userId", "id", "createdBy");
    static final List<String> ODD_FIELDS = List.of("secret", "other", "items", "items.qty", "createdAt", "$comment");
    static final Set<String> ID_FIELDS = Set.of("projectId", "tagIds", "id");
    static final List<String> ALLOWED = List.of(
            "$eq",
            "$ne",
            "$gt",
            "$gte",
            "$lt",
            "$lte",
            "$in",
            "$nin",
            "$exists",
            "$type",
            "$all",
            "$elemMatch",
            "$size",
            "$not");
    static final List<String> REFUSED =
            List.of("$where", "$regex", "$expr", "$function", "$text", "$mod", "$jsonSchema", "$foo", "$and");
    static final Set<String> REASONS = Set.of(
            "operator_not_allowed",
            "field_not_allowed",
            "field_not_filterable",
            "invalid_filter",
            "too_deep",
            "too_many_clauses",
            "too_many_values",
            "too_long",
            "object_id");

    static DataLayer data;
    static Repository notes;
    static CurrentUser a;
    static CurrentUser b;
    static String project;
    static String tag;

    @BeforeContainer
    static void seed() {
        data = Fixtures.memory();
        notes = data.repository(Fixtures.NOTE);
        a = Fixtures.newOrgUser();
        b = Fixtures.user(a.orgId());
        project = as(a, () -> data.repository(Fixtures.PROJECT).insert(new Document("name", "p")))
                .getObjectId("_id")
                .toHexString();
        tag = as(a, () -> data.repository(Fixtures.TAG).insert(new Document("label", "t")))
                .getObjectId("_id")
                .toHexString();
        for (CurrentUser u : List.of(a, b)) {
            for (int i = 0; i < 6; i++) {
                int n = i;
                as(
                        u,
                        () -> notes.insert(new Document("title", n % 2 == 0 ? "a" : "b")
                                .append("priority", n % 4)
                                .append("labels", List.of("x", n % 3 == 0 ? "y" : "z"))
                                .append("items", List.of(new Document("qty", n), new Document("qty", 2)))
                                .append("projectId", n < 3 ? project : null)
                                .append("tagIds", n % 2 == 0 ? List.of(tag) : List.of())
                                .append("secret", "s" + n)));
            }
        }
    }

    static final java.util.concurrent.atomic.AtomicInteger ACCEPTED_WITH_MATCHES =
            new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger REFUSED_COUNT =
            new java.util.concurrent.atomic.AtomicInteger();

    @AfterContainer
    static void close() {
        data.close();
        // the generator must exercise both sides, or the property proves little
        if (ACCEPTED_WITH_MATCHES.get() < 50 || REFUSED_COUNT.get() < 50) {
            throw new AssertionError("generator too lopsided: " + ACCEPTED_WITH_MATCHES + " accepted with matches, "
                    + REFUSED_COUNT + " refused");
        }
    }

    @Property(tries = 2000)
    void acceptedFiltersSeeOnlyTheCallersDocuments(@ForAll("filters") String filter) {
        Page<Document> page;
        try {
            page = as(a, () -> notes.list(filter, null, 0, 100));
        } catch (ApiException e) {
            Statistics.label("outcome").collect("refused");
            REFUSED_COUNT.incrementAndGet();
            if (e.status() != 400 || e.errors().isEmpty()) {
                throw new AssertionError("refusal without a reason: " + e.status() + " " + filter);
            }
            ErrorDetail d = e.errors().get(0);
            if (!REASONS.contains(d.type()) || d.msg().isBlank() || d.loc().size() < 2) {
                throw new AssertionError("refusal without a reason: " + d + " for " + filter);
            }
            return;
        }
        Statistics.label("outcome").collect(page.items().isEmpty() ? "accepted, empty" : "accepted, matches");
        for (Document d : page.items()) {
            if (!a.userId().equals(d.getString("userId"))) {
                throw new AssertionError("user B's document seen by A with " + filter + ": " + d);
            }
        }
        if (!page.items().isEmpty()) {
            ACCEPTED_WITH_MATCHES.incrementAndGet();
        }
        if (page.total() != page.items().size()) {
            throw new AssertionError("count and items disagree for " + filter);
        }
    }

    @Provide
    Arbitrary<String> filters() {
        return Arbitraries.randomValue(random -> clause(random, 4));
    }

    static String clause(Random r, int depth) {
        int n = 1 + r.nextInt(2);
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ", ");
            if (depth > 0 && r.nextInt(4) == 0) {
                String op = r.nextInt(8) == 0
                        ? pick(r, List.of("$where", "$not", "$expr"))
                        : pick(r, List.of("$or", "$nor", "$and"));
                out.append(q(op)).append(": [");
                int parts = 1 + r.nextInt(3);
                for (int p = 0; p < parts; p++) {
                    out.append(p == 0 ? "" : ", ").append(clause(r, depth - 1));
                }
                out.append("]");
            } else {
                String field = r.nextInt(8) == 0 ? pick(r, ODD_FIELDS) : pick(r, FIELDS);
                out.append(q(field)).append(": ").append(condition(r, depth, ID_FIELDS.contains(field)));
            }
        }
        return out.append("}").toString();
    }

    static String condition(Random r, int depth, boolean ids) {
        if (r.nextInt(3) == 0) {
            return literal(r, ids);
        }
        String op = r.nextInt(8) == 0 ? pick(r, REFUSED) : pick(r, ALLOWED);
        String value = switch (op) {
            case "$in", "$nin", "$all" -> "[" + literal(r, ids) + ", " + literal(r, ids) + "]";
            case "$exists" -> r.nextBoolean() ? "true" : "false";
            case "$type" -> q(pick(r, List.of("string", "number", "array", "objectId", "null", "bool", "regex")));
            case "$size" -> String.valueOf(r.nextInt(3));
            case "$not" -> depth > 0 ? condition(r, depth - 1, ids) : "{\"$eq\": 1}";
            case "$elemMatch" ->
                depth > 0 && r.nextBoolean()
                        ? "{\"qty\": " + condition(r, depth - 1, false) + "}"
                        : "{" + q(pick(r, List.of("$gt", "$eq", "$in", "$regex"))) + ": "
                                + (r.nextBoolean() ? literal(r, ids) : "[" + literal(r, ids) + "]") + "}";
            case "$and" -> "[" + clause(r, 0) + "]";
            default -> literal(r, ids);
        };
        return "{" + q(op) + ": " + value + "}";
    }

    static String literal(Random r, boolean ids) {
        if (ids && r.nextInt(6) != 0) {
            return q(pick(r, List.of(project, tag, new ObjectId().toHexString())));
        }
        return switch (r.nextInt(9)) {
            case 0 -> q(pick(r, List.of("a", "b", "x", "y")));
            case 1 -> String.valueOf(r.nextInt(5));
            case 2 -> "null";
            case 3 -> q(b.userId());
            case 4 -> q(a.userId());
            case 5 -> q(r.nextBoolean() ? project : tag);
            case 6 -> q(new ObjectId().toHexString());
            case 7 -> r.nextBoolean() ? q("nope") : q("x");
            default -> r.nextBoolean() ? "true" : "2.5";
        };
    }

    static String pick(Random r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }
}
