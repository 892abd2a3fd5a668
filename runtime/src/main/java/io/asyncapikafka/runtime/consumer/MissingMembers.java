package io.asyncapikafka.runtime.consumer;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.Violation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a payload that is well-formed JSON but lacks a required member, so it is dead-lettered as a contract
 * violation (naming the member's JSON path) instead of as undecodable. Two shapes reach the runtime: the generated
 * record's compact constructor rejects a missing or {@code null} reference member with
 * {@code Objects.requireNonNull(member, "<wire name>")}, which Jackson wraps with the path of the object; and
 * Jackson itself reports a missing primitive member (annotated {@code @JsonProperty(required = true)}) as
 * "Missing required creator property".
 */
final class MissingMembers {

    private static final Pattern MISSING_CREATOR_PROPERTY = Pattern.compile("^Missing required creator property '(.*?)'");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private MissingMembers() {}

    /** The contract violation {@code error} stands for, or {@code null} if it is some other decoding failure. */
    static ContractViolationException of(String typeName, Throwable error) {
        if (!(error instanceof JsonMappingException jme)) {
            return null;
        }
        String member = null;
        String message = null;
        Matcher m = MISSING_CREATOR_PROPERTY.matcher(String.valueOf(jme.getOriginalMessage()));
        if (jme instanceof MismatchedInputException && m.find()) {
            member = m.group(1);
            message = "is required but missing";
        } else if (jme.getCause() instanceof NullPointerException npe && thrownByRequireNonNull(npe)
                && npe.getMessage() != null) {
            member = npe.getMessage();
            message = "is required but missing or null";
        }
        if (member == null) {
            return null;
        }
        List<JsonMappingException.Reference> refs = jme.getPath();
        boolean named = !refs.isEmpty() && member.equals(refs.get(refs.size() - 1).getFieldName());
        // Jackson's path names the missing creator property itself, the constructor's only its object
        String path = named ? pathOf(refs) : pathOf(refs) + memberPath(member);
        return new ContractViolationException("received " + typeName, List.of(new Violation(path, message)));
    }

    private static boolean thrownByRequireNonNull(NullPointerException npe) {
        StackTraceElement[] trace = npe.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().equals("java.util.Objects")
                && trace[0].getMethodName().startsWith("requireNonNull");
    }

    private static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                path.append(memberPath(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String memberPath(String name) {
        return PLAIN_NAME.matcher(name).matches() ? "." + name : "['" + name.replace("'", "\\'") + "']";
    }
}
