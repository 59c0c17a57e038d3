package dev.instacrud.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.json.Json;
import dev.instacrud.runtime.log.LogSanitizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 6 of the {@link Router}: reads the body of a POST, PUT or PATCH as strict JSON ({@link Json}). Over
 * {@code MAX_BODY_BYTES} is a 413, whether declared by {@code Content-Length} or found while reading (never
 * more is buffered); a body that is not {@code application/json} or {@code application/merge-patch+json}, or
 * declares a charset other than UTF-8, is a 415; malformed JSON is a 400. Other methods get no body.
 *
 * <p>Two more 400s, both the client's doing and so logged at INFO, never as a server error: a body that cannot be
 * read as framed (shorter than its {@code Content-Length}, a chunk size that overflows or is not hex, a chunked
 * body cut short: Jetty reports them as an early end of stream), and a body that is not UTF-8 (RFC 8259 section
 * 8.1). The parser would otherwise guess UTF-16 or UTF-32 from the first bytes and read them, so one value
 * could arrive in several byte forms; a body is taken as UTF-8 only if it decodes as UTF-8 and holds no NUL
 * byte (which no JSON text has, and which is how UTF-16 and UTF-32 text looks byte by byte). A UTF-8 byte order
 * mark is tolerated, as the RFC allows.
 *
 * <p>Not Jetty's {@code SizeLimitHandler}: a body that grows past its limit while being read fails the whole
 * request, which would reach here as an I/O error (a 500), not as a 413 problem naming the limit.
 */
final class JsonBody {
    private static final Logger LOG = LoggerFactory.getLogger(JsonBody.class);
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final long maxBytes;

    JsonBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The parsed body, or a {@link MissingNode} when the method takes none or none was sent. */
    JsonNode read(Request request, String method) {
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
        if (!isUtf8(bytes)) {
            LOG.info("request {}: body is not UTF-8", RequestAttributes.requestId(request));
            throw ApiException.badRequest("Request body must be JSON encoded in UTF-8");
        }
        return Json.parse(bytes);
    }

    static boolean isUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
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

    private byte[] readBounded(Request request) {
        try {
            return readUpToLimit(request);
        } catch (IOException | HttpException.RuntimeException e) {
            LOG.info(
                    "request {}: body unreadable ({}: {})",
                    RequestAttributes.requestId(request),
                    e.getClass().getSimpleName(),
                    LogSanitizer.value(e.getMessage()));
            throw ApiException.badRequest("Request body could not be read as framed");
        }
    }

    private byte[] readUpToLimit(Request request) throws IOException {
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
