package dev.instacrud.runtime.auth;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.error.ApiException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
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
 * absent on users stored before it existed, which counts as false), {@code emailVerifiedAt}, {@code oauth}
 * ({@code {provider: subject}} for each linked OIDC identity), {@code tokenEpoch} (moved on by a password change or
 * reset, a sign-out everywhere and a deactivation: every access token issued before is refused; absent counts as 0),
 * {@code deactivatedAt} (present while an administrator has deactivated the user), {@code removingAt} (present while
 * the account is being removed) and {@code lastSignInAt}.
 */
public final class UserDirectory {
    /** The system database collection of users. */
    public static final String USERS = "users";

    static final String EPOCH = "tokenEpoch";
    static final String DEACTIVATED_AT = "deactivatedAt";
    static final String REMOVING = "removingAt";
    static final String LAST_SIGN_IN = "lastSignInAt";

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> organizations;
    private final Clock clock;

    public UserDirectory(MongoDatabase systemDb, Clock clock) {
        this.users = systemDb.getCollection(USERS);
        this.organizations = systemDb.getCollection("organizations");
        this.clock = clock;
        users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        users.createIndex(Indexes.ascending("orgId", "email"), new IndexOptions().name("orgId_1_email_1"));
        EmailMigration.run(systemDb, clock); // before anything looks a user up by email
    }

    /** Calls {@code action} with the id (hex) of every organisation, in id order. */
    public void forEachOrganizationId(java.util.function.Consumer<String> action) {
        for (Document org :
                organizations.find().projection(new Document("_id", 1)).sort(new Document("_id", 1))) {
            action.accept(org.getObjectId("_id").toHexString());
        }
    }

    public Optional<Document> findByEmail(String normalizedEmail) {
        return Optional.ofNullable(
                users.find(Filters.eq("email", normalizedEmail)).first());
    }

    /**
     * The user as the authenticator needs it (role, organisation, token epoch, whether active and verified), or
     * empty when removed, unknown, or holding a role this version does not know (which grants nothing).
     */
    public Optional<UserState> state(String userId) {
        return findById(userId).flatMap(UserDirectory::state);
    }

    static Optional<UserState> state(Document user) {
        Role role;
        try {
            role = Role.valueOf(user.getString("role"));
        } catch (RuntimeException e) {
            return Optional.empty(); // an unknown role grants nothing
        }
        if (!(user.get("orgId") instanceof ObjectId orgId)) {
            return Optional.empty();
        }
        CurrentUser current = new CurrentUser(
                user.getObjectId("_id").toHexString(), user.getString("email"), orgId.toHexString(), role);
        return Optional.of(new UserState(current, epoch(user), isActive(user), isEmailVerified(user)));
    }

    /** The user's token epoch: tokens issued at an earlier one are refused. Missing counts as 0. */
    static long epoch(Document user) {
        return user.get(EPOCH) instanceof Number n ? n.longValue() : 0;
    }

