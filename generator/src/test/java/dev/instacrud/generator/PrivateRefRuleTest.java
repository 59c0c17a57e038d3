package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 4: a delete of a shared (org-scoped) document must not depend on other members' private
 * documents, or its answer tells who points at what. The checker refuses the refs that would make it so.
 */
class PrivateRefRuleTest {
    private static final String HEAD = "service:\n  name: t\n  package: org.example.t\nentities:\n"
            + "  Book:\n    fields:\n      title: { type: string }\n";

    private static List<String> problems(String entities) {
        return Instacrud.load("t.yaml", HEAD + entities).formatted();
    }

    @Test
    void aPrivateRefToASharedDocumentCannotRestrict() {
        assertEquals(
                List.of("t.yaml:11:7: error: ref 'Loan.book' from user-scoped 'Loan' to org-scoped 'Book' cannot"
                        + " restrict deletes (the default): whether a 'Book' can be deleted would tell members that"
                        + " another member's private 'Loan' points at it; use onDelete: set-null (an optional ref) or"
                        + " cascade [private-ref]"),
                problems("  Loan:\n    scope: user\n    fields:\n      book: { type: ref, to: Book }\n"));
        assertEquals(
                1,
                problems("  Loan:\n    scope: user\n    fields:\n"
                                + "      books: { type: list, of: ref, to: Book, onDelete: restrict }\n")
                        .size());
    }

    @Test
    void aCascadeThatMeetsARestrictIsRefused() {
        List<String> found = problems("  Bookmark:\n    scope: user\n    fields:\n"
                + "      book: { type: ref, to: Book, required: true, onDelete: cascade }\n"
                + "  Note:\n    scope: user\n    fields:\n"
                + "      bookmark: { type: ref, to: Bookmark, required: true }\n");
        assertEquals(1, found.size(), found.toString());
        assertTrue(
                found.get(0)
                        .startsWith("t.yaml:11:62: error: onDelete: cascade on 'Bookmark.book' reaches other members'"
                                + " private 'Bookmark' documents, and 'Note.bookmark' restricts deleting those"),
                found.get(0));
        // org-scoped documents on the way count too: they refer to the private ones
        assertEquals(
                1,
                problems("  Bookmark:\n    scope: user\n    fields:\n"
                                + "      book: { type: ref, to: Book, onDelete: cascade }\n"
                                + "  Pin:\n    fields:\n"
                                + "      bookmark: { type: ref, to: Bookmark, onDelete: cascade }\n"
                                + "  Board:\n    fields:\n      pin: { type: ref, to: Pin, onDelete: restrict }\n")
                        .size());
    }

    @Test
    void setNullCascadesWithoutRestrictsAndOtherScopesAreFine() {
        assertEquals(
                List.of(),
                problems("  Loan:\n    scope: user\n    fields:\n"
                        + "      book: { type: ref, to: Book, onDelete: set-null }\n"
                        + "      previous: { type: ref, to: Loan, onDelete: restrict }\n"
                        + "  Bookmark:\n    scope: user\n    fields:\n"
                        + "      book: { type: ref, to: Book, required: true, onDelete: cascade }\n"
                        + "  Note:\n    scope: user\n    fields:\n"
                        + "      bookmark: { type: ref, to: Bookmark, onDelete: set-null }\n"
                        + "      loan: { type: ref, to: Loan }\n"
                        + "  Shelf:\n    fields:\n      book: { type: ref, to: Book }\n"
                        + "      loan: { type: ref, to: Loan, onDelete: restrict }\n"));
    }
}
