package dev.instacrud.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Step 5 of the {@link Router}: reads the body of a POST, PUT or PATCH as strict JSON ({@link Json}). Over
 * {@code MAX_BODY_BYTES} is a 413, whether declared by {@code Content-Length} or found while reading (never
 * more is buffered); a body that is not {@code application/json} or {@code application/merge-patch+json} in
 * UTF-8 is a 415 (RFC 8259: JSON is UTF-8); malformed JSON is a 400. Other methods get no body.
 *
 * <p>Not Jetty's {@code SizeLimitHandler}: a body that grows past its limit while being read fails the whole
 * request, which would reach here as an I/O error (a 500), not as a 413 problem naming the limit.
 */
final class JsonBody {
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final long maxBytes;

    JsonBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The parsed body, or a {@link MissingNode} when the method takes none or none was sent. */
    JsonNode read(Request request, String method) throws IOException {
        if (!BODY_METHODS.contains(method)) {
            return MissingNode.getInstance();
        }
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        byte[] bytes = readBounded(request);
        if (bytes.length == 0 && contentType == null) {
            return MissingNode.getInstance();
        }
        if (!isJson(contentType)) {
            throw new ApiException(415, "Unsupported Media Type", "Content-Type must be application/json");
        }
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        return Json.parse(bytes);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.equals("application/merge-patch+json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv[0].trim().equalsIgnoreCase("charset")
                    && (kv.length < 2 || !kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return false; // JSON is UTF-8 (RFC 8259); anything else would be decoded wrongly
            }
        }
        return true;
    }

    private byte[] readBounded(Request request) throws IOException {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] buffer = new byte[8192];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > maxBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "Content Too Large", "Request body is larger than " + maxBytes + " bytes");
    }
}
