package dev.instacrud.runtime.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.runtime.app.RunningService;
import dev.instacrud.runtime.app.ServiceDefinition;
import dev.instacrud.runtime.app.ServiceRunner;
import dev.instacrud.runtime.config.RuntimeConfig;
import dev.instacrud.runtime.config.SecurityHeaders;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.data.EntityDescriptor;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.json.Json;
import dev.instacrud.runtime.query.FieldKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin's files and model as a started service serves them: what is served where, with which headers, what is
 * refused, what {@code /api/v1/ui} says, and that {@code ADMIN_UI=false} or a spec that turns the admin off leaves
 * nothing of it. The pages themselves are tested in a real browser by the cli module's {@code AdminUiBrowserTest}.
 */
class AdminUiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path ASSETS = Path.of("src", "main", "resources", "dev", "instacrud", "runtime", "admin");

    @TempDir
    Path data;

    static final EntityDescriptor WARD = EntityDescriptor.builder("Ward", "wards", EntityDescriptor.Scope.ORG)
            .field("name", FieldKind.PLAIN)
            .unique("name")
            .build();
    static final EntityDescriptor NOTE = EntityDescriptor.builder("Note", "my_notes", EntityDescriptor.Scope.USER)
            .field("body", FieldKind.PLAIN)
            .ref("ward", "Ward", EntityDescriptor.OnDelete.CASCADE)
            .refList("others", "Ward", EntityDescriptor.OnDelete.SET_NULL)
            .build();

    private static ServiceDefinition.Builder service() {
        return ServiceDefinition.builder("clinic").entities(WARD, NOTE).routes(layer -> {
            Routes routes = new Routes();
            routes.post("/api/v1/wards", r -> ApiResponse.noContent()).requireRole(Role.ORG_ADMIN);
            routes.post("/api/v1/my-notes", r -> ApiResponse.noContent())
                    .requireRole(Role.ORG_ADMIN, Role.USER, Role.READ_ONLY);
            return routes;
        });
    }

    private RunningService start(ServiceDefinition definition, String... env) throws Exception {
        Map<String, String> vars = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", data.toString(), "MODE", "test"));
        for (int i = 0; i < env.length; i += 2) {
            vars.put(env[i], env[i + 1]);
        }
        return ServiceRunner.start(definition, vars);
    }

    private static HttpResponse<String> send(RunningService service, String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(service.url() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("<none>");
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        assertEquals("DENY", header(response, "X-Frame-Options"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals("no-store", header(response, "Cache-Control"));
        assertEquals("no-referrer", header(response, "Referrer-Policy"));
        assertTrue(header(response, "Content-Security-Policy").startsWith("default-src 'self'; "));
        assertTrue(header(response, "Content-Security-Policy").endsWith("frame-ancestors 'none'"));
    }

    @Test
    void pagesAndFilesAreServedUnderTheSecurityHeaders() throws Exception {
        try (RunningService service = start(service().build())) {
            for (String path : List.of("/", "/admin")) {
                HttpResponse<String> redirect = send(service, "GET", path);
                assertEquals(302, redirect.statusCode(), path);
                assertEquals("/admin/", header(redirect, "Location"));
                assertSecurityHeaders(redirect);
            }
            assertEquals("/docs/", header(send(service, "GET", "/docs"), "Location"));
            String index = Files.readString(ASSETS.resolve("index.html"));
            for (String path : List.of("/admin/", "/admin/e/wards/0123456789abcdef01234567/edit", "/admin/signin")) {
                HttpResponse<String> page = send(service, "GET", path);
                assertEquals(200, page.statusCode(), path);
                assertEquals("text/html; charset=utf-8", header(page, "Content-Type"));
                assertEquals(SecurityHeaders.DEFAULT_CSP, header(page, "Content-Security-Policy"));
                assertEquals(index, page.body(), "every admin path is the one page, routed in the browser");
                assertSecurityHeaders(page);
            }
            HttpResponse<String> script = send(service, "GET", "/admin/assets/main.js");
            assertEquals(200, script.statusCode());
            assertEquals("text/javascript; charset=utf-8", header(script, "Content-Type"));
            assertEquals(SecurityHeaders.DEFAULT_CSP, header(script, "Content-Security-Policy"));
            assertEquals(
                    "text/css; charset=utf-8", header(send(service, "GET", "/admin/assets/admin.css"), "Content-Type"));

            HttpResponse<String> docs = send(service, "GET", "/docs/");
            assertEquals(200, docs.statusCode());
            assertEquals(AdminAssets.DOCS_CSP, header(docs, "Content-Security-Policy"));
            assertSecurityHeaders(docs);
            HttpResponse<String> bundle = send(service, "GET", "/docs/swagger-ui-bundle.js");
            assertEquals(200, bundle.statusCode());
            assertTrue(bundle.body().length() > 500_000, "Swagger UI from its WebJar");
            assertEquals(200, send(service, "GET", "/docs/docs.js").statusCode());

            HttpResponse<String> head = send(service, "HEAD", "/admin/assets/main.js");
            assertEquals(200, head.statusCode());
            assertEquals(header(script, "Content-Length"), header(head, "Content-Length"));
            assertEquals("", head.body());
        }
    }

    @Test
    void onlyListedFilesAreServedAndEverythingElseIsTheApisAnswer() throws Exception {
        try (RunningService service = start(service().build())) {
            for (String path : List.of(
                    "/admin/assets/missing.js",
                    "/admin/assets/",
                    "/admin/assets/../index.html",
                    "/admin/assets/%2e%2e/index.html",
                    "/admin/assets/..%2fdocs.html",
                    "/docs/index.html", // the WebJar's own page has an inline script: never served
                    "/docs/swagger-initializer.js",
                    "/docs/../admin/assets/main.js",
                    "/docs/META-INF/MANIFEST.MF",
                    "/admin/assets/dev/instacrud/runtime/admin/index.html")) {
                HttpResponse<String> refused = send(service, "GET", path);
                assertTrue(
                        refused.statusCode() == 404 || refused.statusCode() == 400,
                        path + " -> " + refused.statusCode());
                assertTrue(header(refused, "Content-Type").startsWith("application/problem+json"), path);
                assertSecurityHeaders(refused);
            }
            for (String path : List.of("/admin/", "/admin/assets/main.js", "/docs/")) {
                HttpResponse<String> post = send(service, "POST", path);
                assertEquals(405, post.statusCode(), "the pages are read only: " + path);
                assertEquals("GET, HEAD", header(post, "Allow"));
                assertTrue(header(post, "Content-Type").startsWith("application/problem+json"));
                assertSecurityHeaders(post);
            }
            assertEquals(401, send(service, "GET", "/api/v1/me").statusCode(), "the API is untouched");
        }
    }

    @Test
    void everyFileIsListedAndNoneHoldsInlineScriptStylesOrHtmlInjection() throws IOException {
        Set<String> files;
        try (Stream<Path> list = Files.list(ASSETS.resolve("assets"))) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(AdminAssets.ADMIN_FILES), files, "AdminAssets.ADMIN_FILES lists every file");
        Pattern forbiddenJs = Pattern.compile(
                "innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function|setTimeout\\(\\s*[\"'`]"
                        + "|localStorage\\.setItem|document\\.cookie|\\.style\\.");
        for (String file : files) {
            String text = Files.readString(ASSETS.resolve("assets").resolve(file), StandardCharsets.UTF_8);
            if (file.endsWith(".js")) {
                assertFalse(forbiddenJs.matcher(text).find(), file + ": " + firstMatch(forbiddenJs, text));
            }
        }
        for (String page : List.of("index.html", "docs.html")) {
            String html = Files.readString(ASSETS.resolve(page));
            assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find(), page + ": inline script");
            assertFalse(
                    Pattern.compile("\\sstyle=|<style|\\son[a-z]+=")
                            .matcher(html)
                            .find(),
                    page);
            assertFalse(
                    Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), page + ": another origin");
        }
    }

    private static String firstMatch(Pattern pattern, String text) {
        var m = pattern.matcher(text);
        return m.find() ? m.group() : "";
    }

    @Test
    void theUiModelSaysWhatTheOpenApiDocumentCannot() throws Exception {
        try (RunningService service = start(service().inviteOnly().build())) {
            HttpResponse<String> answer = send(service, "GET", "/api/v1/ui");
            assertEquals(200, answer.statusCode(), "public, like the OpenAPI document");
            assertSecurityHeaders(answer);
            JsonNode model = Json.parse(answer.body().getBytes(StandardCharsets.UTF_8));
            assertEquals("clinic", model.get("service").asText());
            assertEquals("invite-only", model.at("/auth/registration").asText());
            assertEquals("[]", model.at("/auth/oauth").toString());
            assertFalse(model.at("/auth/turnstile").asBoolean());
            assertEquals("optional", model.at("/auth/emailVerification").asText());
            JsonNode ward = model.at("/entities/0");
            assertEquals("wards", ward.get("path").asText());
            assertEquals("org", ward.get("scope").asText());
            assertEquals("[\"ORG_ADMIN\"]", ward.get("write").toString());
            assertEquals("[\"name\"]", ward.get("unique").toString());
            JsonNode note = model.at("/entities/1");
            assertEquals("my-notes", note.get("path").asText(), "the path, not the collection");
            assertEquals("user", note.get("scope").asText());
            assertEquals("[\"ORG_ADMIN\",\"USER\"]", note.get("write").toString(), "READ_ONLY never writes");
            assertEquals(
                    "[{\"field\":\"ward\",\"to\":\"Ward\",\"many\":false,\"onDelete\":\"cascade\"},"
                            + "{\"field\":\"others\",\"to\":\"Ward\",\"many\":true,\"onDelete\":\"set-null\"}]",
                    note.get("refs").toString());
            assertEquals(service.url() + "/admin/", service.adminUrl().orElseThrow());
            assertEquals(
                    "Admin UI on " + service.url() + "/admin/ (API docs on " + service.url()
                            + "/docs/; ADMIN_UI=false turns both off)",
                    service.adminLine().orElseThrow());
        }
    }

    @Test
    void theUiModelSaysWhenAnAddressMustBeVerifiedBeforeSigningIn() throws Exception {
        try (RunningService bySpec = start(service().requireEmailVerification().build())) {
            JsonNode model = Json.parse(send(bySpec, "GET", "/api/v1/ui").body().getBytes(StandardCharsets.UTF_8));
            assertEquals("required", model.at("/auth/emailVerification").asText());
        }
        try (RunningService byEnvironment = start(service().build(), "EMAIL_VERIFICATION", "required")) {
            JsonNode model =
                    Json.parse(send(byEnvironment, "GET", "/api/v1/ui").body().getBytes(StandardCharsets.UTF_8));
            assertEquals("required", model.at("/auth/emailVerification").asText());
        }
    }

    @Test
    void theLinksTheAccountMailSendsLandOnTheAdminsPages() throws Exception {
        RuntimeConfig config = RuntimeConfig.from(Map.of(
                "PUBLIC_URL",
                "https://crm.example.com/",
                "DATA_DIR",
                data.resolve("config").toString()));
        assertEquals("https://crm.example.com/admin/verify-email?token={token}", config.emailVerificationUrl());
        assertEquals("https://crm.example.com/admin/reset-password?token={token}", config.passwordResetUrl());
        String index = Files.readString(ASSETS.resolve("index.html"));
        try (RunningService service = start(service().build())) {
            for (String link : List.of(config.emailVerificationUrl(), config.passwordResetUrl())) {
                URI uri = URI.create(link.replace("{token}", "dGhlLXRva2Vu"));
                HttpResponse<String> page = send(service, "GET", uri.getRawPath() + "?" + uri.getRawQuery());
                assertEquals(200, page.statusCode(), link);
                assertEquals(index, page.body(), "the admin's page, which routes " + uri.getPath());
            }
        }
        String main = Files.readString(ASSETS.resolve("assets").resolve("main.js"));
        assertTrue(main.contains("[/^verify-email$/, auth.verifyEmail"), "a route for the verification link");
        assertTrue(main.contains("[/^reset-password$/, auth.resetPassword"), "a route for the reset link");
    }

    @Test
    void turnstileWidensOnlyTheAdminPagesPolicyForCloudflare() throws Exception {
        try (RunningService service =
                start(service().turnstile().build(), "TURNSTILE_SECRET_KEY", "secret", "TURNSTILE_SITE_KEY", "site")) {
            assertEquals(
                    AdminAssets.turnstileCsp(), header(send(service, "GET", "/admin/"), "Content-Security-Policy"));
            assertEquals(
                    SecurityHeaders.DEFAULT_CSP,
                    header(send(service, "GET", "/admin/assets/auth.js"), "Content-Security-Policy"));
            HttpResponse<String> ui = send(service, "GET", "/api/v1/ui");
            assertEquals(SecurityHeaders.DEFAULT_CSP, header(ui, "Content-Security-Policy"));
            assertEquals(
                    "site",
                    Json.parse(ui.body().getBytes(StandardCharsets.UTF_8))
                            .at("/auth/turnstileSiteKey")
                            .asText());
        }
    }

    @Test
    void anOperatorsPolicyIsKeptAsItIs() throws Exception {
        String policy = "default-src 'self'; frame-ancestors 'none'; upgrade-insecure-requests";
        try (RunningService service = start(service().build(), "CONTENT_SECURITY_POLICY", policy)) {
            assertEquals(policy, header(send(service, "GET", "/docs/"), "Content-Security-Policy"));
            assertEquals(policy, header(send(service, "GET", "/admin/"), "Content-Security-Policy"));
        }
    }

    @Test
    void adminUiFalseOrTheSpecLeavesNoPageNorModel() throws Exception {
        try (RunningService off = start(service().build(), "ADMIN_UI", "false");
                RunningService specOff = start(
                        service().withoutAdminUi().build(),
                        "ADMIN_UI",
                        "true",
                        "DATA_DIR",
                        data.resolve("second").toString())) {
            for (RunningService service : List.of(off, specOff)) {
                for (String path : List.of("/", "/admin/", "/admin/assets/main.js", "/docs/", "/api/v1/ui")) {
                    HttpResponse<String> answer = send(service, "GET", path);
                    assertEquals(404, answer.statusCode(), path);
                    assertTrue(header(answer, "Content-Type").startsWith("application/problem+json"), path);
                }
                assertTrue(service.adminUrl().isEmpty());
                assertTrue(service.adminLine().isEmpty(), "nothing printed");
            }
        }
    }
}
