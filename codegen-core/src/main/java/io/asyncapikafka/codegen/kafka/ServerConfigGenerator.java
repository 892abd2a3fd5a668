package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.model.Server;
import io.asyncapikafka.model.ServerVariable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.lang.model.element.Modifier;

/**
 * One config class per Kafka server: bootstrap servers, security protocol and SASL mechanism as constants, and
 * {@code clientProperties()} which reads secrets from system properties or environment variables when called. The
 * variable names are derived from the server name and documented on the class.
 */
final class ServerConfigGenerator {

    /**
     * A run-time setting: {@code ASYNCAPI_<SERVER>_<SUFFIX>} or {@code -Dasyncapi.<server>.<suffix-lower-dashed>}.
     */
    record Setting(String suffix, String what, boolean required) {
        String env(Server server) {
            return "ASYNCAPI_" + KafkaNaming.envToken(server.name()) + "_" + suffix;
        }

        String property(Server server) {
            return "asyncapi." + KafkaNaming.propertyToken(server.name()) + "."
                    + suffix.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** What the entry point and the summary need to know about a generated server config. */
    record ServerConfig(Server server, ClassName className, ServerSecurity security, List<Setting> settings) {
        String summaryLine() {
            StringBuilder sb = new StringBuilder("server ").append(server.name()).append(": ").append(server.defaultUrl())
                    .append(", ").append(security.describe()).append(" -> ").append(className.simpleName());
            List<String> needed = settings.stream().filter(Setting::required)
                    .map(s -> s.env(server) + " / -D" + s.property(server)).toList();
            if (!needed.isEmpty()) {
                sb.append("; credentials from ").append(String.join(", ", needed));
            }
            return sb.toString();
        }
    }

    private static final Setting BOOTSTRAP = new Setting("BOOTSTRAP_SERVERS", "bootstrap servers", false);
    private static final Setting MECHANISM = new Setting("SASL_MECHANISM", "SASL mechanism", false);
    private static final Setting USERNAME = new Setting("USERNAME", "user name", true);
    private static final Setting PASSWORD = new Setting("PASSWORD", "password", true);
    private static final Setting PRINCIPAL = new Setting("KERBEROS_PRINCIPAL", "Kerberos principal", true);
    private static final Setting KEYTAB = new Setting("KERBEROS_KEYTAB", "Kerberos keytab file", true);
    private static final Setting SERVICE = new Setting("KERBEROS_SERVICE_NAME", "Kerberos service name", false);
    private static final Setting TRUSTSTORE = new Setting("TRUSTSTORE_LOCATION", "trust store file", false);
    private static final Setting TRUSTSTORE_PASSWORD = new Setting("TRUSTSTORE_PASSWORD", "trust store password", false);
    private static final Setting TRUSTSTORE_TYPE = new Setting("TRUSTSTORE_TYPE", "trust store type", false);
    private static final Setting KEYSTORE = new Setting("KEYSTORE_LOCATION", "key store file", true);
    private static final Setting KEYSTORE_PASSWORD = new Setting("KEYSTORE_PASSWORD", "key store password", true);
    private static final Setting KEY_PASSWORD = new Setting("KEY_PASSWORD", "private key password", false);
    private static final Setting KEYSTORE_TYPE = new Setting("KEYSTORE_TYPE", "key store type", false);

    private static final TypeName ENV = ParameterizedTypeName.get(Map.class, String.class, String.class);
    private static final TypeName PROPS = ClassName.get(Properties.class);
    private static final TypeName CONFIG = ParameterizedTypeName.get(Map.class, String.class, Object.class);

    private final KafkaSources sources;
    private final ClassName settingsClass;

    ServerConfigGenerator(KafkaSources sources, String packageName) {
        this.sources = sources;
        this.settingsClass = ClassName.get(packageName, ServerSettingsGenerator.NAME);
    }

    /** The run-time override of server variable {@code name}: {@code ASYNCAPI_<S>_VAR_<NAME>}, {@code asyncapi.<s>.var-<name>}. */
    static Setting variableSetting(ServerVariable v) {
        return new Setting("VAR_" + KafkaNaming.envToken(v.name()), "value of server variable '" + v.name()
                + "' (default " + v.defaultValue() + ")", false);
    }

    static List<Setting> settingsOf(Server server, ServerSecurity security) {
        List<Setting> s = new ArrayList<>();
        s.add(BOOTSTRAP);
        server.variables().forEach(v -> s.add(variableSetting(v)));
        switch (security.credentials()) {
            case USER_PASSWORD -> s.addAll(List.of(MECHANISM, USERNAME, PASSWORD));
            case KERBEROS -> s.addAll(List.of(PRINCIPAL, KEYTAB, SERVICE));
            case CLIENT_CERTIFICATE -> s.addAll(List.of(KEYSTORE, KEYSTORE_PASSWORD, KEY_PASSWORD, KEYSTORE_TYPE));
            case NONE -> { }
        }
        if (security.tls()) {
            s.addAll(List.of(TRUSTSTORE, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE));
        }
        return List.copyOf(s);
    }

    TypeSpec generate(ServerConfig config) {
        Server server = config.server();
        ServerSecurity security = config.security();
        TypeSpec.Builder type = sources.annotate(TypeSpec.classBuilder(config.className()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(javadoc(config))
                .addField(constant("NAME", server.name(), "The server's name in the contract."))
                .addField(constant("BOOTSTRAP_SERVERS", server.defaultUrl(), server.variables().isEmpty()
                        ? "Bootstrap servers from the contract's {@code url}."
                        : "Bootstrap servers from the contract's {@code url}, its variables at their defaults."))
                .addField(constant("SECURITY_PROTOCOL", security.protocol(), "Kafka {@code security.protocol}."));
        if (security.saslMechanism() != null) {
            type.addField(constant("SASL_MECHANISM", security.saslMechanism(), "Default Kafka {@code sasl.mechanism}."));
        }
        String clientId = server.kafkaBinding().get("clientId");
        if (clientId != null) {
            type.addField(constant("CLIENT_ID", clientId, "The server binding's {@code clientId}."));
        }
        for (Setting s : config.settings()) {
            type.addField(constant(s.suffix() + "_ENV", s.env(server), "Environment variable for the " + s.what() + "."));
            type.addField(constant(s.suffix() + "_PROPERTY", s.property(server), "System property for the " + s.what()
                    + "; wins over the environment variable."));
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        type.addMethod(MethodSpec.methodBuilder("clientConfig")
                .addJavadoc("The runtime client configuration, secrets read from this JVM's system properties and environment.\n\n"
                        + "@throws IllegalStateException naming the variable when a required secret is not set\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ConsumerGenerator.CLIENT_CONFIG)
                .addStatement("return $T.of(clientProperties())", ConsumerGenerator.CLIENT_CONFIG)
                .build());
        type.addMethod(MethodSpec.methodBuilder("clientProperties")
                .addJavadoc("Client properties from this JVM's system properties and environment.\n\n"
                        + "@throws IllegalStateException naming the variable when a required secret is not set\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(CONFIG)
                .addStatement("return clientProperties($T.getenv(), $T.getProperties())", System.class, System.class)
                .build());
        type.addMethod(MethodSpec.methodBuilder("clientProperties")
                .addJavadoc("Client properties read from the given environment and system properties (tests, secret stores).\n\n"
                        + "@throws IllegalStateException naming the variable when a required secret is not set\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(CONFIG)
                .addParameter(ENV, "environment")
                .addParameter(PROPS, "systemProperties")
                .addCode(body(config))
                .build());
        return type.build();
    }

    private CodeBlock body(ServerConfig config) {
        ServerSecurity security = config.security();
        CodeBlock.Builder b = CodeBlock.builder()
                .addStatement("$T p = new $T<>()", CONFIG, LinkedHashMap.class)
                .addStatement("p.put($S, $T.optional(environment, systemProperties, "
                        + "BOOTSTRAP_SERVERS_PROPERTY, BOOTSTRAP_SERVERS_ENV, $L))",
                        "bootstrap.servers", settingsClass, bootstrapDefault(config.server()))
                .addStatement("p.put($S, SECURITY_PROTOCOL)", "security.protocol");
        switch (security.credentials()) {
            case USER_PASSWORD -> b
                    .addStatement("$T mechanism = $T.optional(environment, systemProperties, "
                            + "SASL_MECHANISM_PROPERTY, SASL_MECHANISM_ENV, SASL_MECHANISM)", String.class, settingsClass)
                    .addStatement("p.put($S, mechanism)", "sasl.mechanism")
                    .addStatement("p.put($S, $T.userPasswordJaas(NAME, mechanism, $L, $L))", "sasl.jaas.config",
                            settingsClass, required(USERNAME), required(PASSWORD));
            case KERBEROS -> b
                    .addStatement("p.put($S, SASL_MECHANISM)", "sasl.mechanism")
                    .addStatement("p.put($S, $T.optional(environment, systemProperties, "
                            + "KERBEROS_SERVICE_NAME_PROPERTY, KERBEROS_SERVICE_NAME_ENV, $S))",
                            "sasl.kerberos.service.name", settingsClass, "kafka")
                    .addStatement("p.put($S, $T.kerberosJaas($L, $L))", "sasl.jaas.config", settingsClass,
                            required(PRINCIPAL), required(KEYTAB));
            case CLIENT_CERTIFICATE -> b
                    .addStatement("p.put($S, $L)", "ssl.keystore.location", required(KEYSTORE))
                    .addStatement("p.put($S, $L)", "ssl.keystore.password", required(KEYSTORE_PASSWORD))
                    .addStatement("$T.putIfSet(p, $S, $L)", settingsClass, "ssl.key.password", optional(KEY_PASSWORD))
                    .addStatement("$T.putIfSet(p, $S, $L)", settingsClass, "ssl.keystore.type", optional(KEYSTORE_TYPE));
            case NONE -> { }
        }
        if (security.tls()) {
            b.addStatement("$T.putIfSet(p, $S, $L)", settingsClass, "ssl.truststore.location", optional(TRUSTSTORE))
                    .addStatement("$T.putIfSet(p, $S, $L)", settingsClass, "ssl.truststore.password",
                            optional(TRUSTSTORE_PASSWORD))
                    .addStatement("$T.putIfSet(p, $S, $L)", settingsClass, "ssl.truststore.type", optional(TRUSTSTORE_TYPE));
        }
        return b.addStatement("return $T.unmodifiableMap(p)", Collections.class).build();
    }

    /**
     * {@code BOOTSTRAP_SERVERS}, or with variables the url rebuilt from each variable's override or default:
     * {@code "kafka.bootstrap:" + ServerSettings.optional(..., VAR_PORT_PROPERTY, VAR_PORT_ENV, "9092")}.
     */
    private CodeBlock bootstrapDefault(Server server) {
        if (server.variables().isEmpty()) {
            return CodeBlock.of("BOOTSTRAP_SERVERS");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]*)}").matcher(server.url());
        CodeBlock.Builder b = CodeBlock.builder();
        int last = 0;
        boolean first = true;
        while (m.find()) {
            ServerVariable v = server.variables().stream().filter(x -> x.name().equals(m.group(1))).findFirst()
                    .orElse(null);
            if (v == null) {
                continue; // not a variable (the reader reported it): kept as written
            }
            if (m.start() > last) {
                b.add(first ? "$S" : " + $S", server.url().substring(last, m.start()));
                first = false;
            }
            Setting s = variableSetting(v);
            b.add(first ? "$L" : " + $L", CodeBlock.of("$T.optional(environment, systemProperties, $L_PROPERTY, $L_ENV, $S)",
                    settingsClass, s.suffix(), s.suffix(), v.defaultValue()));
            first = false;
            last = m.end();
        }
        if (last < server.url().length()) {
            b.add(first ? "$S" : " + $S", server.url().substring(last));
        }
        return b.build();
    }

    private CodeBlock required(Setting s) {
        return CodeBlock.of("$T.required(environment, systemProperties, NAME, $L_PROPERTY, $L_ENV, $S)",
                settingsClass, s.suffix(), s.suffix(), s.what());
    }

    private CodeBlock optional(Setting s) {
        return CodeBlock.of("$T.optional(environment, systemProperties, $L_PROPERTY, $L_ENV, null)",
                settingsClass, s.suffix(), s.suffix());
    }

    private static FieldSpec constant(String name, String value, String doc) {
        return FieldSpec.builder(String.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L\n", doc)
                .initializer("$S", value)
                .build();
    }

    private static CodeBlock javadoc(ServerConfig config) {
        Server server = config.server();
        CodeBlock.Builder d = CodeBlock.builder()
                .add("Kafka client settings for server {@code $L}", KafkaSources.javadoc(server.name()));
        if (server.description() != null && !server.description().isBlank()) {
            d.add(": $L", KafkaSources.javadoc(server.description()));
        }
        d.add("\n\n<p>$L. Read when {@code clientProperties()} is called, system property first, then environment "
                + "variable; nothing secret is in this class:\n<ul>\n", KafkaSources.javadoc(config.security().describe()));
        for (Setting s : config.settings()) {
            d.add("<li>$L$L: {@code $L} or {@code -D$L}</li>\n", s.what(), s.required() ? " (required)" : "",
                    s.env(server), s.property(server));
        }
        return d.add("</ul>\n").build();
    }
}
