package dev.instacrud.bench.baseline;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.bson.types.ObjectId;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Routes {@code GET /health}, {@code POST /{collection}}, {@code GET /{collection}/{id}} and
 * {@code GET /{collection}?field=value} straight to MongoDB. A list counts the matches and reads one page, the two
 * queries a generated service's list makes ({@code {"items": [...], "total": n}}). Blocking (the driver is
 * synchronous), so it runs on Jetty's pool threads, as a generated service's handlers do.
 */
final class BareHandler extends Handler.Abstract {

    private static final int LIST_LIMIT = 50;

    private final MongoDatabase db;

    BareHandler(MongoDatabase db) {
        super(InvocationType.BLOCKING);
        this.db = db;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String[] parts = Request.getPathInContext(request).split("/");
        String method = request.getMethod();
        try {
            if (parts.length == 2 && parts[1].equals("health") && method.equals("GET")) {
                BareService.ping(db);
                return send(response, callback, 200, "{\"status\":\"ok\"}");
            }
            if (parts.length == 2 && method.equals("POST")) {
                Document doc = Document.parse(Content.Source.asString(request, StandardCharsets.UTF_8));
                ObjectId id = new ObjectId();
                doc.put("_id", id);
                db.getCollection(parts[1]).insertOne(doc);
                return send(response, callback, 201, toJson(doc));
            }
            if (parts.length == 2 && method.equals("GET")) {
                return send(response, callback, 200, list(parts[1], Request.extractQueryParameters(request)));
            }
            if (parts.length == 3 && method.equals("GET") && ObjectId.isValid(parts[2])) {
                Document doc = db.getCollection(parts[1])
                        .find(Filters.eq("_id", new ObjectId(parts[2])))
                        .first();
                return doc == null
                        ? send(response, callback, 404, "{\"title\":\"Not Found\"}")
                        : send(response, callback, 200, toJson(doc));
            }
            return send(response, callback, 404, "{\"title\":\"Not Found\"}");
        } catch (JsonParseException e) {
            return send(response, callback, 400, "{\"title\":\"Bad Request\"}");
        }
    }

    private String list(String collection, Fields query) {
        Document filter = new Document();
        for (Fields.Field f : query) {
            filter.put(f.getName(), f.getValue());
        }
        long total = db.getCollection(collection).countDocuments(filter);
        List<String> items = new ArrayList<>();
        for (Document d : db.getCollection(collection).find(filter).limit(LIST_LIMIT)) {
            items.add(toJson(d));
        }
        return "{\"items\":[" + String.join(",", items) + "],\"total\":" + total + "}";
    }

    /** The document with its {@code _id} shown as {@code "id": "<hex>"}, like the generated services. */
    private static String toJson(Document doc) {
        Document out = new Document("id", doc.getObjectId("_id").toHexString());
        doc.forEach((k, v) -> {
            if (!k.equals("_id")) {
                out.put(k, v);
            }
        });
        return out.toJson();
    }

    private static boolean send(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }
}
