package dev.instacrud.runtime.admin;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the web admin and the API docs from the runtime jar: {@code GET /} and {@code /admin} redirect to
 * {@code /admin/}; {@code /admin/assets/NAME} is one of the admin's files; any other path under {@code /admin/} is
 * the admin's page (the browser routes it, so a reload or a shared link works); {@code /docs/} is Swagger UI over
 * {@code /api/v1/openapi.json}. Everything else, and every method but GET and HEAD, goes on to the API.
 *
 * <p>It belongs inside the security headers handler (so every page carries the same CSP, {@code default-src
 * 'self'; frame-ancestors 'none'} by default: the pages have no inline script or style and load nothing from
 * another origin) and the access log, and before the router. Files are looked up by exact name in a table read
 * once at start-up ({@link AdminAssets}), never by path on the class path, so no request can reach another
 * resource. Answers are not cached ({@code Cache-Control: no-store}, like every answer of the service).
 */
public final class AdminUiHandler extends Handler.Wrapper {
    private final AdminAssets assets;
    private final String adminCsp;
    private final String docsCsp;

    /**
     * @param adminCsp the Content-Security-Policy of the admin's page, or null to keep the service's own (it needs
     *     more only to show Cloudflare's Turnstile widget, see {@link AdminAssets#turnstileCsp})
     * @param docsCsp the Content-Security-Policy of the docs page, or null to keep the service's own (Swagger UI
     *     draws its icons as {@code data:} images, see {@link AdminAssets#DOCS_CSP})
     */
    public AdminUiHandler(AdminAssets assets, String adminCsp, String docsCsp, Handler next) {
        super(next);
        this.assets = assets;
        this.adminCsp = adminCsp;
        this.docsCsp = docsCsp;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return super.handle(request, response, callback);
        }
        if (!plainPath(request.getHttpURI().getPath())) {
            return super.handle(request, response, callback); // the router refuses traversal with a 400
        }
        String path = Request.getPathInContext(request);
        switch (path) {
            case "/", "/admin" -> {
                return redirect(response, callback, "/admin/");
            }
            case "/docs" -> {
                return redirect(response, callback, "/docs/");
            }
            default -> {}
        }
        AdminAssets.Asset asset = null;
        String csp = null;
        if (path.startsWith("/admin/assets/")) {
            asset = assets.admin(path.substring("/admin/assets/".length()));
        } else if (path.startsWith("/admin/")) {
            asset = assets.adminPage();
            csp = adminCsp;
        } else if (path.equals("/docs/")) {
            asset = assets.docsPage();
            csp = docsCsp;
        } else if (path.startsWith("/docs/")) {
            asset = assets.docs(path.substring("/docs/".length()));
        }
        if (asset == null) {
            return super.handle(request, response, callback); // the router's 404, as problem+json
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, asset.bytes().length);
        if (csp != null) {
            response.getHeaders().put("Content-Security-Policy", csp);
        }
        if (method.equals("HEAD")) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(asset.bytes()), callback);
        }
        return true;
    }

    // Only plain paths reach the files: no dot segments, encoded separators or dots, backslashes or parameters, even
    // where Jetty would normalise them to an innocent path.
    private static boolean plainPath(String raw) {
        if (raw == null) {
            return false;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        return !(lower.contains("..")
                || lower.contains("%")
                || lower.contains("\\")
                || lower.contains("//")
                || lower.contains(";"));
    }

    private static boolean redirect(Response response, Callback callback, String location) {
        response.setStatus(302);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, null, callback);
        return true;
    }

    /** For tests: the admin's own files by name. */
    Map<String, AdminAssets.Asset> adminFiles() {
        return assets.adminFiles();
    }
}
