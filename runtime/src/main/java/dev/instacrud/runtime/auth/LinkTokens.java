package dev.instacrud.runtime.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The one-time tokens of links sent by mail: email verification ({@code email_verifications}) and password reset
 * ({@code password_resets}), in the system database. A token is 32 random bytes, shown only in the mail; only its
 * SHA-256 is stored, with the user, the address it was sent to and an expiry. Redeeming is one {@code
 * findOneAndDelete} whose filter holds the expiry, so of any number of concurrent redemptions exactly one wins, and
 * a used, unknown or expired token is refused alike.
 */
final class LinkTokens {
    /** The collection of email verification tokens. */
    static final String VERIFICATIONS = "email_verifications";
    /** The collection of password reset tokens. */
    static final String RESETS = "password_resets";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TOKEN_CHARS = 128;

    private final MongoCollection<Document> tokens;
    private final Clock clock;
    private final Duration ttl;

    /** Who a redeemed token was for. */
    record Grant(ObjectId userId, String email) {}

    LinkTokens(MongoDatabase systemDb, String collection, Clock clock, Duration ttl) {
        this.tokens = systemDb.getCollection(collection);
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A fresh token for the user at this address (the only time it exists in clear). */
    String issue(ObjectId userId, String email) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.insertOne(new Document("_id", Hashes.sha256(token))
                .append("userId", userId)
                .append("email", email)
                .append("expiresAt", new Date(clock.millis() + ttl.toMillis())));
        return token;
    }

    /** Consumes the token if it exists and is unexpired. */
    Optional<Grant> redeem(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        Document doc = tokens.findOneAndDelete(Filters.and(
                Filters.eq("_id", Hashes.sha256(token)), Filters.gt("expiresAt", new Date(clock.millis()))));
        return doc == null
                ? Optional.empty()
                : Optional.of(new Grant(doc.getObjectId("userId"), doc.getString("email")));
    }

    /** Withdraws every token of the user (their password changed, or the account is gone). */
    void revokeAll(ObjectId userId) {
        tokens.deleteMany(Filters.eq("userId", userId));
    }
}
