package io.asyncapikafka.jdbc;

import io.asyncapikafka.testkit.TempFolders;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A PostgreSQL server of one test that can be stopped (an outage) and started again on its data and port. */
final class RestartablePostgres implements AutoCloseable {

    private final Path data;
    private final int port;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private EmbeddedPostgres server;

    RestartablePostgres() {
        try {
            data = TempFolders.create("asyncapi-kafka-pg");
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName("postgres");
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(2);
        dataSource.setSocketTimeout(10);
        start();
    }

    DataSource dataSource() {
        return dataSource;
    }

    synchronized void start() {
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void stop() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
        TempFolders.delete(data);
    }
}
