package org.qorgau.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.registered;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.qorgau.error.Problem;
import org.qorgau.screening.api.BatchResponse;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.support.Api;
import org.qorgau.support.TestTokens;

/**
 * The exact bytes of a check's answer. Answers are written by serialisers generated at build time; every answer must be
 * byte for byte what Jackson's reflective serialiser writes for the same value (field names and order, nulls written or
 * left out), and a check answer's shape is pinned here as clients see it.
 */
@QuarkusTest
class CheckAnswerJsonTest {

    /** Jackson as Quarkus configures it, without any generated serialiser: the reference for every answer's bytes. */
    private static final ObjectMapper REFLECTIVE = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultTimeZone(TimeZone.getTimeZone("UTC"))
            .build();

    @Inject
    MatchingIndex index;

    @Test
    void shouldAnswerAMatchWithTheseExactFieldsInThisOrder() throws Exception {
        String surname = Api.uniqueSurname();
        String id = registered(index, surname + " Ерлан Серикович", "1971-05-02");
        String body = checkAnswer("Ерлан " + surname + " Серикович", "1971-05-02");

        assertEquals(
                "{\"checkId\":\"<uuid>\",\"createdAt\":\"<instant>\",\"verdict\":\"MATCH\",\"registryVersion\":<n>,"
                        + "\"engineVersion\":\"<text>\",\"matches\":[{\"externalId\":\"" + id + "\","
                        + "\"verdict\":\"MATCH\",\"probability\":<n>,\"matchWeight\":<n>,\"explanation\":["
                        + "{\"field\":\"name\",\"level\":\"<text>\",\"weight\":<n>,\"detail\":\"<text>\"},"
                        + "{\"field\":\"dateOfBirth\",\"level\":\"<text>\",\"weight\":<n>,\"detail\":\"<text>\"}],"
                        + "\"entry\":{\"fullName\":\"" + surname + " Ерлан Серикович\",\"aliases\":[],"
                        + "\"dateOfBirth\":\"1971-05-02\",\"region\":null,\"offence\":\"UK RK 121\","
                        + "\"sourceUrl\":null},\"priorReviews\":[]}],"
                        + "\"audit\":{\"sequence\":<n>,\"hash\":\"<text>\"}}",
                masked(body));
        assertReflective(body, CheckResponse.class);
        String checkId = REFLECTIVE.readTree(body).get("checkId").asText();

        String read = as(TestTokens.screener("json-school"))
                .get("/v1/checks/" + checkId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(body, read, "a read answers the stored answer byte for byte");
        assertReflective(read, CheckResponse.class);
    }

    @Test
    void shouldAnswerNoMatchWithAnEmptyListAndNoOptionalFields() throws Exception {
        String body = checkAnswer(Api.uniqueSurname() + " Айгуль", "1962-09-11");
        assertEquals(
                "{\"checkId\":\"<uuid>\",\"createdAt\":\"<instant>\",\"verdict\":\"NO_MATCH\",\"registryVersion\":<n>,"
                        + "\"engineVersion\":\"<text>\",\"matches\":[],\"audit\":{\"sequence\":<n>,\"hash\":\"<text>\"}}",
                masked(body));
        assertReflective(body, CheckResponse.class);
    }

    @Test
    void shouldWriteBatchesAndProblemsAsTheReflectiveSerialiserDoes() throws Exception {
        String batch = as(TestTokens.screener("json-school"))
                .contentType("application/json")
                .body("{\"purpose\":\"PERIODIC_RESCREEN\",\"consentReference\":\"HR-JSON\",\"candidates\":["
                        + "{\"fullName\":\"" + Api.uniqueSurname() + " Nur\",\"dateOfBirth\":\"1990-03-03\"},"
                        + "{\"fullName\":\"\",\"dateOfBirth\":\"03/03/1990\"}]}")
                .post("/v1/checks/batch")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertReflective(batch, BatchResponse.class);

        String problem = as(TestTokens.screener("json-school"))
                .contentType("application/json")
                .body("{\"candidate\":{\"fullName\":\" \",\"dateOfBirth\":\"0000-00-00\"},\"purpose\":\"FUN\"}")
                .post("/v1/checks")
                .then()
                .statusCode(422)
                .extract()
                .asString();
        assertReflective(problem, Problem.class);
    }

    /** The body of a new check's answer (201) for the school the tests screen as. */
    private static String checkAnswer(String name, String dateOfBirth) {
        return Api.checked(TestTokens.screener("json-school"), name, dateOfBirth)
                .asString();
    }

    /** The answer, parsed and written again by reflective Jackson, is the same bytes. */
    private static void assertReflective(String body, Class<?> type) throws Exception {
        assertEquals(REFLECTIVE.writeValueAsString(REFLECTIVE.readValue(body, type)), body);
    }

    /** Values that differ from run to run or with the engine's version replaced by placeholders; names, order and nulls
     * kept. */
    private static String masked(String body) {
        return body.replaceAll("\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"", "\"<uuid>\"")
                .replaceAll("\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"", "\"<instant>\"")
                .replaceAll("\"(engineVersion|hash|detail|level)\":\"[^\"]*\"", "\"$1\":\"<text>\"")
                .replaceAll(":-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?(?=[,}\\]])", ":<n>");
    }
}
