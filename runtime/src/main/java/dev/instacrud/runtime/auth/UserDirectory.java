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
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The system database's {@code users} and {@code organizations} collections. Emails are stored in
 * {@link EmailAddress}'s form under a unique index, so two concurrent sign-ups with one email yield exactly one account
 * and one 409. Values are always bound as BSON values, never parsed from client JSON, so an operator
 * object can never reach a query.
 *
 * <p>A user document: {@code _id}, {@code email} (normalised), {@code name}, {@code passwordHash} (null
 * for OIDC-only accounts), {@code orgId}, {@code role}, {@code createdAt}, {@code emailVerified} (whether
 * the owner of the email proved control of the account; false for password and invitation sign-ups,
 * absent on users stored before it existed, which counts as false), {@code emailVerifiedAt}, and {@code
 * oauth} ({@code {provider: subject}} for each linked OIDC identity).
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
        EmailMigration.run(systemDb, clock); // before anything looks a user up by email
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
     * A user about to be inserted.
     *
     * @param email the normalised email ({@link EmailAddress#normalize})
     * @param passwordHash the hash, or null for an account that signs in only through OIDC
     * @param emailVerified whether the owner of the email is known to control this account: true only
     *     when a provider asserted the email as verified (or, later, a verification mail was answered)
     * @param oauthProvider the OIDC provider the account is created through, or null
     * @param oauthSubject that provider's {@code sub} for the user, or null
     */
    public record NewUser(
            String email,
            String name,
            String passwordHash,
            ObjectId orgId,
            Role role,
            boolean emailVerified,
            String oauthProvider,
            String oauthSubject) {
        /** A user who signs in with a password; the email is not verified yet. */
        public static NewUser withPassword(String email, String name, String passwordHash, ObjectId orgId, Role role) {
            return new NewUser(email, name, passwordHash, orgId, role, false, null, null);
        }

        /** A user created by an OIDC sign-in whose provider verified the email. */
        public static NewUser fromProvider(String email, String name, ObjectId orgId, String provider, String subject) {
            return new NewUser(email, name, null, orgId, Role.ORG_ADMIN, true, provider, subject);
        }
    }

    /**
     * Inserts a user as one document (its OIDC link included, so no half-made account is ever visible).
     *
     * @throws ApiException 409 when the email is taken
     */
    public ObjectId createUser(NewUser user) {
        ObjectId id = new ObjectId();
        Date now = new Date(clock.millis());
        Document doc = new Document("_id", id)
                .append("email", user.email())
                .append("name", user.name())
                .append("passwordHash", user.passwordHash())
                .append("orgId", user.orgId())
                .append("role", user.role().name())
                .append("emailVerified", user.emailVerified())
                .append("createdAt", now);
        if (user.emailVerified()) {
            doc.append("emailVerifiedAt", now);
        }
        if (user.oauthProvider() != null) {
            doc.append("oauth", new Document(user.oauthProvider(), user.oauthSubject()));
        }
        try {
            users.insertOne(doc);
        } catch (MongoException e) {
            if (e.getCode() == 11000) {
                throw ApiException.conflict("An account with this email already exists");
            }
            throw e;
        }
        return id;
    }

    /**
     * Whether the user has proven control of the stored email. Fails closed: users stored before the flag
     * existed, and any value other than {@code true}, count as unverified.
     */
    public static boolean isEmailVerified(Document user) {
        return Boolean.TRUE.equals(user.get("emailVerified"));
    }

    /**
     * Records that the owner of {@code email} proved control of this account (a verification mail was
     * answered). Conditional on the email, so a proof sent to an old address never verifies a new one.
     *
     * @return whether the user was found with that email
     */
    public boolean markEmailVerified(ObjectId userId, String normalizedEmail) {
        return users.updateOne(
                                Filters.and(Filters.eq("_id", userId), Filters.eq("email", normalizedEmail)),
                                Updates.combine(
                                        Updates.set("emailVerified", true),
                                        Updates.set("emailVerifiedAt", new Date(clock.millis()))))
                        .getMatchedCount()
                == 1;
    }

    /** The user linked to this provider's subject, if any. */
    public Optional<Document> findByProviderSubject(String provider, String subject) {
        return Optional.ofNullable(
                users.find(Filters.eq("oauth." + provider, subject)).first());
    }

    /**
     * Links an OIDC identity (provider + subject) to a user whose email is verified and who has no identity
     * of that provider yet, in one conditional write: a concurrent link, or a verification withdrawn in
     * between, makes it a no-op.
     *
     * @return whether the link was made
     */
    public boolean linkProvider(ObjectId userId, String provider, String subject) {
        return users.updateOne(
                                Filters.and(
                                        Filters.eq("_id", userId),
                                        Filters.eq("emailVerified", true),
                                        Filters.exists("oauth." + provider, false)),
                                Updates.set("oauth." + provider, subject))
                        .getMatchedCount()
                == 1;
    }

    void updatePasswordHash(ObjectId userId, String expectedOldHash, String newHash) {
        // conditional on the old hash so a concurrent password change is never overwritten
        users.updateOne(
                Filters.and(Filters.eq("_id", userId), Filters.eq("passwordHash", expectedOldHash)),
                Updates.set("passwordHash", newHash));
    }
}
