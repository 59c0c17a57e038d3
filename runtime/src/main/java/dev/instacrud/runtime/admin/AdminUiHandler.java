package dev.instacrud.runtime.admin;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.Problems;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves one mount of the web admin from the runtime jar: {@link #admin} under {@code /admin} ({@code /admin}
 * redirects to {@code /admin/}; {@code /admin/assets/NAME} is one of the admin's files; any other path is the
 * admin's page, which routes itself in the browser, so a reload or a shared link works) and {@link #docs} under
 * {@code /docs} (Swagger UI over {@code /api/v1/openapi.json}, with our own initialiser).
 *
 * <p>Mounted on the composition root ({@code InstaCrudServer.Builder#mount}), so it runs behind the security
 * headers (every file carries the service's CSP, {@code default-src 'self'; frame-ancestors 'none'} by default: the
 * pages have no inline script or style and load nothing from another origin), the request id and access log, CORS
 * and the traversal refusal. Files are looked up by exact name in a table ({@link AdminAssets}), never by path on
 * the class path, so no request reaches another resource; a name not in the table is a 404 and any method but GET
 * and HEAD a 405, both as problem+json. Answers are not cached ({@code Cache-Control: no-store}, like every answer).
 */
public final class AdminUiHandler extends Handler.Abstract {
    private final String mount;
    private final AdminAssets.Asset page;
    private final Function<String, AdminAssets.Asset> files;
    private final String pageCsp;

    private AdminUiHandler(
            InvocationType type,
            String mount,
            AdminAssets.Asset page,
            Function<String, AdminAssets.Asset> files,
            String pageCsp) {
        super(type);
        this.mount = mount;
        this.page = page;
        this.files = files;
        this.pageCsp = pageCsp;
    }

    /**
     * The admin, for {@code /admin}; everything it serves is in memory.
     *
     * @param pageCsp the page's Content-Security-Policy, or null to keep the service's own (it needs more only to
     *     show Cloudflare's Turnstile widget, see {@link AdminAssets#turnstileCsp})
     */
    public static AdminUiHandler admin(AdminAssets assets, String pageCsp) {
        return new AdminUiHandler(
                InvocationType.NON_BLOCKING,
                "/admin",
                assets.adminPage(),
                name -> {
                    return name.startsWith("assets/")
                            ? assets.admin(name.substring("assets/".length()))
                            : assets.adminPage();
                },
                pageCsp);
    }

    /**
     * Swagger UI, for {@code /docs}; blocking, as its files are read from the jar on the first request.
     *
     * @param pageCsp the page's Content-Security-Policy, or null to keep the service's own (Swagger UI draws its
     *     icons as {@code data:} images, see {@link AdminAssets#DOCS_CSP})
     */
    public static AdminUiHandler docs(AdminAssets assets, String pageCsp) {
        return new AdminUiHandler(InvocationType.BLOCKING, "/docs", assets.docsPage(), assets::docs, pageCsp);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Problems.write(response, callback, new ApiException(405, "Method Not Allowed", "Only GET and HEAD here"));
            return true;
        }
        String path = Request.getPathInContext(request);
        if (path.equals(mount)) {
            response.setStatus(302);
            response.getHeaders().put(HttpHeader.LOCATION, mount + "/");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
            response.write(true, null, callback);
            return true;
        }
        String name = path.substring(mount.length() + 1); // after "/admin/"
        AdminAssets.Asset asset = name.isEmpty() ? page : files.apply(name);
        if (asset == null) {
            Problems.write(response, callback, ApiException.notFound("Not found"));
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, asset.bytes().length);
        if (asset == page && pageCsp != null) {
            response.getHeaders().put("Content-Security-Policy", pageCsp);
        }
        response.write(true, method.equals("HEAD") ? null : ByteBuffer.wrap(asset.bytes()), callback);
        return true;
    }
}
