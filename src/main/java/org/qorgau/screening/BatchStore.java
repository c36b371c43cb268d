package org.qorgau.screening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.qorgau.screening.api.BatchResponse;

/** The one way to {@code check_batch}: the stored answer of a finished idempotent batch, by organisation and key. */
@ApplicationScoped
public class BatchStore {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public BatchStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The batch stored under {@code key} for {@code org}, with the hash of the request that made it. */
    Optional<Idempotency.Stored<BatchResponse>> find(String org, String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select request_hash, response from check_batch where org = ? and idempotency_key = ?")) {
            statement.setString(1, org);
            statement.setString(2, key);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Idempotency.Stored<>(
                        rs.getString("request_hash"), json.readValue(rs.getString("response"), BatchResponse.class)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("batch replay failed", e);
        }
    }

    /** Stores a finished batch's answer; a concurrent retry that stored first wins. */
    void insert(String org, String key, String requestHash, BatchResponse response) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into check_batch (batch_id, org,"
                        + " idempotency_key, request_hash, response, created_at) values (?, ?, ?, ?, ?::jsonb, ?)"
                        + " on conflict do nothing")) {
            insert.setObject(1, response.batchId());
            insert.setString(2, org);
            insert.setString(3, key);
            insert.setString(4, requestHash);
            insert.setString(5, json.writeValueAsString(response));
            insert.setTimestamp(6, Timestamp.from(response.createdAt()));
            insert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("batch could not be stored", e);
        }
    }
}
