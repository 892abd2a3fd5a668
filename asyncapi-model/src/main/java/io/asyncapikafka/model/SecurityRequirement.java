package io.asyncapikafka.model;

import java.util.List;

/** One entry of a server's {@code security} list: the scheme it names (resolved) and its scopes. */
public record SecurityRequirement(SecurityScheme scheme, List<String> scopes) {
    public SecurityRequirement {
        scopes = List.copyOf(scopes);
    }
}
