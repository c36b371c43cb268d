package org.qorgau.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a production start is set up for production: the decision alone, without Quarkus, so it is testable as a
 * table. {@link ProductionSetupCheck} gathers the facts at start-up and acts on the answer.
 *
 * <table>
 *   <caption>Decisions</caption>
 *   <tr><th>profile</th><th>development keys or embedded database</th><th>required</th><th>action</th></tr>
 *   <tr><td>not prod</td><td>any</td><td>any</td><td>{@link Action#OK}</td></tr>
 *   <tr><td>prod</td><td>neither</td><td>any</td><td>{@link Action#OK}</td></tr>
 *   <tr><td>prod</td><td>either or both</td><td>false</td><td>{@link Action#WARN}</td></tr>
 *   <tr><td>prod</td><td>either or both</td><td>true</td><td>{@link Action#REFUSE}</td></tr>
 * </table>
 *
 * @param prodProfile the {@code prod} profile is active (the packaged service; not dev mode, not tests)
 * @param developmentKeys tokens are verified with the development key pair under {@code $QORGAU_DATA_DIR/keys}
 * @param embeddedDatabase the service started its own PostgreSQL under {@code $QORGAU_DATA_DIR/pg}
 * @param required {@code QORGAU_REQUIRE_PRODUCTION_SETUP}
 */
public record ProductionSetup(
        boolean prodProfile, boolean developmentKeys, boolean embeddedDatabase, boolean required) {

    /** What to do about the start. */
    public enum Action {
        OK,
        WARN,
        REFUSE
    }

    /** The shortcomings of this setup, one operator-readable line each (empty outside the prod profile). */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!prodProfile) {
            return problems;
        }
        if (developmentKeys) {
            problems.add("tokens are verified with the DEVELOPMENT key pair in $QORGAU_DATA_DIR/keys: anyone who can"
                    + " read that folder can mint tokens of any role. Set MP_JWT_VERIFY_PUBLICKEY_LOCATION (and"
                    + " MP_JWT_VERIFY_ISSUER) to your identity provider.");
        }
        if (embeddedDatabase) {
            problems.add("the registry and the audit log live in the EMBEDDED PostgreSQL under $QORGAU_DATA_DIR/pg"
                    + " (one machine, no backups, no replicas). Set QUARKUS_DATASOURCE_JDBC_URL, _USERNAME and"
                    + " _PASSWORD to a managed PostgreSQL.");
        }
        return problems;
    }

    public Action action() {
        if (problems().isEmpty()) {
            return Action.OK;
        }
        return required ? Action.REFUSE : Action.WARN;
    }

    /** The message to log (WARN) or to refuse the start with (REFUSE); empty for OK. */
    public String message() {
        List<String> problems = problems();
        if (problems.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(
                required
                        ? "Refusing to start: QORGAU_REQUIRE_PRODUCTION_SETUP=true and this is not a production setup:"
                        : "NOT A PRODUCTION SETUP — this service runs in the prod profile, but:");
        problems.forEach(p -> sb.append("\n  - ").append(p));
        if (!required) {
            sb.append("\n  Fine for trying Qorgau out; set QORGAU_REQUIRE_PRODUCTION_SETUP=true to refuse to start"
                    + " like this.");
        }
        return sb.toString();
    }
}
