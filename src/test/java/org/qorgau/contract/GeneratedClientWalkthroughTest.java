package org.qorgau.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.client.ApiClient;
import org.qorgau.client.ApiException;
import org.qorgau.client.api.AuditApi;
import org.qorgau.client.api.ChecksApi;
import org.qorgau.client.api.RegistryApi;
import org.qorgau.client.model.AuditEvent;
import org.qorgau.client.model.AuditEventPage;
import org.qorgau.client.model.AuditEventType;
import org.qorgau.client.model.BatchItem;
import org.qorgau.client.model.BatchRequest;
import org.qorgau.client.model.BatchResponse;
import org.qorgau.client.model.Candidate;
import org.qorgau.client.model.CheckPage;
import org.qorgau.client.model.CheckRequest;
import org.qorgau.client.model.CheckResponse;
import org.qorgau.client.model.Checkpoint;
import org.qorgau.client.model.Evidence;
import org.qorgau.client.model.ImportResult;
import org.qorgau.client.model.Match;
import org.qorgau.client.model.Review;
import org.qorgau.client.model.ReviewRequest;
import org.qorgau.client.model.VerifyResult;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.support.TestTokens;

/**
 * The README's walk-through, run through a Java client that openapi-generator made from the committed
 * {@code openapi/openapi.yaml} during this build (target/generated-test-sources): proof that the contract is complete
 * enough for generated code — names, bodies, enums, pages and problem answers — against the running service.
 */
