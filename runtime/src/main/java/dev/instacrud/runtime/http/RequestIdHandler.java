package dev.instacrud.runtime.http;

import dev.instacrud.runtime.log.LogSanitizer;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each request a fresh random id (echoed as {@code X-Request-ID}; a client-sent id is ignored so it
 * cannot be used to forge or confuse log correlation) and writes one access-log line when the response
 * completes: method, path, status, duration, request id, user id. Sits just inside the security headers
 * handler so every later log line can name the request.
 */
final class RequestIdHandler extends Handler.Wrapper {
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.instacrud.access");
    private static final SecureRandom RANDOM = new SecureRandom();

    RequestIdHandler(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        request.setAttribute(RequestAttributes.REQUEST_ID, id);
        response.getHeaders().put("X-Request-ID", id);
        long start = System.nanoTime();
        Request.addCompletionListener(request, failure -> log(request, response, start, id));
        return super.handle(request, response, callback);
    }

    private void log(Request request, Response response, long start, String id) {
        long micros = (System.nanoTime() - start) / 1000;
        Object user = request.getAttribute(RequestAttributes.USER_ID);
        ACCESS.info(
                "{} {} {} {}ms request={} user={}",
                LogSanitizer.value(request.getMethod()),
                LogSanitizer.path(request.getHttpURI().getPath()),
                response.getStatus(),
                String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0),
                id,
                user == null ? "-" : LogSanitizer.value(user));
    }
}
