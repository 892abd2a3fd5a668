package com.acme.roles;

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
 * <p>Classes are located through the generated files because which sub-package payloads go to is the generator's
 * choice. Which side sends and which receives is checked from the build summary in verify.groovy.
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
