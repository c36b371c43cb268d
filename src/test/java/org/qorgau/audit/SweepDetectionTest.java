package org.qorgau.audit;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.support.TestTokens;

/**
 * Scraping (OWASP API6, unrestricted access to sensitive business flows): the usage report flags organisations whose
 * checks sweep the registry — many registry names hit, an alphabetical walk, a calendar walk or one name tried with
 * many dates of birth — and does not flag an organisation screening ordinary applicants.
 */
@QuarkusTest
class SweepDetectionTest {

    static final String[] GIVEN = {
        "Aibek", "Bolat", "Daulet", "Erlan", "Gulnara", "Kairat", "Laura", "Marat", "Nurlan", "Olzhas", "Raushan",
        "Saule", "Talgat", "Ulan", "Zarina"
    };
    static final String[] FAMILY = {
        "Abenov",
        "Bekova",
        "Dosov",
        "Ermekov",
        "Ibraeva",
        "Kasymov",
        "Mukanova",
        "Nurov",
        "Omarov",
        "Sadykova",
        "Tokayev",
        "Zhunusova"
    };

    static final String[] REGISTERED_GIVEN = {
        "Abylai", "Berik", "Dastan", "Yerbol", "Galym", "Zhanat", "Ilyas", "Kuanysh", "Mirlan", "Nurbol", "Oraz",
        "Samat"
    };

    @Inject
    MatchingIndex index;

    private static void check(String org, String name, String dateOfBirth) {
        as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, dateOfBirth))
                .post("/v1/checks")
                .then()
                .statusCode(201);
    }

    private static ValidatableResponse usage(String org) {
        return as(TestTokens.auditor())
                .get("/v1/audit/usage?org=" + org)
                .then()
                .statusCode(200)
                .body("organisations[0].org", equalTo(org));
    }

    /** Ordinary screening: 60 different applicants in no order, one of them in the registry. */
    private static List<String[]> ordinaryApplicants(long seed) {
        Random random = new Random(seed);
        List<String[]> applicants = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            applicants.add(new String[] {
                GIVEN[random.nextInt(GIVEN.length)] + " " + FAMILY[random.nextInt(FAMILY.length)] + " " + i,
                String.format("%d-%02d-%02d", 1965 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28))
            });
        }
        return applicants;
    }

    @Test
    void shouldFlagAnOrganisationCheckingManyRegistryNames() {
        String org = uniqueId("sweep-hits");
        StringBuilder registry = new StringBuilder();
        List<String[]> registered = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // distinct people (names a typo apart would be one query too broad to screen, see DisclosureTest)
            String name = REGISTERED_GIVEN[i] + " Skanerov";
            String dob = String.format("1971-03-%02d", i + 1);
            registry.append(entryJson(uniqueId("SWEEP"), name, dob)).append('\n');
            registered.add(new String[] {name, dob});
        }
        importNdjson("upsert", registry.toString()).then().statusCode(200);
        index.refresh();
        List<String[]> all = new ArrayList<>(registered);
        all.addAll(ordinaryApplicants(7).subList(0, 30));
        Collections.shuffle(all, new Random(3));
        for (String[] candidate : all) {
            check(org, candidate[0], candidate[1]);
        }
        usage(org)
                .body("organisations[0].sweep.suspected", equalTo(true))
                .body("organisations[0].sweep.reasons", hasItem("many-distinct-hits"))
                .body("organisations[0].sweep.distinctNamesWithHits", equalTo(12))
                .body("organisations[0].sweep.reasons", not(hasItem("alphabetical-sweep")));
    }

    @Test
    void shouldFlagAnAlphabeticalWalk() {
        String org = uniqueId("sweep-alpha");
        List<String> names = new ArrayList<>();
        for (String family : FAMILY) {
            for (String given : GIVEN) {
                names.add(family + " " + given);
            }
        }
        Collections.sort(names);
        for (String name : names.subList(0, 55)) {
            check(org, name, "1980");
        }
        usage(org)
                .body("organisations[0].sweep.suspected", equalTo(true))
                .body("organisations[0].sweep.reasons", hasItem("alphabetical-sweep"))
                .body("organisations[0].sweep.longestAlphabeticalRun", equalTo(55));
    }

    @Test
    void shouldFlagACalendarWalkAndGuessedDatesOfBirth() {
        String walk = uniqueId("sweep-dates");
        for (int day = 0; day < 52; day++) {
            java.time.LocalDate date = java.time.LocalDate.of(1975, 1, 1).plusDays(day);
            check(walk, GIVEN[day % GIVEN.length] + " " + FAMILY[day % FAMILY.length], date.toString());
        }
        usage(walk)
                .body("organisations[0].sweep.reasons", hasItem("date-sweep"))
                .body("organisations[0].sweep.longestDateRun", equalTo(52));

        String guess = uniqueId("sweep-guess");
        for (int month = 1; month <= 6; month++) {
            check(guess, "Tokayev Marat", String.format("1970-%02d", month));
        }
        usage(guess)
                .body("organisations[0].sweep.suspected", equalTo(true))
                .body("organisations[0].sweep.reasons", equalTo(List.of("date-sweep")))
                .body("organisations[0].sweep.maxDatesForOneName", equalTo(6));
    }

    @Test
    void shouldFlagADateSweepOverOnePersonWhateverTheSpellingOfTheName() {
        String org = uniqueId("sweep-spelling");
        // the same person eight times, each query spelled differently: zero-width characters, case, order, script,
        // a repeated token; the years walk the calendar out of order so no monotonic run gives it away
        String[] spellings = {
            "Tokayev\u200B Marat",
            "Marat Tokayev",
            "TOKAYEV\u2060 MARAT",
            "Токаев Марат",
            "Marat\u200C Tokayev Tokayev",
            "Tokayev Marat\uFEFF",
            "Марат Токаев",
            "tokayev marat"
        };
        int[] years = {1941, 1974, 1930, 1963, 1952, 1985, 1936, 1969};
        for (int i = 0; i < spellings.length; i++) {
            check(org, spellings[i], Integer.toString(years[i]));
        }
        usage(org)
                .body("organisations[0].sweep.suspected", equalTo(true))
                .body("organisations[0].sweep.reasons", hasItem("date-sweep"))
                .body("organisations[0].sweep.maxDatesForOneName", equalTo(6));
    }

    @Test
    void shouldNotFlagOrdinaryScreening() {
        String org = uniqueId("ordinary");
        for (String[] applicant : ordinaryApplicants(11)) {
            check(org, applicant[0], applicant[1]);
        }
        // one applicant checked again after a correction, another with a corrected date: ordinary too
        check(org, "Laura Omarov 5", "1990-04-04");
        check(org, "Laura Omarov 5", "1990-04-05");
        usage(org)
                .body("organisations[0].checks", equalTo(62))
                .body("organisations[0].sweep.suspected", equalTo(false))
                .body("organisations[0].sweep.reasons", empty());
    }
}
