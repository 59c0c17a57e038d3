package dev.instacrud.runtime.auth;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import dev.instacrud.runtime.error.ApiException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the emails stored before {@link EmailAddress} (trimmed and lower-cased only) to its form, once
 * per system database (a {@code migrations} document records it). Only addresses with a non-ASCII
 * character can differ, so only those are read. A user whose address normalises to another user's (a
 * look-alike pair from before) or holds a refused character is left as it is and named in a warning: it
 * can no longer be found by email, and an operator decides which account is the real one.
 */
final class EmailMigration {
    private static final Logger LOG = LoggerFactory.getLogger(EmailMigration.class);
    private static final String ID = "email-nfkc";
    private static final String NON_ASCII = "[^\\x00-\\x7F]";

    private EmailMigration() {}

    /** Runs the migration unless it already ran on this database. */
    static void run(MongoDatabase systemDb, Clock clock) {
        MongoCollection<Document> migrations = systemDb.getCollection("migrations");
        if (migrations.find(Filters.eq("_id", ID)).first() != null) {
            return;
        }
        int changed = 0;
        int left = 0;
        for (String name : List.of("users", "invitations")) {
            MongoCollection<Document> collection = systemDb.getCollection(name);
            for (Document doc :
                    collection.find(Filters.regex("email", NON_ASCII)).projection(Projections.include("email"))) {
                String stored = doc.getString("email");
                if (EmailAddress.isNormalized(stored)) {
                    continue;
                }
                try {
                    collection.updateOne(
                            Filters.and(Filters.eq("_id", doc.get("_id")), Filters.eq("email", stored)),
                            Updates.set("email", EmailAddress.normalize(stored)));
                    changed++;
                } catch (ApiException e) {
                    LOG.warn(
                            "{} {}: the email holds a character refused in emails; left unchanged",
                            name,
                            doc.get("_id"));
                    left++;
                } catch (MongoException e) {
                    if (e.getCode() != 11000) {
                        throw e;
                    }
                    LOG.warn("{} {}: the email normalises to another user's; left unchanged", name, doc.get("_id"));
                    left++;
                }
            }
        }
        try {
            migrations.insertOne(new Document("_id", ID)
                    .append("doneAt", new Date(clock.millis()))
                    .append("changed", changed)
                    .append("leftUnchanged", left));
        } catch (MongoException e) {
            if (e.getCode() != 11000) { // another instance finished it at the same time
                throw e;
            }
        }
        if (changed > 0 || left > 0) {
            LOG.info("emails normalised: {} changed, {} left unchanged", changed, left);
        }
    }
}
