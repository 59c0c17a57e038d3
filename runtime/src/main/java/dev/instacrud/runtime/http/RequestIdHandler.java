package dev.instacrud.runtime.http;

import dev.instacrud.runtime.config.RuntimeConfig;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

/**
 * Gives each request an id, echoed as {@code X-Request-ID}, and hands one access-log line to {@link AccessLog} when
 * the response completes: method, path, status, duration, request id, user id (written off the request thread). The id is a fresh random one, unless the TCP
 * peer is one of {@code TRUSTED_PROXIES} and sends an {@code X-Request-ID} of 1 to 128 characters of {@code
 * [A-Za-z0-9._:-]}: then that one is kept, so the proxy's log and the service's name the same request. A client
 * that is not a trusted proxy cannot choose its id (it could forge or confuse log correlation).
 *
 * <p>The id, and the caller's user id once the router knows it, are in the logging MDC ({@code requestId},
 * {@code userId}) while the request is handled, so every log line about it names it (JSON logs carry them as
 * fields). Sits just inside the security headers handler.
 */
final class RequestIdHandler extends Handler.Wrapper {
    static final String HEADER = "X-Request-ID";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORWARDED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final RuntimeConfig config;
    private final AccessLog accessLog;

    RequestIdHandler(RuntimeConfig config, AccessLog accessLog, Handler next) {
        super(next);
        this.config = config;
        this.accessLog = accessLog;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String id = requestId(request);
        request.setAttribute(RequestAttributes.REQUEST_ID, id);
        response.getHeaders().put(HEADER, id);
        long start = System.nanoTime();
        Request.addCompletionListener(request, failure -> log(request, response, start, id));
        MDC.put(RequestAttributes.MDC_REQUEST_ID, id);
        try {
            return super.handle(request, response, callback);
        } finally {
            MDC.remove(RequestAttributes.MDC_REQUEST_ID);
            MDC.remove(RequestAttributes.MDC_USER_ID);
        }
    }

    private String requestId(Request request) {
        String sent = request.getHeaders().get(HEADER);
        if (sent != null
                && fromTrustedProxy(request)
                && FORWARDED_ID.matcher(sent).matches()) {
            return sent;
        }
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private boolean fromTrustedProxy(Request request) {
        if (config.trustedProxies().isEmpty()) {
            return false;
        }
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet
                && inet.getAddress() != null
                && config.isTrustedProxy(inet.getAddress());
    }

    // runs when the response completes, possibly on another thread; the line is cleaned and written by AccessLog's
    private void log(Request request, Response response, long start, String id) {
        accessLog.add(new AccessLog.Line(
                request.getMethod(),
                request.getHttpURI().getPath(),
                response.getStatus(),
                (System.nanoTime() - start) / 1000,
                id,
                request.getAttribute(RequestAttributes.USER_ID)));
    }
}
