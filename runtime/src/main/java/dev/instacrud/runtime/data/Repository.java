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
 * <p>No write loses another: each is one atomic single-document update that increments {@code version}; {@link
 * #patch} and {@link #update} write only the fields they change, so concurrent changes of other fields are kept, and
 * a caller that names the version it read ({@code If-Match}) makes the write conditional on it: one operation on
 * {@code {_id, version}}, a 412 when the document moved on.
 *
 * <p>Calls the blocking driver.
 */
@GeneratedCodeApi
public final class Repository {
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
                entity,
                db -> MongoErrors.call(entity, () -> {
                    ForeignKeys.Checked refs = layer.foreignKeys().convertAndCheck(db, entity, user, doc);
                    if (entity.scope() == EntityDescriptor.Scope.USER) {
                        doc.put("userId", user.userId());
                    }
                    UniqueOwners.stamp(entity, doc, user.userId());
                    layer.writes().insert(db, entity, user, doc);
                    Set<String> gone = layer.foreignKeys().recheck(db, user, refs);
                    if (!gone.isEmpty()) {
                        layer.writes().undoInsert(db, entity, user, doc.getObjectId("_id"));
                        throw ForeignKeys.refusedFields(gone);
                    }
                    return doc;
                }));
    }

    /** The document with this id in the caller's scope; 404 otherwise. */
    public Document findById(String id) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = ObjectIds.fromPath(id);
        return layer.inTenant(user, entity, db -> find(db, user, oid));
    }

    /**
     * The document a write is about to change, as read now: 404 when it is missing or out of scope, 412 when {@code
     * ifMatch} was sent and names none of its versions.
     */
    public Snapshot current(String id, Precondition ifMatch) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = ObjectIds.fromPath(id);
        Snapshot snapshot = new Snapshot(entity, layer.inTenant(user, entity, db -> find(db, user, oid)));
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
     * Replaces the whole document read as {@code current} (PUT): {@code fields} become its declared fields (those
     * it lacks are removed); {@code _id}, {@code userId} and the creation pair are kept, the update pair set, the
     * version incremented, in one atomic update. With {@code ifMatch} sent, only at a version it names (else a 412).
     */
    public Document replace(Snapshot current, Document fields, Precondition ifMatch) {
        Document values = clean(fields);
        Set<String> absent = new LinkedHashSet<>(entity.topLevelFields());
        absent.removeAll(values.keySet());
        return write(current.id(), values, absent, ifMatch, current, true);
    }

    /**
     * Changes the document read as {@code current} to {@code fields} (PATCH, once the merge patch is applied and
     * checked): only the declared fields whose value differs from {@code current} are set, and those it lacks are
     * removed, in one atomic update, so a concurrent change of another field is kept. With {@code ifMatch} sent,
     * only at a version it names (else a 412).
     */
    public Document patch(Snapshot current, Document fields, Precondition ifMatch) {
        Document values = clean(fields);
        layer.foreignKeys().convert(entity, values); // to compare with what is stored; write() reports bad ones
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
        return write(current.id(), set, unset, ifMatch, current, false);
    }

    /**
     * Sets {@code set}, removes {@code unset}, sets the update pair and increments the version of one document, in
     * one atomic update that leaves its other fields alone; with {@code ifMatch} sent, only at a version it names
     * (else a 412). Reserved fields in either are ignored.
     */
    public Document update(String id, Document set, Set<String> unset, Precondition ifMatch) {
        return write(id, clean(set == null ? new Document() : set), unset, ifMatch, null, false);
    }

    // One atomic update of one document in scope; before: as read by the request (for the refs to go back to, and
    // the audit record of a replace); replace: a PUT, recorded as such.
    private Document write(
            String id, Document values, Set<String> unset, Precondition ifMatch, Snapshot before, boolean replace) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = ObjectIds.fromPath(id);
        Document removals = new Document();
        for (String field : unset == null ? Set.<String>of() : unset) {
            checkFieldName(field);
            if (!EntityDescriptor.RESERVED.contains(field) && !values.containsKey(field)) {
                removals.append(field, "");
            }
        }
        return layer.inTenant(
                user,
                entity,
                db -> MongoErrors.call(entity, () -> {
                    ForeignKeys.Checked refs = layer.foreignKeys().convertAndCheck(db, entity, user, values);
                    UniqueOwners.stamp(entity, values, removals, user.userId()); // in scope: the owner is the caller
                    Document filter = conditional(byId(user, oid), ifMatch);
                    Document after = replace
                            ? layer.writes().replace(db, entity, user, filter, values, removals.keySet(), before)
                            : layer.writes().patch(db, entity, user, filter, values, removals.keySet());
                    if (after == null) {
                        throw missedCondition(db, user, oid);
                    }
                    undoIfRefsWent(db, user, refs, before, after);
                    return after;
                }));
    }

    // The filter of one document in scope, held to the versions ifMatch names, if it names any.
    private static Document conditional(Document scopedId, Precondition ifMatch) {
        return ifMatch.filter() == null ? scopedId : Writes.and(scopedId, ifMatch.filter());
    }

    // A conditional write matched nothing: the document went (404) or is at a version ifMatch does not name (412).
    private ApiException missedCondition(MongoDatabase db, CurrentUser user, ObjectId oid) {
        return Precondition.failed(Versions.of(find(db, user, oid)));
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
        Document filter = byId(user, after.getObjectId("_id"));
        Document set = new Document();
        Set<String> unset = new LinkedHashSet<>();
        for (String field : gone) {
            filter.append(field, after.get(field));
            Object previous = before == null ? null : before.get(field);
            if (previous == null) {
                unset.add(field);
            } else {
                set.put(field, previous);
            }
        }
        layer.writes().patch(db, entity, user, filter, set, unset);
        throw ForeignKeys.refusedFields(gone);
    }

    /**
     * Deletes the document read as {@code current}, following each incoming ref's {@code onDelete}: it is first
     * claimed (marked, its version incremented) in one update, conditional on the versions {@code ifMatch} names
     * when sent, so a concurrent write makes it a 412 before anything is deleted.
     */
    public void delete(Snapshot current, Precondition ifMatch) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = current.objectId();
        ObjectId delete = new ObjectId();
        layer.inTenant(
                user,
                entity,
                db -> MongoErrors.call(entity, () -> {
                    Document claim = conditional(byId(user, oid), ifMatch);
                    if (layer.writes().mark(db, entity, user, claim, delete) != 1) {
                        throw missedCondition(db, user, oid);
                    }
                    layer.deletes().delete(db, entity, user, oid, delete, user);
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
                entity,
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
