package org.qorgau.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.qorgau.common.CanonicalJson;
import org.qorgau.config.RegistryConfig;
import org.qorgau.error.BadRequestException;
import org.qorgau.error.FieldError;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.registry.api.RegistryEntry;

/**
 * The first half of an import: the file streams, record by record, through validation into the temporary table
 * {@code registry_import} ({@code COPY}, the one bulk path a national snapshot needs), and on to a replace's next
 * index. Any invalid record or repeated id rejects the whole file with every error (up to the reported maximum);
 * nothing has touched the registry by then.
 */
final class ImportStaging {

    private ImportStaging() {}

    /**
     * Stages the file on {@code connection} (which must be in a transaction: the table drops at its end).
     *
     * @return the number of records staged
     * @throws ValidationException when any record is invalid or repeats another's id
     */
    static long stage(
            Connection connection,
            boolean csv,
            InputStream body,
            RegistryConfig limits,
            ReplacePreparation.Prepared next)
            throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table registry_import (line bigint not null,"
                    + " external_id varchar(100) not null, full_name varchar(300) not null, aliases jsonb not null,"
                    + " date_of_birth varchar(10) not null, photo_hashes jsonb not null, offence varchar(500) not null,"
                    + " conviction_date varchar(10), region varchar(200), source_url varchar(2000),"
                    + " content_hash varchar(64) not null) on commit drop");
        }
        List<FieldError> errors = new ArrayList<>();
        long errorCount = 0;
        long records = 0;
        int maxErrors = limits.maxReportedErrors();
        CopyIn copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("copy registry_import (line, " + RegistrySql.ENTRY_COLUMNS + ") from stdin with (format csv)");
        try (EntryReader reader = csv
                ? new CsvEntryReader(body, limits.maxLineChars())
                : new NdjsonEntryReader(body, limits.maxLineChars())) {
            StringBuilder batch = new StringBuilder(1 << 16);
            ParsedLine parsed;
            while ((parsed = reader.next()) != null) {
                records++;
                List<FieldError> lineErrors = new ArrayList<>(parsed.errors());
                ValidEntry valid =
                        parsed.entry() == null ? null : ValidEntry.validate(parsed.entry(), parsed.line(), lineErrors);
                if (!lineErrors.isEmpty()) {
                    errorCount += lineErrors.size();
                    for (FieldError error : lineErrors) {
                        if (errors.size() < maxErrors) {
                            errors.add(error);
                        }
                    }
                    continue;
                }
                if (errorCount == 0) {
                    next.add(person(valid.entry()));
                    appendCsvRow(batch, parsed.line(), valid);
                    if (batch.length() > (1 << 16)) {
                        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        batch.setLength(0);
                    }
                }
            }
            if (batch.length() > 0) {
                byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
            }
            copy.endCopy();
            if (errorCount == 0) {
                next.staged();
            }
        } catch (CharacterCodingException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw new BadRequestException("The body is not valid UTF-8.");
        } catch (RuntimeException | IOException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
        if (errorCount == 0) {
            try (Statement statement = connection.createStatement()) {
                // temporary tables are never auto-analysed: give the planner the row count before the set-based joins
                statement.execute("analyze registry_import");
            }
            errorCount += duplicates(connection, errors, maxErrors);
        }
        if (errorCount > 0) {
            throw new ValidationException(
                    "The import was rejected and nothing changed: " + errorCount + " error(s) in " + records
                            + " record(s)"
                            + (errorCount > errors.size() ? "; the first " + errors.size() + " are listed." : "."),
                    errors);
        }
        return records;
    }

    private static RegistryPerson person(RegistryEntry e) {
        return new RegistryPerson(e.externalId(), e.fullName(), e.aliases(), e.dateOfBirth(), e.photoHashes());
    }

    private static void appendCsvRow(StringBuilder out, long line, ValidEntry valid) throws JsonProcessingException {
        RegistryEntry e = valid.entry();
        out.append(line).append(',');
        csv(out, e.externalId()).append(',');
        csv(out, e.fullName()).append(',');
        csv(out, CanonicalJson.encode(e.aliases())).append(',');
        csv(out, e.dateOfBirth()).append(',');
        csv(out, CanonicalJson.encode(e.photoHashes())).append(',');
        csv(out, e.offence()).append(',');
        csv(out, e.convictionDate()).append(',');
        csv(out, e.region()).append(',');
        csv(out, e.sourceUrl()).append(',');
        csv(out, valid.contentHash()).append('\n');
    }

    /** COPY CSV: null is an unquoted empty cell; every value is quoted, quotes doubled. */
    private static StringBuilder csv(StringBuilder out, String value) {
        if (value == null) {
            return out;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }

    private static long duplicates(Connection connection, List<FieldError> errors, int maxErrors) throws SQLException {
        long count = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select external_id, array_agg(line order by line) as lines"
                        + " from registry_import group by external_id having count(*) > 1 order by min(line)")) {
            while (rs.next()) {
                Long[] lines = (Long[]) rs.getArray("lines").getArray();
                for (int i = 1; i < lines.length; i++) {
                    count++;
                    if (errors.size() < maxErrors) {
                        errors.add(new FieldError(
                                lines[i], "externalId", "externalId repeats the entry on line " + lines[0]));
                    }
                }
            }
        }
        return count;
    }
}
