package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes that refer to a document race a delete of that document, with no transaction to hold them apart: whatever
 * the interleaving, no ref is left pointing at a deleted document, for each of restrict, cascade and set-null. Every
 * write either happened before the delete looked (and the delete saw it) or saw the delete and undid itself.
 */
class ReferentialRaceTest {
    static final int ROUNDS = 25;
    static final int WRITERS = 4;
    static final int WRITES_EACH = 6;

    static DataLayer data;
    static ExecutorService pool;

    @BeforeAll
    static void open() {
        data = Fixtures.memory();
        pool = Executors.newFixedThreadPool(WRITERS + 1);
    }

    @AfterAll
    static void close() {
        pool.shutdownNow();
        data.close();
    }

    @Test
    void cascadeLeavesNoNoteOfADeletedProject() throws Exception {
        Repository projects = data.repository(Fixtures.PROJECT);
        Repository notes = data.repository(Fixtures.NOTE);
        race(
                user -> as(user, () -> projects.insert(new Document("name", "p"))),
                (user, target) -> notes.insert(new Document("title", "n").append("projectId", target)),
                projects,
                (db, target) -> db.getCollection("notes").countDocuments(new Document("projectId", target)));
    }

    @Test
    void setNullLeavesNoTaskPointingAtADeletedNote() throws Exception {
        Repository notes = data.repository(Fixtures.NOTE);
        Repository tasks = data.repository(Fixtures.TASK);
        race(
                user -> as(user, () -> notes.insert(new Document("title", "n"))),
                (user, target) -> tasks.insert(new Document("title", "t").append("noteId", target)),
                notes,
                (db, target) -> db.getCollection("tasks").countDocuments(new Document("noteId", target)));
    }

    @Test
    void restrictEitherRefusesOrLeavesNoTaskOfTheProject() throws Exception {
        Repository projects = data.repository(Fixtures.PROJECT);
        Repository tasks = data.repository(Fixtures.TASK);
        race(
                user -> as(user, () -> projects.insert(new Document("name", "p"))),
                (user, target) -> tasks.insert(new Document("title", "t").append("projectId", target)),
                projects,
                (db, target) -> db.getCollection("tasks").countDocuments(new Document("projectId", target)));
    }

    interface Write {
        Document write(CurrentUser user, String target);
    }

    interface Dangling {
        long count(MongoDatabase db, ObjectId target);
    }

    private void race(Function<CurrentUser, Document> createTarget, Write refer, Repository targets, Dangling dangling)
            throws Exception {
        int deleted = 0;
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        for (int round = 0; round < ROUNDS; round++) {
            CurrentUser user = Fixtures.newOrgUser();
            Document target = createTarget.apply(user);
            String id = target.getObjectId("_id").toHexString();
            // half the rounds give the writers a head start, half the delete, by 0 to 4 ms
            int pause = round % 5;
            boolean writersFirst = round % 2 == 0;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    Thread.sleep(writersFirst ? 0 : pause);
                    for (int i = 0; i < WRITES_EACH; i++) {
                        try {
                            as(user, () -> refer.write(user, id));
                            accepted.incrementAndGet();
                        } catch (ApiException e) {
                            assertEquals(422, e.status(), e.detail());
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Future<Boolean> delete = pool.submit(() -> {
                start.await();
                Thread.sleep(writersFirst ? pause : 0);
                try {
                    Fixtures.run(user, () -> Fixtures.delete(targets, id));
                    return true;
                } catch (ApiException e) {
                    assertEquals(409, e.status(), e.detail());
                    return false;
                }
            });
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            boolean gone = delete.get();
            MongoDatabase db = data.tenants().database(user.orgId());
            if (gone) {
                deleted++;
                assertEquals(
                        0,
                        dangling.count(db, target.getObjectId("_id")),
                        "round " + round + ": a document refers to a deleted one");
            } else {
                assertEquals(
                        1,
                        db.getCollection(targets.entity().collection())
                                .countDocuments(new Document("_id", target.getObjectId("_id"))));
            }
            assertEquals(
                    0,
                    db.getCollection(targets.entity().collection())
                            .countDocuments(new Document(Writes.DELETING, new Document("$exists", true))),
                    "a finished delete leaves no mark");
        }
        assertTrue(deleted > 0, "some deletes went through");
        assertTrue(accepted.get() > 0, "some writes went through");
        System.out.printf(
                "%s: %d of %d deletes went through; writes: %d accepted, %d refused%n",
                targets.entity().name(), deleted, ROUNDS, accepted.get(), refused.get());
    }
}
