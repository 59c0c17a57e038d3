package dev.instacrud.runtime.data;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.RequestContext;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.query.FilterGuard;
import dev.instacrud.runtime.query.ObjectIds;
import dev.instacrud.runtime.query.SortSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The operations of one entity, for the caller bound in {@link RequestContext}: each call reads the
 * caller, routes to the caller's organisation database, and scopes, audits and checks refs. One
 * instance per entity is shared by all requests (get it from {@link DataLayer#repository}); with no
 * caller bound every method throws {@link IllegalStateException} before touching the database.
 *
 * <p>Documents go in and out as {@link Document}s with the stored field names: {@code _id} is an
 * ObjectId, refs are ObjectIds (accepted as hex strings on the way in), {@code createdAt}/{@code
 * updatedAt} are {@link Date}s, {@code version} a long. The reserved fields ({@link EntityDescriptor#RESERVED})
 * in a client body are ignored. Answers: 404 for a missing or out-of-scope or malformed id (indistinguishable), 409
 * for a duplicate unique value or a restricted delete, 412 when a {@link Precondition} names another version, 422
 * {@code foreign_key} for a bad ref, 400 for a bad filter, sort or page, 429 when the organisation has its maximum of
 * requests running, 503 (with {@code Retry-After}) when its database is unreachable.
 *
 * <p>No write loses another: each is one single-document operation that increments {@code version}. A write to a
 * document that was read first ({@link #current}) is conditional on the version read, so a change made in between
 * is never overwritten: {@link #replace} then reads again and retries, unless the caller named a version ({@code
 * If-Match}), which makes it a 412; {@link #patch} and {@link #update} write only the fields they change.
 *
 * <p>Calls the blocking driver.
 */
@GeneratedCodeApi
public final class Repository {
    /** How many times a write reads the document again after a concurrent write before it gives up (409). */
    private static final int ATTEMPTS = 100;

    private final DataLayer layer;
    private final EntityDescriptor entity;
    private final FilterGuard guard;

    Repository(DataLayer layer, EntityDescriptor entity) {
        this.layer = layer;
        this.entity = entity;
        this.guard = new FilterGuard(entity.fields(), layer.settings().queryLimits());
    }

    /** The entity this repository serves. */
    public EntityDescriptor entity() {
        return entity;
    }

    /** Inserts a new document built from {@code fields}, at version 1; returns it as stored. */
    public Document insert(Document fields) {
        CurrentUser user = RequestContext.requireUser();
        Document doc = new Document("_id", new ObjectId());
        doc.putAll(clean(fields));
        return layer.inTenant(
                user,
                db -> MongoErrors.call(entity, () -> {
                    ForeignKeys.Checked refs = layer.foreignKeys().convertAndCheck(db, entity, user, doc);
                    if (entity.scope() == EntityDescriptor.Scope.USER) {
                        doc.put("userId", user.userId());
                    }
                    UniqueOwners.stamp(entity, doc, user.userId());
                    layer.writes().insert(db, entity, user, doc);
                    Set<String> gone = layer.foreignKeys().recheck(db, user, refs);
                    if (!gone.isEmpty()) {
                        layer.writes().delete(db, entity, List.of(doc.getObjectId("_id")));
                        throw ForeignKeys.refusedFields(gone);
                    }
                    return doc;
                }));
    }

    /** The document with this id in the caller's scope; 404 otherwise. */
    public Document findById(String id) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = ObjectIds.fromPath(id);
        return layer.inTenant(user, db -> find(db, user, oid));
    }

    /**
     * The document a write is about to change, as read now: 404 when it is missing or out of scope, 412 when {@code
     * ifMatch} was sent and names none of its versions.
     */
    public Snapshot current(String id, Precondition ifMatch) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = ObjectIds.fromPath(id);
        Snapshot snapshot = new Snapshot(entity, layer.inTenant(user, db -> find(db, user, oid)));
        if (ifMatch.isPresent() && !ifMatch.matches(snapshot.version())) {
            throw Precondition.failed(snapshot.version());
        }
        return snapshot;
    }

    private Document find(MongoDatabase db, CurrentUser user, ObjectId oid) {
        Document found = MongoErrors.call(
                entity, () -> collection(db).find(byId(user, oid)).first());
        if (found == null) {
            throw notFound();
        }
        return found;
    }

    /**
     * Replaces the whole document read as {@code current} (PUT): {@code fields} become its content; {@code _id},
     * {@code userId} and the creation pair are kept, the update pair set, the version incremented. The write is
     * conditional on the version of {@code current}; after a concurrent write the document is read again, and the
     * replace retried if {@code ifMatch} (when sent) still names its version, else it is a 412.
     */
    public Document replace(Snapshot current, Document fields, Precondition ifMatch) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = current.objectId();
        Document values = clean(fields);
        return layer.inTenant(
                user,
                db -> MongoErrors.call(entity, () -> {
                    ForeignKeys.Checked refs = layer.foreignKeys().convertAndCheck(db, entity, user, values);
                    Document after = retry(db, user, oid, current, ifMatch, base -> {
                        Document doc = new Document(values);
                        UniqueOwners.stamp(entity, doc, base.get("userId"));
                        return layer.writes().replace(db, entity, user, byId(user, oid), base, doc);
                    });
                    undoIfRefsWent(db, user, refs, current, after);
                    return after;
                }));
    }

    /**
     * Changes the document read as {@code current} to {@code fields} (PATCH, once the merge patch is applied and
     * checked): only the declared fields whose value differs from {@code current} are set, and those it lacks are
     * removed, so a concurrent change of another field is kept. With {@code ifMatch} sent, a concurrent write is a
     * 412.
     */
    public Document patch(Snapshot current, Document fields, Precondition ifMatch) {
        Document values = clean(fields);
        layer.foreignKeys().convert(entity, values); // to compare with what is stored; update() reports bad ones
        Document set = new Document();
        Set<String> unset = new LinkedHashSet<>();
        for (String field : entity.topLevelFields()) {
            Object value = values.get(field);
            if (value != null) {
                if (!value.equals(current.get(field))) {
                    set.put(field, value);
                }
            } else if (current.get(field) != null) {
                unset.add(field);
            }
        }
        return update(current.id(), set, unset, ifMatch, current);
    }

    /**
     * Sets {@code set}, removes {@code unset}, sets the update pair and increments the version of one document,
     * without touching its other fields; with {@code ifMatch} sent, only at a version it names (else a 412).
     * Reserved fields in either are ignored.
     */
    public Document update(String id, Document set, Set<String> unset, Precondition ifMatch) {
        return update(id, set, unset, ifMatch, null);
    }

    private Document update(String id, Document set, Set<String> unset, Precondition ifMatch, Snapshot read) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = ObjectIds.fromPath(id);
        Document values = clean(set == null ? new Document() : set);
        Document removals = new Document();
        for (String field : unset == null ? Set.<String>of() : unset) {
            checkFieldName(field);
            if (!EntityDescriptor.RESERVED.contains(field) && !values.containsKey(field)) {
                removals.append(field, "");
            }
        }
        return layer.inTenant(
                user,
                db -> MongoErrors.call(entity, () -> {
                    ForeignKeys.Checked refs = layer.foreignKeys().convertAndCheck(db, entity, user, values);
                    UniqueOwners.stamp(entity, values, removals, user.userId()); // in scope: the owner is the caller
                    Snapshot first = read != null ? read : new Snapshot(entity, find(db, user, oid));
                    if (ifMatch.isPresent() && !ifMatch.matches(first.version())) {
                        throw Precondition.failed(first.version());
                    }
                    Document after = retry(
                            db,
                            user,
                            oid,
                            first,
                            ifMatch,
                            base -> layer.writes()
                                    .update(db, entity, user, byId(user, oid), base, values, removals.keySet()));
                    undoIfRefsWent(db, user, refs, first, after);
                    return after;
                }));
    }

    // A conditional write from `first`; when another write got in between, the document is read again (404 if it
    // went) and the write made again from what is there now, unless ifMatch names none of its versions (412).
    private Document retry(
            MongoDatabase db,
            CurrentUser user,
            ObjectId oid,
            Snapshot first,
            Precondition ifMatch,
            Function<Snapshot, Document> write) {
        Snapshot base = first;
        for (int attempt = 1; ; attempt++) {
            Document stored = write.apply(base);
            if (stored != null) {
                return stored;
            }
            base = new Snapshot(entity, find(db, user, oid));
            if (ifMatch.isPresent() && !ifMatch.matches(base.version())) {
                throw Precondition.failed(base.version());
            }
            if (attempt == ATTEMPTS) {
                throw ApiException.conflict("The document kept changing while it was written; try again")
                        .retryAfter(1);
            }
            backOff(attempt);
        }
    }

    // After a few collisions, a short random pause, so writers of one document stop meeting in lockstep.
    private static void backOff(int attempt) {
        if (attempt < 3) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(Math.min(attempt, 20) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        }
    }

    // A ref written while its target was being deleted: each such field goes back to what it was before this write
    // (only while it still holds what this write put there), and the write is answered like a ref to a missing
    // document.
    private void undoIfRefsWent(
            MongoDatabase db, CurrentUser user, ForeignKeys.Checked refs, Snapshot before, Document after) {
        Set<String> gone = layer.foreignKeys().recheck(db, user, refs);
        if (gone.isEmpty()) {
            return;
        }
        ObjectId oid = after.getObjectId("_id");
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Document now = collection(db).find(byId(user, oid)).first();
            if (now == null) {
                break;
            }
            Document set = new Document();
            Set<String> unset = new LinkedHashSet<>();
            for (String field : gone) {
                if (!java.util.Objects.equals(now.get(field), after.get(field))) {
                    continue; // written again since: that write answers for it
                }
                Object previous = before.get(field);
                if (previous == null) {
                    unset.add(field);
                } else {
                    set.put(field, previous);
                }
            }
            if ((set.isEmpty() && unset.isEmpty())
                    || layer.writes().update(db, entity, user, byId(user, oid), new Snapshot(entity, now), set, unset)
                            != null) {
                break;
            }
        }
        throw ForeignKeys.refusedFields(gone);
    }

    /**
     * Deletes the document read as {@code current}, following each incoming ref's {@code onDelete}: it is first
     * claimed at the version read (marked, its version incremented), so with {@code ifMatch} sent a concurrent write
     * makes it a 412 before anything is deleted; without, the claim is made again at the new version.
     */
    public void delete(Snapshot current, Precondition ifMatch) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = current.objectId();
        ObjectId delete = new ObjectId();
        layer.inTenant(
                user,
                db -> MongoErrors.call(entity, () -> {
                    retry(db, user, oid, current, ifMatch, base -> {
                        Document claim = Writes.and(byId(user, oid), Versions.filter(List.of(base.version())));
                        return layer.writes().mark(db, entity, user, claim, delete) == 1 ? base.document() : null;
                    });
                    layer.deletes().delete(db, entity, user, oid, delete);
                    return null;
                }));
    }

    /**
     * One page of the caller's documents matching a client filter.
     *
     * @param filterJson the client's filter (JSON, checked by {@link FilterGuard}); null or blank for all
     * @param sort e.g. {@code "name,-createdAt"}; null for insertion order
     * @param offset documents to skip, 0 to {@link Settings#maxOffset()}
     * @param limit page size, 1 to {@link Settings#maxPageSize()}
     */
    public Page<Document> list(String filterJson, String sort, int offset, int limit) {
        CurrentUser user = RequestContext.requireUser();
        Settings settings = layer.settings();
        if (offset < 0 || offset > settings.maxOffset()) {
            throw ApiException.badRequest(
                    "Invalid offset",
                    ErrorDetail.of("must be between 0 and " + settings.maxOffset(), "out_of_range", "query", "offset"));
        }
        if (limit < 1 || limit > settings.maxPageSize()) {
            throw ApiException.badRequest(
                    "Invalid limit",
                    ErrorDetail.of(
                            "must be between 1 and " + settings.maxPageSize(), "out_of_range", "query", "limit"));
        }
        Bson filter = Scoping.wrap(entity, user, guard.parse(filterJson));
        Document order = SortSpec.parse(sort, entity.fields());
        return layer.inTenant(
                user,
                db -> MongoErrors.call(entity, () -> {
                    long total = collection(db).countDocuments(filter);
                    List<Document> items = collection(db)
                            .find(filter)
                            .sort(order)
                            .skip(offset)
                            .limit(limit)
                            .into(new ArrayList<>());
                    return new Page<>(items, offset, limit, total);
                }));
    }

    private MongoCollection<Document> collection(MongoDatabase db) {
        return db.getCollection(entity.collection());
    }

    private Document byId(CurrentUser user, ObjectId id) {
        return Scoping.byId(entity, user, id);
    }

    // Reserved fields are dropped; names that MongoDB would read as operators or paths are refused.
    private static Document clean(Document fields) {
        Document out = new Document();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            checkFieldName(e.getKey());
            if (!EntityDescriptor.RESERVED.contains(e.getKey())) {
                out.append(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static void checkFieldName(String name) {
        if (name.isEmpty() || name.startsWith("$") || name.contains(".") || name.indexOf('\0') >= 0) {
            throw ApiException.validation(
                    List.of(ErrorDetail.of("field name not allowed", "invalid_field", "body", name)));
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound("Not found");
    }
}
