package io.asyncapikafka.jdbc;

import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.consumer.DedupContext;
import io.asyncapikafka.runtime.consumer.MessageHandler;
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import io.asyncapikafka.runtime.consumer.RecordBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A transactional inbox: a handler's writes to the database and the event's dedup mark commit in one transaction,
 * so a crash at any instant leaves both or neither, and the handler's database effects happen once while Kafka
 * delivers at least once.
 *
 * <p>{@link #handler} wraps an {@link InboxHandler} into a plain {@link MessageHandler} the runner registers as usual
 * ({@code .handle(TYPE, inbox.handler((message, connection) -> ...))}); no runtime hook is needed. Per record it takes
 * a connection from the {@link DataSource}, begins a transaction, inserts the mark ({@code PROCESSED} row of the event
 * id, in the same table as {@link JdbcProcessedEventStore}), runs the handler with that connection, and commits:
 * <ul>
 *   <li>the mark is already there, {@code PROCESSED}: a duplicate; rolled back, the handler is not run, and the record
 *       counts as handled (it is committed). A concurrent delivery's uncommitted mark makes the insert wait for that
 *       transaction: its commit makes this one a duplicate, its rollback lets this one run.</li>
 *   <li>the row is a {@code CLAIMED} row of a {@link JdbcProcessedEventStore} on the same table (the runner's
 *       event-id store, whose claim this attempt holds): it becomes {@code PROCESSED} inside the transaction.</li>
 *   <li>the handler throws, or the commit fails: rolled back (no side effect, no mark) and the exception goes to the
 *       runtime, which retries and dead-letters as for any handler. After an ambiguous commit (a timeout after the
 *       database committed) the retry finds the mark and skips.</li>
 * </ul>
 * The runner's event-id store can stay the in-memory default (it keeps two in-process deliveries of one id apart and
 * answers in-process repeats without a database round trip) or be a {@link JdbcProcessedEventStore} on the same table;
 * either way the mark written here is the durable truth. A business-key store is separate: its mark is written after
 * the handler's transaction (see the module README). Every record needs an event id ({@code ce_id} or the message's
 * event-id field); one without is dead-lettered as non-retryable.
 *
 * <p>Batched: in the broker loop, the records a handler thread runs on one partition in one go share one transaction
 * ({@link RecordBatch}) that commits when the runtime settles the batch, before any of those offsets is committed to
 * Kafka. Optimistically the handlers run without a round trip of the inbox's own and the batch's marks are written
 * with the commit; a mark already there or a failed handler fails the commit, and the runtime runs the batch again
 * (checked: each record's mark first, in a savepoint of its own, so a duplicate is skipped and a failing handler
 * rolled back alone). A failing commit rolls back every record of the batch, effects and marks, and the runtime runs
 * them all again. Outside a batch (the {@code HandlerDriver}, a direct call) each record has its own
 * transaction. Thread-safe.
 */
public final class JdbcInbox {

    private final DataSource dataSource;
    private final DedupTable table;
    private final String groupId;
    private final boolean createTable;
    private final Clock clock;
    private volatile boolean tableReady;
    private final AtomicLong duplicates = new AtomicLong();
    private final String promoteClaim;
    private final int queryTimeoutSeconds;
    /** The open transaction of the calling handler thread's batch, if any. */
    private final ThreadLocal<BatchTransaction> open = new ThreadLocal<>();
    /** Set on a handler thread whose last batch failed: its next batches check each mark first, until one finds none. */
    private final ThreadLocal<Boolean> checking = new ThreadLocal<>();

