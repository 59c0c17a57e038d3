package dev.instacrud.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through WebDriver: Debian's {@code chromium} and {@code chromium-driver}, named explicitly
 * so Selenium never tries to download a browser or a driver. Without them the test is skipped with a message naming
 * the missing package, unless {@code CI=true}, where it fails. Every document it opens records CSP violations and
 * console errors (a script installed before any page script runs), which {@link #assertNoViolations} reads; axe-core
 * comes from {@code AXE_CORE_DIR} (the npm package {@code axe-core}, fetched by {@code .ci/run}) with the same skip
 * or fail rule.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(env("CHROMIUM_BINARY", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    // Runs in every document before its own scripts: collects what the page must never produce.
    private static final String RECORDER = """
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(
              'CSP ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));
            window.addEventListener('error', e => window.__violations.push('error: ' + e.message));
            window.addEventListener('unhandledrejection', e => window.__violations.push('unhandled: ' + e.reason));
            window.__xss = 0;
            """;

    final ChromeDriver driver;
    final String base;
    private final Path profile;
    private final List<String> violations = new ArrayList<>();

    private Browser(ChromeDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** Starts a fresh headless Chromium (its own profile) for a service at {@code base}. */
    static Browser open(String base) throws IOException {
        requireFile(CHROMIUM, "chromium");
        requireFile(CHROMEDRIVER, "chromium-driver");
        Path profile = Files.createTempDirectory("instacrud-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
        return new Browser(driver, base, profile);
    }

    private static void requireFile(Path file, String debianPackage) {
        if (Files.isExecutable(file)) {
            return;
        }
        String message = file + " is missing: install the Debian package " + debianPackage
                + " (apt-get install -y chromium chromium-driver) to run the browser tests";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Opens a new tab and switches to it: a session of its own, as sessionStorage is per tab. Its documents record
     * violations like the first tab's.
     *
     * @return the tab's handle, for {@link #toTab}
     */
    String newTab() {
        collect();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
        return driver.getWindowHandle();
    }

    /** Switches to a tab, keeping what the one left recorded. */
    void toTab(String handle) {
        collect();
        driver.switchTo().window(handle);
    }

    /** Opens a path of the service and waits for the admin to render its heading. */
    Browser go(String path) {
        collect();
        driver.get(base + path);
        return this;
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        // the admin re-renders a page as its data arrives: an element found a moment ago may be replaced
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Waits until the page's h1 reads {@code text}. */
    void heading(String text) {
        waitUntil(d -> {
            List<WebElement> h1 = d.findElements(By.cssSelector("main h1"));
            return !h1.isEmpty() && h1.get(0).getText().equals(text);
        });
    }

    /** The current h1. */
    String heading() {
        return waitFor(By.cssSelector("main h1")).getText();
    }

    WebElement field(String label) {
        return driver.findElement(By.xpath("//label[normalize-space(.)='" + label + "' or normalize-space(.)='" + label
                + " *']/following-sibling::*[self::input or self::select or self::textarea or self::div][1]"));
    }

    /** The control a label names (through its {@code for}). */
    WebElement labelled(String label) {
        WebElement labelElement = driver.findElement(
                By.xpath("//label[normalize-space(.)='" + label + "' or normalize-space(.)='" + label + " *']"));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    void type(String label, String text) {
        WebElement input = labelled(label);
        input.clear();
        input.sendKeys(text);
    }

    void click(String buttonOrLinkText) {
        waitUntil(d -> {
            for (WebElement e : d.findElements(
                    By.xpath("//main//*[self::button or self::a][normalize-space(.)='" + buttonOrLinkText + "']"))) {
                if (e.isDisplayed() && e.isEnabled()) {
                    e.click();
                    return true;
                }
            }
            return null;
        });
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves a screenshot as {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** Reads the recorder of the current document and the console log into the running list. */
    @SuppressWarnings("unchecked")
    void collect() {
        try {
            Object recorded = js("return window.__violations || [];");
            violations.addAll((List<String>) recorded);
            js("if (window.__violations) window.__violations.length = 0;");
        } catch (RuntimeException e) {
            // no document yet
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !expectedHttpError(entry.getMessage())) {
                violations.add("console: " + entry.getMessage());
            }
        }
    }

    // Chromium logs every 4xx answer of fetch() as a console error ("Failed to load resource: the server responded
    // with a status of 422"); the tests provoke those on purpose. Anything else on the console counts.
    private static boolean expectedHttpError(String message) {
        return message.contains("Failed to load resource: the server responded with a status of 4");
    }

    /** No CSP violation, script error or console error since the browser started. */
    void assertNoViolations() {
        collect();
        assertEquals(List.of(), violations, "CSP violations and console errors");
    }

    /** Runs axe-core on the current page and asserts no violation of impact serious or critical. */
    @SuppressWarnings("unchecked")
    void assertAccessible(String where) throws IOException {
        js(axeSource());
        Map<String, Object> results = (Map<String, Object>)
                ((JavascriptExecutor) driver)
                        .executeAsyncScript(
                                "const done = arguments[arguments.length - 1];"
                                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r), e => done({error: String(e)}));");
        assertEquals(null, results.get("error"), "axe-core failed on " + where);
        List<Map<String, Object>> found = (List<Map<String, Object>>) results.get("violations");
        String serious = found.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " "
                        + ((List<Map<String, Object>>) v.get("nodes"))
                                .stream()
                                        .map(n -> String.valueOf(n.get("target")))
                                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        assertEquals("", serious, "axe-core on " + where);
    }

    private static String axeCache;

    private static synchronized String axeSource() throws IOException {
        if (axeCache == null) {
            String dir = env("AXE_CORE_DIR", "");
            Path file = dir.isEmpty() ? cachedAxe() : Path.of(dir, "axe.min.js");
            if (file == null || !Files.isRegularFile(file)) {
                String message = "axe-core is missing: set AXE_CORE_DIR to the folder of the npm package axe-core "
                        + "(its axe.min.js), or run .ci/run once, which keeps it in ~/.cache/instacrud";
                if ("true".equals(System.getenv("CI"))) {
                    fail(message);
                }
                Assumptions.abort(message);
            }
            axeCache = Files.readString(file);
        }
        return axeCache;
    }

    /** Saves a screenshot of the page a failed test left, as {@code target/screenshots/FAILED-<test>.png}. */
    static final class FailureShots implements TestWatcher {
        private final Supplier<Browser> browser;

        FailureShots(Supplier<Browser> browser) {
            this.browser = browser;
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            Browser b = browser.get();
            if (b != null) {
                try {
                    b.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
                } catch (IOException | RuntimeException e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    // Where .ci/run keeps it: a developer who ran it once needs no variable.
    private static Path cachedAxe() throws IOException {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "instacrud");
        if (!Files.isDirectory(cache)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(cache)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("axe-core-"))
                    .map(d -> d.resolve("axe.min.js"))
                    .filter(Files::isRegularFile)
                    .max(Comparator.naturalOrder())
                    .orElse(null);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
