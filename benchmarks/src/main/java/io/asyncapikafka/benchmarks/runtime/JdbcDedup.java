package io.asyncapikafka.benchmarks.runtime;

import io.asyncapikafka.benchmarks.order.kafka.ReceiveOrderPlacedHandler;
import io.asyncapikafka.benchmarks.order.model.OrderPlaced;
import io.asyncapikafka.benchmarks.order.model.OrderPlacedHeaders;
import io.asyncapikafka.jdbc.JdbcInbox;
import io.asyncapikafka.jdbc.JdbcProcessedEventStore;
import io.asyncapikafka.runtime.consumer.InMemoryProcessedEventStore;
import io.asyncapikafka.runtime.consumer.ProcessedEventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The JDBC contenders' database: an embedded PostgreSQL started once for the benchmark, with a fresh table per
 * consumer run. Services hand the module a pooled data source; the benchmark stands in for the pool with one kept
 * connection per thread ({@link #perThread}), so the rows show the SQL's cost, not PostgreSQL forking a backend per
 * connection (the driver's own data source, a connection per call, costs milliseconds per record here).
 */
final class JdbcDedup implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final DataSource dataSource;
    private final AtomicInteger tables = new AtomicInteger();

    private JdbcDedup(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.dataSource = perThread(postgres.getPostgresDatabase());
    }

    static JdbcDedup start() {
        try {
            return new JdbcDedup(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claim, complete (and release) through {@link JdbcProcessedEventStore}: two statements per record. */
    TypedContender.Dedup store() {
        return () -> JdbcProcessedEventStore.builder(dataSource).table("bench_store_" + tables.incrementAndGet())
                .createTableIfMissing(true).build();
    }

    /** The inbox: one transaction per record holding the mark (the handler writes nothing else). */
    TypedContender.Dedup inbox() {
        return new TypedContender.Dedup() {
            @Override
            public ProcessedEventStore eventStore() {
                return InMemoryProcessedEventStore.create();
            }

            @Override
            public ReceiveOrderPlacedHandler wrap(ReceiveOrderPlacedHandler handler) {
                JdbcInbox inbox = JdbcInbox.builder(dataSource).groupId("bench")
                        .table("bench_inbox_" + tables.incrementAndGet()).createTableIfMissing(true).build();
                return inbox.<String, OrderPlaced, OrderPlacedHeaders>handler((m, c) -> handler.onOrderPlaced(m))
                        ::handle;
            }
        };
    }

    /** A data source handing each thread its one connection, whose {@code close} only gives it back. */
    private static DataSource perThread(DataSource driver) {
        ThreadLocal<Connection> kept = ThreadLocal.withInitial(() -> {
            try {
                return driver.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        InvocationHandler lent = (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                return null;
            }
            try {
                return method.invoke(kept.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        Connection connection = (Connection) Proxy.newProxyInstance(JdbcDedup.class.getClassLoader(),
                new Class<?>[] {Connection.class}, lent);
        return (DataSource) Proxy.newProxyInstance(JdbcDedup.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection;
                    }
                    try {
                        return method.invoke(driver, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
