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
    private final Cursors cursors;

    Repository(DataLayer layer, EntityDescriptor entity) {
        this.layer = layer;
        this.entity = entity;
        this.guard = new FilterGuard(entity.fields(), layer.settings().queryLimits());
        this.cursors = new Cursors(layer.settings().cursorKey());
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
     * One page of the caller's documents matching a client filter, by offset; see {@link #list(ListQuery)}.
     *
     * @param filterJson the client's filter (JSON, checked by {@link FilterGuard}); null or blank for all
     * @param sort e.g. {@code "name,-createdAt"}; null for {@code _id} order
     * @param offset documents to skip, 0 to {@link Settings#maxOffset()}
     * @param limit page size, 1 to {@link Settings#maxPageSize()}
     */
    public Page<Document> list(String filterJson, String sort, int offset, int limit) {
        return list(new ListQuery(filterJson, sort, null, null, null, offset, limit, true, List.of()));
    }

    /**
     * One page of the caller's documents: those matching the client's filter (checked by {@link FilterGuard}),
     * the search text over the {@linkplain EntityDescriptor#searchableFields() searchable fields}, and the
     * service's own filters, all inside the caller's scope; in the order of {@code sort} then {@code _id}; from
     * {@code offset}, or after or before a cursor of an earlier page. The page carries the cursors of the pages
     * around it and, unless {@code count} is false, the number of matches.
     *
     * <p>The search text is a literal, never a pattern: every character that means something in a regular
     * expression is escaped, and it matches case-insensitively anywhere in a field's value. It is at most
     * {@value #MAX_SEARCH_CHARS} characters without control characters (400 {@code too_long},
     * {@code invalid_search}).
     *
     * @throws ApiException 400 for a bad filter, sort, search, cursor, offset or limit, or an offset with a
     *     cursor
     */
    public Page<Document> list(ListQuery query) {
        CurrentUser user = RequestContext.requireUser();
        Settings settings = layer.settings();
        int offset = query.offset();
        int limit = query.limit();
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
        boolean after = query.after() != null;
        boolean before = query.before() != null;
        if ((after || before) && offset > 0 || after && before) {
            throw ApiException.badRequest(
                    "Use one of offset, after and before",
                    ErrorDetail.of(
                            "offset, after and before each choose the page; give one",
                            "conflict",
                            "query",
                            after && before ? "before" : "offset"));
        }
        Document order = SortSpec.parse(query.sort(), entity.fields());
        List<Bson> parts = new ArrayList<>();
        parts.add(guard.parse(query.filter()));
        Bson search = search(query.q());
        if (search != null) {
            parts.add(search);
        }
        parts.addAll(query.serverFilters());
        Bson matching = Scoping.wrap(entity, user, parts.size() == 1 ? parts.get(0) : new Document("$and", parts));
        Bson position = null;
        if (after || before) {
            String parameter = after ? "after" : "before";
            List<Object> values =
                    cursors.decode(entity.collection(), order, after ? query.after() : query.before(), parameter);
            position = Cursors.beyond(order, values, after);
        }
        Bson filter = position == null ? matching : new Document("$and", List.of(matching, position));
        Document direction = before ? reversed(order) : order;
        return layer.inTenant(
                user,
                entity,
                db -> MongoErrors.call(entity, () -> {
                    Long total = query.count() ? collection(db).countDocuments(matching) : null;
                    List<Document> items = collection(db)
                            .find(filter)
                            .sort(direction)
                            .skip(offset)
                            .limit(limit + 1) // one more tells whether another page follows
                            .into(new ArrayList<>());
                    boolean more = items.size() > limit;
                    if (more) {
                        items.remove(items.size() - 1);
                    }
                    if (before) {
                        java.util.Collections.reverse(items);
                    }
                    boolean hasNext = before || more;
                    boolean hasPrev = before ? more : after || offset > 0;
                    String next = hasNext && !items.isEmpty()
                            ? cursors.encode(entity.collection(), order, items.get(items.size() - 1))
                            : null;
                    String prev = hasPrev && !items.isEmpty()
                            ? cursors.encode(entity.collection(), order, items.get(0))
                            : null;
                    return new Page<>(items, after || before ? null : offset, limit, total, next, prev);
                }));
    }

    /** The longest search text accepted. */
    public static final int MAX_SEARCH_CHARS = 100;

    // {$or: [{field: {$regex: <escaped text>, $options: "i"}}, ...]} over the searchable fields
    private Bson search(String q) {
        if (q == null || q.isEmpty()) {
            return null;
        }
        if (entity.searchableFields().isEmpty()) {
            throw ApiException.badRequest(
                    "This list has no searchable fields",
                    ErrorDetail.of("no field of this entity is searchable", "invalid_search", "query", "q"));
        }
        if (q.codePointCount(0, q.length()) > MAX_SEARCH_CHARS) {
            throw ApiException.badRequest(
                    "Invalid search",
                    ErrorDetail.of("at most " + MAX_SEARCH_CHARS + " characters", "too_long", "query", "q"));
        }
        for (int i = 0; i < q.length(); i++) {
            if (Character.isISOControl(q.charAt(i))) {
                throw ApiException.badRequest(
                        "Invalid search",
                        ErrorDetail.of("control characters are not allowed", "invalid_search", "query", "q"));
            }
        }
        String literal = literalPattern(q);
        List<Bson> fields = new ArrayList<>();
        for (String field : entity.searchableFields()) {
            fields.add(new Document(field, new Document("$regex", literal).append("$options", "i")));
        }
        return fields.size() == 1 ? fields.get(0) : new Document("$or", fields);
    }

    /**
     * The text as a regular expression that matches exactly it: every ASCII character other than a letter or
     * a digit is escaped with a backslash, which means "this character" in both PCRE (MongoDB) and Java (the
     * embedded server); letters, digits and non-ASCII characters stand for themselves.
     */
    static String literalPattern(String text) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static Document reversed(Document order) {
        Document out = new Document();
        order.forEach((field, direction) -> out.append(field, -((Number) direction).intValue()));
        return out;
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
