package io.asyncapikafka.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AsyncAPI 3.x: substitutes server variables ({@code {port}} in {@code host: kafka.bootstrap:{port}}) by their defaults, as the
 * generated constants need a concrete bootstrap list (the run-time override replaces the whole list anyway). Kept
 * apart from the 2.x reader's own server-variable handling (issue 20 has both halves in flight); one helper for both
 * versions is the goal once they meet.
 */
final class ServerVariablesV3 {
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private ServerVariablesV3() {}

    /**
     * {@code template} with every {@code {name}} replaced by the default of {@code variables.name}; an undeclared
     * variable, a variable without default, or a default outside its {@code enum} is an error at {@code at} (or at the
     * variable), and the placeholder stays.
     */
    static String substitute(String template, Node.MapNode variables, Node at, String serverName, Documents docs,
            Diagnostics diags) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = defaultOf(name, variables, at, serverName, docs, diags);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String defaultOf(String name, Node.MapNode variables, Node at, String serverName, Documents docs,
            Diagnostics diags) {
        Node raw = variables == null ? null : variables.get(name);
        if (raw == null) {
            diags.report(Code.SERVER_VARIABLE_V3,
                    "server '" + serverName + "' uses {" + name + "} but declares no such variable", at);
            return null;
        }
        Node n = docs.resolve(raw);
        if (!(n instanceof Node.MapNode v)) {
            if (n != null) {
                diags.report(Code.WRONG_TYPE, "server variable '" + name + "' must be a map, found " + Node.kind(n), raw);
            }
            return null;
        }
        String def = Literals.text(v.get("default"));
        if (def == null) {
            diags.report(Code.SERVER_VARIABLE_V3, "server variable '" + name + "' of server '" + serverName
                    + "' has no default, so the generated bootstrap servers would be incomplete", raw);
            return null;
        }
        if (v.get("enum") instanceof Node.ListNode l) {
            List<String> values = new ArrayList<>();
            l.items().forEach(i -> values.add(Literals.text(i)));
            if (!values.contains(def)) {
                diags.report(Code.SERVER_VARIABLE_V3, "the default '" + def + "' of server variable '" + name
                        + "' is not one of its enum values " + values, v.get("default"));
            }
        }
        return def;
    }
}
