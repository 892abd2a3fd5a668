package io.asyncapikafka.crashtests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A data source that keeps one connection per thread and hands it out again, whose {@code close} only gives it back:
 * the crash consumers' stand-in for a service's pool (a PostgreSQL backend forked per call would cost milliseconds a
 * record). A broken connection is replaced on the next call. Each use (the inbox, the key store) gets its own, so one
 * never commits the other's open transaction.
 */
final class KeptConnections {

    private KeptConnections() {}

    static DataSource of(String url, String user) {
        ThreadLocal<Connection> kept = new ThreadLocal<>();
        Connection lent = (Connection) Proxy.newProxyInstance(KeptConnections.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    Connection c = kept.get();
                    if (c == null || c.isClosed()) {
                        c = DriverManager.getConnection(url, user, "");
                        kept.set(c);
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof SQLException && !c.isValid(1)) {
                            kept.remove();
                            c.close();
                        }
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(KeptConnections.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return lent;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
