package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.model.EmailVerification;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.OAuthProvider;
import dev.instacrud.generator.model.OnDelete;
import dev.instacrud.generator.model.Registration;
import dev.instacrud.generator.model.Scope;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.model.Tenancy;
import dev.instacrud.generator.model.WriteRole;
import dev.instacrud.generator.spec.SpecLanguage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The valid samples load into the expected model; each invalid sample gives exactly its golden output. */
class SamplesTest {

    @Test
    void everyValidSampleLoadsWithoutDiagnostics() throws Exception {
        assertTrue(Samples.valid().size() >= 3);
        for (Path p : Samples.valid()) {
            SpecResult r = Instacrud.load(p);
            assertEquals(List.of(), r.formatted(), p.toString());
            assertTrue(r.model().isPresent());
        }
    }

    @Test
    void everyInvalidSampleGivesItsGoldenOutput() throws Exception {
        List<Path> invalid = Samples.invalid();
        assertTrue(invalid.size() >= 5);
        for (Path p : invalid) {
            Path golden = Path.of(p.toString().replaceAll("\\.yaml$", ".expected"));
            assertTrue(Files.exists(golden), "missing golden file " + golden);
            SpecResult r = Instacrud.load(Samples.displayName(p), Samples.read(p));
            assertFalse(r.isValid());
            assertTrue(r.model().isEmpty());
            assertEquals(Files.readString(golden).strip(), String.join("\n", r.formatted()), p.toString());
        }
    }

    @Test
    void samplesTogetherUseEveryTypeAndConstraint() {
        Set<FieldType> types = EnumSet.noneOf(FieldType.class);
        Set<String> keys = new java.util.HashSet<>();
        for (Path p : Samples.valid()) {
            ServiceModel m =
                    Instacrud.load(p.toString(), Samples.read(p)).model().orElseThrow();
            m.entities()
                    .forEach(e -> all(e.fields()).forEach(f -> {
                        types.add(f.type());
                        f.itemType().ifPresent(types::add);
                    }));
            keys.addAll(keysIn(Samples.read(p)));
        }
        assertEquals(EnumSet.allOf(FieldType.class), types);
        for (String key : SpecLanguage.Section.FIELD.spellings()) {
            assertTrue(keys.contains(key), "no sample uses field key " + key);
        }
    }

    @Test
    void clinicModelHoldsTypedValuesAndPositions() {
        ServiceModel m = Instacrud.load(
                        Samples.DIR.resolve("clinic.yaml").toString(), Samples.read(Samples.DIR.resolve("clinic.yaml")))
                .model()
                .orElseThrow();
        assertEquals("clinic", m.name());
        assertEquals("org.example.clinic", m.javaPackage());
        assertEquals(
                List.of(OAuthProvider.MICROSOFT, OAuthProvider.GOOGLE), m.auth().oauth());
        assertEquals(Tenancy.DATABASE_PER_ORG, m.tenancy());
        EntityModel ward = m.entity("Ward").orElseThrow();
        assertEquals(List.of(WriteRole.ORG_ADMIN), ward.writeRoles());
        assertEquals(11, ward.position().line());
        EntityModel patient = m.entity("Patient").orElseThrow();
        assertEquals("patients", patient.path());
        FieldModel ssn = patient.field("ssn").orElseThrow();
        assertTrue(ssn.secret());
        FieldModel address = patient.field("address").orElseThrow();
        assertEquals(
                List.of("street", "city"),
                address.fields().stream().map(FieldModel::name).toList());
        assertTrue(address.fields().get(1).required());
        FieldModel wardRef = patient.field("ward").orElseThrow();
        assertEquals("Ward", wardRef.refTarget().orElseThrow());
        assertEquals(OnDelete.RESTRICT, wardRef.onDeleteOrDefault());
        assertEquals(
                new BigDecimal("700"),
                patient.field("weightKg")
                        .orElseThrow()
                        .constraints()
                        .exclusiveMaximum()
                        .orElseThrow());
        assertEquals(
                "admitted", patient.field("status").orElseThrow().defaultValue().orElseThrow());
        assertEquals(
                FieldType.OBJECT,
                patient.field("contacts").orElseThrow().itemType().orElseThrow());
        assertEquals(
                List.of("Patient"),
                m.refsTo("Ward").stream().map(r -> r.from().name()).toList());
        assertEquals(new dev.instacrud.generator.model.Position(26, 7), ssn.position());
    }

    @Test
    void crmAndTasksDefaultsAreTyped() {
        ServiceModel crm = Instacrud.load("crm.yaml", Samples.read(Samples.DIR.resolve("crm.yaml")))
                .model()
                .orElseThrow();
        assertEquals(Registration.INVITE_ONLY, crm.auth().registration());
        assertEquals(Tenancy.ORG_DB, crm.tenancy());
        EntityModel deal = crm.entity("Deal").orElseThrow();
        assertEquals(
                new BigDecimal("0.00"),
                deal.field("amount").orElseThrow().defaultValue().orElseThrow());
        assertEquals(
                LocalDate.of(2030, 12, 31),
                deal.field("closesOn").orElseThrow().defaultValue().orElseThrow());
        assertEquals(
                Instant.parse("2030-01-01T00:00:00Z"),
                deal.field("lostAt").orElseThrow().defaultValue().orElseThrow());
        assertEquals(
                OnDelete.SET_NULL,
                deal.field("contacts").orElseThrow().onDelete().orElseThrow());
        assertEquals("companies", crm.entity("Company").orElseThrow().path());

        ServiceModel tasks = Instacrud.load("tasks.yaml", Samples.read(Samples.DIR.resolve("tasks.yaml")))
                .model()
                .orElseThrow();
        EntityModel note = tasks.entity("Note").orElseThrow();
        assertEquals(Scope.USER, note.scope());
        assertEquals("my-notes", note.path());
        assertEquals("my_notes", note.collection());
        assertEquals(
                3L,
                tasks.entity("Task")
                        .orElseThrow()
                        .field("priority")
                        .orElseThrow()
                        .defaultValue()
                        .orElseThrow());
        assertEquals(
                false,
                tasks.entity("Project")
                        .orElseThrow()
                        .field("archived")
                        .orElseThrow()
                        .defaultValue()
                        .orElseThrow());
        // the quick-start sample runs without a Turnstile key; crm turns it on
        assertFalse(tasks.auth().turnstile());
        assertTrue(crm.auth().turnstile());
        assertEquals(EmailVerification.OPTIONAL, tasks.auth().emailVerification());
        assertEquals(EmailVerification.REQUIRED, crm.auth().emailVerification());
    }

    private static Stream<FieldModel> all(List<FieldModel> fields) {
        return fields.stream().flatMap(f -> Stream.concat(Stream.of(f), all(f.fields())));
    }

    private static Set<String> keysIn(String yaml) {
        return Arrays.stream(yaml.split("[\\s{,]+"))
                .filter(w -> w.endsWith(":"))
                .map(w -> w.substring(0, w.length() - 1))
                .collect(Collectors.toSet());
    }
}
