package io.asyncapikafka.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The contract and every file it references, as one zip attached to the project's artifacts (classifier
 * {@value #CLASSIFIER}), so a released version can be the {@code compat} baseline. Entries keep their layout relative
 * to the deepest folder holding all of them; {@value #MANIFEST} names the contract. Byte-for-byte reproducible: sorted
 * entries, one fixed timestamp.
 */
final class ContractArchive {

    static final String CLASSIFIER = "asyncapi";
    static final String TYPE = "zip";
    static final String MANIFEST = "META-INF/asyncapi-contract.properties";

    /** 1980-01-02, the earliest a zip can hold in every time zone: no build time leaks into the archive. */
    private static final FileTime FIXED = FileTime.fromMillis(315_619_200_000L);

    private ContractArchive() {}

    /**
     * Writes the contract and {@code inputFiles} (relative to the contract's folder, as the model lists them; remote
     * references are left out) into {@code zip}.
     */
    static void pack(Path contract, List<String> inputFiles, Path zip) throws IOException {
        Path folder = contract.toAbsolutePath().normalize().getParent();
        List<Path> files = new ArrayList<>();
        files.add(contract.toAbsolutePath().normalize());
        for (String f : inputFiles) {
            if (!f.contains("://")) {
                files.add(folder.resolve(f).normalize());
            }
        }
        Path base = folder;
        for (Path f : files) {
            while (!f.startsWith(base)) {
                base = base.getParent();
            }
        }
        TreeMap<String, Path> entries = new TreeMap<>();
        for (Path f : files) {
            entries.put(base.relativize(f).toString().replace('\\', '/'), f);
        }
        Files.createDirectories(zip.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            put(z, MANIFEST, ("contract=" + base.relativize(files.get(0)).toString().replace('\\', '/') + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (var e : entries.entrySet()) {
                put(z, e.getKey(), Files.readAllBytes(e.getValue()));
            }
        }
    }

    private static void put(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FIXED);
        z.putNextEntry(entry);
        z.write(bytes);
        z.closeEntry();
    }

    /** Unpacks {@code zip} into {@code into} and returns the contract's path there. */
    static Path unpack(Path zip, Path into) throws IOException, ContractFailure {
        String contract = null;
        Path root = into.toAbsolutePath().normalize();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                byte[] bytes = z.readAllBytes();
                if (e.getName().equals(MANIFEST)) {
                    Properties p = new Properties();
                    p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
                    contract = p.getProperty("contract");
                    continue;
                }
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || e.isDirectory()) {
                    continue; // never write outside the scratch folder
                }
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
            }
        }
        if (contract == null) {
            throw new ContractFailure(zip.getFileName() + " is not a contract archive (no " + MANIFEST + ")");
        }
        Path file = root.resolve(contract).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw new ContractFailure(zip.getFileName() + " names a contract it does not hold: " + contract);
        }
        return file;
    }
}
