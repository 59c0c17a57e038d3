package dev.instacrud.runtime.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
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
 * Sessions and their refresh tokens, in the system database: a session ({@code sessions}) is one sign-in, and the
 * refresh tokens issued for it ({@code refresh_tokens}) are its family (OAuth 2.0 Security Best Current Practice,
 * RFC 9700 section 4.14.2). A refresh token is 32 random bytes shown once; only its SHA-256 is stored.
 *
 * <p>Rotation: redeeming a token marks it used and issues the next one of the family in one conditional write, so of
 * any number of concurrent redemptions exactly one wins. Presenting a token that was already used is a reuse: one
 * of the two holders is not the user, and nobody can tell which, so the whole family is revoked and both holders'
 * next refresh fails (as do the family's access tokens, through {@link BearerAuthenticator}).
 *
 * <p>Lifetimes: a refresh token dies unused after {@code REFRESH_TOKEN_TTL_DAYS}, a session after {@code
 * SESSION_MAX_DAYS} however often it is refreshed. Used tokens are kept until their session ends, so a reuse is
 * recognised as long as it could do harm; everything is removed when the session would have ended (TTL index and
 * sweep on {@code expiresAt}).
 */
final class RefreshTokens {
    /** The system database collection of sessions (refresh token families). */
    static final String SESSIONS = "sessions";
    /** The system database collection of refresh tokens, by the SHA-256 of each. */
    static final String TOKENS = "refresh_tokens";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TOKEN_CHARS = 128;

    private final MongoCollection<Document> sessions;
    private final MongoCollection<Document> tokens;
    private final Clock clock;
    private final Duration idle;
    private final Duration maxAge;

    /** A token just issued: shown once to the client. */
    record Issued(String sessionId, String token, Instant expiresAt) {}

    /** What redeeming a token came to. */
    sealed interface Redemption {}

    /** The token was valid: here is the next one. */
    record Rotated(ObjectId userId, Issued next) implements Redemption {}

    /** The token had been used before: its family is now revoked. */
    record Reused(ObjectId userId, String sessionId, boolean revokedNow) implements Redemption {}

    /** Unknown, expired, or of an ended session. */
    record Invalid() implements Redemption {}

    /** A session as the authenticator sees it. */
    record Session(ObjectId userId, Instant signedInAt, boolean active) {}

    RefreshTokens(MongoDatabase systemDb, Clock clock, Duration idle, Duration maxAge) {
        this.sessions = systemDb.getCollection(SESSIONS);
        this.tokens = systemDb.getCollection(TOKENS);
        this.clock = clock;
        this.idle = idle;
        this.maxAge = maxAge;
        sessions.createIndex(Indexes.ascending("userId"), new IndexOptions().name("userId_1"));
    }

    /** Starts a session for the user (a sign-in) with its first refresh token. */
    Issued start(ObjectId userId) {
        Date now = new Date(clock.millis());
        Date ends = new Date(now.getTime() + maxAge.toMillis());
        ObjectId sessionId = new ObjectId();
        sessions.insertOne(new Document("_id", sessionId)
                .append("userId", userId)
                .append("createdAt", now)
                .append("lastRefreshAt", now)
                .append("expiresAt", ends));
        return issue(userId, sessionId, ends);
    }

    private Issued issue(ObjectId userId, ObjectId sessionId, Date sessionEnds) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Date idleUntil = new Date(Math.min(clock.millis() + idle.toMillis(), sessionEnds.getTime()));
        tokens.insertOne(new Document("_id", Hashes.sha256(token))
                .append("sessionId", sessionId)
                .append("userId", userId)
                .append("idleUntil", idleUntil)
                .append("expiresAt", sessionEnds));
        return new Issued(sessionId.toHexString(), token, idleUntil.toInstant());
    }

    /** Redeems a refresh token: the next one, a detected reuse, or nothing. */
    Redemption redeem(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return new Invalid();
        }
        String hash = Hashes.sha256(token);
        Date now = new Date(clock.millis());
        Document used = tokens.findOneAndUpdate(
                Filters.and(Filters.eq("_id", hash), Filters.exists("usedAt", false), Filters.gt("idleUntil", now)),
                Updates.set("usedAt", now));
        if (used == null) {
            Document seen = tokens.find(Filters.eq("_id", hash)).first();
            if (seen != null && seen.get("usedAt") != null) {
                ObjectId sessionId = seen.getObjectId("sessionId");
                return new Reused(seen.getObjectId("userId"), sessionId.toHexString(), revoke(sessionId, "reuse"));
            }
            return new Invalid();
        }
        ObjectId sessionId = used.getObjectId("sessionId");
        Document session = sessions.find(Filters.eq("_id", sessionId)).first();
        if (session == null
                || session.get("revokedAt") != null
                || !session.getDate("expiresAt").after(now)) {
            return new Invalid();
        }
        sessions.updateOne(Filters.eq("_id", sessionId), Updates.set("lastRefreshAt", now));
        return new Rotated(
                used.getObjectId("userId"), issue(used.getObjectId("userId"), sessionId, session.getDate("expiresAt")));
    }

    /** Ends one session; whether it was active until now. */
    boolean revoke(ObjectId sessionId, String reason) {
        return sessions.updateOne(
                                Filters.and(Filters.eq("_id", sessionId), Filters.exists("revokedAt", false)),
                                Updates.combine(
                                        Updates.set("revokedAt", new Date(clock.millis())),
                                        Updates.set("revokedBecause", reason)))
                        .getModifiedCount()
                == 1;
    }

    /** Ends every session of the user; how many were active. */
    long revokeAll(ObjectId userId, String reason) {
        return sessions.updateMany(
                        Filters.and(Filters.eq("userId", userId), Filters.exists("revokedAt", false)),
                        Updates.combine(
                                Updates.set("revokedAt", new Date(clock.millis())),
                                Updates.set("revokedBecause", reason)))
                .getModifiedCount();
    }

    /** Forgets every session and token of a user whose account is deleted. */
    void deleteAll(ObjectId userId) {
        tokens.deleteMany(Filters.eq("userId", userId));
        sessions.deleteMany(Filters.eq("userId", userId));
    }

    /** The session, if it exists. */
    Optional<Session> session(String sessionId) {
        if (sessionId == null || sessionId.length() != 24 || !ObjectId.isValid(sessionId)) {
            return Optional.empty();
        }
        Document doc = sessions.find(Filters.eq("_id", new ObjectId(sessionId))).first();
        if (doc == null) {
            return Optional.empty();
        }
        boolean active =
                doc.get("revokedAt") == null && doc.getDate("expiresAt").getTime() > clock.millis();
        return Optional.of(
                new Session(doc.getObjectId("userId"), doc.getDate("createdAt").toInstant(), active));
    }
}
