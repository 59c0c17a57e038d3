package dev.instacrud.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterGuardTest {
    static final FilterGuard GUARD = new FilterGuard(
            Map.of(
                    "title", FieldKind.PLAIN,
                    "n", FieldKind.PLAIN,
                    "tags", FieldKind.PLAIN,
                    "items.qty", FieldKind.PLAIN,
                    "ownerId", FieldKind.OBJECT_ID,
                    "tagIds", FieldKind.OBJECT_ID_LIST,
                    "dueAt", FieldKind.DATE,
                    "password", FieldKind.SECRET),
            QueryLimits.DEFAULT);

    static ErrorDetail refused(String json) {
        ApiException e = assertThrows(ApiException.class, () -> GUARD.parse(json), json);
        assertEquals(400, e.status());
        assertEquals(1, e.errors().size());
        return e.errors().get(0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "$where",
                "$function",
                "$expr",
                "$regex",
                "$text",
                "$jsonSchema",
                "$accumulator",
                "$mod",
                "$near",
                "$options",
                "$comment",
                "$foo"
            })
    void refusesOperatorsOutsideTheAllowlistAnywhere(String op) {
        for (String json : List.of(
                "{\"" + op + "\": \"x\"}",
                "{\"title\": {\"" + op + "\": \"x\"}}",
                "{\"$and\": [{\"$or\": [{\"title\": {\"$not\": {\"" + op + "\": \"x\"}}}]}]}",
                "{\"tags\": {\"$elemMatch\": {\"" + op + "\": 1}}}",
                "{\"title\": {\"a\": {\"" + op + "\": 1}}}")) {
            ErrorDetail d = refused(json);
            assertEquals("operator_not_allowed", d.type(), json);
            assertTrue(d.msg().contains(op), d.msg());
            assertEquals(op, d.loc().get(d.loc().size() - 1));
        }
    }

    @Test
    void extendedJsonCannotSmuggleSpecialValues() {
        assertEquals(
                "operator_not_allowed",
                refused("{\"title\": {\"$regularExpression\": {\"pattern\": \".*\"}}}")
                        .type());
        assertEquals(
                "operator_not_allowed",
                refused("{\"title\": {\"$code\": \"sleep(1)\"}}").type());
        assertEquals("invalid_filter", refused("{\"title\": 1, \"title\": 2}").type());
        assertEquals("invalid_filter", refused("{\"title\": /a/}").type());
        assertEquals("invalid_filter", refused("[1]").type());
    }

    @Test
    void acceptsTheAllowlist() {
        Document d = GUARD.parse("{\"$and\": [{\"n\": {\"$gte\": 1, \"$lt\": 5, \"$ne\": 3}},"
                + " {\"$or\": [{\"title\": {\"$in\": [\"a\", \"b\"]}}, {\"title\": {\"$exists\": false}}]},"
                + " {\"$nor\": [{\"tags\": {\"$all\": [\"x\"]}}, {\"tags\": {\"$size\": 2}}]},"
                + " {\"title\": {\"$not\": {\"$eq\": \"z\"}, \"$type\": \"string\", \"$nin\": [\"q\"]}},"
                + " {\"tags\": {\"$elemMatch\": {\"$gt\": \"a\"}}}, {\"n\": {\"$lte\": 9, \"$gt\": 0}}]}");
        assertEquals(6, d.getList("$and", Document.class).size());
        Document items = GUARD.parse("{\"items\": {\"$elemMatch\": {\"qty\": {\"$gt\": 2}}}}");
        assertEquals(
                new Document("items", new Document("$elemMatch", new Document("qty", new Document("$gt", 2L)))), items);
    }

    @Test
    void refusesUndeclaredSecretAndBadFieldNames() {
        assertEquals("field_not_allowed", refused("{\"other\": 1}").type());
        assertEquals(
                "field_not_allowed",
                refused("{\"$or\": [{\"title\": 1}, {\"hidden\": 1}]}").type());
        assertEquals("field_not_filterable", refused("{\"password\": \"x\"}").type());
        assertEquals(
                "field_not_filterable",
                refused("{\"$nor\": [{\"password\": {\"$exists\": true}}]}").type());
        assertEquals("field_not_allowed", refused("{\"ti\\u0000tle\": 1}").type());
        assertEquals(
                "field_not_allowed",
                refused("{\"items\": {\"$elemMatch\": {\"price\": 1}}}").type());
        assertEquals(
                "field_not_allowed", refused("{\"items\": {\"secretSub\": 1}}").type());
        assertEquals(
                "field_not_allowed",
                refused("{\"items\": {\"$elemMatch\": {\"$gt\": 1}}}").type());
        assertEquals(
                "invalid_filter",
                refused("{\"title\": {\"$eq\": 1, \"plain\": 2}}").type());
        assertEquals(
                "invalid_filter",
                refused("{\"title\": {\"$type\": \"javascript\"}}").type());
        assertEquals("invalid_filter", refused("{\"title\": {\"$type\": 13}}").type());
        assertEquals("invalid_filter", refused("{\"title\": {\"$exists\": 1}}").type());
        assertEquals("invalid_filter", refused("{\"tags\": {\"$size\": -1}}").type());
        assertEquals("invalid_filter", refused("{\"$or\": []}").type());
        assertEquals("invalid_filter", refused("{\"$or\": {\"title\": 1}}").type());
    }

    @Test
    void enforcesDepthClauseAndArrayBounds() {
        String deep = "{\"title\": 1}";
        for (int i = 0; i < 15; i++) {
            deep = "{\"$and\": [" + deep + "]}";
        }
        assertEquals("too_deep", refused(deep).type());
        String ten = "{\"title\": 1}";
        for (int i = 0; i < 10; i++) {
            ten = "{\"$and\": [" + ten + "]}";
        }
        GUARD.parse(ten);
        String many = "[" + "1,".repeat(100) + "1]";
        assertEquals(
                "too_many_values", refused("{\"n\": {\"$in\": " + many + "}}").type());
        StringBuilder clauses = new StringBuilder("{\"$or\": [");
        for (int i = 0; i < 90; i++) {
            clauses.append(i == 0 ? "" : ",").append("{\"n\": {\"$gt\": 1, \"$lt\": 2}}");
        }
        assertEquals(
                "too_many_clauses", refused(clauses.append("]}").toString()).type());
        assertEquals(
                "too_long",
                refused("{\"title\": \"" + "x".repeat(20_000) + "\"}").type());
        String hugeNesting = "[".repeat(5000) + "]".repeat(5000);
        assertEquals(
                "invalid_filter", refused("{\"title\": " + hugeNesting + "}").type());
    }

    @Test
    void convertsIdsAndDates() {
        ObjectId id = new ObjectId();
        assertEquals(new Document("_id", id), GUARD.parse("{\"id\": \"" + id.toHexString() + "\"}"));
        assertEquals(
                new Document("ownerId", new Document("$in", List.of(id))),
                GUARD.parse("{\"ownerId\": {\"$in\": [\"" + id.toHexString() + "\"]}}"));
        assertEquals(
                new Document("tagIds", new Document("$elemMatch", new Document("$eq", id))),
                GUARD.parse("{\"tagIds\": {\"$elemMatch\": {\"$eq\": \"" + id.toHexString() + "\"}}}"));
        assertEquals(
                new Document("dueAt", new Document("$lt", Date.from(java.time.Instant.parse("2026-01-01T00:00:00Z")))),
                GUARD.parse("{\"dueAt\": {\"$lt\": \"2026-01-01T00:00:00Z\"}}"));
        for (String bad : List.of(
                "{\"id\": \"nope\"}",
                "{\"id\": {\"$gt\": \"\"}}",
                "{\"ownerId\": 12}",
                "{\"tagIds\": {\"$all\": [\"' OR '1'='1\"]}}")) {
            assertEquals("object_id", refused(bad).type(), bad);
        }
        assertEquals(new Document(), GUARD.parse(null));
        assertEquals(new Document(), GUARD.parse("  "));
    }

    @Test
    void datesOutsideTheStoredYearsAreRefused() {
        for (String instant :
                List.of("+1000000000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "0000-12-31T23:59:59.999Z")) {
            ErrorDetail error = refused("{\"dueAt\": {\"$gte\": \"" + instant + "\"}}");
            assertEquals("invalid_filter", error.type(), instant);
            assertEquals(List.of("query", "filter", "dueAt", "$gte"), error.loc());
        }
        assertEquals(
                new Document("dueAt", Date.from(java.time.Instant.parse("9999-12-31T23:59:59.999Z"))),
                GUARD.parse("{\"dueAt\": \"9999-12-31T23:59:59.999Z\"}"));
    }

    @Test
    void sortsOnlyOnDeclaredFields() {
        Map<String, FieldKind> fields = Map.of("name", FieldKind.PLAIN, "password", FieldKind.SECRET);
        assertEquals(new Document("name", 1).append("_id", -1), SortSpec.parse("name,-id", fields));
        assertEquals(new Document("_id", 1), SortSpec.parse(null, fields));
        for (String bad : List.of("password", "other", "name,", "name,name", "a,b,c,d,e,f", "$natural")) {
            ApiException e = assertThrows(ApiException.class, () -> SortSpec.parse(bad, fields), bad);
            assertEquals("sort_not_allowed", e.errors().get(0).type());
        }
    }
}
