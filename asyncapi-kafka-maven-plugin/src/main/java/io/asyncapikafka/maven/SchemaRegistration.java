package io.asyncapikafka.maven;

import io.asyncapikafka.avro.AvroCodec;
import io.asyncapikafka.avro.AvroCodecProvider;
import io.asyncapikafka.avro.SchemaRegistryClient;
import io.asyncapikafka.codegen.kafka.AvroRegistrations;
import io.asyncapikafka.runtime.SchemaUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The {@code register-schemas} goal's plain part: each registry-framed Avro message's schema registered under the
 * subject the generated code looks it up by, at the URL the parameter, else {@code ASYNCAPI_SCHEMA_REGISTRY_URL},
 * else the contract gives; credentials from the environment as at run time. The registry's refusal (an incompatible
 * schema, 409) or its absence fails with the subject and what the registry said.
 */
final class SchemaRegistration {

    /** One registered schema: its subject and the registry's id. */
    record Registered(String message, String subject, String url, int id) {}

    private SchemaRegistration() {}

    static List<Registered> register(AvroRegistrations.Plan plan, String urlParameter, Map<String, String> env,
            BuildLog log) throws ContractFailure {
        plan.skipped().forEach(s -> log.warn("asyncapi-kafka: not registered: " + s));
        List<Registered> out = new ArrayList<>();
        for (AvroRegistrations.Registration r : plan.registrations()) {
            String url = firstSet(urlParameter, env.get(AvroCodecProvider.URL_ENV), r.registryUrl());
            if (url == null) {
                throw new ContractFailure("Message '" + r.message() + "' on channel '" + r.channel() + "' uses the"
                        + " registry framing but no registry URL is known: set -Dasyncapi.schemaRegistry.url, "
                        + AvroCodecProvider.URL_ENV + ", or the server binding's schemaRegistryUrl");
            }
            Schema schema = new Schema.Parser().parse(r.schema());
            String subject = AvroCodec.Subject.of(r.lookupStrategy()).orElse(AvroCodec.Subject.TOPIC)
                    .subject(r.topic(), schema);
            SchemaRegistryClient client = SchemaRegistryClient.of(url)
                    .withBasicAuth(env.get(AvroCodecProvider.USER_ENV), env.get(AvroCodecProvider.PASSWORD_ENV));
            try {
                int id = client.register(subject, schema);
                log.info("asyncapi-kafka: " + schema.getFullName() + " (message " + r.message() + ") registered under"
                        + " subject " + subject + " at " + url + ": id " + id);
                out.add(new Registered(r.message(), subject, url, id));
            } catch (SchemaUnavailableException e) {
                throw new ContractFailure("Cannot register message '" + r.message() + "' under subject " + subject
                        + ": " + e.getMessage() + " (check the URL and that the registry runs; nothing after it was"
                        + " registered)");
            } catch (IllegalStateException e) {
                throw new ContractFailure("The registry refused message '" + r.message() + "' under subject "
                        + subject + ": " + e.getMessage() + " (409 means the schema breaks the subject's"
                        + " compatibility rule: run the compat goal against the released contract)");
            }
        }
        return out;
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
