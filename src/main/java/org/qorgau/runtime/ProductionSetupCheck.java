package org.qorgau.runtime;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.qorgau.config.QorgauConfig;

/**
 * At start-up in the {@code prod} profile: warns prominently when the service verifies tokens with the development
 * keys or keeps its data in the embedded PostgreSQL, and refuses to start when
 * {@code QORGAU_REQUIRE_PRODUCTION_SETUP=true} (see {@link ProductionSetup} for the decision table).
 */
@ApplicationScoped
public class ProductionSetupCheck {

    private static final Logger LOG = Logger.getLogger(ProductionSetupCheck.class);

    private final QorgauConfig config;
    private final Optional<String> publicKeyLocation;
    private final Optional<String> webhookKey;

    public ProductionSetupCheck(
            QorgauConfig config,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> publicKeyLocation,
            @ConfigProperty(name = "qorgau.webhook.secret-key") Optional<String> webhookKey) {
        this.config = config;
        this.publicKeyLocation = publicKeyLocation;
        this.webhookKey = webhookKey;
    }

    // before any other start-up work (the scheduler starts its triggers at priority 0), so a refused start does
    // nothing else
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) StartupEvent event) {
        ProductionSetup setup = new ProductionSetup(
                ConfigProvider.getConfig()
                        .unwrap(SmallRyeConfig.class)
                        .getProfiles()
                        .contains("prod"),
                usesDevelopmentKeys(),
                EmbeddedDatabase.servesThisProcess(),
                config.requireProductionSetup());
        if (config.candidateKey().secret().filter(secret -> !secret.isBlank()).isEmpty()
                && !EmbeddedDatabase.servesThisProcess()) {
            // replicas sharing a database but not a data directory would each hash with a key of their own
            LOG.warn("Candidate identities are hashed with a key generated into this replica's data directory."
                    + " Set QORGAU_CANDIDATE_KEY_SECRET (the same on every replica) with a shared database.");
        }
        if (webhookKey.filter(key -> !key.isBlank()).isEmpty() && !EmbeddedDatabase.servesThisProcess()) {
            // a replica with another generated key cannot decrypt the webhook secrets the others stored
            LOG.warn("Webhook signing secrets are encrypted with a key generated into this replica's data directory."
                    + " Set QORGAU_WEBHOOK_SECRET_KEY (the same on every replica) with a shared database.");
        }
        switch (setup.action()) {
            case REFUSE -> {
                LOG.error(setup.message());
                throw new IllegalStateException(setup.message());
            }
            case WARN -> LOG.warn(setup.message());
            case OK -> {}
        }
    }

    /** The verification key is the development public key under {@code $QORGAU_DATA_DIR/keys}. */
    private boolean usesDevelopmentKeys() {
        if (publicKeyLocation.isEmpty()) {
            return false;
        }
        String location = publicKeyLocation.get();
        if (location.contains("://") && !location.startsWith("file:")) {
            return false; // a URL or JWKS endpoint of an identity provider
        }
        try {
            Path configured = Path.of(location.replaceFirst("^file:(//)?", ""))
                    .toAbsolutePath()
                    .normalize();
            Path development = Path.of(config.dataDir())
                    .toAbsolutePath()
                    .normalize()
                    .resolve("keys")
                    .resolve("public.pem");
            return configured.equals(development);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
