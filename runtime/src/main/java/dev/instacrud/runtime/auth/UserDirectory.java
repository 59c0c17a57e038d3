package dev.instacrud.runtime.auth;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.error.ApiException;
import java.time.Clock;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The system database's {@code users} and {@code organizations} collections. Emails are stored
 * lower-cased under a unique index, so two concurrent sign-ups with one email yield exactly one account
 * and one 409. Values are always bound as BSON values, never parsed from client JSON, so an operator
 * object can never reach a query.
 */
public final class UserDirectory {
    private final MongoCollection<Document> users;
    private final MongoCollection<Document> organizations;
    private final Clock clock;

    public UserDirectory(MongoDatabase systemDb, Clock clock) {
        this.users = systemDb.getCollection("users");
        this.organizations = systemDb.getCollection("organizations");
        this.clock = clock;
        users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
    }

    /** Calls {@code action} with the id (hex) of every organisation, in id order. */
    public void forEachOrganizationId(java.util.function.Consumer<String> action) {
        for (Document org :
                organizations.find().projection(new Document("_id", 1)).sort(new Document("_id", 1))) {
            action.accept(org.getObjectId("_id").toHexString());
        }
    }

    /** Lower-cases and trims an email; refuses anything that is not plausibly one address (422). */
    public static String normalizeEmail(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        int at = normalized.indexOf('@');
        if (normalized.length() > 254
                || at < 1
                || at != normalized.lastIndexOf('@')
                || at == normalized.length() - 1
                || !normalized.matches("[^\\s\\p{Cntrl}\"<>()\\[\\],;:\\\\]+")) {
            throw ApiException.validation(java.util.List.of(dev.instacrud.runtime.error.ErrorDetail.of(
                    "Not a valid email address", "value_error", "body", "email")));
        }
        return normalized;
    }

    public Optional<Document> findByEmail(String normalizedEmail) {
        return Optional.ofNullable(
                users.find(Filters.eq("email", normalizedEmail)).first());
    }

    /** The user as the request context needs it, or empty when removed or unknown. */
    public Optional<CurrentUser> currentUser(String userId) {
        if (!ObjectId.isValid(userId)) {
            return Optional.empty();
        }
        Document user = users.find(Filters.eq("_id", new ObjectId(userId))).first();
        if (user == null) {
            return Optional.empty();
        }
        Role role;
        try {
            role = Role.valueOf(user.getString("role"));
        } catch (RuntimeException e) {
            return Optional.empty(); // an unknown role grants nothing
        }
        return Optional.of(new CurrentUser(
                userId, user.getString("email"), user.getObjectId("orgId").toHexString(), role));
    }

    public Optional<Document> findById(String userId) {
        if (!ObjectId.isValid(userId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                users.find(Filters.eq("_id", new ObjectId(userId))).first());
    }

    /** Whether the organisation exists. */
    public boolean organizationExists(ObjectId orgId) {
        return organizations.find(Filters.eq("_id", orgId)).first() != null;
    }

    /** Creates an organisation; returns its id. */
    public ObjectId createOrganization(String name) {
        ObjectId id = new ObjectId();
        organizations.insertOne(
                new Document("_id", id).append("name", name).append("createdAt", new Date(clock.millis())));
        return id;
    }

    /** Removes an organisation created for a sign-up that then failed. */
    void deleteOrganization(ObjectId id) {
        organizations.deleteOne(Filters.eq("_id", id));
    }

    /**
     * Inserts a user.
     *
     * @param passwordHash the hash, or null for an account that signs in only through OAuth
     * @throws ApiException 409 when the email is taken
     */
    public ObjectId createUser(String normalizedEmail, String name, String passwordHash, ObjectId orgId, Role role) {
        ObjectId id = new ObjectId();
        Document user = new Document("_id", id)
                .append("email", normalizedEmail)
                .append("name", name)
                .append("passwordHash", passwordHash)
                .append("orgId", orgId)
                .append("role", role.name())
                .append("createdAt", new Date(clock.millis()));
        try {
            users.insertOne(user);
        } catch (MongoException e) {
            if (e.getCode() == 11000) {
                throw ApiException.conflict("An account with this email already exists");
            }
            throw e;
        }
        return id;
    }

    /** The user linked to this provider's subject, if any. */
    public Optional<Document> findByProviderSubject(String provider, String subject) {
        return Optional.ofNullable(
                users.find(Filters.eq("oauth." + provider, subject)).first());
    }

    /** Links an OIDC identity (provider + subject) to a user. */
    public void linkProvider(ObjectId userId, String provider, String subject) {
        users.updateOne(Filters.eq("_id", userId), Updates.set("oauth." + provider, subject));
    }

    void updatePasswordHash(ObjectId userId, String expectedOldHash, String newHash) {
        // conditional on the old hash so a concurrent password change is never overwritten
        users.updateOne(
                Filters.and(Filters.eq("_id", userId), Filters.eq("passwordHash", expectedOldHash)),
                Updates.set("passwordHash", newHash));
    }
}
