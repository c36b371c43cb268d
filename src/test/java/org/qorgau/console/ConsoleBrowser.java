package org.qorgau.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Chromium for the console's browser tests: the system's Chromium ({@code /usr/bin/chromium}, Debian's
 * {@code chromium} package; the tests are skipped only where it is missing), sign-in through the development
 * sign-in, screenshots, and an axe-core check of the page.
 *
 * <p>axe-core is not part of the repository: it is installed from the npm registry with the machine's npm into
 * {@code target/axe} the first time a browser test needs it (or read from {@code -Daxe.script=PATH}).
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    /** Where screenshots go: {@code -Dconsole.screenshots=docs/console} refreshes the documentation's. */
    static final Path SCREENSHOTS = Paths.get(System.getProperty("console.screenshots", "target/console-screenshots"));

    static final String AXE_VERSION = "4.10.3";
    private static final Path AXE = Paths.get("target", "axe", "node_modules", "axe-core", "axe.min.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Playwright playwright;
    private final Browser browser;
    private final String axeScript;

    private ConsoleBrowser(Playwright playwright, Browser browser, String axeScript) {
        this.playwright = playwright;
        this.browser = browser;
        this.axeScript = axeScript;
    }

    static ConsoleBrowser launch() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);
        Files.createDirectories(SCREENSHOTS);
        String axe = Files.readString(axeScript(), StandardCharsets.UTF_8);
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run")));
        return new ConsoleBrowser(playwright, browser, axe);
    }

    /** axe-core's script: {@code -Daxe.script}, else {@code target/axe}, installed there with npm when missing. */
    private static Path axeScript() throws IOException, InterruptedException {
        String given = System.getProperty("axe.script");
        if (given != null && !given.isBlank()) {
            return Paths.get(given);
        }
        if (!Files.isRegularFile(AXE)) {
            Process npm = new ProcessBuilder(
                            "npm",
                            "install",
                            "--no-save",
                            "--no-package-lock",
                            "--no-audit",
                            "--no-fund",
                            "--prefix",
                            Paths.get("target", "axe").toString(),
                            "axe-core@" + AXE_VERSION)
                    .redirectErrorStream(true)
                    .redirectOutput(Paths.get("target", "axe-npm.log").toFile())
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isRegularFile(AXE)) {
                fail("could not install axe-core " + AXE_VERSION + " with npm (see target/axe-npm.log);"
                        + " or pass -Daxe.script=PATH/axe.min.js");
            }
        }
        return AXE;
    }

    /**
     * A fresh browser context in {@code lang} (the console's language cookie and Accept-Language). The console's
     * Content-Security-Policy allows no inline script, so the context bypasses it: only to inject axe-core.
     */
    Page page(URL console, String lang) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setLocale("en".equals(lang) ? "en-GB" : lang)
                .setBypassCSP(true));
        context.addCookies(List.of(new Cookie(ConsoleRequest.LANGUAGE_COOKIE, lang)
                .setDomain(console.getHost())
                .setPath("/console")));
        return context.newPage();
    }

    /** Signs in through the development sign-in (English labels) as {@code role} of {@code org}. */
    Page signIn(URL console, String role, String org) {
        Page page = page(console, "en");
        page.navigate(console.toString());
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Development sign-in")))
                .isVisible();
        axe(page);
        page.locator("input[name=role][value=\"" + role + "\"]").check();
        page.getByLabel("Organisation").fill(org);
        page.getByLabel("User name").fill(role + "@" + org);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        return page;
    }

    /** Signs in in {@code lang} by posting the sign-in form (whose labels are in that language). */
    Page signIn(URL console, String role, String org, String lang) {
        Page page = page(console, lang);
        page.navigate(console + "sign-in");
        assertEquals(lang, page.locator("html").getAttribute("lang"));
        page.locator("input[name=role][value=\"" + role + "\"]").check();
        page.locator("#org").fill(org);
        page.locator("#subject").fill(role + "@" + org);
        page.locator("form[action='/console/sign-in'] button[type=submit]").click();
        return page;
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    /**
     * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules and best practices) on the page and fails on any serious or
     * critical violation, listing each rule, its help text and the elements concerned.
     */
    void axe(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe !== 'undefined'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(axeScript));
        }
        String result =
                (String) page.evaluate("async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
                        + " return JSON.stringify(r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})));"
                        + " }");
        try {
            JsonNode violations = JSON.readTree(result);
            if (!violations.isEmpty()) {
                fail("axe-core " + AXE_VERSION + " on " + page.url() + ": "
                        + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(violations));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
