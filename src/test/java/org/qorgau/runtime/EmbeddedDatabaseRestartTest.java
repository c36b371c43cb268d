package org.qorgau.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded server keeps its data directory across restarts, which is what keeps the registry. */
class EmbeddedDatabaseRestartTest {

    @Test
    void shouldKeepDataAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-pg");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dir, false, 0);
                Connection c = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
                Statement s = c.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('registry survives')");
        }
        try (EmbeddedDatabase second = EmbeddedDatabase.start(dir, false, 0);
                Connection c = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select v from kept")) {
            rs.next();
            assertEquals("registry survives", rs.getString(1));
        }
    }
}
