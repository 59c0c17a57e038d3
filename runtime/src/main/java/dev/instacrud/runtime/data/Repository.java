package dev.instacrud.runtime.data;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
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
 * updatedAt} are {@link Date}s. The reserved fields ({@link EntityDescriptor#RESERVED}) in a client body
 * are ignored. Answers: 404 for a missing or out-of-scope or malformed id (indistinguishable), 409 for
 * a duplicate unique value or a restricted delete, 422 {@code foreign_key} for a bad ref, 400 for a bad
 * filter, sort or page, 429 when the organisation has its maximum of requests running, 503 (with {@code
 * Retry-After}) when its database is unreachable.
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

    /** Inserts a new document built from {@code fields}; returns it as stored. */
    public Document insert(Document fields) {
        CurrentUser user = RequestContext.requireUser();
        Document doc = new Document("_id", new ObjectId());
        doc.putAll(clean(fields));
        return layer.inTenant(
                user,
                db -> MongoErrors.call(entity, () -> {
                    layer.foreignKeys().convertAndCheck(db, entity, user, doc);
                    if (entity.scope() == EntityDescriptor.Scope.USER) {
                        doc.put("userId", user.userId());
                    }
                    UniqueOwners.stamp(entity, doc, user.userId());
                    layer.audit().created(doc, user, layer.audit().now());
                    collection(db).insertOne(doc);
                    layer.entityAudit().created(db, entity, user, doc);
                    return doc;
                }));
    }

    /** The document with this id in the caller's scope; 404 otherwise. */
    public Document findById(String id) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = ObjectIds.fromPath(id);
        return layer.inTenant(user, db -> find(db, user, oid));
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
     * Replaces the whole document (PUT): {@code fields} become its content; {@code _id}, {@code userId}
     * and the creation pair are kept, the update pair set.
     */
    public Document replace(String id, Document fields) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = ObjectIds.fromPath(id);
        Document doc = new Document("_id", oid);
        doc.putAll(clean(fields));
        return layer.inTenant(user, db -> {
            Document existing = find(db, user, oid);
            return MongoErrors.call(entity, () -> {
                layer.foreignKeys().convertAndCheck(db, entity, user, doc);
                if (entity.scope() == EntityDescriptor.Scope.USER) {
                    doc.put("userId", existing.get("userId"));
                }
                UniqueOwners.stamp(entity, doc, existing.get("userId"));
                doc.put("createdAt", existing.get("createdAt"));
                doc.put("createdBy", existing.get("createdBy"));
                layer.audit().updated(doc, user, layer.audit().now());
                Document after = collection(db)
                        .findOneAndReplace(
                                byId(user, oid),
                                doc,
                                new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER));
                if (after == null) {
                    throw notFound();
                }
                layer.entityAudit().replaced(db, entity, user, existing, after);
                return after;
            });
        });
    }

    /**
     * Updates some fields (PATCH): sets {@code set}, removes {@code unset}, and sets the update pair, in
     * one single-document update. Reserved fields in either are ignored.
     */
    public Document patch(String id, Document set, Set<String> unset) {
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
                    layer.foreignKeys().convertAndCheck(db, entity, user, values);
                    UniqueOwners.stamp(entity, values, removals, user.userId()); // in scope: the owner is the caller
                    layer.audit().updated(values, user, layer.audit().now());
                    Document update = new Document("$set", values);
                    if (!removals.isEmpty()) {
                        update.append("$unset", removals);
                    }
                    Document after = collection(db)
                            .findOneAndUpdate(
                                    byId(user, oid),
                                    update,
                                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                    if (after == null) {
                        throw notFound();
                    }
                    List<String> written = new ArrayList<>(values.keySet());
                    written.addAll(removals.keySet());
                    layer.entityAudit().patched(db, entity, user, oid, written);
                    return after;
                }));
    }

    /** Deletes the document, following each incoming ref's {@code onDelete}; 404 when not in scope. */
    public void delete(String id) {
        CurrentUser user = RequestContext.requireUser();
        ObjectId oid = ObjectIds.fromPath(id);
        layer.inTenant(user, db -> {
            find(db, user, oid);
            return MongoErrors.call(entity, () -> {
                layer.deletes().delete(db, entity, user, oid);
                return null;
            });
        });
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

    private Bson byId(CurrentUser user, ObjectId id) {
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
