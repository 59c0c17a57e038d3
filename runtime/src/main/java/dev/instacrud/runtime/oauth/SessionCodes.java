package dev.instacrud.runtime.oauth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.instacrud.runtime.auth.Hashes;
import dev.instacrud.runtime.error.ApiException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.bson.Document;

/**
 * One-time session codes that hand an OAuth sign-in from the callback to the front end without putting
 * a token in a URL. A code is 32 random bytes; the system database's {@code session_codes} holds only its
 * SHA-256 and a 60-second expiry. Redemption is a single {@code findOneAndDelete} whose filter includes
 * the expiry, so of any number of concurrent redemptions exactly one wins, and a reused, unknown or
 * expired code is a 401.
 */
public final class SessionCodes {
    /** The system database collection holding the codes. */
    public static final String COLLECTION = "session_codes";

    /** How long a code stays redeemable. */
    public static final Duration TTL = Duration.ofSeconds(60);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> codes;
    private final Clock clock;

    public SessionCodes(MongoDatabase systemDb, Clock clock) {
        this.codes = systemDb.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Stores a fresh code for the user and returns it (the only time it exists in clear). */
    public String issue(String userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        codes.insertOne(new Document("_id", Hashes.sha256(code))
                .append("userId", userId)
                .append("expiresAt", new Date(clock.millis() + TTL.toMillis())));
        return code;
    }

    /**
     * Consumes a code.
     *
     * @return the user id it was issued for
     * @throws ApiException 401 when the code is unknown, used or expired
     */
    public String redeem(String code) {
        if (code == null || code.isEmpty() || code.length() > 128) {
            throw invalid();
        }
        Document doc = codes.findOneAndDelete(
                Filters.and(Filters.eq("_id", Hashes.sha256(code)), Filters.gt("expiresAt", new Date(clock.millis()))));
        if (doc == null) {
            throw invalid();
        }
        return doc.getString("userId");
    }

    private static ApiException invalid() {
        return ApiException.unauthorized("Invalid or expired session code");
    }
}