    private JdbcInbox(Builder b) {
        this.dataSource = b.dataSource;
        this.table = DedupTable.named(b.table);
        this.groupId = Objects.requireNonNull(b.groupId, "groupId (the consumer group the marks belong to)");
        this.createTable = b.createTable;
        this.tableReady = !b.createTable;
        this.clock = b.clock;
        this.queryTimeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, b.queryTimeout.toSeconds()));
        this.promoteClaim = "UPDATE " + table.name + " SET state = '" + DedupTable.PROCESSED + "', processed_at = ?"
                + " WHERE group_id = ? AND kind = ? AND message_type = ? AND id = ? AND state = '"
                + DedupTable.CLAIMED + "'";
    }

    /** A builder; {@link Builder#groupId} is required (use the consumer's group). */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The handler to register with the runner: {@code handler} runs in the inbox's transaction. */
    public <K, V, H> MessageHandler<K, V, H> handler(InboxHandler<K, V, H> handler) {
        Objects.requireNonNull(handler, "handler");
        return message -> handle(message, handler);
    }

    /** Deliveries skipped because their mark was already committed. */
    public long duplicatesSkipped() {
        return duplicates.get();
    }

    /** The table's name. */
    public String table() {
        return table.name;
    }

    private <K, V, H> void handle(ReceivedMessage<K, V, H> message, InboxHandler<K, V, H> handler) throws Exception {
        String id = message.eventId();
        if (id == null) {
            throw new NonRetryableException("the inbox needs an event id (ce_id or the message's event-id field) but "
                    + message.type() + " at " + message.topic() + "-" + message.partition() + "@" + message.offset()
                    + " has none");
        }
        RecordBatch batch = RecordBatch.current();
        if (batch != null) {
            handleInBatch(batch, message, handler, id);
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            ensureTable(c);
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            boolean committed = false;
            try {
                if (!mark(c, id)) {
                    c.rollback();
                    committed = true; // nothing to roll back below
                    duplicates.incrementAndGet();
                    return;
                }
                handler.handle(message, c);
                c.commit();
                committed = true;
            } finally {
                if (!committed) {
                    rollbackQuietly(c);
                }
                c.setAutoCommit(auto);
            }
        }
    }

    /** One record inside the batch's transaction, opened by the batch's first record, within a savepoint. */
    private <K, V, H> void handleInBatch(RecordBatch batch, ReceivedMessage<K, V, H> message,
            InboxHandler<K, V, H> handler, String id) throws Exception {
        BatchTransaction tx = open.get();
        if (tx == null) {
            Connection c = dataSource.getConnection();
            try {
                ensureTable(c);
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                tx = new BatchTransaction(c, auto, checking.get() != null);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            open.set(tx);
            batch.enlist(tx);
        }
        Connection c = tx.connection;
        if (!tx.checked) {
            // optimistic: the marks are inserted with the commit; a duplicate (a mark already there) fails it, and the
            // batch runs again checked. A handler failing here cannot be undone alone: the batch fails the same way.
            try {
                handler.handle(message, c);
            } catch (Throwable e) {
                tx.broken = e instanceof Exception ex ? ex : new Exception(e);
                throw e;
            }
            tx.ids.add(id);
            return;
        }
        Savepoint record = c.setSavepoint();
        boolean keep = false;
        try {
            if (!mark(c, id)) {
                c.rollback(record);
                keep = true; // nothing of it is left to undo
                tx.sawDuplicate = true;
                duplicates.incrementAndGet();
                return;
            }
            handler.handle(message, c);
            keep = true; // its savepoint is released with the commit
            tx.handled++;
        } finally {
            if (!keep) {
                tx.sawFailure = true;
                try {
                    c.rollback(record);
                } catch (SQLException | RuntimeException e) {
                    tx.broken = e; // the earlier records cannot be kept apart from this one: the batch fails
                }
            }
        }
    }

    /**
     * The transaction of one batch on one handler thread; committed or rolled back by the runtime. Optimistic (the
     * usual case): the handlers run without a mark or savepoint each, and the batch's marks are written with the
     * commit, two batched statements (promote claims of a store on the same table, insert the rest); a mark already
     * there (a re-delivery after a crash, a concurrent delivery) or a failed handler fails the commit, everything is
     * rolled back and the runtime runs the batch again, this time checked. Checked: each record inserts its mark
     * first, inside a savepoint of its own, and a duplicate or a failing handler is rolled back alone.
     */
    private final class BatchTransaction implements RecordBatch.Participant {
        final Connection connection;
        final boolean autoCommit;
        final boolean checked;
        final java.util.List<String> ids = new java.util.ArrayList<>();
        boolean sawDuplicate;
        boolean sawFailure;
        int handled;
        Exception broken;

        BatchTransaction(Connection connection, boolean autoCommit, boolean checked) {
            this.connection = connection;
            this.autoCommit = autoCommit;
            this.checked = checked;
        }

        @Override
        public void commit() throws SQLException {
            open.remove();
            boolean committed = false;
            try {
                if (broken != null) {
                    throw new SQLException("a handler of the batch failed, so the batch cannot be committed: " + broken,
                            broken);
                }
                if (!ids.isEmpty()) {
                    writeMarks(connection, ids);
                }
                connection.commit();
                committed = true;
                if (checked && handled > 0 && !sawDuplicate && !sawFailure) {
                    checking.remove(); // a clean batch: the re-delivered range or the failing record is behind us
                }
            } finally {
                if (!committed) {
                    checking.set(Boolean.TRUE);
                    rollbackQuietly(connection);
                }
                closeQuietly();
            }
        }

        @Override
        public void rollback() {
            open.remove();
            rollbackQuietly(connection);
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException | RuntimeException ignored) {
                // a broken connection: closing it is all that is left
            }
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // the same
            }
        }

        @Override
        public String toString() {
            return "inbox transaction on " + table.name;
        }
    }

    /** An optimistic batch's marks: claims of a store on the same table promoted, the others inserted. */
    private void writeMarks(Connection c, java.util.List<String> ids) throws SQLException {
        long now = clock.millis();
        String kind = DedupContext.Kind.EVENT_ID.name();
        int[] promoted;
        try (PreparedStatement ps = c.prepareStatement(promoteClaim)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            for (String id : ids) {
                ps.setLong(1, now);
                ps.setString(2, groupId);
                ps.setString(3, kind);
                ps.setString(4, "");
                ps.setString(5, id);
                ps.addBatch();
            }
            promoted = ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(table.insert)) {
            ps.setQueryTimeout(queryTimeoutSeconds); // bounds the wait behind a concurrent delivery's mark
            int inserts = 0;
            for (int k = 0; k < ids.size(); k++) {
                if (promoted[k] != 0) {
                    continue; // promoted (or counted as SUCCESS_NO_INFO)
                }
                ps.setString(1, groupId);
                ps.setString(2, kind);
                ps.setString(3, "");
                ps.setString(4, ids.get(k));
                ps.setString(5, DedupTable.PROCESSED);
                ps.setLong(6, now);
                ps.setLong(7, now);
                ps.addBatch();
                inserts++;
            }
            if (inserts > 0) {
                ps.executeBatch(); // a mark already there is a unique violation: the commit fails, the batch reruns
            }
        }
    }

    /** Inserts the mark in the open transaction; false when the event is already processed. */
    private boolean mark(Connection c, String id) throws SQLException {
        long now = clock.millis();
        String kind = DedupContext.Kind.EVENT_ID.name();
        // a savepoint, because on PostgreSQL a failed statement aborts the whole transaction
        var savepoint = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(table.insert)) {
            ps.setQueryTimeout(queryTimeoutSeconds); // bounds the wait behind a concurrent delivery's mark
            ps.setString(1, groupId);
            ps.setString(2, kind);
            ps.setString(3, "");
            ps.setString(4, id);
            ps.setString(5, DedupTable.PROCESSED);
            ps.setLong(6, now);
            ps.setLong(7, now);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (!DedupTable.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(savepoint);
        }
        try (PreparedStatement ps = c.prepareStatement(promoteClaim)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setLong(1, now);
            ps.setString(2, groupId);
            ps.setString(3, kind);
            ps.setString(4, "");
            ps.setString(5, id);
            return ps.executeUpdate() == 1;
        }
    }

    private void ensureTable(Connection c) throws SQLException {
        if (!tableReady) {
            synchronized (this) {
                if (!tableReady) {
                    table.createIfMissing(c);
                    tableReady = true;
                }
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is broken: the database rolls the transaction back when it goes
        }
    }

    @Override
    public String toString() {
        return "JdbcInbox[" + table.name + ", group " + groupId + (createTable ? ", creates table" : "") + "]";
    }

    /** Options of a {@link JdbcInbox}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = DedupTable.DEFAULT_NAME;
        private String groupId;
        private boolean createTable;
        private Clock clock = Clock.systemUTC();
        private Duration queryTimeout = JdbcProcessedEventStore.DEFAULT_QUERY_TIMEOUT;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Bound of the mark's statements (whole seconds, at least 1): how long a delivery waits behind a concurrent
         * delivery's uncommitted mark before failing (and being retried). The handler's own statements are its own.
         * Default 30 s.
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = DedupTable.positive(timeout, "queryTimeout");
            return this;
        }

        /** The consumer group whose marks these are (the runner's {@code groupId}). */
        public Builder groupId(String groupId) {
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            return this;
        }

        /** Table name; default {@code asyncapi_processed_events} (the same table as the store). */
        public Builder table(String name) {
            DedupTable.named(name);
            this.table = name;
            return this;
        }

        /** Whether the table is created on first use when it does not exist (default: it must exist). */
        public Builder createTableIfMissing(boolean create) {
            this.createTable = create;
            return this;
        }

        /** The clock of marks (retention tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JdbcInbox build() {
            return new JdbcInbox(this);
        }
    }
}
