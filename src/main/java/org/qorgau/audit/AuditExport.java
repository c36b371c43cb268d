package org.qorgau.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.qorgau.audit.api.AuditEventView;
import org.qorgau.common.CanonicalJson;

/** Writes audit events as an export: NDJSON (one event view per line) or CSV (RFC 4180, CRLF, a header row). */
final class AuditExport implements AuditEventStore.Sink {

    static final List<String> CSV_HEADER = List.of(
            "sequence",
            "eventId",
            "occurredAt",
            "type",
            "actorSubject",
            "actorOrg",
            "actorRoles",
            "purpose",
            "registryVersion",
            "checkId",
            "verdict",
            "query",
            "outcome",
            "candidate",
            "redacted",
            "personalCommitment",
            "prevHash",
            "hash");

    private final AuditService.Format format;
    private final Writer writer;
    private final ObjectMapper json;

    AuditExport(AuditService.Format format, Writer writer, ObjectMapper json) {
        this.format = format;
        this.writer = writer;
        this.json = json;
    }

    /** Writes what precedes the first event (the CSV header row). */
    void begin() throws IOException {
        if (format == AuditService.Format.CSV) {
            csvRow(writer, CSV_HEADER);
        }
    }

    @Override
    public void accept(AuditEventView event) throws IOException {
        if (format == AuditService.Format.CSV) {
            csvRow(writer, csvCells(event));
        } else {
            writer.write(json.writeValueAsString(event));
            writer.write('\n');
        }
    }

    private static List<String> csvCells(AuditEventView e) {
        JsonNode verdict = e.outcome() == null ? null : e.outcome().get("verdict");
        List<String> cells = new ArrayList<>(CSV_HEADER.size());
        cells.add(Long.toString(e.sequence()));
        cells.add(e.eventId().toString());
        cells.add(e.occurredAt().toString());
        cells.add(e.type());
        cells.add(e.actor().subject());
        cells.add(e.actor().org());
        cells.add(String.join(",", e.actor().roles()));
        cells.add(e.purpose());
        cells.add(e.registryVersion() == null ? null : e.registryVersion().toString());
        cells.add(e.checkId() == null ? null : e.checkId().toString());
        cells.add(verdict == null || !verdict.isTextual() ? null : verdict.asText());
        cells.add(CanonicalJson.encode(e.query()));
        cells.add(CanonicalJson.encode(e.outcome()));
        cells.add(e.candidate() == null ? null : CanonicalJson.encode(e.candidate()));
        cells.add(Boolean.toString(e.redacted()));
        cells.add(e.personalCommitment());
        cells.add(e.prevHash());
        cells.add(e.hash());
        return cells;
    }

    private static void csvRow(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(Csv.cell(cells.get(i)));
        }
        writer.write("\r\n");
    }
}
