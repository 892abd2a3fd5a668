package io.asyncapikafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A folder made by {@link TempFolders} is empty and new; {@code delete} removes it with everything under it. */
class TempFoldersTest {

    @Test
    void deleteRemovesTheFolderAndItsContent() throws Exception {
        Path dir = TempFolders.create("asyncapi-kafka-temp-test");
        assertThat(dir).isEmptyDirectory().hasFileName(dir.getFileName().toString());
        assertThat(dir.getFileName().toString()).startsWith("asyncapi-kafka-temp-test");
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/c.txt"), "x");
        TempFolders.delete(dir);
        assertThat(dir).doesNotExist();
        TempFolders.delete(dir); // already gone: nothing to do, no failure
    }
}
