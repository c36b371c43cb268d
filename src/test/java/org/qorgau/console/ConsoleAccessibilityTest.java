package org.qorgau.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.support.TestTokens;

/**
 * Every console page in Kazakh, Russian and English: the page's {@code lang}, one translated {@code h1}, keyboard
 * access through the skip link, and no serious or critical axe-core violation.
 */
@QuarkusTest
class ConsoleAccessibilityTest {

    private static final List<String> LANGUAGES = List.of("en", "kk", "ru");

    private static ConsoleBrowser browser;

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    MatchingIndex index;

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

    /** Opens {@code path}, checks language, heading and axe-core; answers the page's h1. */
    private String visit(Page page, String path, String lang) {
        page.navigate(console + path);
        assertEquals(lang, page.locator("html").getAttribute("lang"), path);
        assertThat(page.locator("h1")).hasCount(1);
        browser.axe(page);
        return page.locator("h1").innerText().strip();
    }

    @Test
    void shouldFailThePageCheckOnASeriousViolation() {
        Page page = browser.page(console, "en");
        // no lang attribute, an input without a label, grey on grey
        page.setContent("<!DOCTYPE html><html><head><title>t</title></head><body><main><h1>t</h1>"
                + "<input id=x><p style='color:#aaa;background:#bbb'>faint</p></main></body></html>");
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> browser.axe(page));
        assertTrue(failure.getMessage().contains("html-has-lang"), failure.getMessage());
        assertTrue(failure.getMessage().contains("label"), failure.getMessage());
        assertTrue(failure.getMessage().contains("color-contrast"), failure.getMessage());
        page.context().close();
    }

    @Test
    void shouldServeEveryPageInEachLanguageWithoutSeriousAccessibilityViolations() {
        String org = uniqueId("a11y-school");
        String name = uniqueSurname() + " " + uniqueSurname();
        String externalId = uniqueId("A11Y");
        importNdjson("upsert", entryJson(externalId, name, "1983-11-02")).then().statusCode(200);
        index.refresh();
        String checkId = as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, "1983"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("verdict", equalTo("POSSIBLE_MATCH"))
                .extract()
                .path("checkId");
        long sequence = ((Number) as(TestTokens.auditor())
                        .get("/v1/audit/events?type=CHECK_PERFORMED&org=" + org)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("events[0].sequence"))
                .longValue();

        Map<String, Map<String, String>> headings = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            Map<String, String> h1 = new LinkedHashMap<>();
            Page anonymous = browser.page(console, lang);
            h1.put("sign-in", visit(anonymous, "sign-in", lang));
            anonymous.context().close();

            Page reviewer = browser.signIn(console, "reviewer", org, lang);
            h1.put("queue", visit(reviewer, "reviews", lang));
            assertThat(reviewer.locator("main")).containsText(externalId);
            h1.put("check", visit(reviewer, "reviews/" + checkId, lang));
            assertThat(reviewer.locator("main")).containsText(name);
            h1.put("forbidden", visit(reviewer, "audit/events", lang));
            h1.put("not-found", visit(reviewer, "reviews/not-a-check", lang));
            reviewer.context().close();

            Page auditor = browser.signIn(console, "auditor", "oversight", lang);
            h1.put("events", visit(auditor, "audit/events?org=" + org, lang));
            h1.put("event", visit(auditor, "audit/events/" + sequence, lang));
            h1.put("verify", visit(auditor, "audit/verify?run=1", lang));
            h1.put("usage", visit(auditor, "audit/usage", lang));
            h1.put("checkpoints", visit(auditor, "audit/checkpoints", lang));
            // keyboard only: the first Tab reaches the skip link, which moves focus to the content
            auditor.keyboard().press("Tab");
            assertEquals("skip", auditor.evaluate("() => document.activeElement.className"));
            auditor.keyboard().press("Enter");
            assertEquals("main", auditor.evaluate("() => document.activeElement.id"));
            auditor.context().close();

            Page admin = browser.signIn(console, "registry-admin", "kz-gpo", lang);
            h1.put("registry", visit(admin, "registry", lang));
            h1.put("import", visit(admin, "registry/imports", lang));
            // the import's validation report (nothing is applied: the file's one line is invalid)
            admin.locator("#file")
                    .setInputFiles(new FilePayload(
                            "entries.csv",
                            "text/csv",
                            ("externalId,fullName,dateOfBirth,offence\n" + uniqueId("A11Y") + ",,1980-01-01,x\n")
                                    .getBytes(StandardCharsets.UTF_8)));
            admin.locator("#import-form button[type=submit]").click();
            assertThat(admin.locator("main [role=alert] table")).containsText("fullName");
            assertEquals(lang, admin.locator("html").getAttribute("lang"));
            browser.axe(admin);
            admin.context().close();
            headings.put(lang, h1);
        }
        // each page's heading is translated (names of people are never part of a heading)
        for (String lang : List.of("kk", "ru")) {
            for (var page : headings.get("en").entrySet()) {
                String translated = headings.get(lang).get(page.getKey());
                assertFalse(translated.isBlank(), page.getKey());
                assertNotEquals(page.getValue(), translated, lang + " " + page.getKey());
            }
        }
        assertTrue(headings.get("kk").get("queue").startsWith("Шешім"));
    }
}
