package io.asyncapikafka.jdbc;

import io.asyncapikafka.runtime.consumer.ClaimResult;
import io.asyncapikafka.runtime.consumer.ClaimedId;
import io.asyncapikafka.runtime.consumer.DedupContext;
import io.asyncapikafka.runtime.consumer.ProcessedEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link ProcessedEventStore} on one database table, through plain JDBC and the service's own {@link DataSource}
 * (its pool, its driver): shared by every instance of a consumer group, it survives crashes and restarts. Serves both
 * levels: event ids ({@code .processedEventStore(store)}) and business keys ({@code .businessKeyStore(store)}).
 *
 * <p>The table's primary key {@code (group_id, kind, message_type, id)} decides who wins, never a read: {@link #claim}
 * inserts a {@code CLAIMED} row; a unique-key violation means the id is there, and the row then tells
 * {@code ALREADY_PROCESSED} (state {@code PROCESSED}), {@code IN_FLIGHT} (claimed within the lease) or, for a claim
 * older than the lease (its process died), a take-over by a conditional {@code UPDATE ... WHERE claimed_at = <seen>}
 * that only one of several racers can win. {@link #complete} updates the row to {@code PROCESSED}; {@link #release}
 * deletes a {@code CLAIMED} row. Each call is one short auto-commit statement or two on a connection of its own;
 * {@link #completeAll} (the runtime's batched marks) is one batched {@code UPDATE} in one transaction.
 *
 * <p>Every {@link SQLException} becomes a {@link JdbcStoreException}: the runtime counts it and retries with back-off
 * (never a skip, never a lost record). Retention: {@link #purgeOlderThan} deletes old rows in bounded batches;
 * {@link #startPurger} runs it on a daemon thread of its own, never on a consumer thread. Thread-safe.
 */
public final class JdbcProcessedEventStore implements ProcessedEventStore {

    /** Default bound of each statement: a hung database becomes a store failure (retried), not a stuck thread. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** Default lease of a claim; must exceed the longest handler run. */
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(5);

    private final DataSource dataSource;
    private final DedupTable table;
    private final long leaseMillis;
    private final Clock clock;
    private final boolean createTable;
    private final int queryTimeoutSeconds;
    private volatile boolean tableReady;

    private JdbcProcessedEventStore(Builder b) {
        this.dataSource = b.dataSource;
        this.table = DedupTable.named(b.table);
        this.leaseMillis = b.claimLease.toMillis();
        this.clock = b.clock;
        this.createTable = b.createTable;
        this.queryTimeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, b.queryTimeout.toSeconds()));
        this.tableReady = !b.createTable;
    }

    /** A store on table {@code asyncapi_processed_events} (which must exist), with the default lease. */
    public static JdbcProcessedEventStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** A builder: table name, claim lease, table creation, clock. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The table's name. */
    public String table() {
        return table.name;
    }

    /** The {@code CREATE TABLE} statement this store uses with {@code createTableIfMissing(true)}. */
    public String ddl() {
        return table.ddl();
    }

    @Override
    public ClaimResult claim(DedupContext context, String id) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(id, "id");
        try (Connection c = connection()) {
            // a row can vanish between our insert and our read (released, purged): then the insert is tried again
            for (int round = 0; round < 5; round++) {
                long now = clock.millis();
                if (tryInsert(c, context, id, now)) {
                    return ClaimResult.CLAIMED;
                }
                Long claimedAt = null;
                String state = null;
                try (PreparedStatement ps = prepare(c, table.select)) {
                    bindKey(ps, 1, context, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            state = rs.getString(1);
                            claimedAt = rs.getLong(2);
                        }
                    }
                }
                if (state == null) {
                    continue;
                }
                if (DedupTable.PROCESSED.equals(state)) {
                    return ClaimResult.ALREADY_PROCESSED;
                }
                if (now - claimedAt < leaseMillis) {
                    return ClaimResult.IN_FLIGHT;
                }
                // an abandoned claim: take it over only if nobody else did since we read it
                try (PreparedStatement ps = prepare(c, table.takeOver)) {
                    ps.setLong(1, now);
                    bindKey(ps, 2, context, id);
                    ps.setLong(6, claimedAt);
                    if (ps.executeUpdate() == 1) {
                        return ClaimResult.CLAIMED;
                    }
                }
            }
            // the row keeps changing under us: another attempt is active on this id
            return ClaimResult.IN_FLIGHT;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                // a data exception (the id longer than its column, ...): the same on every try
                throw new JdbcDataException("claim of " + context.kind() + " '" + abbreviate(id) + "' (group "
                        + context.groupId() + ") on table " + table.name + " is refused for the value: SQLSTATE "
                        + e.getSQLState() + ": " + e.getMessage(), e);
            }
            throw failure("claim", context, id, e);
        }
    }

    private boolean tryInsert(Connection c, DedupContext context, String id, long now) throws SQLException {
        try (PreparedStatement ps = prepare(c, table.insert)) {
            bindKey(ps, 1, context, id);
            ps.setString(5, DedupTable.CLAIMED);
            ps.setLong(6, now);
            ps.setNull(7, java.sql.Types.BIGINT);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DedupTable.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void complete(DedupContext context, String id) {
        try (Connection c = connection(); PreparedStatement ps = prepare(c, table.complete)) {
            ps.setLong(1, clock.millis());
            bindKey(ps, 2, context, id);
            if (ps.executeUpdate() == 0) {
                // the claim row is gone (purged, or released by a racer after a take-over): record the mark anyway
                long now = clock.millis();
                try (PreparedStatement ins = prepare(c, table.insert)) {
                    bindKey(ins, 1, context, id);
                    ins.setString(5, DedupTable.PROCESSED);
                    ins.setLong(6, now);
                    ins.setLong(7, now);
                    ins.executeUpdate();
                } catch (SQLException e) {
                    if (!DedupTable.isUniqueViolation(e)) {
                        throw e;
                    }
                    complete(context, id); // someone inserted meanwhile: update that row
                }
            }
        } catch (SQLException e) {
            throw failure("complete", context, id, e);
        }
    }

    /** {@code true}: the runtime gathers the marks of a run of records into one {@link #completeAll}. */
    @Override
    public boolean batchesCompletes() {
        return true;
    }

    /** One JDBC batch of the {@link #complete} updates, in one transaction; ids whose row is gone are inserted. */
    @Override
    public void completeAll(List<ClaimedId> claims) {
        if (claims.isEmpty()) {
            return;
        }
        if (claims.size() == 1) {
            complete(claims.get(0).context(), claims.get(0).id());
            return;
        }
        int[] counts;
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = prepare(c, table.complete)) {
                long now = clock.millis();
                for (ClaimedId claim : claims) {
                    ps.setLong(1, now);
                    bindKey(ps, 2, claim.context(), claim.id());
                    ps.addBatch();
                }
                counts = ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // broken connection: the database rolls back when it goes
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            ClaimedId first = claims.get(0);
            throw failure("completeAll (" + claims.size() + " ids)", first.context(), first.id(), e);
        }
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) {
                complete(claims.get(k).context(), claims.get(k).id()); // the row is gone: complete inserts the mark
            }
        }
    }

    @Override
    public void release(DedupContext context, String id) {
        try (Connection c = connection(); PreparedStatement ps = prepare(c, table.release)) {
            bindKey(ps, 1, context, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("release", context, id, e);
        }
    }

    /**
     * Deletes processed rows marked, and claims made, more than {@code age} ago, at most {@code batchSize} per
     * statement round and transaction (so no long lock is held while consumers insert), until none is left.
     *
     * @return the number of rows deleted
     */
    public long purgeOlderThan(Duration age, int batchSize) {
        return Purge.run(this::connection, table, clock, age, batchSize);
    }

    /**
     * Starts a daemon thread that calls {@link #purgeOlderThan}{@code (age, batchSize)} every {@code every}; failures
     * are logged and tried again next time. Close the returned purger to stop it.
     */
    public Purger startPurger(Duration age, int batchSize, Duration every) {
        return Purger.start(() -> purgeOlderThan(age, batchSize), table.name, every);
    }

    Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            if (!tableReady) {
                synchronized (this) {
                    if (!tableReady) {
                        table.createIfMissing(c);
                        tableReady = true;
                    }
                }
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(queryTimeoutSeconds);
        return ps;
    }

    static void bindKey(PreparedStatement ps, int from, DedupContext context, String id) throws SQLException {
        ps.setString(from, context.groupId());
        ps.setString(from + 1, context.kind().name());
        ps.setString(from + 2, DedupTable.messageTypeOf(context));
        ps.setString(from + 3, id);
    }

    private static String abbreviate(String id) {
        return id.length() <= 80 ? id : id.substring(0, 80) + "... (" + id.length() + " characters)";
    }

    private JdbcStoreException failure(String call, DedupContext context, String id, SQLException e) {
        return new JdbcStoreException(call + " of " + context.kind() + " '" + id + "' (group " + context.groupId()
                + ") on table " + table.name + " failed: SQLSTATE " + e.getSQLState() + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "JdbcProcessedEventStore[" + table.name + ", lease " + leaseMillis + " ms"
                + (createTable ? ", creates table" : "") + "]";
    }

    /** Options of a {@link JdbcProcessedEventStore}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = DedupTable.DEFAULT_NAME;
        private Duration claimLease = DEFAULT_CLAIM_LEASE;
        private boolean createTable;
        private Clock clock = Clock.systemUTC();
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Bound of each statement ({@code Statement.setQueryTimeout}, whole seconds, at least 1); past it the call
         * fails and the runtime retries it with back-off. Default 30 s.
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = DedupTable.positive(timeout, "queryTimeout");
            return this;
        }

        /** Table name (a plain identifier, optionally {@code schema.table}); default {@code asyncapi_processed_events}. */
        public Builder table(String name) {
            DedupTable.named(name);
            this.table = name;
            return this;
        }

        /** Lease of a claim: an older claim counts as abandoned and is taken over. Default 5 minutes. */
        public Builder claimLease(Duration lease) {
            Objects.requireNonNull(lease, "claimLease");
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("claimLease must be positive but was " + lease);
            }
            this.claimLease = lease;
            return this;
        }

        /** Whether the table is created on first use when it does not exist (default: it must exist). */
        public Builder createTableIfMissing(boolean create) {
            this.createTable = create;
            return this;
        }

        /** The clock of claims and marks (tests of leases and retention). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JdbcProcessedEventStore build() {
            return new JdbcProcessedEventStore(this);
        }
    }
}
