package com.acme.roles;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Both generations compiled into one project: the same payload types exist, as records, in each package.
 *
 * <p>Payload classes are located through the generated files; producers and handlers by their generated names: the
 * application receives {@code placeOrder} and sends {@code confirmOrder}, the client the other way round. The build
 * summary's send/receive words are checked in verify.groovy.
 */
class BothRolesTest {

    private static final Path GENERATED = Path.of("target/generated-sources/asyncapi");

    @Test
    void payloadRecordsExistForBothRoles() throws Exception {
        for (String root : List.of("com.acme.roles.app", "com.acme.roles.client")) {
            for (String type : List.of("OrderPlaced", "OrderConfirmed")) {
                Class<?> generated = Class.forName(className(root, type));
                assertTrue(generated.isRecord(), generated + " should be a record");
            }
        }
    }

    @Test
    void theApplicationReceivesOrdersAndSendsConfirmations() {
        assertExists("com.acme.roles.app.kafka.PlaceOrderHandler");
        assertExists("com.acme.roles.app.kafka.ConfirmationsV1Producer");
        assertMissing("com.acme.roles.app.kafka.OrdersV1Producer");
        assertMissing("com.acme.roles.app.kafka.ConfirmOrderHandler");
    }

    @Test
    void theClientSendsOrdersAndReceivesConfirmations() {
        assertExists("com.acme.roles.client.kafka.OrdersV1Producer");
        assertExists("com.acme.roles.client.kafka.ConfirmOrderHandler");
        assertMissing("com.acme.roles.client.kafka.ConfirmationsV1Producer");
        assertMissing("com.acme.roles.client.kafka.PlaceOrderHandler");
    }

    private static void assertExists(String className) {
        assertDoesNotThrow(() -> Class.forName(className), className + " should be generated");
    }

    private static void assertMissing(String className) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(className),
                className + " should not be generated for this role");
    }

    private static String className(String root, String simpleName) throws IOException {
        Path base = GENERATED.resolve(root.replace('.', '/'));
        try (Stream<Path> files = Files.walk(base)) {
            Path file = files.filter(p -> p.getFileName().toString().equals(simpleName + ".java"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(simpleName + ".java not generated under " + base));
            String relative = GENERATED.relativize(file).toString();
            return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
        }
    }
}
