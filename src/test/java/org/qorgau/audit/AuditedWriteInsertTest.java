package org.qorgau.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An audited write's INSERT: its two SQL forms from one declaration of the table's columns. */
class AuditedWriteInsertTest {

    private static final AuditedWrite.Insert SAMPLE =
            AuditedWrite.Insert.into("sample", "day date", "org", "n bigint").onConflictDoNothing();

    @Test
    void shouldCastOnlyTheTypedColumnsInTheOneRowForm() {
        assertEquals(
                "insert into sample (day, org, n) values (?::date, ?, ?::bigint) on conflict do nothing",
                SAMPLE.valuesSql());
    }

    @Test
    void shouldReadEachColumnFromItsOwnTextArrayInTheGroupForm() {
        assertEquals(
                "insert into sample (day, org, n) select v1::date, v2, v3::bigint"
                        + " from unnest(?::text[], ?::text[], ?::text[]) as r(v1, v2, v3) on conflict do nothing",
                SAMPLE.unnestSql());
        assertEquals(
                "insert into t (a) select v1 from unnest(?::text[]) as r(v1)",
                AuditedWrite.Insert.into("t", "a").unnestSql());
    }

    @Test
    void shouldRefuseARowWhoseValuesDoNotMatchTheColumns() {
        assertThrows(IllegalArgumentException.class, () -> new AuditedWrite.Row(SAMPLE, List.of("2026-12-02")));
    }
}
