package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.spec.Diagnostic;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule, on a small spec, reports at the exact place with the expected words. */
class CheckerRulesTest {

    private static final String HEAD = "service:\n  name: t\n  package: org.example.t\nentities:\n";

    /** One problem: the spec (entities start on line 5), the rule, where, and words of the message. */
    record Case(String rule, String yaml, int line, int column, String words) {
        @Override
        public String toString() {
            return rule + " @" + line + ":" + column;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("yaml-syntax", "service:\n  name: [a\n", 2, 11, "YAML syntax"),
                new Case(
                        "duplicate-key",
                        HEAD + "  A:\n    fields:\n      x: { type: int }\n      x: { type: int }\n",
                        8,
                        7,
                        "duplicate key 'x' (first at line 7)"),
                new Case(
                        "value-kind",
                        HEAD + "  A:\n    fields:\n      x: { type: int, required: maybe }\n",
                        7,
                        33,
                        "'required' must be true or false, not a string"),
                new Case(
                        "value-kind",
                        HEAD + "  A:\n    fields:\n      x: { type: int, required: yes }\n",
                        7,
                        33,
                        "'required' must be true or false, not 'yes': write true (yes/no/on/off are booleans only in"
                                + " YAML 1.1"),
                new Case(
                        "value-kind",
                        HEAD + "  A:\n    fields:\n      x: { type: string, searchable: Off }\n",
                        7,
                        38,
                        "'searchable' must be true or false, not 'Off': write false"),
                new Case(
                        "unknown-ref",
                        HEAD + "  A:\n    fields:\n      owner: { type: ref, to: User }\n",
                        7,
                        31,
                        "refers to unknown entity 'User': users are the runtime's (in the system database), not"
                                + " entities; a document names its author in the audit fields createdBy and updatedBy"),
                new Case(
                        "default",
                        HEAD + "  A:\n    fields:\n      x: { type: boolean, default: on }\n",
                        7,
                        36,
                        "is 'on', YAML 1.1's spelling: write true"),
                new Case(
                        "nesting",
                        HEAD
                                + "  A:\n    fields:\n      o: { type: object, fields: { t: { type: string, searchable: true } } }\n",
                        7,
                        55,
                        "searchable is only allowed on top-level fields"),
                new Case(
                        "secret",
                        HEAD + "  A:\n    fields:\n      t: { type: string, secret: true, searchable: true }\n",
                        7,
                        26,
                        "cannot be both secret and searchable"),
                new Case(
                        "constraint-type",
                        HEAD + "  A:\n    fields:\n      n: { type: int, searchable: true }\n",
                        7,
                        23,
                        "'searchable' does not apply to type 'int'"),
                new Case("value-kind", "- a\n- b\n", 1, 1, "a spec must be a map"),
                new Case("value-kind", "# nothing\n", 1, 1, "the spec is empty"),
                new Case(
                        "unknown-key",
                        HEAD + "  A:\n    feilds:\n      x: { type: int }\n",
                        6,
                        5,
                        "unknown key 'feilds' in entity 'A'; did you mean 'fields'?"),
                new Case(
                        "missing-key",
                        "service:\n  name: t\nentities:\n  A:\n    fields:\n      x: { type: int }\n",
                        1,
                        1,
                        "missing required key 'package' in 'service'"),
                new Case(
                        "missing-key",
                        HEAD + "  A:\n    fields:\n      x: { type: ref }\n",
                        7,
                        7,
                        "missing required key 'to' in field 'x'"),
                new Case(
                        "unknown-type",
                        HEAD + "  A:\n    fields:\n      x: { type: integer }\n",
                        7,
                        18,
                        "unknown type 'integer'; did you mean 'int'?"),
                new Case(
                        "unknown-value",
                        "service:\n  name: t\n  package: p\ntenancy: per-org\nentities:\n  A:\n"
                                + "    fields:\n      x: { type: int }\n",
                        4,
                        10,
                        "unknown tenancy 'per-org'"),
                new Case(
                        "unknown-role",
                        HEAD + "  A:\n    write: [ADMIN]\n    fields:\n      x: { type: int }\n",
                        6,
                        13,
                        "unknown role 'ADMIN' (one of ORG_ADMIN, USER, READ_ONLY)"),
                new Case(
                        "unknown-ref",
                        HEAD + "  Ward:\n    fields:\n      x: { type: int }\n  B:\n    fields:\n"
                                + "      w: { type: ref, to: ward }\n",
                        10,
                        27,
                        "refers to unknown entity 'ward'; did you mean 'Ward'?"),
                new Case(
                        "constraint-type",
                        HEAD + "  A:\n    fields:\n      x: { type: int, maxLength: 3 }\n",
                        7,
                        23,
                        "'maxLength' does not apply to type 'int'"),
                new Case(
                        "constraint-range",
                        HEAD + "  A:\n    fields:\n      x: { type: int, minimum: 5, maximum: 1 }\n",
                        7,
                        44,
                        "minimum 5 is greater than maximum 1"),
                new Case(
                        "constraint-range",
                        HEAD + "  A:\n    fields:\n      x: { type: list, of: int, minItems: 5," + " maxItems: 1 }\n",
                        7,
                        56,
                        "minItems 5 is greater than maxItems 1"),
                new Case(
                        "constraint-range",
                        HEAD + "  A:\n    fields:\n      x: { type: text, minLength: 9, maxLength: 2 }\n",
                        7,
                        49,
                        "minLength 9 is greater than maxLength 2"),
                new Case(
                        "pattern",
                        HEAD + "  A:\n    fields:\n      x: { type: string, pattern: \"(a\" }\n",
                        7,
                        35,
                        "does not compile as a Java regex"),
                new Case(
                        "default",
                        HEAD + "  A:\n    fields:\n      x: { type: int, maximum: 3, default: 4 }\n",
                        7,
                        44,
                        "default 4 of field 'x' breaks maximum 3"),
                new Case(
                        "default",
                        HEAD + "  A:\n    fields:\n      x: { type: int, default: abc }\n",
                        7,
                        32,
                        "is not a whole number"),
                new Case(
                        "default",
                        HEAD + "  A:\n    fields:\n      x: { type: string, pattern: \"^a\", default: b }\n",
                        7,
                        50,
                        "does not match its pattern"),
                new Case("name", HEAD + "  A:\n    fields:\n      enum: { type: int }\n", 7, 7, "is a Java keyword"),
                new Case("name", HEAD + "  A:\n    fields:\n      orgId: { type: int }\n", 7, 7, "is reserved"),
                new Case(
                        "name",
                        HEAD + "  A:\n    fields:\n      hashCode: { type: int }\n",
                        7,
                        7,
                        "field name 'hashCode' is a method every Java record has"),
                new Case(
                        "name",
                        HEAD + "  A:\n    fields:\n      x: { type: object, fields: { getClass: { type: int } } }\n",
                        7,
                        36,
                        "field name 'getClass' is a method every Java record has"),
                new Case(
                        "name",
                        HEAD + "  Task:\n    fields:\n      x: { type: int }\n  TaskInput:\n    fields:\n"
                                + "      y: { type: int }\n",
                        8,
                        3,
                        "entity name 'TaskInput' clashes with the generated TaskInput of entity 'Task'"),
                new Case(
                        "name",
                        HEAD + "  TApplication:\n    fields:\n      x: { type: int }\n",
                        5,
                        3,
                        "entity name 'TApplication' clashes with the service's generated application class"),
                new Case("name", HEAD + "  tasks:\n    fields:\n      x: { type: int }\n", 5, 3, "must be PascalCase"),
                new Case(
                        "service",
                        "service:\n  name: t\n  package: 1org\nentities:\n  A:\n    fields:\n"
                                + "      x: { type: int }\n",
                        3,
                        12,
                        "is not a valid Java package"),
                new Case(
                        "service",
                        "service:\n  name: Shop\n  package: p\nentities:\n  A:\n    fields:\n"
                                + "      x: { type: int }\n",
                        2,
                        9,
                        "service name 'Shop'"),
                new Case(
                        "path",
                        HEAD + "  A:\n    path: a/b\n    fields:\n      x: { type: int }\n",
                        6,
                        11,
                        "must be one kebab-case URL segment"),
                new Case(
                        "path",
                        HEAD + "  User:\n    fields:\n      x: { type: int }\n",
                        5,
                        3,
                        "entity 'User' would be served at /api/v1/users, which the service uses for its own routes"),
                new Case(
                        "path",
                        HEAD + "  Log:\n    path: audit\n    fields:\n      x: { type: int }\n",
                        6,
                        11,
                        "give it another path, such as path: app-audit"),
                new Case(
                        "duplicate-path",
                        HEAD + "  Box:\n    fields:\n      x: { type: int }\n  Crate:\n    path: boxes\n"
                                + "    fields:\n      x: { type: int }\n",
                        9,
                        11,
                        "uses path 'boxes', like entity 'Box' (line 5)"),
                new Case(
                        "set-null-required",
                        HEAD + "  A:\n    fields:\n      x: { type: int }\n  B:\n    fields:\n"
                                + "      a: { type: ref, to: A, required: true, onDelete: set-null }\n",
                        10,
                        56,
                        "set-null on required ref"),
                new Case(
                        "display",
                        HEAD + "  A:\n    display: titel\n    fields:\n      title: { type: string }\n",
                        6,
                        14,
                        "entity 'A' has no field 'titel'; did you mean 'title'?"),
                new Case(
                        "display",
                        HEAD + "  A:\n    fields:\n      x: { type: int }\n  B:\n    display: a\n    fields:\n"
                                + "      a: { type: ref, to: A }\n",
                        9,
                        14,
                        "field 'a' cannot label a document (a ref)"),
                new Case(
                        "display",
                        HEAD + "  A:\n    display: key\n    fields:\n      key: { type: string, secret: true }\n",
                        6,
                        14,
                        "field 'key' cannot label a document (a secret)"),
                new Case(
                        "required-ref-cycle",
                        HEAD + "  A:\n    fields:\n      b: { type: ref, to: B, required: true }\n"
                                + "  B:\n    fields:\n      a: { type: ref, to: A, required: true }\n",
                        7,
                        7,
                        "required refs form a cycle: A.b -> B.a -> A"),
                new Case(
                        "secret",
                        HEAD + "  A:\n    fields:\n      x: { type: string, secret: true, unique: true }\n",
                        7,
                        26,
                        "cannot be both secret and unique"),
                new Case(
                        "secret",
                        HEAD + "  A:\n    fields:\n      x: { type: list, of: string, secret: true }\n",
                        7,
                        36,
                        "secret does not apply to type 'list'"),
                new Case(
                        "nesting",
                        HEAD + "  A:\n    fields:\n      x: { type: list, of: list }\n",
                        7,
                        28,
                        "a list cannot hold lists"),
                new Case(
                        "private-ref",
                        HEAD + "  A:\n    fields:\n      x: { type: int }\n  B:\n    scope: user\n    fields:\n"
                                + "      a: { type: ref, to: A, onDelete: restrict }\n",
                        11,
                        40,
                        "from user-scoped 'B' to org-scoped 'A' cannot restrict"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsAtThePosition(Case c) {
        SpecResult r = Instacrud.load("t.yaml", c.yaml());
        List<Diagnostic> hits = r.diagnostics().stream()
                .filter(d -> d.ruleId().equals(c.rule()))
                .toList();
        assertTrue(!hits.isEmpty(), "no " + c.rule() + " in " + r.formatted());
        Diagnostic d = hits.get(0);
        assertEquals(c.line() + ":" + c.column(), d.line() + ":" + d.column(), d.format());
        assertTrue(d.message().contains(c.words()), d.format());
        assertTrue(r.model().isEmpty());
    }

    @Test
    void everyRuleHasACase() {
        Set<String> covered = cases().map(Case::rule).collect(Collectors.toSet());
        for (String id : Instacrud.ruleIds()) {
            assertTrue(covered.contains(id), "no test case for rule " + id);
        }
    }

    @Test
    void diagnosticsAreSortedAndAllReported() {
        SpecResult r = Instacrud.load(
                "t.yaml",
                HEAD + "  A:\n    fields:\n      x: { type: strin }\n"
                        + "      y: { type: int, maxLength: 2 }\n      z: { type: ref, to: Nope }\n");
        assertEquals(
                List.of("unknown-type", "constraint-type", "unknown-ref"),
                r.diagnostics().stream().map(Diagnostic::ruleId).toList());
        assertEquals(
                "t.yaml:7:18: error: unknown type 'strin'; did you mean 'string'? [unknown-type]",
                r.formatted().get(0));
    }

    @Test
    void yamlBooleansAndQuotedValuesAreTakenAsWritten() {
        SpecResult quoted =
                Instacrud.load("t.yaml", HEAD + "  A:\n    fields:\n      x: { type: string, required: \"true\" }\n");
        assertEquals(
                List.of("value-kind"),
                quoted.diagnostics().stream().map(Diagnostic::ruleId).toList());
        SpecResult ok =
                Instacrud.load("t.yaml", HEAD + "  A:\n    fields:\n      x: { type: string, required: True }\n");
        assertTrue(
                ok.model().orElseThrow().entities().get(0).fields().get(0).required(),
                ok.formatted().toString());
    }
}
