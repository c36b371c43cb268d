package org.qorgau.error;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises the exceptions that mean "the database is down, too slow or the pool is exhausted", which answer 503
 * rather than 500: none of them is the client's fault or a bug, and a retry later can succeed.
 *
 * <table>
 *   <caption>What counts as unavailable</caption>
 *   <tr><th>source</th><th>signal</th><th>when</th></tr>
 *   <tr><td>SQLState class 08</td><td>connection exception</td><td>server gone, refused, connection broken</td></tr>
 *   <tr><td>57P01, 57P02, 57P03</td><td>admin/crash shutdown, cannot connect now</td><td>server stopping or
 *       starting</td></tr>
 *   <tr><td>57014</td><td>query canceled</td><td>{@code statement_timeout} hit (slow database, held lock)</td></tr>
 *   <tr><td>55P03</td><td>lock not available</td><td>{@code lock_timeout} hit</td></tr>
 *   <tr><td>53xxx</td><td>insufficient resources</td><td>too many connections, disk full, out of memory</td></tr>
 *   <tr><td>Agroal</td><td>plain SQLException "acquisition timeout"</td><td>pool exhausted for
 *       {@code quarkus.datasource.jdbc.acquisition-timeout}</td></tr>
 * </table>
 */
public final class DatabaseUnavailable {

    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "57014", "55P03");

    private DatabaseUnavailable() {}

    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("53") || STATES.contains(state))) {
                    return true;
                }
                // Agroal reports an exhausted pool or a closing pool as a plain SQLException without a state
                String message =
                        sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
                if (state == null
                        && (message.contains("acquisition timeout")
                                || message.contains("pool is closed")
                                || message.contains("pool is shutting down"))) {
                    return true;
                }
            }
            String name = t.getClass().getSimpleName();
            if (name.equals("JDBCConnectionException") || name.equals("AcquisitionTimeoutException")) {
                return true;
            }
        }
        return false;
    }
}
