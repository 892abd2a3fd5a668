package io.asyncapikafka.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A read, resolved and validated AsyncAPI 2.x or 3.x contract (both versions give the same model).
 *
 * @param contractFile the contract's file name (no folder), used in "generated from" comments
 * @param asyncapiVersion the document's {@code asyncapi} version
 * @param defaultContentType {@code defaultContentType}, or {@code null}
 * @param servers in document order
 * @param channels in document order
 * @param schemas every named schema reachable through {@link Schema.RefSchema}, by name, in first-seen order
 * @param securitySchemes {@code components/securitySchemes} by key, in document order
 * @param role the role the directions were computed for
 * @param inputFiles every file read (the contract and each file reached through {@code $ref}), relative to the
 *     contract's folder, sorted; the build fingerprints these
 * @param unusedMessages the messages of {@code components.messages} no channel uses, for checking their examples
 */
public record AsyncApiModel(
        String contractFile,
        String asyncapiVersion,
        Info info,
        String defaultContentType,
        List<Server> servers,
        List<Channel> channels,
        Map<String, Schema> schemas,
        Map<String, SecurityScheme> securitySchemes,
        Role role,
        List<String> inputFiles,
        UnusedMessages unusedMessages) {

    public AsyncApiModel {
        Objects.requireNonNull(contractFile, "contractFile");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(role, "role");
        servers = List.copyOf(servers);
        channels = List.copyOf(channels);
        schemas = Collections2.copyOrdered(schemas);
        securitySchemes = Collections2.copyOrdered(securitySchemes);
        inputFiles = List.copyOf(inputFiles);
        Objects.requireNonNull(unusedMessages, "unusedMessages");
    }

    /** A model without unused component messages (models built by hand, in tests). */
    public AsyncApiModel(String contractFile, String asyncapiVersion, Info info, String defaultContentType,
            List<Server> servers, List<Channel> channels, Map<String, Schema> schemas,
            Map<String, SecurityScheme> securitySchemes, Role role, List<String> inputFiles) {
        this(contractFile, asyncapiVersion, info, defaultContentType, servers, channels, schemas, securitySchemes, role,
                inputFiles, UnusedMessages.NONE);
    }

    /** Every operation of every channel, in document order. */
    public List<Operation> operations() {
        return channels.stream().flatMap(c -> c.operations().stream()).toList();
    }

    /** The schema a reference points to, following reference chains. */
    public Schema resolve(Schema schema) {
        Schema s = schema;
        int guard = 0;
        while (s instanceof Schema.RefSchema ref) {
            s = schemas.get(ref.name());
            if (s == null) {
                throw new IllegalStateException("unknown named schema " + ref.name());
            }
            if (++guard > schemas.size() + 1) {
                throw new IllegalStateException("reference cycle through " + ref.name());
            }
        }
        return s;
    }
}
