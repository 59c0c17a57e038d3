package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.runtime.testing.FakeOidcProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web admin of the clinic sample in headless Chromium ({@code MODE=dev}, rate limits on): the OAuth button and the
 * one-time session-code exchange (through {@link FakeOidcProvider}), a patient with a ward picked, an embedded address
 * and a list of contacts created through the form, a wards list without write controls for a USER (wards are
 * ORG_ADMIN-only), a 429 that says when to retry, and no CSP violation, console error or serious axe finding.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicAdminBrowserTest {
    static final HttpClient PLAIN =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static FakeOidcProvider provider;
    static E2eService svc;
    static Browser browser;

    @RegisterExtension
    static final Browser.FailureShots SHOTS = new Browser.FailureShots(() -> browser);

    @BeforeAll
    static void start() throws Exception {
        provider = new FakeOidcProvider();
        Map<String, String> env = new HashMap<>(provider.env("google"));
        env.put("AUTH_RATE_LIMIT", "1000/minute");
        env.put("API_RATE_LIMIT", "200/minute");
        svc = E2eService.start("clinic.yaml", env);
        browser = Browser.open(svc.service.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (svc != null) {
            svc.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    @Order(1)
    void aPatientIsCreatedWithAWardPickedAnAddressAndContacts() throws Exception {
        browser.go("/admin/signup");
        browser.heading("Create an account");
        browser.type("Your name", "Carla Clinic");
        browser.type("Email", "carla@clinic.example.com");
        browser.type("Password", E2eService.PASSWORD);
        browser.type("Organisation name", "Clinic A");
        browser.click("Create account");
        browser.heading("Welcome, Carla Clinic");

        browser.go("/admin/e/wards/new");
        browser.heading("New ward");
        browser.type("Name", "North");
        browser.type("Floor", "3");
        browser.click("Create");
        browser.heading("North");

        browser.go("/admin/e/patients/new");
        browser.heading("New patient");
        browser.type("Full name", "Ann Example");
        browser.type("Email", "ann@example.com");
        WebElement ward = browser.labelled("Ward");
        ward.findElement(By.xpath("following-sibling::input[@type='search']")).sendKeys("No");
        browser.waitUntil(d -> {
            new Select(ward).selectByVisibleText("North");
            return true;
        });
        browser.click("Add tag");
        browser.type("Tag 1", "diabetic");
        browser.type("Ssn", "123-45-6789");
        WebElement address = browser.driver.findElement(By.xpath("//fieldset[legend[normalize-space(.)='Address']]"));
        assertTrue(address.getText().contains("when filled in, City must be given"), address.getText());
        AdminUiBrowserTest.within(address, "City").sendKeys("Springfield");
        browser.click("Add contact");
        WebElement contact =
                browser.driver.findElement(By.xpath("//fieldset[legend[normalize-space(.)='Contact 1 *']]"));
        AdminUiBrowserTest.within(contact, "Name").sendKeys("Bob Example");
        AdminUiBrowserTest.within(contact, "Phone").sendKeys("+44 20 7946 0000");
        new Select(AdminUiBrowserTest.within(contact, "Kind")).selectByVisibleText("family");
        browser.labelled("latex").click();
        browser.type("Portal url", "https://portal.example.com/ann");
        browser.click("Create");
        browser.heading("Ann Example");
        String text = browser.driver.findElement(By.tagName("main")).getText();
        assertTrue(text.contains("Springfield") && text.contains("Bob Example") && text.contains("latex"), text);
        assertFalse(text.contains("123-45-6789"), "the secret is never shown");
        assertTrue(browser.driver
                .findElement(By.linkText("North"))
                .getAttribute("href")
                .contains("/admin/e/wards/"));
        browser.screenshot("clinic-patient");
        browser.assertAccessible("clinic patient detail");

        // fullName is searchable: the list has a search box, which sends q and keeps it in the address
        String token = (String) browser.js("return sessionStorage.getItem('instacrud.admin.access');");
        String wardHref = browser.driver.findElement(By.linkText("North")).getAttribute("href");
        String wardId = wardHref.substring(wardHref.lastIndexOf('/') + 1);
        expect(
                201,
                svc.http.json(
                        "POST",
                        "/api/v1/patients",
                        "{\"fullName\":\"Zoe Other\",\"ward\":\"" + wardId + "\"}",
                        "Authorization",
                        "Bearer " + token));
        browser.go("/admin/e/patients");
        browser.waitUntil(d -> d.findElements(By.cssSelector("table tbody tr")).size() == 2);
        browser.type("Search", "EXAMP");
        browser.driver.findElement(By.xpath("//form[@role='search']//button")).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("/admin/e/patients?q=EXAMP"));
        browser.waitUntil(d -> d.findElements(By.cssSelector("table tbody tr")).size() == 1);
        assertTrue(browser.driver
                .findElement(By.cssSelector("table tbody"))
                .getText()
                .contains("Ann Example"));
        assertEquals("EXAMP", browser.labelled("Search").getAttribute("value"), "kept in the box");
        browser.assertAccessible("clinic patients searched");
        browser.go("/admin/e/wards");
        browser.waitFor(By.cssSelector(".pager"));
        assertTrue(
                browser.driver
                        .findElements(By.cssSelector("form[role='search']"))
                        .isEmpty(),
                "no search where no field is searchable");
    }

    @Test
    @Order(2)
    void aUserSeesNoWriteControlsOnOrgAdminOnlyWards() throws Exception {
        String admin = (String) browser.js("return sessionStorage.getItem('instacrud.admin.access');");
        String code = expect(
                        201,
                        svc.http.json(
                                "POST",
                                "/api/v1/auth/invitations",
                                "{\"email\":\"nurse@clinic.example.com\",\"role\":\"USER\"}",
                                "Authorization",
                                "Bearer " + admin))
                .get("code")
                .asText();
        browser.go("/admin/join?code=" + Http.q(code));
        browser.heading("Join with an invitation");
        browser.type("Your name", "Nina Nurse");
        browser.type("Email", "nurse@clinic.example.com");
        browser.type("Password", E2eService.PASSWORD);
        browser.click("Join");
        browser.heading("Welcome, Nina Nurse");
        browser.go("/admin/e/wards");
        browser.waitFor(By.cssSelector(".pager"));
        assertTrue(browser.driver.findElements(By.linkText("New ward")).isEmpty());
        browser.go("/admin/e/patients");
        browser.waitFor(By.linkText("New patient"));
    }

    @Test
    @Order(3)
    void oauthSignInEndsWithTheOneTimeSessionCodeExchange() throws Exception {
        browser.go("/admin/signin");
        browser.heading("Sign in");
        WebElement button = browser.driver.findElement(By.linkText("Sign in with Google"));
        assertTrue(
                button.getAttribute("href").endsWith("/api/v1/auth/oauth/google/login"), button.getAttribute("href"));
        browser.assertAccessible("sign-in with an OAuth provider");

        String landing = sessionCodeLanding("oauth-person@example.com");
        assertTrue(landing.startsWith("/admin/oauth/callback?session_code="), landing);
        browser.go(landing);
        browser.heading("Welcome, OAuth User");
        assertFalse(browser.driver.getCurrentUrl().contains("session_code"), "the code leaves the address");

        browser.go(landing); // a second use of the same code
        browser.heading("Sign-in failed");
        assertTrue(browser.driver
                .findElement(By.cssSelector("main .notice.error"))
                .getText()
                .contains("expired or was already used"));
    }

    // The browser's part of the provider round trip, over HTTP: login (cookie), the provider's consent, the callback.
    static String sessionCodeLanding(String email) throws Exception {
        String ip = E2eService.freshIp();
        HttpResponse<String> login =
                svc.http.send("GET", "/api/v1/auth/oauth/google/login", null, null, "X-Forwarded-For", ip);
        expect(302, login);
        String cookie = Http.header(login, "Set-Cookie").split(";")[0];
        provider.nextUser(email);
        HttpResponse<String> consent = PLAIN.send(
                HttpRequest.newBuilder(URI.create(Http.header(login, "Location")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, consent.statusCode(), consent.body());
        URI back = URI.create(Http.header(consent, "Location"));
        HttpResponse<String> callback = svc.http.send(
                "GET",
                back.getRawPath() + "?" + back.getRawQuery(),
                null,
                null,
                "Cookie",
                cookie,
                "X-Forwarded-For",
                ip);
        expect(302, callback);
        return Http.header(callback, "Location");
    }

    @Test
    @Order(4)
    void aRateLimitedCallerIsToldWhenToRetry() throws Exception {
        E2eService.User busy = svc.signupAdmin("busy@clinic.example.com", "Busy Clinic");
        for (int i = 0; i < 200; i++) {
            svc.http.send("GET", "/api/v1/me", null, null, busy.auth()); // spends the user's API allowance
        }
        JsonNode refused = expect(429, svc.http.send("GET", "/api/v1/me", null, null, busy.auth()));
        assertEquals(429, refused.get("status").asInt());
        browser.go("/admin/signin");
        browser.heading("Sign in");
        browser.type("Email", "busy@clinic.example.com");
        browser.type("Password", E2eService.PASSWORD);
        browser.click("Sign in");
        WebElement error = browser.waitFor(By.cssSelector("main .notice.error"));
        assertTrue(error.getText().matches("Too many requests\\. Try again in \\d+ seconds\\."), error.getText());
    }

    @Test
    @Order(5)
    void noPageEverViolatedTheCspOrLoggedAnError() {
        browser.assertNoViolations();
    }
}
