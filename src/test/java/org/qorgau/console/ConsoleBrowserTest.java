package org.qorgau.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

/**
 * The console in a real browser: Chromium driven by Playwright through the reviewer's and the auditor's flows. Uses
 * the system's Chromium ({@code /usr/bin/chromium}, e.g. Debian's {@code chromium} package); skipped only where it
 * is missing. Each page is checked with axe-core; screenshots go to {@code target/console-screenshots}.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static ConsoleBrowser browser;

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    MatchingIndex index;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void launch() throws Exception {
        browser = ConsoleBrowser.launch();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    private Page signIn(String role, String org) {
        return browser.signIn(console, role, org);
    }

    /** A screenshot for the documentation, after axe-core found nothing serious on the page. */
    private void screenshot(Page page, String name) {
        browser.axe(page);
        ConsoleBrowser.screenshot(page, name);
    }

    @Test
    void shouldLetAReviewerDecideAPossibleMatchAndAnAuditorSeeAndVerifyIt() {
        String org = uniqueId("browser-school");
        String name = uniqueSurname() + " " + uniqueSurname();
        String externalId = uniqueId("BRW");
        importNdjson("upsert", entryJson(externalId, name, "1979-04-22")).then().statusCode(200);
        index.refresh();
        // only the birth year is known: a person must review
        String checkId = as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, "1979"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("verdict", equalTo("POSSIBLE_MATCH"))
                .extract()
                .path("checkId");

        Page signInPage = browser.page(console, "en");
        signInPage.navigate(console + "sign-in");
        screenshot(signInPage, "sign-in");
        signInPage.context().close();

        // the reviewer: sign in, find the check in the queue, open it, decide
        Page reviewer = signIn("reviewer", org);
        assertThat(reviewer.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Checks waiting for a decision")))
                .isVisible();
        var row = reviewer.locator("tr", new Page.LocatorOptions().setHasText(externalId));
        assertThat(row).containsText("Possible match");
        screenshot(reviewer, "queue");
        row.getByRole(AriaRole.LINK).click();
        assertThat(reviewer.locator("h1")).hasText("Decide: is this the same person?");
        assertThat(reviewer.getByText(name).first()).isVisible();
        assertThat(reviewer.locator("table", new Page.LocatorOptions().setHasText("Evidence")))
                .containsText("same partial");
        screenshot(reviewer, "decide");
        reviewer.getByLabel("Not the same person").check();
        reviewer.getByLabel("Reason").fill("The identity document shows another place of birth");
        reviewer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record decision"))
                .click();
        assertThat(reviewer.getByRole(AriaRole.STATUS)).hasText("Your decision was recorded.");
        assertThat(reviewer.locator("main")).not().containsText(externalId);

        // the API shows the decision beside the match
        as(TestTokens.reviewer(org))
                .get("/v1/checks/" + checkId)
                .then()
                .statusCode(200)
                .body("matches[0].priorReviews[0].decision", equalTo("NOT_SAME_PERSON"))
                .body("matches[0].priorReviews[0].reviewer", equalTo("reviewer@" + org));

        // the language switch changes the page
        reviewer.getByLabel("Language").selectOption("kk");
        reviewer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change language"))
                .click();
        assertThat(reviewer.locator("html")).hasAttribute("lang", "kk");
        assertThat(reviewer.locator("h1")).hasText("Шешім күтіп тұрған тексерулер");
        screenshot(reviewer, "queue-kk");
        reviewer.getByLabel("Тіл").selectOption("ru");
        reviewer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Тілді ауыстыру"))
                .click();
        assertThat(reviewer.locator("html")).hasAttribute("lang", "ru");
        assertThat(reviewer.locator("h1")).hasText("Проверки, ожидающие решения");
        // a reviewer has no auditor pages
        reviewer.navigate(console + "audit/events");
        assertThat(reviewer.locator("h1")).hasText("Доступ запрещён");

        // the auditor: the REVIEW_RECORDED event, then the chain
        Page auditor = signIn("auditor", "oversight");
        assertThat(auditor.locator("h1")).hasText("Audit events");
        auditor.getByLabel("Type").selectOption("REVIEW_RECORDED");
        auditor.getByLabel("Organisation").fill(org);
        auditor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply"))
                .click();
        var event = auditor.locator("tbody tr", new Page.LocatorOptions().setHasText(checkId));
        assertThat(event).hasCount(1);
        assertThat(event).containsText("REVIEW_RECORDED");
        screenshot(auditor, "events");
        String sequence = event.locator("td").first().innerText().strip();
        event.getByRole(AriaRole.LINK).first().click();
        assertThat(auditor.locator("h1")).hasText("Event " + sequence);
        screenshot(auditor, "event");

        auditor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Verify the chain"))
                .click();
        auditor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify now"))
                .click();
        assertThat(auditor.getByRole(AriaRole.STATUS)).containsText("The chain verifies.");
        String original = Db.text(
                dataSource, "select outcome::text from audit_event where sequence = ?", Long.parseLong(sequence));
        try {
            Db.tamper(
                    dataSource,
                    "update audit_event set outcome = jsonb_set(outcome, '{decision}', '\"SAME_PERSON\"')"
                            + " where sequence = ?",
                    Long.parseLong(sequence));
            auditor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify now"))
                    .click();
            assertThat(auditor.getByRole(AriaRole.STATUS))
                    .containsText("The chain is broken. First broken sequence: " + sequence);
            screenshot(auditor, "verify-broken");
        } finally {
            Db.tamper(
                    dataSource,
                    "update audit_event set outcome = ?::jsonb where sequence = ?",
                    original,
                    Long.parseLong(sequence));
        }
        auditor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify now"))
                .click();
        assertThat(auditor.getByRole(AriaRole.STATUS)).containsText("The chain verifies.");

        auditor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Usage"))
                .click();
        assertThat(auditor.locator("h1")).hasText("Usage per organisation");
        assertThat(auditor.locator("main")).containsText(org);
        screenshot(auditor, "usage");
        auditor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Checkpoints"))
                .click();
        assertThat(auditor.locator("h1")).hasText("Signed checkpoints");
        screenshot(auditor, "checkpoints");
        assertFalse(auditor.content().contains("Bearer"));
        assertEquals("en", auditor.locator("html").getAttribute("lang"));
    }

    @Test
    void shouldLetARegistryAdministratorUploadAFileWithProgressAndSeeTheReport() {
        String id = uniqueId("BRG");
        String name = uniqueSurname() + " " + uniqueSurname();
        Page admin = signIn("registry-admin", "kz-gpo");
        assertThat(admin.locator("h1")).hasText("Registry versions");
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import a file"))
                .click();
        assertThat(admin.locator("h1")).hasText("Import a registry file");

        // an invalid line rejects the whole file: every line's error on the page, nothing applied
        String bad = "externalId,fullName,aliases,dateOfBirth,photoHashes,offence\n"
                + id + "," + name + ",,1975-03-04,,UK RK 121\n"
                + uniqueId("BRG") + "," + uniqueSurname() + ",,1975-02-31,,UK RK 121\n"
                + uniqueId("BRG") + ",,,1975-03-04,,UK RK 121\n";
        admin.getByLabel("File (.csv or .ndjson)")
                .setInputFiles(new FilePayload("entries.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)));
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                .click();
        var report = admin.getByRole(AriaRole.ALERT);
        assertThat(report).containsText("The file was rejected; nothing changed.");
        assertThat(report.locator("tbody tr")).hasCount(2);
        assertThat(report.locator("tbody tr").nth(0)).containsText("dateOfBirth");
        assertThat(report.locator("tbody tr").nth(1)).containsText("fullName");
        screenshot(admin, "import-report");
        as(TestTokens.admin()).get("/v1/registry/entries/" + id).then().statusCode(404);

        // a valid file: the upload's progress, then the new version
        String good = entryJson(id, name, "1975-03-04") + "\n";
        admin.getByLabel("File (.csv or .ndjson)")
                .setInputFiles(new FilePayload(
                        "entries.ndjson", "application/x-ndjson", good.getBytes(StandardCharsets.UTF_8)));
        // sent by the page's script (XMLHttpRequest, whose upload reports progress), not as a page navigation
        var upload = admin.waitForRequest(
                r -> r.url().endsWith("/console/registry/imports") && "POST".equals(r.method()),
                () -> admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                        .click());
        assertEquals("xhr", upload.resourceType());
        var applied = admin.locator("#import-outcome").getByRole(AriaRole.STATUS);
        assertThat(applied).containsText("Applied as registry version");
        assertThat(applied).containsText("Added");
        assertEquals("Import a registry file — Qorgau console", admin.title());
        screenshot(admin, "import-applied");
        as(TestTokens.admin()).get("/v1/registry/entries/" + id).then().statusCode(200);

        admin.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Registry").setExact(true))
                .click();
        var row = admin.locator("tbody tr").first();
        assertThat(row).containsText("Import (add and update)");
        assertThat(row).containsText("registry-admin@kz-gpo");
        screenshot(admin, "registry");
    }
}
