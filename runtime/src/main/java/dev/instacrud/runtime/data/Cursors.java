package dev.instacrud.runtime.data;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonSerializationException;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;

/**
 * Keyset paging: a cursor names the position of one document in one order, and the next (or previous) page is
 * the documents beyond it in that order, found with an indexable filter instead of skipping, so a deep page
 * costs what the first does where an index covers the order ({@code _id}, the default order, always is).
 *
 * <p>A cursor is {@code base64url(BSON {sort, values, id}) "." base64url(HMAC-SHA256(key, collection, BSON))}
 * truncated to 128 bits: opaque to clients, and tamper-evident, so the values it carries (which become filter
 * values) are only ever ones the service wrote. It carries the values as BSON, so dates, decimals and ids keep
 * their types; it binds the sort order and the collection it was made for. A cursor from another order, another
 * entity, another key or edited by hand is a 400 {@code invalid_cursor}.
 *
 * <p>Missing or null values sort first in ascending order, as in MongoDB; the filter handles them, so documents
 * without a value are paged like the others.
 */
final class Cursors {
    /** The longest cursor accepted, well above what the service writes (five sort keys of long text). */
    static final int MAX_CHARS = 4096;

    private static final int MAC_BYTES = 16;

    private final byte[] key;

    Cursors(byte[] key) {
        this.key = key.clone();
    }

    /** The cursor of {@code document}'s position in {@code order}. */
    String encode(String collection, Document order, Document document) {
        List<Object> values = new ArrayList<>();
        for (String field : order.keySet()) {
            values.add(value(document, field));
        }
        Document payload = new Document("s", order).append("v", values);
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        new DocumentCodec()
                .encode(
                        new BsonBinaryWriter(buffer),
                        payload,
                        EncoderContext.builder().build());
        byte[] bytes = buffer.toByteArray();
        return b64(bytes) + "." + b64(mac(collection, bytes));
    }

    /**
     * The values of the position a cursor names, one per key of {@code order}.
     *
     * @param parameter the query parameter it came in ({@code after} or {@code before}), for the error
     * @throws ApiException 400 {@code invalid_cursor} for anything this service did not write for this order
     */
    List<Object> decode(String collection, Document order, String cursor, String parameter) {
        if (cursor.length() > MAX_CHARS) {
            throw invalid(parameter, "too long");
        }
        int dot = cursor.indexOf('.');
        byte[] bytes;
        byte[] sent;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor.substring(0, Math.max(dot, 0)));
            sent = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw invalid(parameter, "not a cursor of this list");
        }
        if (dot < 0 || !MessageDigest.isEqual(mac(collection, bytes), sent)) {
            throw invalid(parameter, "not a cursor of this list");
        }
        Document payload;
        try {
            payload = new DocumentCodec()
                    .decode(
                            new BsonBinaryReader(ByteBuffer.wrap(bytes)),
                            DecoderContext.builder().build());
        } catch (BsonSerializationException | IllegalStateException e) {
            throw invalid(parameter, "not a cursor of this list"); // signed by this key, so only after a key change
        }
        if (!order.equals(payload.get("s", Document.class))) {
            throw invalid(parameter, "made for another sort order; keep the sort of the page it came from");
        }
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) payload.get("v", List.class);
        if (values == null || values.size() != order.size()) {
            throw invalid(parameter, "not a cursor of this list");
        }
        return values;
    }

    /**
     * The documents beyond a position: after it in {@code order} ({@code forward}), or before it. For keys
     * {@code k1..kn} (the last is {@code _id}): {@code k1 beyond v1, or k1 = v1 and k2 beyond v2, or ...}.
     */
    static Bson beyond(Document order, List<Object> values, boolean forward) {
        List<Bson> alternatives = new ArrayList<>();
        List<String> fields = new ArrayList<>(order.keySet());
        for (int i = 0; i < fields.size(); i++) {
            List<Bson> all = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                all.add(new Document(fields.get(j), values.get(j))); // {f: null} also matches a missing f
            }
            boolean ascending = ((Number) order.get(fields.get(i))).intValue() > 0 == forward;
            Bson step = step(fields.get(i), values.get(i), ascending);
            if (step == null) {
                continue; // nothing sorts beyond this value in this direction
            }
            all.add(step);
            alternatives.add(all.size() == 1 ? all.get(0) : new Document("$and", all));
        }
        if (alternatives.isEmpty()) {
            return new Document("_id", new Document("$exists", false)); // nothing is beyond
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Document("$or", alternatives);
    }

    // what sorts after value in ascending order of field (null and missing sort first), or before it
    private static Bson step(String field, Object value, boolean ascending) {
        if (ascending) {
            return new Document(field, value == null ? new Document("$ne", null) : new Document("$gt", value));
        }
        if (value == null) {
            return null;
        }
        return new Document("$or", List.of(new Document(field, new Document("$lt", value)), new Document(field, null)));
    }

    private static Object value(Document document, String field) {
        Object current = document;
        for (String part : field.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private byte[] mac(String collection, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(collection.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(payload);
            return java.util.Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ApiException invalid(String parameter, String why) {
        return ApiException.badRequest(
                "Invalid cursor: " + why,
                ErrorDetail.of("Invalid cursor: " + why, "invalid_cursor", "query", parameter));
    }
}