@QuarkusTest
class GeneratedClientWalkthroughTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    MatchingIndex index;

    private ApiClient client(String token) {
        // HTTP/1.1: the JDK client sends a bodyless POST (signAuditCheckpoint) over h2c without a length, which the
        // service's body limit answers 411 (see the body-limit filter); over HTTP/1.1 it sends Content-Length: 0
        ApiClient client = new ApiClient(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1),
                ApiClient.createDefaultObjectMapper(),
                base.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static CheckRequest check(String fullName, String dateOfBirth, String consent) {
        return new CheckRequest()
                .candidate(new Candidate().fullName(fullName).dateOfBirth(dateOfBirth))
                .purpose(CheckRequest.PurposeEnum.EMPLOYMENT)
                .position("Teacher")
                .consentReference(consent);
    }

    @Test
    void shouldRunTheReadmeWalkThroughThroughAClientGeneratedFromTheCommittedDocument() throws Exception {
        String org = "school-42-" + UUID.randomUUID().toString().substring(0, 8);
        RegistryApi registry = new RegistryApi(client(TestTokens.admin()));
        ChecksApi screener = new ChecksApi(client(TestTokens.screener(org)));
        ChecksApi reviewer = new ChecksApi(client(TestTokens.reviewer(org)));
        AuditApi auditor = new AuditApi(client(TestTokens.auditor()));

        // the registry admin imports the sample registry (NDJSON)
        String sample = Files.readString(Path.of("docs", "examples", "registry-sample.ndjson"));
        ImportResult imported = registry.importRegistry(sample, null, null, "upsert");
        assertTrue(imported.getRegistryVersion() > 0);
        assertEquals(
                sample.lines().filter(l -> !l.isBlank()).count(),
                imported.getAdded() + imported.getUpdated() + imported.getUnchanged());
        index.refresh(); // the README's "sleep 2": the matching index picks up the new version

        // a screener checks a registered person in Latin script: MATCH, with the evidence per field and its audit
        CheckResponse match = screener.createCheck(check("Nurlan Seitkali", "1979-03-14", "HR-2026-0412"), null);
        assertEquals(CheckResponse.VerdictEnum.MATCH, match.getVerdict());
        assertTrue(match.getRegistryVersion() >= imported.getRegistryVersion());
        assertNotNull(match.getEngineVersion());
        Match top = match.getMatches().get(0);
        assertEquals("KZ-GP-000101", top.getExternalId());
        assertEquals(Match.VerdictEnum.MATCH, top.getVerdict());
        assertTrue(top.getExplanation().stream()
                .map(Evidence::getField)
                .toList()
                .containsAll(List.of(Evidence.FieldEnum.NAME, Evidence.FieldEnum.DATE_OF_BIRTH)));
        assertNotNull(top.getEntry().getFullName());
        assertTrue(match.getAudit().getSequence() > 0);
        assertEquals(64, match.getAudit().getHash().length());

        // the same name with an unrelated date of birth: NO_MATCH, no registry data
        CheckResponse noMatch = screener.createCheck(check("Nurlan Seitkali", "1990-08-01", "HR-2026-0413"), null);
        assertEquals(CheckResponse.VerdictEnum.NO_MATCH, noMatch.getVerdict());
        assertTrue(noMatch.getMatches().isEmpty());

        // reading a check back, and an invalid request answered as a problem the client can read
        assertEquals(
                match.getCheckId(),
                screener.getCheck(match.getCheckId().toString()).getCheckId());
        ApiException invalid = assertThrows(
                ApiException.class, () -> screener.createCheck(check("Nurlan Seitkali", "14.03.1979", "HR-1"), null));
        assertEquals(422, invalid.getCode());
        JsonNode problem = JSON.readTree(invalid.getResponseBody());
        assertEquals(
                "https://qorgau.org/problems/validation", problem.path("type").asText());
        assertEquals(422, problem.path("status").asInt());

        // the organisation's reviewer records a decision about the match
        Review review = reviewer.recordReview(
                match.getCheckId().toString(),
                new ReviewRequest()
                        .externalId("KZ-GP-000101")
                        .decision(ReviewRequest.DecisionEnum.NOT_SAME_PERSON)
                        .reason("Identity document shows another place of birth"));
        assertEquals(Review.DecisionEnum.NOT_SAME_PERSON, review.getDecision());
        assertEquals(match.getCheckId(), review.getCheckId());

        // a batch: each candidate its own audited check
        BatchResponse batch = screener.createBatchCheck(
                new BatchRequest()
                        .purpose(BatchRequest.PurposeEnum.PERIODIC_RESCREEN)
                        .consentReference("HR-RESCREEN-2026")
                        .candidates(List.of(
                                new BatchItem().fullName("Nurlan Seitkali").dateOfBirth("1979-03-14"),
                                new BatchItem().fullName("Aigerim Bekova").dateOfBirth("1995-11-30"))),
                null);
        assertEquals(2, batch.getTotal());
        assertEquals(2, batch.getSucceeded());

        // the organisation's checks, page by page through nextCursor
        List<UUID> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            CheckPage page = screener.listChecks(null, cursor, null, 2, null, null, null, null);
            page.getChecks().forEach(c -> listed.add(c.getCheckId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(4, listed.size(), "MATCH, NO_MATCH and two batch checks");
        assertTrue(listed.containsAll(List.of(match.getCheckId(), noMatch.getCheckId())));
        assertTrue(pages >= 2);

        // the auditor finds every check in the audit log, signs the head and verifies the chain
        List<UUID> audited = new ArrayList<>();
        cursor = null;
        do {
            AuditEventPage page =
                    auditor.listAuditEvents(null, cursor, null, 100, org, null, AuditEventType.CHECK_PERFORMED, null);
            page.getEvents().stream().map(AuditEvent::getCheckId).forEach(audited::add);
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertTrue(audited.containsAll(listed), "every check is a CHECK_PERFORMED event");
        Checkpoint checkpoint = auditor.signAuditCheckpoint();
        assertTrue(checkpoint.getSequence() >= match.getAudit().getSequence());
        assertFalse(auditor.listAuditCheckpoints(10).getCheckpoints().isEmpty());
        VerifyResult verified = auditor.verifyAuditChain(null, null, null); // from, fromCheckpoint, to
        assertTrue(verified.getValid(), "chain broken at " + verified.getBrokenAt() + ": " + verified.getProblem());
        assertNull(verified.getBrokenAt());
        assertFalse(registry.listRegistryVersions(null, 1).getVersions().isEmpty());
    }
}
