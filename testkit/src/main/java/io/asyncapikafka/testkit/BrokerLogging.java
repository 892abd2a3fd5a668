package io.asyncapikafka.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded broker quiet: its loggers (and those of the Kafka clients, which print every configuration at
 * INFO) are set to WARN in whichever SLF4J provider the tests use, so a test run shows the testkit's one start line
 * and then only warnings and errors. A level the user configured for these loggers is left alone, and
 * {@code -Dasyncapi.testkit.kafkaLogLevel=info} (or any level) chooses another one for all of them.
 *
 * <p>The provider is asked at run time, by class name, so the testkit depends on none: slf4j-simple reads a logger's
 * level from system properties when the logger is created (so they are set before the broker starts), Logback and
 * Log4j 2 are set through their own API (by reflection).
 */
final class BrokerLogging {

    /** The system property that overrides the level. */
    static final String LEVEL_PROPERTY = "asyncapi.testkit.kafkaLogLevel";

    /** The broker's Scala and Java packages, its state-change log, and the clients. */
    static final List<String> LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");

    private static final String SIMPLE_PREFIX = "org.slf4j.simpleLogger.log.";

    private BrokerLogging() {}

    /** Applies the level once per JVM (idempotent; cheap after the first call). */
    static synchronized void quiet() {
        String level = System.getProperty(LEVEL_PROPERTY, "warn").trim().toLowerCase(Locale.ROOT);
        String provider = LoggerFactory.getILoggerFactory().getClass().getName();
        try {
            if (provider.startsWith("org.slf4j.simple.")) {
                Properties file = simpleLoggerFile();
                for (String name : LOGGERS) {
                    String key = SIMPLE_PREFIX + name;
                    if (System.getProperty(key) == null && file.getProperty(key) == null) {
                        System.setProperty(key, level);
                    }
                }
            } else if (provider.startsWith("ch.qos.logback.")) {
                Class<?> levelType = Class.forName("ch.qos.logback.classic.Level");
                Object value = levelType.getMethod("toLevel", String.class).invoke(null, level);
                for (String name : LOGGERS) {
                    Object logger = LoggerFactory.getLogger(name);
                    if (logger.getClass().getMethod("getLevel").invoke(logger) == null) {
                        logger.getClass().getMethod("setLevel", levelType).invoke(logger, value);
                    }
                }
            } else if (provider.startsWith("org.apache.logging.slf4j.")) {
                Class<?> levelType = Class.forName("org.apache.logging.log4j.Level");
                Object value = levelType.getMethod("toLevel", String.class).invoke(null, level);
                Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator");
                for (String name : LOGGERS) {
                    configurator.getMethod("setLevel", String.class, levelType).invoke(null, name, value);
                }
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // An unexpected provider version: the broker is merely as talkative as that provider makes it.
        }
    }

    private static Properties simpleLoggerFile() {
        Properties p = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: treated as absent
        }
        return p;
    }
}
