package dev.instacrud.runtime.app;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.instacrud.runtime.auth.EmailAddress;
import dev.instacrud.runtime.auth.Invitations;
import dev.instacrud.runtime.auth.UserDirectory;
import dev.instacrud.runtime.context.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The first administrator of an invite-only service, which otherwise could never get its first account:
 * with {@code BOOTSTRAP_ADMIN_EMAIL} set and no user of that email yet, start-up makes (or reuses) an
 * organisation for it and a single-use ORG_ADMIN invitation bound to that email, replacing any earlier
 * unused one. The code is returned for the operator's console, never logged; only its hash is stored, and
 * it expires like every invitation.
 */
final class FirstAdmin {
    private final MongoCollection<Document> organizations;
    private final MongoCollection<Document> invitations;
    private final UserDirectory users;
    private final Invitations issuer;
    private final Clock clock;

    FirstAdmin(MongoDatabase systemDb, Clock clock, Duration invitationTtl) {
        this.clock = clock;
        this.organizations = systemDb.getCollection("organizations");
        this.invitations = systemDb.getCollection("invitations");
        this.users = new UserDirectory(systemDb, clock);
        this.issuer = new Invitations(systemDb, clock, invitationTtl);
    }

    /** A fresh invitation code for {@code email}, or empty when that user already exists. */
    Optional<Invitations.Created> invite(String email, String organization) {
        String normalized = EmailAddress.normalize(email);
        if (users.findByEmail(normalized).isPresent()) {
            return Optional.empty();
        }
        Document existing =
                organizations.find(Filters.eq("bootstrapAdmin", normalized)).first();
        ObjectId orgId;
        if (existing != null) {
            orgId = existing.getObjectId("_id");
            invitations.deleteMany(Filters.and(Filters.eq("email", normalized), Filters.eq("orgId", orgId)));
        } else {
            orgId = new ObjectId();
            organizations.insertOne(new Document("_id", orgId)
                    .append("name", organization)
                    .append("bootstrapAdmin", normalized)
                    .append("createdAt", new Date(clock.millis())));
        }
        return Optional.of(issuer.create(orgId, normalized, Role.ORG_ADMIN, "bootstrap"));
    }
}
