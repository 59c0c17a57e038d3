package dev.instacrud.generator.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.output.GeneratedFile;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code instacrud diff}: each kind of change, where it is reported in the new spec, and what it means for stored
 * data and API clients; the exit status; and the migrations it proposes.
 */
class SpecDiffTest {
    static final String HEAD = "service: { name: shop, package: org.example.shop }\nentities:\n";
    static final String ITEM = "  Item:\n    fields:\n";

    static SpecDiff diff(String before, String after) {
        return Instacrud.diff("old.yaml", HEAD + before, "new.yaml", HEAD + after);
    }

    static final Set<Impact> DATA_AND_CLIENTS = Set.of(Impact.NEEDS_MIGRATION, Impact.BREAKS_CLIENTS);
    static final Set<Impact> OK = Set.of(Impact.COMPATIBLE);

    static Stream<Arguments> cases() {
        String name = "      name: { type: string, required: true, maxLength: 50 }\n";
        return Stream.of(
                Arguments.of(
                        "new optional field",
                        name,
                        name + "      note: { type: text }\n",
                        ChangeKind.FIELD_ADDED,
                        OK,
                        "6:7"),
                Arguments.of(
                        "new required field with a default",
                        name,
                        name + "      stock: { type: int, required: true, default: 0 }\n",
                        ChangeKind.DEFAULT_BACKFILLED,
                        OK,
                        "6:7"),
                Arguments.of(
                        "new required field without a default",
                        name,
                        name + "      sku: { type: string, required: true }\n",
                        ChangeKind.REQUIRED_WITHOUT_DEFAULT,
                        DATA_AND_CLIENTS,
                        "6:7"),
                Arguments.of(
                        "narrowed maxLength",
                        name,
                        "      name: { type: string, required: true, maxLength: 20 }\n",
                        ChangeKind.CONSTRAINT_NARROWED,
                        DATA_AND_CLIENTS,
                        "5:45"),
                Arguments.of(
                        "relaxed maxLength",
                        name,
                        "      name: { type: string, required: true, maxLength: 80 }\n",
                        ChangeKind.CONSTRAINT_RELAXED,
                        OK,
                        "5:45"),
                Arguments.of(
                        "new pattern",
                        name,
                        "      name: { type: string, required: true, maxLength: 50, pattern: \"^[a-z]+$\" }\n",
                        ChangeKind.CONSTRAINT_NARROWED,
                        DATA_AND_CLIENTS,
                        "5:60"),
                Arguments.of(
                        "made optional",
                        name,
                        "      name: { type: string, maxLength: 50 }\n",
                        ChangeKind.CONSTRAINT_RELAXED,
                        OK,
                        "5:7"),
                Arguments.of(
                        "widened type",
                        name,
                        "      name: { type: text, required: true, maxLength: 50 }\n",
                        ChangeKind.TYPE_WIDENED,
                        OK,
                        "5:15"),
                Arguments.of(
                        "changed type",
                        name,
                        "      name: { type: int, required: true }\n",
                        ChangeKind.TYPE_CHANGED,
                        DATA_AND_CLIENTS,
                        "5:15"),
                Arguments.of(
                        "removed field",
                        name + "      note: { type: text }\n",
                        name,
                        ChangeKind.FIELD_REMOVED,
                        DATA_AND_CLIENTS,
                        "4:5"),
                Arguments.of(
                        "renamed field",
                        name + "      note: { type: text }\n",
                        name + "      remark: { type: text }\n",
                        ChangeKind.FIELD_RENAMED,
                        DATA_AND_CLIENTS,
                        "6:7"),
                Arguments.of(
                        "enum value removed",
                        "      size: { type: enum, values: [s, m, l] }\n",
                        "      size: { type: enum, values: [s, m] }\n",
                        ChangeKind.ENUM_VALUES_REMOVED,
                        DATA_AND_CLIENTS,
                        "5:27"),
                Arguments.of(
                        "enum value added",
                        "      size: { type: enum, values: [s, m] }\n",
                        "      size: { type: enum, values: [s, m, l] }\n",
                        ChangeKind.ENUM_VALUES_ADDED,
                        OK,
                        "5:27"),
                Arguments.of(
                        "made unique",
                        name,
                        "      name: { type: string, required: true, maxLength: 50, unique: true }\n",
                        ChangeKind.UNIQUE_ADDED,
                        DATA_AND_CLIENTS,
                        "5:60"),
                Arguments.of(
                        "no longer secret",
                        "      code: { type: string, secret: true }\n",
                        "      code: { type: string }\n",
                        ChangeKind.SECRET_REMOVED,
                        Set.of(Impact.NEEDS_MIGRATION),
                        "5:7"),
                Arguments.of(
                        "made secret",
                        "      code: { type: string }\n",
                        "      code: { type: string, secret: true }\n",
                        ChangeKind.SECRET_ADDED,
                        Set.of(Impact.BREAKS_CLIENTS),
                        "5:29"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachChangeIsClassifiedAtItsPlace(
            String what, String before, String after, ChangeKind kind, Set<Impact> impacts, String position) {
        SpecDiff diff = diff(ITEM + before, ITEM + after);
        assertEquals(List.of(), diff.problems());
        assertEquals(1, diff.changes().size(), diff.formatted().toString());
        SpecChange change = diff.changes().get(0);
        assertEquals(kind, change.kind(), diff.formatted().toString());
        assertEquals(impacts, change.impacts(), diff.formatted().toString());
        assertEquals(position, change.position().toString(), diff.formatted().toString());
        assertEquals(impacts.equals(OK) ? SpecDiff.COMPATIBLE : SpecDiff.BREAKING, diff.exitCode());
    }

    @Test
    void entityChangesAndTheOutputLines() {
        String before = ITEM + "      name: { type: string }\n"
                + "  Order:\n    fields:\n      item: { type: ref, to: Item, onDelete: restrict }\n"
                + "  Gone:\n    fields:\n      x: { type: int }\n";
        String after = "  Item:\n    scope: user\n    fields:\n      name: { type: string }\n"
                + "  Order:\n    path: purchases\n    fields:\n      item: { type: ref, to: Item, onDelete: cascade }\n"
                + "  Fresh:\n    fields:\n      y: { type: int }\n";
        SpecDiff diff = diff(before, after);
        assertEquals(
                List.of(
                        "new.yaml:2:1: needs data migration, breaks API clients: Gone: the entity was removed: its"
                                + " stored documents (collection gones) must be deleted or moved, and its routes are"
                                + " gone",
                        "new.yaml:4:5: needs data migration, breaks API clients: Item: scope org to user: stored"
                                + " documents need an owner (userId), and members no longer see others'",
                        "new.yaml:8:5: needs data migration, breaks API clients: Order: path orders to purchases:"
                                + " the routes moved, and the stored documents must move from collection orders to"
                                + " purchases",
                        "new.yaml:10:36: breaks API clients: Order.item: item onDelete restrict to cascade: deleting"
                                + " an Item now answers or reaches differently (stored documents are unchanged)",
                        "new.yaml:11:3: compatible: Fresh: a new entity",
                        "5 changes: 1 compatible, 3 need data migration, 4 break API clients"),
                diff.formatted());
    }

    @Test
    void noChangeIsCompatibleAndAnInvalidSpecComparesNothing() {
        String spec = ITEM + "      name: { type: string }\n";
        assertEquals(List.of("no changes"), diff(spec, spec + "# a comment\n").formatted());
        assertEquals(SpecDiff.COMPATIBLE, diff(spec, spec).exitCode());
        SpecDiff invalid = diff(spec, ITEM + "      name: { type: strng }\n");
        assertEquals(SpecDiff.INVALID, invalid.exitCode());
        assertTrue(
                invalid.problems().get(0).startsWith("new.yaml:5:21: error: unknown type 'strng'"),
                invalid.problems().toString());
    }

    @Test
    void proposalsAreOneUserOwnedClassPerEntityNumberedFromTheNextFree() {
        String before = ITEM + "      name: { type: string, maxLength: 50 }\n      note: { type: text }\n";
        String after = ITEM + "      name: { type: string, maxLength: 20 }\n      remark: { type: text }\n"
                + "      sku: { type: string, required: true }\n";
        SpecDiff diff = diff(before, after);
        var model = Instacrud.load("new.yaml", HEAD + after).model().orElseThrow();
        List<GeneratedFile> proposals = Instacrud.proposeMigrations(model, diff, 7, Set.of());
        assertEquals(1, proposals.size());
        GeneratedFile proposal = proposals.get(0);
        assertEquals("org/example/shop/migrations/V7__MigrateItem.java", proposal.relativePath());
        assertEquals(dev.instacrud.generator.output.Ownership.USER_OWNED, proposal.ownership());
        String code = proposal.content();
        assertTrue(code.contains("return Set.of(\"name\", \"remark\", \"note\", \"sku\");"), code);
        assertTrue(code.contains("item.put(\"remark\", item.remove(\"note\"));"), code);
        assertTrue(code.contains("storedText.offsetByCodePoints(0, 20)"), code);
        assertTrue(code.contains("decide the sku of each Item stored without one (a string)"), code);
    }
}
