package org.qorgau.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.qorgau.common.CanonicalJson;
import org.qorgau.common.Purpose;
import org.qorgau.security.Caller;

/**
 * An event's hash is SHA-256 over the canonical JSON of all its fields ({@link CanonicalJson}): the definition, written
 * here as a map of the fields encoded whole. The chain writes the canonical form field by field instead, with the query
 * and outcome encoded once; the verifier recomputes it from PostgreSQL's own JSON text. All three must give the same
 * bytes, or a chain written by one would not verify with the other.
 */
class AuditHashTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Property(tries = 2000)
    void aChainedEventsHashIsTheCanonicalJsonOfAllItsFields(
            @ForAll("drafts") AuditEventDraft draft, @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long head) {
        String prevHash = CanonicalJson.sha256Hex(Long.toString(head));
        AuditLog.Appended appended =
                new AuditLog().chain(AuditLog.encode(draft), new AuditLog.ChainHead(head, prevHash));
        AuditRecord record = appended.record();
        // the commitment the event row stores (its last value), null for an event without personal fields
        List<Object> eventRow = appended.rows().get(0).values();
        String commitment = (String) eventRow.get(eventRow.size() - 1);
        assertEquals(draft.personal().isEmpty(), commitment == null);

        assertEquals(
                definition(
                        record.sequence(),
                        record.eventId(),
                        record.occurredAt(),
                        draft,
                        CanonicalJson.parse(CanonicalJson.encode(draft.query())),
                        CanonicalJson.parse(CanonicalJson.encode(draft.outcome())),
                        commitment,
                        prevHash),
                record.hash());
        assertEquals(head + 1, record.sequence());
    }

    @Property(tries = 2000)
    void theVerifierRecomputesTheHashFromJsonInAnyKeyOrderAndSpacing(@ForAll("drafts") AuditEventDraft draft)
            throws JsonProcessingException {
        UUID eventId = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-02T03:04:05.123456Z");
        String canonicalQuery = CanonicalJson.encode(draft.query());
        String canonicalOutcome = CanonicalJson.encode(draft.outcome());
        // as jsonb gives it back: keys in another order, with spaces
        String storedQuery = PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(draft.query());
        String storedOutcome = PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(draft.outcome());

        String recomputed = AuditHash.of(
                AuditLog.fields(draft, 1, eventId, at, storedQuery, storedOutcome, "c0ffee", AuditLog.GENESIS_HASH));
        assertEquals(hash(draft, eventId, at, canonicalQuery, canonicalOutcome, "c0ffee"), recomputed);
        assertEquals(
                definition(
                        1,
                        eventId,
                        at,
                        draft,
                        CanonicalJson.parse(storedQuery),
                        CanonicalJson.parse(storedOutcome),
                        "c0ffee",
                        AuditLog.GENESIS_HASH),
                recomputed);
    }

    @Property(tries = 200)
    void everyFieldIsCovered(@ForAll("drafts") AuditEventDraft draft) {
        UUID eventId = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-02T03:04:05Z");
        String query = CanonicalJson.encode(draft.query());
        String outcome = CanonicalJson.encode(draft.outcome());
        String base = hash(draft, eventId, at, query, outcome, null);
        assertNotEquals(base, hash(draft, eventId, at, query, outcome, "c0ffee"));
        assertNotEquals(base, hash(draft, UUID.randomUUID(), at, query, outcome, null));
        assertNotEquals(base, hash(draft, eventId, at.plusNanos(1_000), query, outcome, null));
        assertNotEquals(base, hash(draft, eventId, at, "{\"x\":1}", outcome, null));
        assertNotEquals(base, hash(draft, eventId, at, query, "{\"x\":1}", null));
    }

    /** The hash of the first event after the genesis, from canonical query and outcome texts. */
    private static String hash(
            AuditEventDraft draft, UUID eventId, Instant at, String query, String outcome, String commitment) {
        return AuditHash.ofCanonical(
                AuditLog.fields(draft, 1, eventId, at, query, outcome, commitment, AuditLog.GENESIS_HASH));
    }

    /** The hash as defined: every field in one map, encoded canonically as a whole, then SHA-256. */
    private static String definition(
            long sequence,
            UUID eventId,
            Instant occurredAt,
            AuditEventDraft draft,
            Object query,
            Object outcome,
            String commitment,
            String prevHash) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequence", sequence);
        fields.put("eventId", eventId.toString());
        fields.put("occurredAt", occurredAt.toString());
        fields.put("type", draft.type().name());
        fields.put("actorSubject", draft.actor().subject());
        fields.put("actorOrg", draft.actor().org());
        fields.put("actorRoles", draft.actor().rolesText());
        fields.put("purpose", draft.purpose() == null ? null : draft.purpose().name());
        fields.put("query", query);
        fields.put("outcome", outcome);
        fields.put("registryVersion", draft.registryVersion());
        fields.put("checkId", draft.checkId() == null ? null : draft.checkId().toString());
        if (commitment != null) {
            fields.put("personalCommitment", commitment);
        }
        fields.put("prevHash", prevHash);
        return CanonicalJson.sha256Hex(CanonicalJson.encode(fields));
    }

    @Provide
    Arbitrary<AuditEventDraft> drafts() {
        Arbitrary<Caller> actors = Combinators.combine(
                        texts().injectNull(0.2),
                        texts().injectNull(0.3),
                        Arbitraries.of("screener", "auditor", "safeguarding-lead", "registry-admin")
                                .set()
                                .ofMaxSize(3))
                .as((subject, org, roles) -> new Caller(subject, org, Set.copyOf(roles)));
        return Combinators.combine(
                        Arbitraries.of(AuditEventType.class),
                        actors,
                        Arbitraries.of(Purpose.class).injectNull(0.3),
                        objects(),
                        objects(),
                        Arbitraries.longs().injectNull(0.3),
                        Arbitraries.create(UUID::randomUUID).injectNull(0.3),
                        objects().injectNull(0.5))
                .as(AuditEventDraft::new);
    }

    /** Strings with what JSON must escape, non-Latin letters and characters outside the BMP. */
    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars(
                                'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', 'é', 'Қ')
                        .withChars('ұ', '\u2028', '\u202E', '\uFEFF')
                        .withCharRange('а', 'я')
                        .ofMaxLength(12),
                Arbitraries.of("\uD83D\uDE00", "Нұрлан \uD835\uDD11"));
    }

    /** JSON objects as events carry them: text, whole and decimal numbers, flags, nulls, lists, one nested level. */
    private static Arbitrary<Map<String, Object>> objects() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                texts().map(s -> s),
                Arbitraries.integers().map(i -> i),
                Arbitraries.longs().map(l -> l),
                Arbitraries.of("0", "1.50", "-0.000", "1E+3", "2.5e-7", "123456789012345678901234.5", "0.1")
                        .map(BigDecimal::new),
                Arbitraries.doubles().between(-1e9, 1e9).map(d -> d),
                Arbitraries.of(1e-7, 1e20, 0.1, -2.5).map(d -> d),
                Arbitraries.of(true, false).map(b -> b),
                Arbitraries.just(null));
        Arbitrary<Object> values = Arbitraries.oneOf(
                scalars,
                scalars.list().ofMaxSize(3).map(l -> l),
                Arbitraries.maps(texts(), scalars).ofMaxSize(3).map(m -> m));
        return Arbitraries.maps(texts(), values).ofMaxSize(5);
    }
}
