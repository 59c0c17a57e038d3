package dev.instacrud.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.data.EntityDescriptor.OnDelete;
import dev.instacrud.runtime.data.EntityDescriptor.Scope;
import dev.instacrud.runtime.query.FieldKind;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 4, in the runtime too: a registry whose deletes of shared documents would depend on other users'
 * private ones is refused at start-up, whoever wrote the descriptors (the checker refuses such specs).
 */
class EntityRegistryTest {
    static final EntityDescriptor BOOK = EntityDescriptor.builder("Book", "books", Scope.ORG)
            .field("title", FieldKind.PLAIN)
            .build();

    static EntityDescriptor privateRef(String name, String target, OnDelete onDelete) {
        return EntityDescriptor.builder(name, name.toLowerCase() + "s", Scope.USER)
                .ref("ref", target, onDelete)
                .build();
    }

    @Test
    void noEntityMayLiveInTheAuditLogsCollection() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EntityRegistry.of(EntityDescriptor.builder("Log", "audit", Scope.ORG)
                        .field("text", FieldKind.PLAIN)
                        .build()));
        assertTrue(e.getMessage().contains("audit log"), e.getMessage());
    }

    @Test
    void aPrivateRefToASharedDocumentCannotRestrict() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EntityRegistry.of(BOOK, privateRef("Loan", "Book", OnDelete.RESTRICT)));
        assertTrue(e.getMessage().contains("Loan.ref"), e.getMessage());
    }

    @Test
    void aCascadeFromAPrivateDocumentThatMeetsARestrictIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EntityRegistry.of(
                        BOOK,
                        privateRef("Bookmark", "Book", OnDelete.CASCADE),
                        privateRef("Note", "Bookmark", OnDelete.RESTRICT)));
        assertTrue(e.getMessage().contains("Note.ref"), e.getMessage());
    }

    @Test
    void setNullAndCascadesThatMeetNoRestrictAreFine() {
        EntityRegistry registry = EntityRegistry.of(
                BOOK,
                privateRef("Loan", "Book", OnDelete.SET_NULL),
                privateRef("Bookmark", "Book", OnDelete.CASCADE),
                privateRef("Note", "Bookmark", OnDelete.SET_NULL),
                privateRef("Memo", "Loan", OnDelete.RESTRICT));
        assertEquals(5, registry.all().size());
    }
}
