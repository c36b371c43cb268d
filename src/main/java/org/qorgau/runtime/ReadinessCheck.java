package org.qorgau.runtime;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.qorgau.screening.MatchingIndex;

/**
 * Ready only when the database answers, every migration this build knows is applied, and the matching index holds
 * a registry snapshot — a replica that could only answer 503 must not get traffic. The answer is anonymous (load
 * balancers and orchestrators probe it), so it carries states only, no registry figures.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final AgroalDataSource dataSource;
    private final Flyway flyway;
    private final MatchingIndex index;

    public ReadinessCheck(AgroalDataSource dataSource, Flyway flyway, MatchingIndex index) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("qorgau");
        boolean up = true;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rs = statement.executeQuery("select 1")) {
                rs.next();
            }
            response.withData("database", "up");
        } catch (SQLException e) {
            up = false;
            response.withData("database", "down");
        }
        if (up) {
            try {
                int pending = flyway.info().pending().length;
                response.withData("pendingMigrations", pending);
                up = pending == 0;
            } catch (RuntimeException e) {
                up = false;
                response.withData("migrations", "unknown");
            }
        }
        // Probes are anonymous: say whether the index is loaded, never the registry's version or size (those are
        // for authenticated callers, GET /v1/registry/versions).
        boolean loaded = index.current().isPresent();
        response.withData("index", loaded ? "loaded" : "empty");
        if (!loaded) {
            up = false;
        }
        return response.status(up).build();
    }
}
