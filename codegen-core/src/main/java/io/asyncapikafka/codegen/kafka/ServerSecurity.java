package io.asyncapikafka.codegen.kafka;

import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.SecurityRequirement;
import io.asyncapikafka.model.SecurityScheme;
import io.asyncapikafka.model.Server;
import io.asyncapikafka.model.Severity;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How a client connects to one server: Kafka {@code security.protocol}, SASL mechanism and which credentials are
 * needed, derived from the server's {@code protocol} and the first security requirement Kafka can use (AsyncAPI lists
 * alternatives; the first usable one is taken, and the summary says which).
 *
 * @param protocol {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
 * @param saslMechanism {@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}, {@code GSSAPI}, or {@code null}
 * @param credentials which secrets the client reads at run time
 * @param scheme the chosen security scheme's name, or {@code null}
 */
record ServerSecurity(String protocol, String saslMechanism, Credentials credentials, String scheme) {

    /** The kind of secret the generated config reads from the environment. */
    enum Credentials {
        NONE,
        USER_PASSWORD,
        KERBEROS,
        CLIENT_CERTIFICATE
    }

    boolean tls() {
        return protocol.endsWith("SSL");
    }

    /** {@code null} when the server is not a Kafka server (then no config is generated). */
    static ServerSecurity of(Server server, Consumer<Diagnostic> diagnostics) {
        String p = server.protocol() == null ? "kafka" : server.protocol().toLowerCase(Locale.ROOT);
        if (!p.equals("kafka") && !p.equals("kafka-secure")) {
            diagnostics.accept(new Diagnostic("AKK201", Severity.WARNING,
                    "server '" + server.name() + "' has protocol '" + server.protocol() + "'; no Kafka config is generated for it",
                    "use protocol kafka or kafka-secure for Kafka servers", server.location()));
            return null;
        }
        boolean secure = p.equals("kafka-secure");
        for (SecurityRequirement requirement : server.security()) {
            SecurityScheme s = requirement.scheme();
            if (s == null || s.type() == null) {
                continue;
            }
            String saslProtocol = secure ? "SASL_SSL" : "SASL_PLAINTEXT";
            switch (s.type()) {
                case "userPassword", "plain" -> {
                    warnIfSaysScram(server, s, diagnostics);
                    return new ServerSecurity(saslProtocol, "PLAIN", Credentials.USER_PASSWORD, s.name());
                }
                case "scramSha256" -> {
                    return new ServerSecurity(saslProtocol, "SCRAM-SHA-256", Credentials.USER_PASSWORD, s.name());
                }
                case "scramSha512" -> {
                    return new ServerSecurity(saslProtocol, "SCRAM-SHA-512", Credentials.USER_PASSWORD, s.name());
                }
                case "gssapi" -> {
                    return new ServerSecurity(saslProtocol, "GSSAPI", Credentials.KERBEROS, s.name());
                }
                case "X509" -> {
                    if (!secure) {
                        // Client certificates only exist inside TLS; "kafka" + X509 can only mean SSL.
                        diagnostics.accept(new Diagnostic("AKK202", Severity.WARNING,
                                "server '" + server.name() + "' uses X509 client certificates over protocol 'kafka'; SSL is used",
                                "declare the server with protocol kafka-secure", server.location()));
                    }
                    return new ServerSecurity("SSL", null, Credentials.CLIENT_CERTIFICATE, s.name());
                }
                case "oauth2", "openIdConnect" -> diagnostics.accept(new Diagnostic("AKK205", Severity.WARNING,
                        "security scheme '" + s.name() + "' of type '" + s.type() + "' (OAUTHBEARER) is not supported:"
                                + " server '" + server.name() + "' gets no OAuth login and the next requirement is used",
                        "pass the OAUTHBEARER client properties (sasl.mechanism, sasl.jaas.config,"
                                + " sasl.login.callback.handler.class, sasl.oauthbearer.token.endpoint.url) with"
                                + " connect(KafkaClientConfig), or add a scramSha512 or X509 requirement",
                        s.location()));
                default -> diagnostics.accept(new Diagnostic("AKK203", Severity.WARNING,
                        "security scheme '" + s.name() + "' of type '" + s.type() + "' is not supported for Kafka and is ignored",
                        "use userPassword, plain, scramSha256, scramSha512, X509 or gssapi", s.location()));
            }
        }
        return new ServerSecurity(secure ? "SSL" : "PLAINTEXT", null, Credentials.NONE, null);
    }

    /**
     * The seed's mistake: {@code type: userPassword} (SASL/PLAIN) whose name or description says SCRAM. The first
     * deploy would authenticate with PLAIN against a SCRAM broker, so say so where the scheme is declared.
     */
    private static void warnIfSaysScram(Server server, SecurityScheme s, Consumer<Diagnostic> diagnostics) {
        String text = (s.name() + " " + (s.description() == null ? "" : s.description())).toLowerCase(Locale.ROOT);
        if (!text.contains("scram")) {
            return;
        }
        String type = text.contains("512") ? "scramSha512" : "scramSha256";
        String mechanism = type.equals("scramSha512") ? "SCRAM-SHA-512" : "SCRAM-SHA-256";
        diagnostics.accept(new Diagnostic("AKK204", Severity.WARNING,
                "security scheme '" + s.name() + "' says SCRAM but its type '" + s.type() + "' means SASL/PLAIN:"
                        + " server '" + server.name() + "' authenticates with PLAIN, which a SCRAM broker refuses",
                "declare type: " + type + " (AsyncAPI 2.1+), or set ASYNCAPI_" + KafkaNaming.envToken(server.name())
                        + "_SASL_MECHANISM=" + mechanism + " at run time",
                s.location()));
    }

    /** For the build summary: {@code SASL_SSL, SCRAM-SHA-256 (scheme scramSha256)}. */
    String describe() {
        StringBuilder sb = new StringBuilder(protocol);
        if (saslMechanism != null) {
            sb.append(", ").append(saslMechanism);
        }
        if (credentials == Credentials.CLIENT_CERTIFICATE) {
            sb.append(", client certificate");
        }
        if (scheme != null) {
            sb.append(" (scheme ").append(scheme).append(')');
        }
        return sb.toString();
    }
}
