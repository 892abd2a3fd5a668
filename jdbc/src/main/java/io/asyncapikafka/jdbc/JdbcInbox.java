package io.asyncapikafka.jdbc;

import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.StoreUnavailableException;
import io.asyncapikafka.runtime.consumer.DedupContext;
import io.asyncapikafka.runtime.consumer.MessageHandler;
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import io.asyncapikafka.runtime.consumer.RecordBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
 *   <li>the database cannot be reached ({@link #unavailable}): rolled back as far as it can be, and a
 *       {@link StoreUnavailableException} goes to the runtime, which waits the outage out without using an attempt.</li>
 * </ul>
 * The runner's event-id store can stay the in-memory default (it keeps two in-process deliveries of one id apart and
 * answers in-process repeats without a database round trip) or be a {@link JdbcProcessedEventStore} on the same table;
 * either way the mark written here is the durable truth. A business-key store is separate: its mark is written after
 * the handler's transaction, and a re-delivery skipped by its event id completes it (see the module README). Every
 * record needs an event id ({@code ce_id} or the message's event-id field); one without is dead-lettered as
 * non-retryable.
 *
 * <p>Batched: in the broker loop, the records a handler thread runs on one partition in one go share one transaction
 * ({@link RecordBatch}) that commits when the runtime settles the batch, before any of those offsets is committed to
 * Kafka. Optimistically the handlers run without a round trip of the inbox's own and the batch's marks are written
 * with the commit. A failing handler or a mark already there does not fail the batch: the transaction is redone at
 * once, checked (each record's mark looked up first, in a savepoint of its own), so a duplicate is skipped, and a
 * failing record is rolled back alone and retried or dead-lettered by the runtime like any failing handler, its
 * attempts counted, while the records before it commit. A failing commit (the database refuses it) rolls back every
 * record of the batch, effects and marks, and the runtime runs them all again after a back-off, checked. Outside a
 * batch (the {@code HandlerDriver}, a direct call) each record has its own transaction. Thread-safe.
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
    /**
     * Per partition ({@code topic-partition}) whose batch failed to commit: the last offset of that batch. Batches
     * starting at or before it run checked; the entry goes once a batch starts after it.
     */
    private final ConcurrentHashMap<String, Long> checkThrough = new ConcurrentHashMap<>();
    /**
     * Whether a claim of a {@link JdbcProcessedEventStore} on the same table was met (the runner's event-id store is
     * that store): from then on an optimistic batch promotes claims before inserting its marks. Until then it only
     * inserts, and a claim row there makes the insert fail like any mark already there, so the batch is redone
     * checked, which promotes it and sets this.
     */
    private volatile boolean claimsSeen;

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
        try {
            handleOrFail(message, handler);
        } catch (Exception e) {
            if (unavailable(e)) {
                throw outage(e);
            }
            throw e;
        }
    }

    private <K, V, H> void handleOrFail(ReceivedMessage<K, V, H> message, InboxHandler<K, V, H> handler)
            throws Exception {
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

    /**
     * One record inside the batch's transaction, opened by the batch's first record: optimistic (no round trip of
     * the inbox's own; the mark is written with the commit), or checked (see {@link BatchTransaction}).
     */
    private <K, V, H> void handleInBatch(RecordBatch batch, ReceivedMessage<K, V, H> message,
            InboxHandler<K, V, H> handler, String id) throws Exception {
        BatchTransaction tx = open.get();
        if (tx == null) {
            String where = message.topic() + "-" + message.partition();
            Long through = checkThrough.get(where);
            boolean checked = through != null && message.offset() <= through;
            if (through != null && !checked) {
                checkThrough.remove(where, through); // the range of the batch that failed to commit is behind us
            }
            Connection c = dataSource.getConnection();
            try {
                ensureTable(c);
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                tx = new BatchTransaction(c, auto, checked, where);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            open.set(tx);
            batch.enlist(tx);
        }
        tx.lastOffset = Math.max(tx.lastOffset, message.offset());
        Entry<K, V, H> entry = new Entry<>(message, handler, id);
        if (tx.checked) {
            tx.runChecked(entry); // a failure of this record is rolled back alone and goes to the runtime
            tx.entries.add(entry);
            return;
        }
        try {
            handler.handle(message, tx.connection);
        } catch (Throwable e) {
            // this record's writes cannot be undone alone in an optimistic transaction: undo everything and redo the
            // records before it checked, on this thread and at once, so that only this record fails (its attempt
            // counted by the runtime, which retries or dead-letters it) and the others commit with the batch
            if (e instanceof VirtualMachineError) {
                tx.broken = new Exception(e);
            } else if (unavailable(e)) {
                // the database is down: nothing to redo on it; the batch fails as an outage
                tx.broken = e instanceof Exception ex ? ex : new Exception(e);
            } else {
                tx.redoChecked();
            }
            throw e;
        }
        tx.entries.add(entry);
        tx.marks.add(id);
    }

    /** A record that ran in a batch's transaction, kept to be run again should the transaction have to be redone. */
    private record Entry<K, V, H>(ReceivedMessage<K, V, H> message, InboxHandler<K, V, H> handler, String id) {

        void run(Connection c) throws Exception {
            handler.handle(message, c);
        }
    }

    /** What a checked record found for its mark. */
    private enum Mark {
        /** Already processed: the record is skipped. */
        DUPLICATE,
        /** Claimed by a {@link JdbcProcessedEventStore} on the same table (the runner's claim): promoted at commit. */
        CLAIMED,
        /** Inserted in the transaction. */
        INSERTED
    }

    /**
     * The transaction of one batch on one handler thread; committed or rolled back by the runtime.
     *
     * <p>Optimistic (the usual case): the handlers run without a mark or savepoint each, and the batch's marks are
     * written with the commit: one multi-row insert (and, once the inbox met claims of a store on the same table, a
     * batched update promoting those first). When a handler fails, the transaction is rolled back and the records
     * before it run again checked, at once and on this thread, before its exception goes to the runtime: that record alone fails and follows the
     * runtime's retry and dead-letter rules, and the others commit with the batch. When a mark is already there at
     * commit (a re-delivery after a crash, a concurrent delivery that won), the batch is redone checked the same
     * way, skipping those records, and then committed.
     *
     * <p>Checked: each record looks its mark up first ({@code SELECT}, no lock), is skipped when it is processed, and
     * runs in a savepoint of its own, so a failing handler is rolled back alone; a mark that is the runner's claim
     * is promoted with the commit (promoting it at once would lock its row, and an exact duplicate later in the same
     * batch would wait for that lock in its own claim until the statement timeout); an absent one is inserted.
     *
     * <p>Only when that cannot help (a handler that succeeded fails when run again, the database refuses the
     * commit) does the commit fail, the runtime runs the batch again after a back-off, and the partition's batches
     * run checked until they are past the failed one's last offset, so a record whose own mark or handler breaks the
     * batch then fails alone.
     */
    private final class BatchTransaction implements RecordBatch.Participant {
        final Connection connection;
        final boolean autoCommit;
        final String where;
        boolean checked;
        long lastOffset = -1;
        /** The records run so far (run again when the transaction is redone). */
        final List<Entry<?, ?, ?>> entries = new ArrayList<>();
        /** The ids to mark with the commit: every optimistic record's, and checked ones whose row is a claim. */
        final List<String> marks = new ArrayList<>();
        Exception broken;

        BatchTransaction(Connection connection, boolean autoCommit, boolean checked, String where) {
            this.connection = connection;
            this.autoCommit = autoCommit;
            this.checked = checked;
            this.where = where;
        }

        /** Runs {@code entry} checked: its mark looked up first, inside a savepoint; throws the handler's failure. */
        void runChecked(Entry<?, ?, ?> entry) throws Exception {
            Connection c = connection;
            Savepoint record = c.setSavepoint();
            boolean keep = false;
            try {
                Mark mark = checkMark(c, entry.id());
                if (mark == Mark.DUPLICATE) {
                    keep = true; // nothing of it was written
                    duplicates.incrementAndGet();
                    return;
                }
                entry.run(c);
                keep = true; // its savepoint is released with the commit
                if (mark == Mark.CLAIMED) {
                    marks.add(entry.id());
                }
            } finally {
                if (!keep) {
                    try {
                        c.rollback(record);
                    } catch (SQLException | RuntimeException e) {
                        broken = e; // the earlier records cannot be kept apart from this one: the batch fails
                    }
                }
            }
        }

        /**
         * Rolls everything back and runs the records so far again checked; a record failing now (it had succeeded)
         * or a database error breaks the batch (its commit fails).
         */
        void redoChecked() {
            List<Entry<?, ?, ?>> done = new ArrayList<>(entries);
            entries.clear();
            marks.clear();
            checked = true;
            try {
                connection.rollback();
                for (Entry<?, ?, ?> entry : done) {
                    runChecked(entry);
                    entries.add(entry);
                }
            } catch (Throwable e) {
                if (broken == null) {
                    broken = e instanceof Exception ex ? ex : new Exception(e);
                }
            }
        }

        /** Commits the batch; a {@link StoreUnavailableException} when the database cannot be reached. */
        @Override
        public void commit() throws SQLException {
            open.remove();
            boolean committed = false;
            try {
                failIfBroken();
                if (!marks.isEmpty()) {
                    try {
                        writeMarks(connection, marks);
                    } catch (SQLException e) {
                        if (checked || !DedupTable.isUniqueViolation(e)) {
                            throw e;
                        }
                        // a mark already there: redo the batch checked, which skips the records already processed
                        redoChecked();
                        failIfBroken();
                        if (!marks.isEmpty()) {
                            writeMarks(connection, marks);
                        }
                    }
                }
                connection.commit();
                committed = true;
            } catch (SQLException | RuntimeException e) {
                if (unavailable(e)) {
                    throw outage(e);
                }
                throw e;
            } finally {
                if (!committed) {
                    checkThrough.merge(where, lastOffset, Math::max);
                    rollbackQuietly(connection);
                }
                closeQuietly();
            }
        }

        private void failIfBroken() throws SQLException {
            if (broken != null) {
                throw new SQLException("a record of the batch failed when its transaction was redone, so the batch"
                        + " cannot be committed: " + broken, broken);
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

    /** A checked record's mark: looked up without a lock, inserted when absent. */
    private Mark checkMark(Connection c, String id) throws SQLException {
        String kind = DedupContext.Kind.EVENT_ID.name();
        for (int round = 0; round < 5; round++) {
            try (PreparedStatement ps = c.prepareStatement(table.select)) {
                ps.setQueryTimeout(queryTimeoutSeconds);
                ps.setString(1, groupId);
                ps.setString(2, kind);
                ps.setString(3, "");
                ps.setString(4, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (DedupTable.PROCESSED.equals(rs.getString(1))) {
                            return Mark.DUPLICATE;
                        }
                        claimsSeen = true;
                        return Mark.CLAIMED;
                    }
                }
            }
            // absent: insert it; a savepoint, because on PostgreSQL a failed statement aborts the whole transaction
            Savepoint savepoint = c.setSavepoint();
            try {
                insertMark(c, kind, id, clock.millis());
                return Mark.INSERTED;
            } catch (SQLException e) {
                if (!DedupTable.isUniqueViolation(e)) {
                    throw e;
                }
                c.rollback(savepoint); // inserted meanwhile by another delivery: look again
            }
        }
        throw new SQLException("the mark of event " + id + " on " + table.name + " keeps changing under concurrent"
                + " deliveries");
    }

    /**
     * An optimistic batch's marks: claims of a store on the same table promoted (once such a claim was met, see
     * {@link #claimsSeen}), the others inserted.
     */
    private void writeMarks(Connection c, List<String> ids) throws SQLException {
        long now = clock.millis();
        String kind = DedupContext.Kind.EVENT_ID.name();
        int[] promoted = claimsSeen ? promoteClaims(c, ids, now, kind) : new int[ids.size()];
        List<String> inserts = new ArrayList<>(ids.size());
        for (int k = 0; k < ids.size(); k++) {
            if (promoted[k] == 0) {
                inserts.add(ids.get(k)); // not promoted (a promoted one counts 1, or SUCCESS_NO_INFO)
            }
        }
        // multi-row inserts of at most MAX_INSERT_ROWS rows; a mark already there fails the statement with a unique
        // violation, and the batch is redone checked
        for (int from = 0; from < inserts.size(); from += DedupTable.MAX_INSERT_ROWS) {
            int rows = Math.min(DedupTable.MAX_INSERT_ROWS, inserts.size() - from);
            try (PreparedStatement ps = c.prepareStatement(table.insertRows(rows))) {
                ps.setQueryTimeout(queryTimeoutSeconds); // bounds the wait behind a concurrent delivery's mark
                int p = 0;
                for (int k = from; k < from + rows; k++) {
                    ps.setString(++p, groupId);
                    ps.setString(++p, kind);
                    ps.setString(++p, "");
                    ps.setString(++p, inserts.get(k));
                    ps.setString(++p, DedupTable.PROCESSED);
                    ps.setLong(++p, now);
                    ps.setLong(++p, now);
                }
                ps.executeUpdate();
            }
        }
    }

    /** Claims of a store on the same table among {@code ids} made PROCESSED; per id, the rows changed. */
    private int[] promoteClaims(Connection c, List<String> ids, long now, String kind) throws SQLException {
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
            return ps.executeBatch();
        }
    }

    /** One PROCESSED mark inserted in the open transaction; a unique violation when it is there already. */
    private void insertMark(Connection c, String kind, String id, long now) throws SQLException {
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
        }
    }

    /** Inserts the mark in the open transaction; false when the event is already processed. */
    private boolean mark(Connection c, String id) throws SQLException {
        long now = clock.millis();
        String kind = DedupContext.Kind.EVENT_ID.name();
        // a savepoint, because on PostgreSQL a failed statement aborts the whole transaction
        var savepoint = c.setSavepoint();
        try {
            insertMark(c, kind, id, now);
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

    /**
     * Whether {@code e} says the database cannot be reached right now rather than that this record fails: a
     * connection refused or broken (SQLSTATE class {@code 08}, {@link SQLTransientConnectionException},
     * {@link SQLRecoverableException}), the server shutting down, starting up or out of connections (PostgreSQL's
     * {@code 57P01}-{@code 57P03}, {@code 53300}), anywhere in the cause chain (the handler's own statements too).
     */
    static boolean unavailable(Throwable e) {
        Throwable c = e;
        for (int depth = 0; c != null && depth < 100; depth++) {
            if (c instanceof StoreUnavailableException || c instanceof SQLTransientConnectionException
                    || c instanceof SQLRecoverableException) {
                return true;
            }
            if (c instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && (state.startsWith("08") || state.startsWith("57P")
                            || state.equals("53300"))) {
                        return true;
                    }
                }
            }
            if (c.getCause() == c) {
                break;
            }
            c = c.getCause();
        }
        return false;
    }

    private StoreUnavailableException outage(Throwable e) {
        return e instanceof StoreUnavailableException s ? s : new StoreUnavailableException("the inbox's database ("
                + table.name + ") is unavailable; the record is tried again once it is back: " + e, e);
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
