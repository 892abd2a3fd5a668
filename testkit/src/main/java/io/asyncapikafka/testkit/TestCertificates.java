package io.asyncapikafka.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away certificate authority for tests: it signs broker and client certificates and writes the PKCS12 key
 * stores and trust stores Kafka clients and brokers read ({@code ssl.keystore.*}, {@code ssl.truststore.*}).
 *
 * <p>Key pairs, signing requests and signatures are made by the JDK's own {@code keytool} ({@code -genkeypair},
 * {@code -certreq}, {@code -gencert}) run as a process, so the kit needs no crypto library; the stores are assembled
 * with {@link KeyStore}. Every store has its own random password (tests grep logs for them). Certificates are valid
 * for two days and name {@code localhost} / {@code 127.0.0.1}, so host name verification stays on.
 */
public final class TestCertificates implements AutoCloseable {

    /** A PKCS12 store a client or broker reads: {@code ssl.*.location}, {@code ssl.*.password}, type {@code PKCS12}. */
    public record Store(Path location, String password) {
        public Store {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(password, "password");
        }

        /** Always {@code PKCS12}. */
        public String type() {
            return "PKCS12";
        }

        @Override
        public String toString() {
            return "Store{" + location + ", password=[hidden]}";
        }
    }

    private static final String CA_ALIAS = "ca";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final String caName;
    private final Store caKeys;
    private final Store truststore;
    private final List<Store> issuedStores = new ArrayList<>();
    private int issued;

    private TestCertificates(Path dir, String caName, Store caKeys, Store truststore) {
        this.dir = dir;
        this.caName = caName;
        this.caKeys = caKeys;
        this.truststore = truststore;
    }

    /** A new CA named {@code CN=<caName>} in a new temporary folder, deleted by {@link #close()}. */
    public static TestCertificates create(String caName) {
        Objects.requireNonNull(caName, "caName");
        try {
            Path dir = Files.createTempDirectory("asyncapi-kafka-tls-");
            Store ca = new Store(dir.resolve("ca.p12"), password());
            keytool("-genkeypair", "-alias", CA_ALIAS, "-dname", "CN=" + caName, "-keyalg", "EC", "-groupname",
                    "secp256r1", "-validity", "2", "-ext", "bc:c", "-keystore", ca.location().toString(),
                    "-storetype", "PKCS12", "-storepass", ca.password());
            Certificate caCert = load(ca).getCertificate(CA_ALIAS);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(CA_ALIAS, caCert);
            Store truststore = new Store(dir.resolve("truststore.p12"), password());
            store(trust, truststore);
            return new TestCertificates(dir, caName, ca, truststore);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the test CA", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create the test CA", e);
        }
    }

    /** {@code CN=<caName>}. */
    public String caName() {
        return "CN=" + caName;
    }

    /** A trust store holding only this CA's certificate: clients trust brokers it signed, brokers trust its clients. */
    public Store truststore() {
        return truststore;
    }

    /**
     * A key store with a new private key and a certificate for {@code CN=<commonName>} signed by this CA (chain:
     * certificate, CA). Good for a broker ({@code localhost}) and for a client (mTLS principal
     * {@code User:CN=<commonName>}).
     */
    public synchronized Store issue(String commonName) {
        Objects.requireNonNull(commonName, "commonName");
        String alias = "key";
        int n = ++issued;
        Store leaf = new Store(dir.resolve("leaf-" + n + ".p12"), password());
        Path csr = dir.resolve("leaf-" + n + ".csr");
        Path crt = dir.resolve("leaf-" + n + ".crt");
        try {
            keytool("-genkeypair", "-alias", alias, "-dname", "CN=" + commonName, "-keyalg", "EC", "-groupname",
                    "secp256r1", "-validity", "2", "-keystore", leaf.location().toString(), "-storetype", "PKCS12",
                    "-storepass", leaf.password());
            keytool("-certreq", "-alias", alias, "-keystore", leaf.location().toString(), "-storepass", leaf.password(),
                    "-file", csr.toString());
            keytool("-gencert", "-alias", CA_ALIAS, "-keystore", caKeys.location().toString(), "-storepass",
                    caKeys.password(), "-infile", csr.toString(), "-outfile", crt.toString(), "-validity", "2",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth,clientAuth");
            KeyStore ks = load(leaf);
            Key key = ks.getKey(alias, leaf.password().toCharArray());
            List<Certificate> chain = new ArrayList<>();
            try (InputStream in = Files.newInputStream(crt)) {
                chain.add(CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            chain.add(load(caKeys).getCertificate(CA_ALIAS));
            ks.setKeyEntry(alias, key, leaf.password().toCharArray(), chain.toArray(Certificate[]::new));
            store(ks, leaf);
            Files.deleteIfExists(csr);
            Files.deleteIfExists(crt);
            issuedStores.add(leaf);
            return leaf;
        } catch (IOException e) {
            throw new UncheckedIOException("could not issue a certificate for CN=" + commonName, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not issue a certificate for CN=" + commonName, e);
        }
    }

    /** The passwords of every store made so far (CA, trust store, issued key stores): for tests that grep for secrets. */
    public List<String> passwords() {
        List<String> all = new ArrayList<>(List.of(caKeys.password(), truststore.password()));
        synchronized (this) {
            issuedStores.forEach(s -> all.add(s.password()));
        }
        return List.copyOf(all);
    }

    /** Deletes the folder with every store. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; best effort
        }
    }

    @Override
    public String toString() {
        return "TestCertificates{" + caName() + ", " + dir + "}";
    }

    private static String password() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "pw-" + HexFormat.of().formatHex(b);
    }

    private static KeyStore load(Store s) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(s.location())) {
            ks.load(in, s.password().toCharArray());
        }
        return ks;
    }

    private static void store(KeyStore ks, Store s) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(s.location())) {
            ks.store(out, s.password().toCharArray());
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.add("-noprompt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed (exit " + p.exitValue() + "): " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running keytool " + args[0], e);
        }
    }
}
