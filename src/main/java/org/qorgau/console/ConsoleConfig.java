package org.qorgau.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The web console at {@code /console/}. */
@ConfigMapping(prefix = "qorgau.console")
public interface ConsoleConfig {

    /**
     * The development sign-in (choose role and organisation, no password). Off by default, so a production start
     * never has it (its pages answer 404); on in the dev and test profiles (application.properties).
     */
    @WithDefault("false")
    boolean devSignIn();

    /**
     * Sign-in through the organisation's OpenID Connect identity provider (authorisation-code flow at
     * {@code /console/oidc/sign-in}); needs the {@code quarkus.oidc.console.*} provider settings
     * (application.properties) and a {@link #sessionKey()}.
     */
    @WithDefault("false")
    boolean oidcSignIn();

    /** How long a console session lasts after sign-in. */
    @WithDefault("PT8H")
    Duration sessionTtl();

    /**
     * Base64 key (at least 32 bytes) that signs session cookies (and encrypts the identity provider's state cookie).
     * Set the same value on every replica so a session survives a hop to another replica; when unset each process
     * draws its own, and its sessions end with it. Required with {@link #oidcSignIn()}: the service does not start
     * without it.
     */
    Optional<String> sessionKey();
}
