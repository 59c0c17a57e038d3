package dev.instacrud.runtime.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The files of the web admin and of the API docs, read from the class path into memory once (the admin's at start-up;
 * Swagger UI's, about 1.9 MB, on the first request for the docs). A name not in the table
 * is not served: lookups are by exact name, never by a path on the class path.
 */
public final class AdminAssets {
    /** The admin's files under {@code /admin/assets/}; {@code index.html} is the page itself. */
    static final List<String> ADMIN_FILES = List.of(
            "admin.css",
            "main.js",
            "api.js",
            "dom.js",
            "model.js",
            "fields.js",
            "filter.js",
            "auth.js",
            "entities.js",
            "org.js",
            "audit.js",
            "favicon.svg");

    /** The Swagger UI files {@code /docs/} uses, from the WebJar, plus our initialiser (its own has inline script). */
    static final List<String> DOCS_FILES =
            List.of("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "docs.js", "docs.css");

    private static final String ADMIN_ROOT = "/dev/instacrud/runtime/admin/";
    private static final String SWAGGER_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /**
     * The docs page's Content-Security-Policy: the default plus {@code img-src data:}, as Swagger UI's bundle draws
     * its icons as {@code data:} SVG images. Images cannot run script; scripts, styles and connections stay {@code
     * 'self'}.
     */
    public static final String DOCS_CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    /** One file: its bytes and media type. */
    public record Asset(byte[] bytes, String contentType) {}

    private final Map<String, Asset> admin = new LinkedHashMap<>();
    private final Asset adminPage;
    private final Asset docsPage;
    private Map<String, Asset> docs; // Swagger UI is large: read on the first request for it

    private AdminAssets() {
        for (String name : ADMIN_FILES) {
            admin.put(name, read(ADMIN_ROOT + "assets/" + name));
        }
        adminPage = read(ADMIN_ROOT + "index.html");
        docsPage = read(ADMIN_ROOT + "docs.html");
        swaggerUiVersion(); // fail at start-up, not on the first visit, when the WebJar is missing
    }

    /**
     * Reads every file.
     *
     * @throws IllegalStateException when a file is missing from the class path (a broken build)
     */
    public static AdminAssets load() {
        return new AdminAssets();
    }

    /**
     * The page CSP that lets the admin show Cloudflare's Turnstile widget: the service's default policy plus its
     * script and frame origin (Cloudflare's documented requirement), for the HTML pages only.
     */
    public static String turnstileCsp() {
        return "default-src 'self'; script-src 'self' https://challenges.cloudflare.com; "
                + "frame-src https://challenges.cloudflare.com; frame-ancestors 'none'";
    }

    Asset admin(String name) {
        return admin.get(name);
    }

    Asset adminPage() {
        return adminPage;
    }

    synchronized Asset docs(String name) {
        if (docs == null) {
            Map<String, Asset> files = new LinkedHashMap<>();
            String swagger = "/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
            for (String file : DOCS_FILES) {
                files.put(file, read(file.startsWith("docs.") ? ADMIN_ROOT + file : swagger + file));
            }
            docs = files;
        }
        return docs.get(name);
    }

    Asset docsPage() {
        return docsPage;
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = AdminAssets.class.getResourceAsStream(SWAGGER_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui WebJar is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static Asset read(String resource) {
        try (InputStream in = AdminAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("admin UI file missing from the class path: " + resource);
            }
            return new Asset(in.readAllBytes(), contentType(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            default -> throw new IllegalArgumentException("no media type for " + name);
        };
    }
}
