package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.ServerVariable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server variables, for AsyncAPI 2.x ({@code url}) and 3.x ({@code host}, {@code pathname}) alike: every
 * {@code {name}} of the address must be declared with a {@code default} (the generated constant is the address with
 * the defaults filled in; each is overridable at run time), and a default must be one of its {@code enum} values.
 */
public final class ServerVariables {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private ServerVariables() {}

    /**
     * Reads the variables {@code template} uses from {@code variables} (the server's {@code variables} map, or null),
     * reporting each problem located; returns those that are usable, in document order.
     *
     * @param templates the address parts that may hold {@code {name}}s (2.x: the url; 3.x: host and pathname)
     * @param site where to report a {@code {name}} that is not declared (the server, or its url/host node)
     * @param generated whether a config class is generated for the server (a Kafka protocol): only then does every
     *     variable need a {@code default}, since the generated constant is the address with the defaults filled in
     */
    public static List<ServerVariable> read(String serverName, List<String> templates, Node site, Node variables,
            boolean generated, Documents docs, Diagnostics diags) {
        Set<String> used = new LinkedHashSet<>();
        for (String t : templates) {
            if (t != null) {
                Matcher m = PLACEHOLDER.matcher(t);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        Node resolved = variables == null ? null : docs.resolve(variables);
        Node.MapNode vars = null;
        if (resolved instanceof Node.MapNode vm) {
            vars = vm;
        } else if (resolved != null) {
            diags.report(Code.WRONG_TYPE, "'variables' of server '" + serverName + "' must be a map, found "
                    + Node.kind(resolved), variables);
            return List.of();
        }
        List<ServerVariable> out = new ArrayList<>();
        for (String name : used) {
            if (vars == null || !vars.has(name)) {
                diags.report(Code.SERVER_VARIABLE, "server '" + serverName + "' uses {" + name
                        + "} but declares no such variable", site);
            }
        }
        if (vars == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : vars.members().entrySet()) {
            String name = e.getKey();
            Node raw = e.getValue();
            if (!(docs.resolve(raw) instanceof Node.MapNode v)) {
                if (docs.resolve(raw) != null) {
                    diags.report(Code.WRONG_TYPE, "server variable '" + name + "' must be a map, found "
                            + Node.kind(docs.resolve(raw)), raw);
                }
                continue;
            }
            if (!used.contains(name)) {
                diags.report(Code.SERVER_VARIABLE_UNUSED, "server variable '" + name + "' of server '" + serverName
                        + "' is not used in its address", raw);
                continue;
            }
            ServerVariable sv = variable(serverName, name, v, raw, generated, diags);
            if (sv != null) {
                out.add(sv);
            }
        }
        return out;
    }

    private static ServerVariable variable(String serverName, String name, Node.MapNode v, Node site,
            boolean generated, Diagnostics diags) {
        List<String> enumValues = new ArrayList<>();
        Node en = v.get("enum");
        if (en instanceof Node.ListNode l) {
            for (Node item : l.items()) {
                String t = Literals.text(item);
                if (t == null) {
                    diags.report(Code.WRONG_TYPE, "an enum value of server variable '" + name
                            + "' must be a string, found " + Node.kind(item), item);
                } else {
                    enumValues.add(t);
                }
            }
        } else if (en != null) {
            diags.report(Code.WRONG_TYPE, "'enum' of server variable '" + name + "' must be a list, found "
                    + Node.kind(en), en);
        }
        Node dn = v.get("default");
        String def = Literals.text(dn);
        if ((dn == null || def == null) && !generated) {
            // No constant is generated for a non-Kafka server: a variable without a default is what the spec allows.
            return new ServerVariable(name, null, enumValues, Literals.string(v.get("description")), site.location());
        }
        if (dn == null || def == null) {
            diags.report(Code.SERVER_VARIABLE, "server variable '" + name + "' of server '" + serverName
                    + "' has no default" + (dn == null ? "" : " (found " + Node.kind(dn) + ")")
                    + ", so the server has no address to generate", dn == null ? site : dn);
            return null;
        }
        if (!enumValues.isEmpty() && !enumValues.contains(def)) {
            diags.report(Code.SERVER_VARIABLE, "default '" + def + "' of server variable '" + name
                    + "' is not one of its enum values " + enumValues, dn);
            return null;
        }
        String description = Literals.string(v.get("description"));
        return new ServerVariable(name, def, enumValues, description, site.location());
    }
}
