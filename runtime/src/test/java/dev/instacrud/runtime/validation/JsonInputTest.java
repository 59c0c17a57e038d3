package dev.instacrud.runtime.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.instacrud.runtime.error.ErrorDetail;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record shaped like a generated one: its compact constructor checks its constraints. */
    record Address(String street, String city) {
        Address {
            Violations v = new Violations();
            v.required(city, "city");
            v.minLength(city, 2, "city");
            v.throwIfAny();
        }

        static Address fromJson(JsonInput in) {
            String street = in.read("street", JsonInput.STRING);
            String city = in.read("city", JsonInput.STRING);
            in.rejectUnknown(Set.of("street", "city"));
            return in.build(() -> new Address(street, city));
        }
    }

    enum Status {
        ADMITTED("admitted"),
        DISCHARGED("discharged");

        private final String json;

        Status(String json) {
            this.json = json;
        }

        @Override
        public String toString() {
            return json;
        }
    }

    record Patient(
            String name,
            Integer floor,
            Status status,
            List<String> tags,
            Address address,
            LocalDate born,
            Instant seen) {
        Patient {
            Violations v = new Violations();
            v.required(name, "name");
            v.maxLength(name, 5, "name");
            v.minimum(floor, 0, "floor");
            v.maxItems(tags, 2, "tags");
            v.throwIfAny();
        }

        static Patient fromJson(JsonNode json) {
            JsonInput in = JsonInput.body(json);
            String name = in.read("name", JsonInput.STRING);
            Integer floor = in.read("floor", JsonInput.INT);
            Status status = in.read("status", JsonInput.oneOf(Status.values()));
            List<String> tags = in.read("tags", JsonInput.listOf(JsonInput.STRING));
            Address address = in.read("address", JsonInput.object(Address::fromJson));
            LocalDate born = in.read("born", JsonInput.DATE);
            Instant seen = in.read("seen", JsonInput.DATETIME);
            in.rejectUnknown(Set.of("name", "floor", "status", "tags", "address", "born", "seen"));
            return in.build(() -> new Patient(name, floor, status, tags, address, born, seen));
        }
    }

    private static List<ErrorDetail> errors(String json) throws Exception {
        return assertThrows(ValidationException.class, () -> Patient.fromJson(JSON.readTree(json)))
                .errors();
    }

    @Test
    void readsAValidBody() throws Exception {
        Patient p = Patient.fromJson(JSON.readTree("{\"name\":\"Ann\",\"floor\":2,\"status\":\"admitted\","
                + "\"tags\":[\"a\"],\"address\":{\"city\":\"Bern\"},\"born\":\"2001-02-03\","
                + "\"seen\":\"2024-05-31T14:00:00.123456+02:00\"}"));
        assertEquals(
                new Patient(
                        "Ann",
                        2,
                        Status.ADMITTED,
                        List.of("a"),
                        new Address(null, "Bern"),
                        LocalDate.of(2001, 2, 3),
                        Instant.parse("2024-05-31T12:00:00.123Z")),
                p);
    }

    @Test
    void reportsEveryProblemAtOnceWithLocations() throws Exception {
        List<ErrorDetail> errors = errors("{\"floor\":\"12\",\"status\":\"gone\",\"tags\":[\"a\",1,\"c\"],"
                + "\"address\":{\"city\":\"B\",\"zip\":1},\"born\":\"31.05.2024\",\"extra\":true}");
        assertEquals(
                List.of(
                        ErrorDetail.of("Input should be a valid integer", "int_type", "body", "floor"),
                        ErrorDetail.of("Input should be 'admitted' or 'discharged'", "enum", "body", "status"),
                        ErrorDetail.of("Input should be a valid string", "string_type", "body", "tags", 1),
                        ErrorDetail.of("Extra inputs are not permitted", "extra_forbidden", "body", "address", "zip"),
                        ErrorDetail.of(
                                "String should have at least 2 characters",
                                "string_too_short",
                                "body",
                                "address",
                                "city"),
                        ErrorDetail.of(
                                "Input should be a valid date in the format YYYY-MM-DD",
                                "date_parsing",
                                "body",
                                "born"),
                        ErrorDetail.of("Extra inputs are not permitted", "extra_forbidden", "body", "extra"),
                        ErrorDetail.of("Field required", "missing", "body", "name")),
                errors);
    }

    @Test
    void noCoercion() throws Exception {
        assertEquals("int_type", errors("{\"name\":\"a\",\"floor\":1.5}").get(0).type());
        assertEquals(
                "int_type", errors("{\"name\":\"a\",\"floor\":true}").get(0).type());
        assertEquals("string_type", errors("{\"name\":12}").get(0).type());
        assertEquals(
                "int_type",
                errors("{\"name\":\"a\",\"floor\":4294967296}").get(0).type());
        assertEquals(
                "datetime_parsing",
                errors("{\"name\":\"a\",\"seen\":\"2024-05-31T12:00:00\"}")
                        .get(0)
                        .type());
    }

    @Test
    void nullItemsInAListAreRefused() throws Exception {
        assertEquals(
                List.of(ErrorDetail.of("Input should not be null", "none_forbidden", "body", "tags", 0)),
                errors("{\"name\":\"a\",\"tags\":[null]}"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() throws Exception {
        assertEquals("model_type", errors("[1,2]").get(0).type());
        assertEquals(
                List.of("body", "address"),
                errors("{\"name\":\"a\",\"address\":\"x\"}").get(0).loc());
    }

    @Test
    void constraintViolationsAfterTypeErrorsOnOtherFields() throws Exception {
        assertEquals(
                List.of(
                        ErrorDetail.of("Input should be a valid integer", "int_type", "body", "floor"),
                        ErrorDetail.of("String should have at most 5 characters", "string_too_long", "body", "name"),
                        ErrorDetail.of("List should have at most 2 items", "too_long", "body", "tags")),
                errors("{\"name\":\"toolong\",\"floor\":\"x\",\"tags\":[\"a\",\"b\",\"c\"]}"));
    }

    @Test
    void valuesTheStoreCannotHoldAreViolations() throws Exception {
        JsonInput in = JsonInput.body(JSON.readTree("""
                {"a": 12345678901234567890123456789012345, "b": 1e7000, "c": "+999999999-12-31",
                 "d": "0000-01-01", "e": "9999-12-31T23:00:00-05:00", "f": "2024-05-31"}"""));
        assertEquals(null, in.read("a", JsonInput.DECIMAL));
        assertEquals(null, in.read("b", JsonInput.DECIMAL));
        assertEquals(null, in.read("c", JsonInput.DATE));
        assertEquals(null, in.read("d", JsonInput.DATE));
        assertEquals(null, in.read("e", JsonInput.DATETIME));
        assertEquals(LocalDate.of(2024, 5, 31), in.read("f", JsonInput.DATE));
        ValidationException e = assertThrows(ValidationException.class, () -> in.build(() -> "built"));
        assertEquals(
                List.of(
                        "decimal_max_digits",
                        "decimal_out_of_range",
                        "date_out_of_range",
                        "date_out_of_range",
                        "datetime_out_of_range"),
                e.errors().stream().map(ErrorDetail::type).toList());
    }
}
