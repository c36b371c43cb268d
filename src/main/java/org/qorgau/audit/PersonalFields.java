package org.qorgau.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The candidate fields of checks as the audit log keeps them ({@code audit_personal}, until retention redacts them):
 * the only place the service holds a checked person's name and date of birth in plain text. Read for subject access
 * (which checks were about this person?), for disputes (who is the disputed check about?) and to re-key candidate
 * hashes; a redacted event is invisible here, which is how retention bounds all three.
 */
@ApplicationScoped
public class PersonalFields {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public PersonalFields(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** A checked candidate's fields, as the check was sent. */
    public record Candidate(UUID checkId, String fullName, String dateOfBirth) {}

    /**
     * Every check (its {@code CHECK_PERFORMED} event) whose candidate's date of birth is one of {@code datesOfBirth} and
     * whose personal fields are not redacted.
     */
    public List<Candidate> checksBornOn(Collection<String> datesOfBirth) {
        if (datesOfBirth.isEmpty()) {
            return List.of();
        }
        return query(
                "select e.check_id, p.fields from audit_personal p join audit_event e on e.sequence = p.sequence"
                        + " where p.fields is not null and (p.fields ->> 'dateOfBirth') = any(?) and e.type = ?"
                        + " and e.check_id is not null order by e.sequence",
                datesOfBirth.toArray(String[]::new),
                "varchar");
    }

    /** The candidates of these checks whose personal fields are not redacted (others are absent from the map). */
    public Map<UUID, Candidate> ofChecks(Collection<UUID> checkIds) {
        Map<UUID, Candidate> result = new LinkedHashMap<>();
        if (checkIds.isEmpty()) {
            return result;
        }
        for (Candidate c : query(
                "select e.check_id, p.fields from audit_event e join audit_personal p on p.sequence = e.sequence"
                        + " where e.check_id = any(?) and e.type = ? and p.fields is not null",
                checkIds.toArray(UUID[]::new),
                "uuid")) {
            result.put(c.checkId(), c);
        }
        return result;
    }

    private List<Candidate> query(String sql, Object[] values, String arrayType) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf(arrayType, values);
            statement.setArray(1, array);
            statement.setString(2, AuditEventType.CHECK_PERFORMED.name());
            List<Candidate> result = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    JsonNode fields = json.readTree(rs.getString("fields"));
                    if (fields.hasNonNull("fullName") && fields.hasNonNull("dateOfBirth")) {
                        result.add(new Candidate(
                                rs.getObject("check_id", UUID.class),
                                fields.get("fullName").asText(),
                                fields.get("dateOfBirth").asText()));
                    }
                }
            }
            return result;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("personal fields could not be read", e);
        }
    }
}
