package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.Map;
import java.util.Properties;
import javax.lang.model.element.Modifier;

/**
 * The package-private helper every generated server config uses to read settings and secrets at run time (system
 * property first, then environment variable) and to build JAAS lines. Generated once per contract because the runtime
 * has no such helper yet; it holds no secret and no contract data.
 */
final class ServerSettingsGenerator {

    static final String NAME = "ServerSettings";

    private ServerSettingsGenerator() {}

    static TypeSpec generate(KafkaSources sources) {
        TypeName env = ParameterizedTypeName.get(Map.class, String.class, String.class);
        TypeName props = ClassName.get(Properties.class);
        TypeName target = ParameterizedTypeName.get(Map.class, String.class, Object.class);
        MethodSpec optional = MethodSpec.methodBuilder("optional")
                .addJavadoc("The system property, else the environment variable, else {@code fallback}; blanks count as unset.\n")
                .addModifiers(Modifier.STATIC)
                .returns(String.class)
                .addParameter(env, "environment")
                .addParameter(props, "systemProperties")
                .addParameter(String.class, "property")
                .addParameter(String.class, "variable")
                .addParameter(String.class, "fallback")
                .addStatement("$T value = systemProperties.getProperty(property)", String.class)
                .beginControlFlow("if (value == null || value.isBlank())")
                .addStatement("value = environment.get(variable)")
                .endControlFlow()
                .addStatement("return value == null || value.isBlank() ? fallback : value")
                .build();
        MethodSpec required = MethodSpec.methodBuilder("required")
                .addJavadoc("Like {@link #optional} without fallback: a missing value fails naming both ways to set it.\n")
                .addModifiers(Modifier.STATIC)
                .returns(String.class)
                .addParameter(env, "environment")
                .addParameter(props, "systemProperties")
                .addParameter(String.class, "server")
                .addParameter(String.class, "property")
                .addParameter(String.class, "variable")
                .addParameter(String.class, "what")
                .addStatement("$T value = optional(environment, systemProperties, property, variable, null)", String.class)
                .beginControlFlow("if (value == null)")
                .addStatement("throw new $T(\"Kafka server '\" + server + \"' needs the \" + what"
                        + " + \": set environment variable \" + variable + \" or system property -D\" + property)",
                        IllegalStateException.class)
                .endControlFlow()
                .addStatement("return value")
                .build();
        MethodSpec putIfSet = MethodSpec.methodBuilder("putIfSet")
                .addModifiers(Modifier.STATIC)
                .addParameter(target, "target")
                .addParameter(String.class, "key")
                .addParameter(String.class, "value")
                .beginControlFlow("if (value != null)")
                .addStatement("target.put(key, value)")
                .endControlFlow()
                .build();
        MethodSpec quote = MethodSpec.methodBuilder("quote")
                .addJavadoc("A JAAS option value: quotes and backslashes escaped so a password cannot break the line.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(String.class)
                .addParameter(String.class, "value")
                .addStatement("return '\"' + value.replace(\"\\\\\", \"\\\\\\\\\").replace(\"\\\"\", \"\\\\\\\"\") + '\"'")
                .build();
        MethodSpec userPassword = MethodSpec.methodBuilder("userPasswordJaas")
                .addModifiers(Modifier.STATIC)
                .returns(String.class)
                .addParameter(String.class, "server")
                .addParameter(String.class, "mechanism")
                .addParameter(String.class, "username")
                .addParameter(String.class, "password")
                .addStatement("$T module = switch (mechanism) {\n"
                        + "case \"PLAIN\" -> \"org.apache.kafka.common.security.plain.PlainLoginModule\";\n"
                        + "case \"SCRAM-SHA-256\", \"SCRAM-SHA-512\" -> \"org.apache.kafka.common.security.scram.ScramLoginModule\";\n"
                        + "default -> throw new $T(\"Kafka server '\" + server + \"': SASL mechanism \" + mechanism"
                        + " + \" does not take a user name and password; use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512\");\n"
                        + "}", String.class, IllegalStateException.class)
                .addStatement("return module + \" required username=\" + quote(username) + \" password=\" + quote(password) + \";\"")
                .build();
        MethodSpec kerberos = MethodSpec.methodBuilder("kerberosJaas")
                .addModifiers(Modifier.STATIC)
                .returns(String.class)
                .addParameter(String.class, "principal")
                .addParameter(String.class, "keytab")
                .addStatement("return \"com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true keyTab=\""
                        + " + quote(keytab) + \" principal=\" + quote(principal) + \";\"")
                .build();
        return sources.annotate(TypeSpec.classBuilder(NAME))
                .addJavadoc("Reads Kafka connection settings and secrets at run time for the generated server configs.\n")
                .addModifiers(Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(optional)
                .addMethod(required)
                .addMethod(putIfSet)
                .addMethod(userPassword)
                .addMethod(kerberos)
                .addMethod(quote)
                .build();
    }
}
