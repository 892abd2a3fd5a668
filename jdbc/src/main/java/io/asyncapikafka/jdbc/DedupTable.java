package io.asyncapikafka.jdbc;

import io.asyncapikafka.runtime.consumer.DedupContext;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one dedup table shared by {@link JdbcProcessedEventStore} and {@link JdbcInbox}: its name, its statements in
 * standard SQL, and the identity rule of the SPI (an event id per group and kind, a business key per group, kind and
 * message type: event ids are stored with an empty message type). Times are epoch milliseconds in {@code BIGINT}
 * columns, so that the conditional take-over compares exact values on every database.
 */
final class DedupTable {

    static final String DEFAULT_NAME = "asyncapi_processed_events";
    static final String CLAIMED = "CLAIMED";
    static final String PROCESSED = "PROCESSED";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    final String name;
    final String insert;
    final String select;
    final String takeOver;
    final String complete;
    final String release;
    final String selectExpired;
    final String deleteExpired;

    private DedupTable(String name) {
        this.name = name;
        String key = "group_id = ? AND kind = ? AND message_type = ? AND id = ?";
        insert = "INSERT INTO " + name + " (group_id, kind, message_type, id, state, claimed_at, processed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        select = "SELECT state, claimed_at FROM " + name + " WHERE " + key;
        takeOver = "UPDATE " + name + " SET claimed_at = ? WHERE " + key + " AND state = '" + CLAIMED
                + "' AND claimed_at = ?";
        complete = "UPDATE " + name + " SET state = '" + PROCESSED + "', processed_at = ? WHERE " + key;
        release = "DELETE FROM " + name + " WHERE " + key + " AND state = '" + CLAIMED + "'";
        selectExpired = "SELECT group_id, kind, message_type, id FROM " + name
                + " WHERE (state = '" + PROCESSED + "' AND processed_at < ?) OR (state = '" + CLAIMED
                + "' AND claimed_at < ?)";
        deleteExpired = "DELETE FROM " + name + " WHERE " + key + " AND ((state = '" + PROCESSED
                + "' AND processed_at < ?) OR (state = '" + CLAIMED + "' AND claimed_at < ?))";
    }

    /** Rows at most in one {@link #insertRows} statement. */
    static final int MAX_INSERT_ROWS = 64;
    /** {@link #insertRows} by row count, built when first asked for. */
    private final String[] insertRows = new String[MAX_INSERT_ROWS + 1];

    /**
     * {@link #insert} with {@code rows} rows of values (1 to {@link #MAX_INSERT_ROWS}): one statement the database
     * parses and runs once, where a JDBC batch of single-row inserts runs one per row (PostgreSQL's driver sends each
     * row as its own bind and execute). Standard SQL; PostgreSQL, H2 and MySQL/MariaDB take it.
     */
    String insertRows(int rows) {
        String sql = insertRows[rows];
        if (sql == null) {
            StringBuilder b = new StringBuilder(insert);
            for (int k = 1; k < rows; k++) {
                b.append(", (?, ?, ?, ?, ?, ?, ?)");
            }
            sql = b.toString();
            insertRows[rows] = sql; // a benign race: every thread builds the same text
        }
        return sql;
    }

    /** {@code value}, checked to be a positive duration (a builder option named {@code option}). */
    static java.time.Duration positive(java.time.Duration value, String option) {
        java.util.Objects.requireNonNull(value, option);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option + " must be positive but was " + value);
        }
        return value;
    }

    static DedupTable named(String name) {
        Objects.requireNonNull(name, "table");
        if (!NAME.matcher(name).matches()) {
            // the name is spliced into SQL: only plain identifiers, optionally schema-qualified
            throw new IllegalArgumentException("table name must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*,"
                    + " optionally schema.table) but was '" + name + "'");
        }
        return new DedupTable(name);
    }

    /** The message-type column of an id: part of the identity of a business key only. */
    static String messageTypeOf(DedupContext context) {
        return context.kind() == DedupContext.Kind.BUSINESS_KEY ? context.messageType() : "";
    }

    /** The DDL, portable across PostgreSQL, H2 and most databases (see the module README). */
    String ddl() {
        return ddl(255, 255, 255, "");
    }

    /**
     * The DDL for MySQL/MariaDB: InnoDB caps a key at 3072 bytes, and utf8mb4 counts 4 bytes a character, so the
     * key's columns are shorter there (150 + 16 + 150 + 191 characters).
     */
    String mysqlDdl() {
        return ddl(150, 150, 191, " ENGINE=InnoDB");
    }

    private String ddl(int group, int type, int id, String suffix) {
        return "CREATE TABLE " + name + " ("
                + "group_id VARCHAR(" + group + ") NOT NULL, "
                + "kind VARCHAR(16) NOT NULL, "
                + "message_type VARCHAR(" + type + ") NOT NULL, "
                + "id VARCHAR(" + id + ") NOT NULL, "
                + "state VARCHAR(9) NOT NULL, "
                + "claimed_at BIGINT NOT NULL, "
                + "processed_at BIGINT, "
                + "PRIMARY KEY (group_id, kind, message_type, id))" + suffix;
    }

    /** Creates the table unless it exists; a concurrent creator winning the race is fine. */
    void createIfMissing(Connection c) throws SQLException {
        if (exists(c)) {
            return;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            s.execute(product.contains("mysql") || product.contains("mariadb") ? mysqlDdl() : ddl());
        } catch (SQLException e) {
            if (!exists(c)) {
                throw e;
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private boolean exists(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = null;
        String table = name;
        int dot = name.indexOf('.');
        if (dot > 0) {
            schema = name.substring(0, dot);
            table = name.substring(dot + 1);
        }
        // databases fold unquoted names differently (PostgreSQL lower, H2 upper): try both
        for (String t : new String[] {table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)}) {
            for (String sc : schema == null ? new String[] {null}
                    : new String[] {schema, schema.toLowerCase(Locale.ROOT), schema.toUpperCase(Locale.ROOT)}) {
                try (ResultSet rs = meta.getTables(null, sc, t, new String[] {"TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code e} is a unique-key (or primary-key) violation: "already there". Other integrity violations (a
     * NOT NULL, a too-long value) are real failures. SQLSTATE 23505 is the standard's code (PostgreSQL, H2, Derby,
     * DB2); MySQL/MariaDB, Oracle and SQL Server report the class 23000 with a vendor code.
     */
    static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if ("23505".equals(state)) {
                return true;
            }
            if ("23000".equals(state)) {
                int code = s.getErrorCode();
                if (code == 1062 || code == 1586 || code == 1 || code == 2627 || code == 2601) {
                    return true;
                }
            }
        }
        return false;
    }
}
