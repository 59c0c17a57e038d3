package dev.instacrud.generator.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.validation.ValidationException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * What the generated records and mappings do, run from the compiled classes of the samples: every
 * violation reported at once with its location, defaults applied, strict JSON reading, and a faithful
 * round trip through BSON that never shows a secret field.
 */
class GeneratedRecordsTest {
    // decimals read as written, digits and scale, so the test sees what the mapping does with them
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final String WARD_ID = "65a1f0c2e4b0a1b2c3d4e5f6";

    private final Generated clinic = Generated.sample("clinic");

    @Test
    void constructingAnInputReportsEveryViolationAtOnce() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> construct(
                        clinic.load("PatientInput"),
                        Map.of(
                                "fullName",
                                "x",
                                "email",
                                "not-an-email",
                                "tags",
                                List.of("a", "a"),
                                "weightKg",
                                BigDecimal.ZERO,
                                "scores",
                                List.of(3, 11),
                                "portalUrl",
                                "no url",
                                "insuranceNumber",
                                "abc")));
        assertEquals(
                Set.of(
                        "[fullName] string_too_short",
                        "[email] value_error",
                        "[ward] missing",
                        "[tags] unique_items",
                        "[weightKg] greater_than",
                        "[scores, 1] less_than_equal",
                        "[portalUrl] url_parsing",
                        "[insuranceNumber] string_too_short"),
                located(e));
        assertEquals(8, e.errors().size());
        ErrorDetail tooShort = e.errors().get(0);
        assertEquals(List.of("fullName"), tooShort.loc());
        assertEquals("String should have at least 2 characters", tooShort.msg());
        assertTrue(e.errors().stream().allMatch(d -> !d.msg().isBlank()));
    }

    @Test
    void defaultsAreAppliedAndListsCannotChangeLater() throws Exception {
        Object patient = construct(
                clinic.load("PatientInput"),
                Map.of("fullName", "Ada Lovelace", "ward", WARD_ID, "tags", new java.util.ArrayList<>(List.of("a"))));
        assertEquals("admitted", component(patient, "status").toString());
        List<?> tags = (List<?>) component(patient, "tags");
        assertThrows(UnsupportedOperationException.class, () -> tags.clear());

        Generated tasks = Generated.sample("tasks");
        Object task = construct(tasks.load("TaskInput"), Map.of("title", "Write tests", "project", WARD_ID));
        assertEquals("todo", component(task, "status").toString());
        assertEquals(3, component(task, "priority"));
        Object project = construct(tasks.load("ProjectInput"), Map.of("name", "P"));
        assertEquals(false, component(project, "archived"));

        Object deal = construct(Generated.sample("crm").load("DealInput"), Map.of("title", "Big", "company", WARD_ID));
        assertEquals(new BigDecimal("0.00"), component(deal, "amount"));
        assertEquals("lead", component(deal, "stage").toString());
        assertEquals(LocalDate.parse("2030-12-31"), component(deal, "closesOn"));
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), component(deal, "lostAt"));
    }

    @Test
    void fromJsonRejectsAStringForAnInt() throws Exception {
        ValidationException e = assertThrows(
                ValidationException.class, () -> fromJson(clinic, "Ward", "{\"name\": \"East\", \"floor\": \"12\"}"));
        assertEquals(Set.of("[body, floor] int_type"), located(e));
        assertEquals("Input should be a valid integer", e.errors().get(0).msg());
        // and 12.0 is no int either, while 12 is
        assertEquals(
                Set.of("[body, floor] int_type"),
                located(assertThrows(
                        ValidationException.class,
                        () -> fromJson(clinic, "Ward", "{\"name\": \"East\", \"floor\": 12.5}"))));
        assertEquals(12, component(fromJson(clinic, "Ward", "{\"name\": \"East\", \"floor\": 12}"), "floor"));
    }

    @Test
    void fromJsonRejectsUnknownFieldsAtEveryLevel() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> fromJson(
                        clinic,
                        "Patient",
                        "{\"fullName\": \"Ada\", \"ward\": \"" + WARD_ID + "\", \"nickname\": \"A\", \"id\": \""
                                + WARD_ID + "\"," + " \"address\": {\"city\": \"Paris\", \"zip\": \"75001\"}}"));
        assertEquals(
                Set.of(
                        "[body, nickname] extra_forbidden",
                        "[body, id] extra_forbidden",
                        "[body, address, zip] extra_forbidden"),
                located(e));
    }

    @Test
    void fromJsonReportsNestedErrorsWithTheirFullLocation() {
        ValidationException e =
                assertThrows(ValidationException.class, () -> fromJson(clinic, "Patient", """
        {"fullName": "A", "ward": "%s",
         "scores": [1, "12"],
         "address": {"street": 5},
         "contacts": [{"name": "Bob", "phone": "123"}, {"phone": "+44 1234567", "kind": "enemy"}],
         "allergies": ["nuts", "dust"]}
        """.formatted(WARD_ID)));
        assertEquals(
                Set.of(
                        "[body, fullName] string_too_short",
                        "[body, scores, 1] int_type",
                        "[body, address, street] string_type",
                        "[body, address, city] missing",
                        "[body, contacts, 0, phone] string_pattern_mismatch",
                        "[body, contacts, 1, name] missing",
                        "[body, contacts, 1, kind] enum",
                        "[body, allergies, 1] enum"),
                located(e));
        assertEquals(8, e.errors().size());
    }

    @Test
    void roundTripThroughBsonKeepsEveryValueAndNeverShowsSecrets() throws Exception {
        String body = """
        {"fullName": "Ada Lovelace", "email": "ada@example.org", "ward": "%s",
         "tags": ["vip"], "birthDate": "1815-12-10", "ssn": "078-05-1120",
         "address": {"street": "12 St James's Square", "city": "London"},
         "weightKg": 61.12345678901234567890, "contacts": [{"name": "Mary", "phone": "+44 20 7946 0000", "kind": "family"}],
         "scores": [7], "allergies": ["latex"], "portalUrl": "https://example.org/ada",
         "insuranceNumber": "INS-0000001"}
        """.formatted(WARD_ID);
        Class<?> mapping = clinic.load("PatientMapping");
        Object input = fromJson(clinic, "Patient", body);

        Document stored = stored((Document) call(mapping, "toDocument", input));
        assertEquals(new Decimal128(new BigDecimal("61.12345678901234567890")), stored.get("weightKg"));
        assertEquals(new ObjectId(WARD_ID), stored.get("ward"));
        assertEquals(Date.from(Instant.parse("1815-12-10T00:00:00Z")), stored.get("birthDate"));
        assertEquals("078-05-1120", stored.get("ssn"), "a secret field is stored");
        assertEquals("family", stored.getList("contacts", Document.class).get(0).get("kind"));

        Object record = call(mapping, "fromDocument", stored);
        assertFalse(
                Arrays.stream(record.getClass().getRecordComponents())
                        .map(RecordComponent::getName)
                        .anyMatch(n -> n.equals("ssn") || n.equals("insuranceNumber")),
                "the response record has no secret");
        JsonNode json = (JsonNode) call(mapping, "toJson", record);
        JsonNode expected = JSON.readTree(body);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove(List.of("ssn", "insuranceNumber"));
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) expected::fields) {
            assertEquals(field.getValue(), json.get(field.getKey()), field.getKey());
        }
        assertEquals(
                "61.12345678901234567890", json.get("weightKg").decimalValue().toPlainString(), "decimals stay exact");
        assertEquals(WARD_ID, json.get("ward").textValue(), "refs are hex strings");
        assertEquals(stored.getObjectId("_id").toHexString(), json.get("id").textValue());
        assertEquals("2024-05-31T10:00:00Z", json.get("createdAt").textValue());
        assertEquals("user-1", json.get("createdBy").textValue());
        String text = json.toString();
        assertFalse(
                text.contains("ssn")
                        || text.contains("078-05-1120")
                        || text.contains("insuranceNumber")
                        || text.contains("INS-0000001"),
                text);
    }

    @Test
    void datetimesAreStoredAndReturnedInUtc() throws Exception {
        Generated tasks = Generated.sample("tasks");
        Object input = fromJson(tasks, "Task", """
        {"title": "Ship", "project": "%s", "dueAt": "2024-05-31T14:30:00.123+02:00", "estimate": 1.5,
         "blockedBy": ["%s"]}
        """.formatted(WARD_ID, WARD_ID));
        Class<?> mapping = tasks.load("TaskMapping");
        Document stored = stored((Document) call(mapping, "toDocument", input));
        assertEquals(Date.from(Instant.parse("2024-05-31T12:30:00.123Z")), stored.get("dueAt"));
        assertEquals(List.of(new ObjectId(WARD_ID)), stored.get("blockedBy"));
        JsonNode json = (JsonNode) call(mapping, "toJson", call(mapping, "fromDocument", stored));
        assertEquals("2024-05-31T12:30:00.123Z", json.get("dueAt").textValue());
        assertEquals(WARD_ID, json.get("blockedBy").get(0).textValue());
        assertEquals("todo", json.get("status").textValue());
        assertTrue(json.get("estimate").isDouble());
    }

    @Test
    void aPatchTargetKeepsSecretsOnTheServerSide() throws Exception {
        Object input = fromJson(
                clinic, "Patient", "{\"fullName\": \"Ada\", \"ward\": \"" + WARD_ID + "\", \"ssn\": \"078-05-1120\"}");
        Class<?> mapping = clinic.load("PatientMapping");
        Document stored = stored((Document) call(mapping, "toDocument", input));
        JsonNode target = (JsonNode) call(mapping, "patchTarget", stored);
        assertEquals("078-05-1120", target.get("ssn").textValue());
        assertFalse(target.has("id") || target.has("createdAt") || target.has("updatedBy"));
        // what the patch target holds reads back as the same input
        assertEquals(input, call(mapping, "fromJson", target));
    }

    @Test
    void fieldsNamedLikeTheGeneratedLocalsAreCheckedLikeAnyOther() throws Exception {
        Generated clashes = Generated.of(Generated.SPECS.resolve("clashes.yaml"));
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> construct(
                        clashes.load("ClashInput"),
                        Map.of(
                                "v",
                                "far too long",
                                "in",
                                -1,
                                "i",
                                List.of(1, 10),
                                "fields",
                                List.of("short", "too long"))));
        assertEquals(
                Set.of(
                        "[v] string_too_long",
                        "[in] greater_than_equal",
                        "[i, 1] less_than_equal",
                        "[fields, 1] string_too_long"),
                located(e));
        e = assertThrows(ValidationException.class, () -> fromJson(clashes, "Clash", """
        {"v": "ok", "in": "1", "json": 2, "string": "z",
         "groups": [{"v": "", "members": [{"in": "A1", "list": ["a", "a"], "json": {}}]}]}
        """));
        assertEquals(
                Set.of(
                        "[body, in] int_type",
                        "[body, json] string_type",
                        "[body, string] enum",
                        "[body, groups, 0, v] string_too_short",
                        "[body, groups, 0, members, 0, in] string_pattern_mismatch",
                        "[body, groups, 0, members, 0, list] unique_items",
                        "[body, groups, 0, members, 0, json, value] missing"),
                located(e));
        Object clash = fromJson(
                clashes,
                "Clash",
                "{\"v\": \"ok\", \"contact\": {\"kind\": {\"label\": \"a\"}}," + " \"contactKind\": {\"code\": 1}}");
        assertEquals("x", component(clash, "string").toString(), "the default of an enum named string");
        Class<?> mapping = clashes.load("ClashMapping");
        JsonNode json = (JsonNode) call(mapping, "toJson", call(mapping, "fromDocument", stored((Document)
                call(mapping, "toDocument", clash))));
        assertEquals("a", json.at("/contact/kind/label").textValue());
        assertEquals(1, json.at("/contactKind/code").intValue());
    }

    /** The document as the store returns it: audit fields and an id added, then through real BSON bytes. */
    static Document stored(Document written) {
        Document doc = new Document(written)
                .append("_id", new ObjectId())
                .append("createdAt", Date.from(Instant.parse("2024-05-31T10:00:00Z")))
                .append("createdBy", "user-1")
                .append("updatedAt", Date.from(Instant.parse("2024-05-31T11:00:00Z")))
                .append("updatedBy", "user-2");
        return new RawBsonDocument(doc, new DocumentCodec()).decode(new DocumentCodec());
    }

    static Object fromJson(Generated service, String entity, String json) throws Exception {
        return call(service.load(entity + "Mapping"), "fromJson", JSON.readTree(json));
    }

    private static Set<String> located(ValidationException e) {
        return e.errors().stream().map(d -> d.loc() + " " + d.type()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Calls the record's canonical constructor, components by name, the others null. */
    private static Object construct(Class<?> record, Map<String, Object> values) throws Exception {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] args =
                Arrays.stream(components).map(c -> values.get(c.getName())).toArray();
        assertTrue(
                Arrays.stream(components).map(RecordComponent::getName).toList().containsAll(values.keySet()));
        Constructor<?> constructor = record.getDeclaredConstructor(types);
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        }
    }

    private static Object component(Object record, String name) throws Exception {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c.getAccessor().invoke(record);
            }
        }
        throw new AssertionError("no component " + name);
    }

    /** Calls a package-private static method of a generated mapping. */
    static Object call(Class<?> type, String name, Object argument) throws Exception {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name)
                    && m.getParameterCount() == 1
                    && m.getParameterTypes()[0].isInstance(argument)) {
                m.setAccessible(true);
                try {
                    return m.invoke(null, argument);
                } catch (InvocationTargetException e) {
                    throw rethrow(e);
                }
            }
        }
        throw new AssertionError("no method " + name + " on " + type);
    }

    private static Exception rethrow(InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
            throw r;
        }
        return assertInstanceOf(Exception.class, e.getCause());
    }
}
