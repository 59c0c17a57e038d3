package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.runtime.testing.Mailbox;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
 * The web admin's account pages in headless Chromium, over the tasks sample sending its mail to a real SMTP server on
 * loopback (GreenMail): the verification and reset links read from the mail open working pages at {@code
 * PUBLIC_URL/admin/...}; the account page renames and changes the password (every other session ends); sign-out ends
 * the session on the server; a refused access token is replaced through the refresh token without leaving the page,
 * also by two tabs sharing one session; an ORG_ADMIN invites, revokes, changes roles, deactivates, reactivates and
 * removes members, with the server's refusals in words, and reads the audit log; other roles see none of it. No CSP
 * violation, console error, or serious or critical axe-core finding on any of these pages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountPagesBrowserTest {
    static final Duration MAIL = Duration.ofSeconds(30);
    static final String PUBLIC_URL = "https://tasks.example.com";
    static final String ADA = "ada@tasks.example.com";
    static final String NEW_PASSWORD = "a brand new secret";
    static final String RESET_PASSWORD = "reset and secret again";

    static Mailbox mailbox;
    static E2eService svc;
    static Browser browser;

    @RegisterExtension
    static final Browser.FailureShots SHOTS = new Browser.FailureShots(() -> browser);

    static String password = E2eService.PASSWORD;
    static String bobId;

    @BeforeAll
    static void start() throws Exception {
        mailbox = Mailbox.start();
        Map<String, String> env = new HashMap<>();
        String[] smtp = mailbox.env();
        for (int i = 0; i < smtp.length; i += 2) {
            env.put(smtp[i], smtp[i + 1]);
        }
        env.put("MODE", "test");
        env.put("AUTH_RATE_LIMIT", "1000/minute");
        env.put("MAIL_RATE_LIMIT", "1000/hour");
        env.put("PUBLIC_URL", PUBLIC_URL); // where the mailed links point; the test opens their path on the service
        svc = E2eService.start("tasks.yaml", env);
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
        if (mailbox != null) {
            mailbox.close();
        }
    }

    static String access() {
        return (String) browser.js("return sessionStorage.getItem('instacrud.admin.access');");
    }

    static String refresh() {
        return (String) browser.js("return sessionStorage.getItem('instacrud.admin.refresh');");
    }

    static int me(String accessToken) throws Exception {
        return svc.http
                .send("GET", "/api/v1/me", null, null, "Authorization", "Bearer " + accessToken)
                .statusCode();
    }

    static String signInOverHttp(String email, String secret) throws Exception {
        return expect(
                        200,
                        svc.http.json(
                                "POST",
                                "/api/v1/auth/signin",
                                "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, secret)))
                .get("access_token")
                .asText();
    }

    static void signIn(String email, String secret) {
        browser.go("/admin/signin");
        browser.heading("Sign in");
        browser.type("Email", email);
        browser.type("Password", secret);
        browser.click("Sign in");
    }

    static void signOut() {
        browser.driver
                .findElement(By.xpath("//nav[@id='topnav']//button[normalize-space(.)='Sign out']"))
                .click();
        browser.heading("Sign in");
    }

    /** The path and query of a mailed link, after checking it points at the admin under PUBLIC_URL. */
    static String linkPath(Mailbox.Received mail, String page) {
        String prefix = PUBLIC_URL + "/admin/" + page + "?token=";
        int at = mail.body().indexOf(prefix);
        assertTrue(at >= 0, "the mail links to " + prefix + ": " + mail.body());
        return "/admin/" + page + "?token=" + mail.token();
    }

    /** Waits for a notice of this kind ({@code ok}, {@code info}, {@code error}) that says this, and returns it. */
    static String notice(String kind, String says) {
        return browser.waitUntil(d -> {
            for (WebElement e : d.findElements(By.cssSelector("main .notice." + kind))) {
                if (e.isDisplayed() && e.getText().contains(says)) {
                    return e.getText();
                }
            }
            return null;
        });
    }

    /** Clicks the confirm button of the open dialog. */
    static void confirm(String label) {
        browser.waitFor(By.xpath("//dialog[@open]//button[normalize-space(.)='" + label + "']"))
                .click();
    }

    static WebElement userRow(String email) {
        return browser.waitFor(By.xpath("//table[@id='users']//tr[td[normalize-space(.)='" + email + "']]"));
    }

    static void clickIn(WebElement scope, String label) {
        scope.findElement(By.xpath(".//button[@aria-label='" + label + "']")).click();
    }

    @Test
    @Order(1)
    void theMailedVerificationLinkOpensAPageThatVerifiesTheAddress() throws Exception {
        browser.go("/admin/signup");
        browser.heading("Create an account");
        browser.type("Your name", "Ada Admin");
        browser.type("Email", ADA);
        browser.type("Password", password);
        browser.type("Organisation name", "Ada's tasks");
        browser.click("Create account");
        browser.heading("Welcome, Ada Admin");
        browser.go("/admin/account");
        browser.heading("Your account");
        WebElement facts = browser.waitFor(By.id("account-facts"));
        assertTrue(facts.getText().contains("Email verified\nNo"), facts.getText());

        Mailbox.Received mail = mailbox.awaitTo(ADA, 1, MAIL);
        String link = linkPath(mail, "verify-email");
        browser.go(link);
        notice("ok", "Your email address is verified");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/admin/verify-email"), "the token left the address");
        browser.click("Your account");
        browser.heading("Your account");
        browser.waitUntil(d -> d.findElement(By.id("account-facts")).getText().contains("Email verified\nYes"));

        browser.go(link); // a link works once
        notice("error", "This verification link is invalid, has expired or was already used");
        browser.heading("Email verification");
        browser.screenshot("verify-email-used-link");
    }

    @Test
    @Order(2)
    void theAccountPageRenamesAndChangesThePasswordEndingEveryOtherSession() throws Exception {
        String elsewhere = signInOverHttp(ADA, password);
        browser.go("/admin/account");
        browser.heading("Your account");
        browser.type("Your name", "Ada Lovelace");
        browser.click("Save name");
        notice("ok", "Your name is now Ada Lovelace");
        browser.waitUntil(
                d -> d.findElement(By.cssSelector("#topnav .who")).getText().startsWith("Ada Lovelace"));

        browser.type("Current password", password);
        browser.type("New password", NEW_PASSWORD);
        browser.type("Repeat it", NEW_PASSWORD + "!");
        browser.click("Change password");
        browser.waitUntil(d -> "true".equals(browser.labelled("Repeat it").getAttribute("aria-invalid")));
        String repeatError = browser.labelled("Repeat it").getAttribute("aria-describedby");
        assertEquals(
                "The two passwords differ.",
                browser.driver
                        .findElement(By.id(repeatError.substring(repeatError.lastIndexOf(' ') + 1)))
                        .getText(),
                "said beside the field");

        browser.type("Current password", "not my password");
        browser.type("Repeat it", NEW_PASSWORD);
        browser.click("Change password");
        browser.waitUntil(
                d -> "true".equals(browser.labelled("Current password").getAttribute("aria-invalid")));
        browser.screenshot("account-wrong-password");

        String before = access();
        browser.type("Current password", password);
        browser.type("New password", NEW_PASSWORD);
        browser.type("Repeat it", NEW_PASSWORD);
        browser.click("Change password");
        notice("ok", "Your password is changed");
        password = NEW_PASSWORD;
        assertEquals(401, me(elsewhere), "another session ended");
        assertEquals(401, me(before), "the page's old token ended too");
        assertEquals(200, me(access()), "the page goes on with the pair the change answered");
        browser.go("/admin/e/projects");
        browser.heading("Projects");
        assertTrue(mailbox.to(ADA).size() >= 1, "the mailbox saw the account's mail"); // the change notice is queued
    }

    @Test
    @Order(3)
    void signingOutEndsTheSessionOnTheServer() throws Exception {
        String token = access();
        String refreshToken = refresh();
        assertEquals(200, me(token));
        signOut();
        notice("ok", "You are signed out");
        assertEquals(null, access(), "forgotten");
        assertEquals(null, refresh(), "forgotten");
        assertEquals(401, me(token), "the access token of the ended session is refused");
        expect(401, svc.http.json("POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}"));
    }

    @Test
    @Order(4)
    void aForgottenPasswordIsResetThroughTheMailedLink() throws Exception {
        int before = mailbox.to(ADA).size();
        browser.go("/admin/signin");
        browser.heading("Sign in");
        browser.click("Forgot your password?");
        browser.heading("Reset your password");
        browser.type("Email", ADA);
        browser.click("Send a reset link");
        notice("ok", "If this address has an account");
        browser.screenshot("forgot-password");
        Mailbox.Received mail = mailbox.awaitTo(ADA, before + 1, MAIL);
        assertTrue(mail.body().contains("reset"), mail.body());
        String link = linkPath(mail, "reset-password");

        browser.go(link);
        browser.heading("Choose a new password");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/admin/reset-password"), "the token left the address");
        browser.type("New password", "short");
        browser.type("Repeat it", "short");
        browser.click("Set password");
        // the browser's own check (minlength) keeps the form from being sent
        assertFalse((Boolean) browser.js("return arguments[0].validity.valid;", browser.labelled("New password")));
        browser.type("New password", RESET_PASSWORD);
        browser.type("Repeat it", RESET_PASSWORD);
        browser.click("Set password");
        browser.heading("Sign in");
        notice("ok", "Your new password is set");
        password = RESET_PASSWORD;

        browser.go(link); // used: the page says so in words and offers a new one
        browser.heading("Choose a new password");
        browser.type("New password", "another fine secret");
        browser.type("Repeat it", "another fine secret");
        browser.click("Set password");
        notice("error", "This reset link is invalid, has expired or was already used");
        browser.screenshot("reset-password-used-link");

        signIn(ADA, password);
        browser.heading("Welcome, Ada Lovelace");
    }

    @Test
    @Order(5)
    void aRefusedAccessTokenIsReplacedThroughTheRefreshTokenWithoutLeavingThePage() throws Exception {
        String firstRefresh = refresh();
        // what an expired access token meets: a 401; the page refreshes once and goes on
        browser.js("sessionStorage.setItem('instacrud.admin.access', 'expired-access-token');");
        browser.go("/admin/e/projects");
        browser.heading("Projects");
        String renewed = access();
        assertNotEquals("expired-access-token", renewed);
        assertEquals(200, me(renewed));
        assertNotEquals(firstRefresh, refresh(), "the refresh token rotates at each use");

        // a duplicated tab holds the same session: both meet a 401, and only one spends the refresh token (a second
        // use of a spent one would end the session for both)
        String first = browser.driver.getWindowHandle();
        String sharedAccess = access();
        String sharedRefresh = refresh();
        String second = browser.newTab();
        browser.go("/admin/signin?notice=none");
        browser.heading("Sign in");
        browser.js(
                "sessionStorage.setItem('instacrud.admin.access', 'expired-access-token');"
                        + "sessionStorage.setItem('instacrud.admin.refresh', arguments[0]);",
                sharedRefresh);
        browser.toTab(first);
        browser.js("sessionStorage.setItem('instacrud.admin.access', 'expired-access-token');");
        browser.go("/admin/e/tasks");
        browser.heading("Tasks");
        browser.toTab(second);
        browser.go("/admin/e/projects");
        browser.heading("Projects");
        String secondAccess = access();
        assertEquals(200, me(secondAccess), "the second tab took the pair the first one got");
        browser.toTab(first);
        browser.go("/admin/e/my-notes");
        browser.heading("My notes");
        assertEquals(200, me(access()), "the first tab's session lives on");
        assertNotEquals(sharedAccess, access());
        browser.toTab(second);
        browser.driver.close();
        browser.driver.switchTo().window(first);
    }

    @Test
    @Order(6)
    void anAdministratorInvitesListsAndRevokes() throws Exception {
        browser.go("/admin/org/invitations");
        browser.heading("Invitations");
        browser.type("Email of the person to invite", "bob@tasks.example.com");
        new Select(browser.labelled("Role")).selectByVisibleText("USER");
        browser.click("Create invitation");
        notice("ok", "Invitation created for bob@tasks.example.com as USER");
        String code = browser.waitFor(By.id("invitation-code")).getAttribute("value");
        browser.type("Email of the person to invite", "carol@tasks.example.com");
        new Select(browser.labelled("Role")).selectByVisibleText("READ_ONLY");
        browser.click("Create invitation");
        browser.waitUntil(d -> d.findElement(By.id("invitations")).getText().contains("carol@tasks.example.com"));
        WebElement list = browser.waitFor(By.id("invitations"));
        assertTrue(list.getText().contains("bob@tasks.example.com"), list.getText());
        browser.screenshot("invitations");

        browser.waitFor(By.xpath("//button[@aria-label='Revoke the invitation of carol@tasks.example.com']"))
                .click();
        confirm("Revoke");
        notice("ok", "The invitation of carol@tasks.example.com is revoked");
        browser.waitUntil(d -> !d.findElement(By.id("invitations")).getText().contains("carol@"));

        JsonNode bob = expect(
                201,
                svc.http.json(
                        "POST",
                        "/api/v1/auth/signup",
                        "{\"email\":\"bob@tasks.example.com\",\"password\":\"%s\",\"name\":\"Bob\",\"invitation\":\"%s\"}"
                                .formatted(E2eService.PASSWORD, code)));
        bobId = bob.get("userId").asText();
        browser.go("/admin/org/invitations");
        browser.heading("Invitations");
        browser.waitUntil(d -> d.findElement(By.tagName("main")).getText().contains("None: every invitation"));
    }

    @Test
    @Order(7)
    void anAdministratorChangesRolesDeactivatesAndRemovesMembersAndReadsRefusalsInWords() throws Exception {
        String bobToken = signInOverHttp("bob@tasks.example.com", E2eService.PASSWORD);
        browser.go("/admin/org/users");
        browser.heading("Users");
        WebElement bob = userRow("bob@tasks.example.com");
        new Select(bob.findElement(By.tagName("select"))).selectByVisibleText("READ_ONLY");
        clickIn(bob, "Change role of bob@tasks.example.com");
        notice("ok", "The role of Bob (bob@tasks.example.com) is now READ_ONLY");
        assertEquals(
                "READ_ONLY",
                expect(200, svc.http.send("GET", "/api/v1/users/" + bobId, null, null, adaAuth()))
                        .get("role")
                        .asText());

        WebElement ada = userRow(ADA);
        new Select(ada.findElement(By.tagName("select"))).selectByVisibleText("USER");
        clickIn(ada, "Change role of " + ADA);
        String refused = notice("error", "Not changed: ");
        assertTrue(refused.contains("the last active ORG_ADMIN of the organisation"), refused);
        assertEquals(
                "ORG_ADMIN",
                new Select(userRow(ADA).findElement(By.tagName("select")))
                        .getFirstSelectedOption()
                        .getText(),
                "the row shows the stored role again");
        browser.screenshot("users-last-admin-refused");

        clickIn(userRow("bob@tasks.example.com"), "Deactivate bob@tasks.example.com");
        confirm("Deactivate");
        notice("ok", "is deactivated");
        assertTrue(userRow("bob@tasks.example.com").getText().contains("Deactivated"));
        assertEquals(401, me(bobToken), "the member's session ended at once");
        expect(
                403,
                svc.http.json(
                        "POST",
                        "/api/v1/auth/signin",
                        "{\"email\":\"bob@tasks.example.com\",\"password\":\"%s\"}".formatted(E2eService.PASSWORD)));

        new Select(browser.labelled("Status")).selectByVisibleText("Deactivated");
        browser.waitUntil(d -> d.getCurrentUrl().contains("/admin/org/users?active=false"));
        browser.waitUntil(d -> d.findElements(By.cssSelector("#users tbody tr")).size() == 1);
        browser.screenshot("users");
        clickIn(userRow("bob@tasks.example.com"), "Reactivate bob@tasks.example.com");
        notice("ok", "is reactivated");
        browser.waitUntil(d -> d.findElement(By.tagName("main")).getText().contains("No member matches."));
        signInOverHttp("bob@tasks.example.com", E2eService.PASSWORD);

        browser.go("/admin/org/users");
        assertTrue(
                userRow(ADA)
                        .findElements(By.xpath(".//button[normalize-space(.)='Remove']"))
                        .isEmpty(),
                "no Remove for oneself");
        clickIn(userRow("bob@tasks.example.com"), "Remove bob@tasks.example.com");
        WebElement dialog = browser.waitFor(By.cssSelector("dialog[open]"));
        assertTrue(dialog.getText().contains("Their private documents are deleted (my notes)"), dialog.getText());
        confirm("Remove");
        notice("ok", "is removed from the organisation");
        browser.waitUntil(d -> !d.findElement(By.id("users")).getText().contains("bob@"));
        expect(
                401,
                svc.http.json(
                        "POST",
                        "/api/v1/auth/signin",
                        "{\"email\":\"bob@tasks.example.com\",\"password\":\"%s\"}".formatted(E2eService.PASSWORD)));
    }

    static String[] adaAuth() throws Exception {
        return new String[] {"Authorization", "Bearer " + signInOverHttp(ADA, password)};
    }

    @Test
    @Order(8)
    void theAuditLogShowsWhatHappenedFilteredOnTheServer() throws Exception {
        browser.go("/admin/org/audit");
        browser.heading("Audit log");
        browser.waitFor(By.id("audit"));
        String all = browser.driver.findElement(By.id("audit")).getText();
        for (String action : List.of("signup", "email verified", "password changed", "role changed", "user removed")) {
            assertTrue(all.contains(action), action + " in " + all);
        }
        new Select(browser.labelled("Action")).selectByVisibleText("user deactivated");
        browser.click("Show");
        browser.waitUntil(d -> d.getCurrentUrl().contains("action=user_deactivated"));
        browser.waitUntil(d -> d.findElements(By.cssSelector("#audit tbody tr")).size() == 1);
        String row =
                browser.driver.findElement(By.cssSelector("#audit tbody tr")).getText();
        assertTrue(row.contains("Ada Lovelace (" + ADA + ")"), row);
        assertTrue(row.contains("user deactivated"), row);
        browser.screenshot("audit-log");

        browser.go("/admin/org/audit?action=user_deactivated&from=2099-01-01T00:00:00Z");
        browser.waitUntil(d -> d.findElement(By.tagName("main")).getText().contains("No record matches."));
        browser.go("/admin/org/audit?actor=not-an-id");
        notice("error", "The server refused the request");
    }

    @Test
    @Order(9)
    void aMemberWhoIsNotAnAdministratorSeesNoneOfTheOrganisationsPages() throws Exception {
        JsonNode invitation = expect(
                201,
                svc.http.json(
                        "POST",
                        "/api/v1/auth/invitations",
                        "{\"email\":\"dan@tasks.example.com\",\"role\":\"USER\"}",
                        adaAuth()));
        expect(
                201,
                svc.http.json(
                        "POST",
                        "/api/v1/auth/signup",
                        "{\"email\":\"dan@tasks.example.com\",\"password\":\"%s\",\"name\":\"Dan\",\"invitation\":\"%s\"}"
                                .formatted(
                                        E2eService.PASSWORD,
                                        invitation.get("code").asText())));
        signIn("dan@tasks.example.com", E2eService.PASSWORD);
        browser.heading("Welcome, Dan");
        String nav = browser.driver.findElement(By.id("topnav")).getText();
        for (String link : List.of("Users", "Invitations", "Audit log")) {
            assertFalse(nav.contains(link), link + " in " + nav);
        }
        assertTrue(nav.contains("Account"), nav);
        for (String page : List.of("users", "invitations", "audit")) {
            browser.go("/admin/org/" + page);
            notice("error", "Only an organisation administrator can see this page");
        }

        browser.go("/admin/account");
        browser.heading("Your account");
        browser.click("Delete my account");
        WebElement dialog = browser.waitFor(By.cssSelector("dialog[open]"));
        assertTrue(dialog.getText().contains("Your private documents are deleted (my notes)"), dialog.getText());
        confirm("Delete my account");
        browser.heading("Sign in");
        notice("ok", "Your account is deleted");
        browser.type("Email", "dan@tasks.example.com");
        browser.type("Password", E2eService.PASSWORD);
        browser.click("Sign in");
        notice("error", "Invalid email or password");
    }

    @Test
    @Order(10)
    void whenAddressesMustBeVerifiedSignUpSaysCheckYourMailAndTheLinkLeadsToSignIn() throws Exception {
        Map<String, String> env = new HashMap<>();
        String[] smtp = mailbox.env();
        for (int i = 0; i < smtp.length; i += 2) {
            env.put(smtp[i], smtp[i + 1]);
        }
        env.put("MODE", "test");
        env.put("PUBLIC_URL", PUBLIC_URL);
        env.put("EMAIL_VERIFICATION", "required");
        try (E2eService strict = E2eService.start("tasks.yaml", env)) {
            String eve = "eve@strict.example.com";
            browser.driver.get(strict.service.url() + "/admin/signup");
            browser.heading("Create an account");
            browser.type("Your name", "Eve");
            browser.type("Email", eve);
            browser.type("Password", E2eService.PASSWORD);
            browser.type("Organisation name", "Strict");
            browser.click("Create account");
            browser.heading("Check your mail");
            assertEquals(null, access(), "not signed in before the address is proved");
            browser.screenshot("signup-check-your-mail");

            browser.driver.get(strict.service.url() + "/admin/signin");
            browser.heading("Sign in");
            browser.type("Email", eve);
            browser.type("Password", E2eService.PASSWORD);
            browser.click("Sign in");
            String refused =
                    browser.waitFor(By.cssSelector("main .notice.error")).getText();
            assertTrue(refused.toLowerCase().contains("verif"), "the server's reason in words: " + refused);

            Mailbox.Received mail = mailbox.awaitTo(eve, 1, MAIL);
            browser.driver.get(strict.service.url() + linkPath(mail, "verify-email"));
            browser.heading("Sign in");
            notice("ok", "Your email address is verified. Sign in.");
            browser.type("Email", eve);
            browser.type("Password", E2eService.PASSWORD);
            browser.click("Sign in");
            browser.heading("Welcome, Eve");
            signOut();
        }
    }

    @Test
    @Order(11)
    void theAccountPagesHaveNoSeriousOrCriticalAccessibilityIssue() throws Exception {
        browser.go("/admin/forgot-password");
        browser.heading("Reset your password");
        browser.assertAccessible("forgot password");
        browser.go("/admin/reset-password?token=unknown");
        browser.heading("Choose a new password");
        browser.assertAccessible("reset password");
        browser.go("/admin/verify-email");
        browser.heading("Verify your email address");
        browser.assertAccessible("verify email");
        signIn(ADA, password);
        browser.heading("Welcome, Ada Lovelace");
        browser.go("/admin/account");
        browser.heading("Your account");
        browser.assertAccessible("account");
        browser.go("/admin/org/users");
        browser.waitFor(By.id("users"));
        browser.assertAccessible("users");
        browser.go("/admin/org/invitations");
        browser.heading("Invitations");
        browser.assertAccessible("invitations");
        browser.go("/admin/org/audit");
        browser.waitFor(By.id("audit"));
        browser.assertAccessible("audit log");
    }

    @Test
    @Order(12)
    void noPageEverViolatedTheCspOrLoggedAnError() {
        browser.assertNoViolations();
    }
}
