package org.qorgau.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Recognises the exceptions that mean "the database is down or the pool is exhausted", which answer 503. */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01"))) {
                return true;
            }
            String name = t.getClass().getSimpleName();
            if (name.equals("JDBCConnectionException") || name.equals("AcquisitionTimeoutException")) {
                return true;
            }
        }
        return false;
    }
}
