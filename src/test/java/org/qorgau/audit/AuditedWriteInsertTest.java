package org.qorgau.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An audited write's INSERT: its two SQL forms from one declaration of the table's columns. */
class AuditedWriteInsertTest {

    private static final AuditedWrite.Insert DISCLOSED = AuditedWrite.Insert.into(
                    "disclosed_entry", "day date", "org", "seq bigint")
            .onConflictDoNothing();

    @Test
    void shouldCastOnlyTheTypedColumnsInTheOneRowForm() {
        assertEquals(
                "insert into disclosed_entry (day, org, seq) values (?::date, ?, ?::bigint) on conflict do nothing",
                DISCLOSED.valuesSql());
    }

    @Test
    void shouldReadEachColumnFromItsOwnTextArrayInTheGroupForm() {
        assertEquals(
                "insert into disclosed_entry (day, org, seq) select v1::date, v2, v3::bigint"
                        + " from unnest(?::text[], ?::text[], ?::text[]) as r(v1, v2, v3) on conflict do nothing",
                DISCLOSED.unnestSql());
        assertEquals(
                "insert into t (a) select v1 from unnest(?::text[]) as r(v1)",
                AuditedWrite.Insert.into("t", "a").unnestSql());
    }

    @Test
    void shouldRefuseARowWhoseValuesDoNotMatchTheColumns() {
        assertThrows(IllegalArgumentException.class, () -> new AuditedWrite.Row(DISCLOSED, List.of("2026-12-02")));
    }
}
