package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.context.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Rules 1, 2 and 4 under load: many organisations and users write and query in parallel on a shared
 * pool of threads (so a thread serves many callers in turn); no caller ever sees a document of another
 * organisation or another user.
 */
class ConcurrencyTest {
    @Test
    void noDocumentCrossesATenantOrUserBoundary() throws Exception {
        int orgs = 6;
        int usersPerOrg = 3;
        int rounds = 15;
        List<CurrentUser> users = new ArrayList<>();
        for (int o = 0; o < orgs; o++) {
            CurrentUser first = Fixtures.newOrgUser();
            users.add(first);
            for (int u = 1; u < usersPerOrg; u++) {
                users.add(Fixtures.user(first.orgId()));
            }
        }
        AtomicInteger checked = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DataLayer data = Fixtures.memory()) {
            Repository notes = data.repository(Fixtures.NOTE);
            Repository projects = data.repository(Fixtures.PROJECT);
            List<Future<?>> tasks = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (CurrentUser user : users) {
                    int r = round;
                    tasks.add(pool.submit(() -> as(user, () -> {
                        Document project = projects.insert(new Document("name", user.orgId()));
                        notes.insert(new Document("title", user.userId())
                                .append("priority", r)
                                .append("projectId", project.getObjectId("_id").toHexString()));
                        for (Document d : notes.list("{\"priority\": {\"$gte\": 0}}", "-priority", 0, 100)
                                .items()) {
                            assertEquals(user.userId(), d.getString("userId"));
                            assertEquals(user.userId(), d.getString("title"));
                            checked.incrementAndGet();
                        }
                        for (Document d : projects.list(null, null, 0, 100).items()) {
                            assertEquals(user.orgId(), d.getString("name"), "another organisation's project");
                            checked.incrementAndGet();
                        }
                        return null;
                    })));
                }
            }
            for (Future<?> f : tasks) {
                f.get();
            }
            for (CurrentUser user : users) {
                assertEquals(
                        rounds, as(user, () -> notes.list(null, null, 0, 100)).total());
                assertEquals(
                        (long) rounds * usersPerOrg,
                        as(user, () -> projects.list(null, null, 0, 100)).total());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(checked.get() > users.size() * rounds, "the checks ran: " + checked);
    }
}