    /** Whether the user may sign in and use tokens: not deactivated, not being removed. */
    static boolean isActive(Document user) {
        return user.get(DEACTIVATED_AT) == null && user.get(REMOVING) == null;
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

    /** Records a successful sign-in. */
    void recordSignIn(ObjectId userId) {
        users.updateOne(Filters.eq("_id", userId), Updates.set(LAST_SIGN_IN, new Date(clock.millis())));
    }

    /**
     * Replaces the password hash if it is still {@code expectedOldHash}, and moves the token epoch on, in one write.
     *
     * @return the new epoch, or empty when the password changed in between
     */
    Optional<Long> changePassword(ObjectId userId, String expectedOldHash, String newHash) {
        Document after = users.findOneAndUpdate(
                Filters.and(Filters.eq("_id", userId), Filters.eq("passwordHash", expectedOldHash)),
                Updates.combine(Updates.set("passwordHash", newHash), Updates.inc(EPOCH, 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(after).map(UserDirectory::epoch);
    }

    /**
     * Sets a password through a reset link sent to {@code email}, which also proves the address, and moves the token
     * epoch on, in one write; only while the user still has that email and is active.
     *
     * @return whether the user was found so
     */
    boolean resetPassword(ObjectId userId, String email, String newHash) {
        Date now = new Date(clock.millis());
        return users.updateOne(
                                Filters.and(
                                        Filters.eq("_id", userId),
                                        Filters.eq("email", email),
                                        Filters.exists(DEACTIVATED_AT, false),
                                        Filters.exists(REMOVING, false)),
                                Updates.combine(
                                        Updates.set("passwordHash", newHash),
                                        Updates.set("emailVerified", true),
                                        Updates.set("emailVerifiedAt", now),
                                        Updates.inc(EPOCH, 1L)))
                        .getMatchedCount()
                == 1;
    }

    /** Moves the user's token epoch on: every access token issued before is refused. */
    void advanceEpoch(ObjectId userId) {
        users.updateOne(Filters.eq("_id", userId), Updates.inc(EPOCH, 1L));
    }

    /** Changes the user's own name. */
    boolean setName(ObjectId userId, String name) {
        return users.updateOne(Filters.eq("_id", userId), Updates.set("name", name))
                        .getMatchedCount()
                == 1;
    }

    /** The member of this organisation, or empty (another organisation's user is not there). */
    Optional<Document> member(ObjectId orgId, String userId) {
        if (userId == null || userId.length() != 24 || !ObjectId.isValid(userId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                users.find(Filters.and(Filters.eq("_id", new ObjectId(userId)), Filters.eq("orgId", orgId)))
                        .first());
    }

    /** One page of the organisation's members matching {@code filter}, ordered by email. */
    java.util.List<Document> members(ObjectId orgId, Bson filter, int offset, int limit) {
        return users.find(Filters.and(Filters.eq("orgId", orgId), filter))
                .sort(Sorts.ascending("email"))
                .skip(offset)
                .limit(limit)
                .into(new java.util.ArrayList<>());
    }

    /** How many of the organisation's members match {@code filter}. */
    long countMembers(ObjectId orgId, Bson filter) {
        return users.countDocuments(Filters.and(Filters.eq("orgId", orgId), filter));
    }

    /** The organisation's administrators who may act as such (active), other than {@code except}. */
    long activeAdminsOtherThan(ObjectId orgId, ObjectId except) {
        return users.countDocuments(Filters.and(
                Filters.eq("orgId", orgId),
                Filters.eq("role", Role.ORG_ADMIN.name()),
                Filters.ne("_id", except),
                Filters.exists(DEACTIVATED_AT, false),
                Filters.exists(REMOVING, false)));
    }

    /** How many members the organisation has. */
    long countAll(ObjectId orgId) {
        return users.countDocuments(Filters.eq("orgId", orgId));
    }

    /** Sets a member's role. */
    Optional<Document> setRole(ObjectId orgId, ObjectId userId, Role role) {
        return Optional.ofNullable(users.findOneAndUpdate(
                Filters.and(Filters.eq("_id", userId), Filters.eq("orgId", orgId)),
                Updates.set("role", role.name()),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Deactivates a member and moves their token epoch on, in one write. */
    Optional<Document> deactivate(ObjectId orgId, ObjectId userId) {
        return Optional.ofNullable(users.findOneAndUpdate(
                Filters.and(Filters.eq("_id", userId), Filters.eq("orgId", orgId)),
                Updates.combine(Updates.set(DEACTIVATED_AT, new Date(clock.millis())), Updates.inc(EPOCH, 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Lets a deactivated member sign in again (their old tokens stay refused: the epoch moved on). */
    Optional<Document> reactivate(ObjectId orgId, ObjectId userId) {
        return Optional.ofNullable(users.findOneAndUpdate(
                Filters.and(Filters.eq("_id", userId), Filters.eq("orgId", orgId)),
                Updates.unset(DEACTIVATED_AT),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /**
     * Marks a member as being removed: from now on they cannot sign in nor use a token, while their private
     * documents are deleted; a removal that stops half-way can be done again.
     */
    boolean markRemoving(ObjectId orgId, ObjectId userId) {
        return users.updateOne(
                                Filters.and(Filters.eq("_id", userId), Filters.eq("orgId", orgId)),
                                Updates.combine(
                                        Updates.set(REMOVING, new Date(clock.millis())), Updates.inc(EPOCH, 1L)))
                        .getMatchedCount()
                == 1;
    }

    /** Deletes the user document; their address is free again. */
    void delete(ObjectId orgId, ObjectId userId) {
        users.deleteOne(Filters.and(Filters.eq("_id", userId), Filters.eq("orgId", orgId)));
    }
}
