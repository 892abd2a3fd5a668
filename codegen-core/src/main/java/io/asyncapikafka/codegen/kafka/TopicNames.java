package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.ChannelParameter;
import io.asyncapikafka.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Topic names of parameterised channels (topic {@code user.{userId}.signedup}, from {@link Channel#topicName()}, which
 * the reader already made legal): the Java parameters a producer method takes,
 * the expression that builds the name, and the regular expression a consumer subscribes with.
 */
final class TopicNames {

    /** A channel-name parameter as a Java method parameter. */
    record Param(String name, String javaName, TypeName type) {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    // The characters Kafka allows in a topic name: a parameter value can only be made of these.
    private static final String PARAM_REGEX = "[a-zA-Z0-9._-]+";

    private TopicNames() {}

    /** The parameters in the order they appear in the topic (which is the order a caller reads them in). */
    static List<Param> params(Channel channel) {
        List<Param> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(channel.topicName());
        while (m.find()) {
            String name = m.group(1);
            if (out.stream().noneMatch(p -> p.name().equals(name))) {
                out.add(new Param(name, KafkaNaming.methodName(name), typeOf(channel, name)));
            }
        }
        return List.copyOf(out);
    }

    /** {@code "user." + userId + ".signedup"}. */
    static CodeBlock builderExpression(Channel channel) {
        CodeBlock.Builder b = CodeBlock.builder();
        Matcher m = PLACEHOLDER.matcher(channel.topicName());
        int last = 0;
        boolean first = true;
        while (m.find()) {
            if (m.start() > last) {
                b.add(first ? "$S" : " + $S", channel.topicName().substring(last, m.start()));
                first = false;
            }
            String javaName = KafkaNaming.methodName(m.group(1));
            // String.valueOf keeps "+" a string concatenation even when the first piece is a number parameter.
            if (first) {
                b.add("$T.valueOf($N)", String.class, javaName);
            } else {
                b.add(" + $N", javaName);
            }
            first = false;
            last = m.end();
        }
        if (last < channel.topicName().length()) {
            b.add(first ? "$S" : " + $S", channel.topicName().substring(last));
        }
        return b.build();
    }

    /**
     * {@code user/([a-zA-Z0-9._-]+)/signedup}: every topic the channel can produce to, with one capture group per
     * parameter occurrence, in topic order, from which the runtime reads the parameters of a received record.
     */
    static String pattern(Channel channel) {
        StringBuilder sb = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(channel.topicName());
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                sb.append(quote(channel.topicName().substring(last, m.start())));
            }
            sb.append('(').append(PARAM_REGEX).append(')'); // a capture group per parameter, in topic order
            last = m.end();
        }
        if (last < channel.topicName().length()) {
            sb.append(quote(channel.topicName().substring(last)));
        }
        return sb.toString();
    }

    private static String quote(String literal) {
        StringBuilder sb = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The parameter's schema: {@code integer} → {@code long}, {@code boolean} → {@code boolean}, else a String. */
    private static TypeName typeOf(Channel channel, String name) {
        for (ChannelParameter p : channel.parameters()) {
            if (p.name().equals(name) && p.schema() instanceof Schema.NumberSchema n && n.integer()) {
                return TypeName.LONG;
            }
            if (p.name().equals(name) && p.schema() instanceof Schema.BooleanSchema) {
                return TypeName.BOOLEAN;
            }
        }
        return TypeName.get(String.class);
    }

    /** The declared parameter called {@code name}, or {@code null}. */
    static ChannelParameter declared(Channel channel, String name) {
        return channel.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** Parameter names in the order of the pattern's capture groups (a name used twice has two groups). */
    static List<String> groups(Channel channel) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(channel.topicName());
        while (m.find()) {
            out.add(m.group(1));
        }
        return List.copyOf(out);
    }
}
