package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractSourceTest {

    @TempDir
    Path dir;

    private final List<String> requested = new ArrayList<>();

    private ContractSource.Artifacts repository(Path file) {
        return (g, a, c, ext, v) -> {
            requested.add(g + ":" + a + ":" + ext + ":" + c + ":" + v);
            return file;
        };
    }

    @Test
    void aFileStaysAFileEvenWhenItLooksLikeCoordinates() throws Exception {
        Files.writeString(dir.resolve("a:b:c"), "asyncapi: 2.6.0\n");
        ContractSource.Resolved r = ContractSource.resolve("a:b:c", null, dir, dir.resolve("unpack"),
                repository(null));
        assertThat(r.contract()).isEqualTo(dir.resolve("a:b:c"));
        assertThat(r.refRoot()).isNull();
        assertThat(requested).isEmpty();
        assertThat(ContractSource.resolve("src/main/asyncapi/orders.yaml", null, dir, dir, repository(null))
                .contract()).isEqualTo(dir.resolve("src/main/asyncapi/orders.yaml"));
        assertThat(ContractSource.isCoordinates("C:\\orders.yaml")).isFalse();
        assertThat(ContractSource.isCoordinates("com.acme:orders-contract:1.0.0:asyncapi")).isTrue();
    }

    @Test
    void theAttachedZipIsUnpackedAndNamesItsContract() throws Exception {
        Path contract = dir.resolve("src/orders.yaml");
        Files.createDirectories(dir.resolve("src/schemas"));
        Files.writeString(contract, "asyncapi: 2.6.0\n");
        Files.writeString(dir.resolve("src/schemas/order.yaml"), "type: object\n");
        Path zip = dir.resolve("orders-1.0.0-asyncapi.zip");
        ContractArchive.pack(contract, List.of("schemas/order.yaml"), zip);

        Path unpack = dir.resolve("target/asyncapi-kafka/contracts");
        ContractSource.Resolved r = ContractSource.resolve("com.acme:orders:1.0.0", null, dir, unpack,
                repository(zip));

        assertThat(requested).containsExactly("com.acme:orders:zip:asyncapi:1.0.0");
        Path folder = unpack.resolve("com.acme/orders/1.0.0-asyncapi.zip");
        assertThat(r.contract()).isEqualTo(folder.resolve("orders.yaml"));
        assertThat(r.refRoot()).isEqualTo(folder);
        assertThat(r.artifact()).isEqualTo("com.acme:orders:1.0.0");
        assertThat(folder.resolve("schemas/order.yaml")).hasContent("type: object");

        // Unpacking again leaves unchanged files untouched: the fingerprint's fast path (size + time) still holds.
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(folder.resolve("schemas/order.yaml"), old);
        ContractSource.resolve("com.acme:orders:1.0.0", null, dir, unpack, repository(zip));
        assertThat(Files.getLastModifiedTime(folder.resolve("schemas/order.yaml"))).isEqualTo(old);
    }

    @Test
    void aJarWithAContractPathAndAClassifier() throws Exception {
        Path jar = jar("contracts.jar", "com/acme/Api.class", "x", "asyncapi/orders.yaml", "asyncapi: 3.0.0\n",
                "asyncapi/common/money.json", "{}");
        Path unpack = dir.resolve("unpack");

        ContractSource.Resolved r = ContractSource.resolve("com.acme:api:2.1:contracts", "asyncapi/orders.yaml",
                dir, unpack, repository(jar));

        assertThat(requested).containsExactly("com.acme:api:jar:contracts:2.1");
        assertThat(r.contract()).isEqualTo(unpack.resolve("com.acme/api/2.1-contracts.jar/asyncapi/orders.yaml"));
        assertThat(unpack.resolve("com.acme/api/2.1-contracts.jar/asyncapi/common/money.json")).exists();
        assertThat(unpack.resolve("com.acme/api/2.1-contracts.jar/com/acme/Api.class")).doesNotExist();

        requested.clear();
        ContractSource.resolve("com.acme:api:2.1", "asyncapi/orders.yaml", dir, unpack, repository(jar));
        assertThat(requested).as("a contractPath without classifier means the main jar")
                .containsExactly("com.acme:api:jar:null:2.1");
    }

    @Test
    void aJarThatDoesNotHoldTheContractIsAClearFailure() throws Exception {
        Path jar = jar("api.jar", "asyncapi/orders.yaml", "asyncapi: 3.0.0\n");
        assertThatThrownBy(() -> ContractSource.resolve("com.acme:api:2.1:x", "asyncapi/order.yaml", dir,
                dir.resolve("u"), repository(jar)))
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("holds no asyncapi/order.yaml")
                .hasMessageContaining("asyncapi/orders.yaml");
        assertThatThrownBy(() -> ContractSource.resolve("com.acme:api:2.1:x", null, dir, dir.resolve("u"),
                repository(jar)))
                .isInstanceOf(ContractFailure.class).hasMessageContaining("set <contractPath>");
        assertThatThrownBy(() -> ContractSource.resolve(" ", null, dir, dir, repository(jar)))
                .isInstanceOf(ContractFailure.class).hasMessageContaining("No contract");
    }

    @Test
    void filesTheNewVersionNoLongerHoldsAreRemoved() throws Exception {
        Path unpack = dir.resolve("unpack");
        ContractSource.resolve("g:a:1:c", "x/orders.yaml", dir, unpack,
                repository(jar("v1.jar", "x/orders.yaml", "a", "x/old.yaml", "b")));
        ContractSource.resolve("g:a:1:c", "x/orders.yaml", dir, unpack,
                repository(jar("v2.jar", "x/orders.yaml", "a2")));
        assertThat(unpack.resolve("g/a/1-c.jar/x/old.yaml")).doesNotExist();
        assertThat(unpack.resolve("g/a/1-c.jar/x/orders.yaml")).hasContent("a2");
    }

    private Path jar(String name, String... namesAndContents) throws Exception {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return jar;
    }
}
