package dev.instacrud.runtime.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.instacrud.runtime.context.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Invitation codes in the system database's {@code invitations} collection. A code is 32 random bytes;
 * only its SHA-256 is stored (a database dump yields no usable code), bound to the invited email, with an
 * expiry that is part of the redeeming query. Redemption is one atomic {@code findOneAndDelete}, so a
 * code is used at most once even under concurrent sign-ups.
 */
public final class Invitations {
    /** The system database collection holding invitations. */
    public static final String COLLECTION = "invitations";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> invitations;
    private final Clock clock;
    private final Duration ttl;

    /**
     * What a redeemed invitation grants.
     *
     * @param id the invitation's id
     * @param createdBy the user who created it
     */
    public record Grant(String id, ObjectId orgId, Role role, String createdBy) {}

    /**
     * A new invitation as shown once to its creator.
     *
     * @param id its id (the SHA-256 of the code, which reveals nothing of the code), by which it is listed and revoked
     * @param code the code itself, shown only here
     */
    public record Created(String id, String code, Instant expiresAt) {}

    public Invitations(MongoDatabase systemDb, Clock clock, Duration ttl) {
        this.invitations = systemDb.getCollection(COLLECTION);
        this.clock = clock;
        this.ttl = ttl;
    }

    public Created create(ObjectId orgId, String normalizedEmail, Role role, String createdBy) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(ttl);
        String id = Hashes.sha256(code);
        invitations.insertOne(new Document("_id", id)
                .append("email", normalizedEmail)
                .append("orgId", orgId)
                .append("role", role.name())
                .append("createdBy", createdBy)
                .append("createdAt", new Date(clock.millis()))
                .append("expiresAt", Date.from(expiresAt)));
        return new Created(id, code, expiresAt);
    }

    /** How many invitations of the organisation are neither used nor expired. */
    public long pending(ObjectId orgId) {
        return invitations.countDocuments(
                Filters.and(Filters.eq("orgId", orgId), Filters.gt("expiresAt", new Date(clock.millis()))));
    }

    /** One page of the organisation's pending (unused, unexpired) invitations, soonest to expire first. */
    public java.util.List<Document> pendingPage(ObjectId orgId, int offset, int limit) {
        return invitations
                .find(Filters.and(Filters.eq("orgId", orgId), Filters.gt("expiresAt", new Date(clock.millis()))))
                .sort(com.mongodb.client.model.Sorts.ascending("expiresAt"))
                .skip(offset)
                .limit(limit)
                .into(new java.util.ArrayList<>());
    }

    /**
     * Withdraws a pending invitation of the organisation.
     *
     * @return the withdrawn invitation, or empty when there is none of that id in the organisation
     */
    public Optional<Document> revoke(ObjectId orgId, String id) {
        if (id == null || !id.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(invitations.findOneAndDelete(Filters.and(
                Filters.eq("_id", id), Filters.eq("orgId", orgId), Filters.gt("expiresAt", new Date(clock.millis())))));
    }

    /** Consumes the code if it exists, is unexpired and was issued for this email. */
    public Optional<Grant> redeem(String code, String normalizedEmail) {
        if (code == null || code.isEmpty() || code.length() > 256) {
            return Optional.empty();
        }
        Document doc = invitations.findOneAndDelete(Filters.and(
                Filters.eq("_id", Hashes.sha256(code)),
                Filters.eq("email", normalizedEmail),
                Filters.gt("expiresAt", new Date(clock.millis()))));
        if (doc == null) {
            return Optional.empty();
        }
        return Optional.of(new Grant(
                doc.getString("_id"),
                doc.getObjectId("orgId"),
                Role.valueOf(doc.getString("role")),
                doc.getString("createdBy")));
    }
}
