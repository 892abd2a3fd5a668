package io.asyncapikafka.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Retention in bounded batches, in portable SQL: select up to {@code batchSize} expired keys ({@code setMaxRows},
 * since {@code DELETE ... LIMIT} is not standard), delete them by key with the expiry condition repeated (a row
 * renewed meanwhile stays), commit, repeat. Each batch is a short transaction, so consumers' inserts never wait long.
 */
final class Purge {

    interface Connections {
        Connection open() throws SQLException;
    }

    private Purge() {}

    static long run(Connections connections, DedupTable table, Clock clock, Duration age, int batchSize) {
        Objects.requireNonNull(age, "age");
        if (age.isNegative()) {
            throw new IllegalArgumentException("age must not be negative but was " + age);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
        }
        long cutoff = clock.millis() - age.toMillis();
        long deleted = 0;
        try (Connection c = connections.open()) {
            while (true) {
                List<String[]> keys = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(table.selectExpired)) {
                    ps.setMaxRows(batchSize);
                    ps.setLong(1, cutoff);
                    ps.setLong(2, cutoff);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next() && keys.size() < batchSize) {
                            keys.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                        }
                    }
                }
                if (keys.isEmpty()) {
                    return deleted;
                }
                c.setAutoCommit(false);
                try (PreparedStatement del = c.prepareStatement(table.deleteExpired)) {
                    for (String[] k : keys) {
                        for (int i = 0; i < 4; i++) {
                            del.setString(i + 1, k[i]);
                        }
                        del.setLong(5, cutoff);
                        del.setLong(6, cutoff);
                        del.addBatch();
                    }
                    for (int n : del.executeBatch()) {
                        deleted += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(n, 0); // a driver may not count
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                if (keys.size() < batchSize) {
                    return deleted;
                }
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("purging " + table.name + " of entries older than " + age + " failed: SQLSTATE "
                    + e.getSQLState() + ": " + e.getMessage(), e);
        }
    }
}
