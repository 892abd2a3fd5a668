package io.asyncapikafka.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asyncapikafka.runtime.SchemaUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A small client for the Confluent-compatible schema registry REST API (Confluent Schema Registry, Apicurio
 * Registry's {@code /apis/ccompat/v7}, Redpanda, Karapace): look a schema's id up under a subject, fetch a schema by id,
 * and register (off unless asked: the seed recommends registering on CI, not from running services). Answers are
 * cached for the client's life: an id always names the same schema.
 *
 * <p>Failures: the registry unreachable, a timeout or a 5xx answer is a {@link SchemaUnavailableException} (an outage:
 * the consumer waits it out); an id the registry does not know is an {@link UnknownSchemaException} (the record is
 * poison: dead-lettered); a schema not registered under the subject while auto-registration is off is an
 * {@link UnknownSchemaException} too, raised when sending.
 */
public final class SchemaRegistryClient {

    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final boolean autoRegister;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();

    private SchemaRegistryClient(URI base, String authorization, boolean autoRegister, Duration timeout) {
        this.base = base;
        this.authorization = authorization;
        this.autoRegister = autoRegister;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A client of the registry at {@code url}, without credentials, auto-registration off. */
    public static SchemaRegistryClient of(String url) {
        return new SchemaRegistryClient(baseUri(url), null, false, Duration.ofSeconds(5));
    }

    /** This client with HTTP basic credentials ({@code null} user: none). */
    public SchemaRegistryClient withBasicAuth(String user, String password) {
        String auth = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + Objects.requireNonNullElse(password, "")).getBytes(StandardCharsets.UTF_8));
        return new SchemaRegistryClient(base, auth, autoRegister, timeout);
    }

    /** This client registering schemas it does not find ({@code auto.register.schemas}); off by default. */
    public SchemaRegistryClient withAutoRegister(boolean on) {
        return new SchemaRegistryClient(base, authorization, on, timeout);
    }

    /** The registry's base URL. */
    public URI baseUri() {
        return base;
    }

    /** The schema with {@code id} ({@code GET /schemas/ids/{id}}), cached. */
    public Schema schemaById(int id) {
        Schema known = byId.get(id);
        if (known != null) {
            return known;
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("schemas/ids/" + id)).GET(), "schema " + id);
        if (r.statusCode() == 404) {
            throw new UnknownSchemaException("the schema registry at " + base + " has no schema with id " + id);
        }
        JsonNode body = ok(r, "schema " + id);
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new UnknownSchemaException("schema " + id + " is a " + type + " schema, not Avro");
        }
        Schema s = new Schema.Parser().parse(body.path("schema").asText());
        byId.put(id, s);
        return s;
    }

    /**
     * The id of {@code schema} under {@code subject} ({@code POST /subjects/{subject}}); not registered: registered
     * when auto-registration is on ({@code POST /subjects/{subject}/versions}), else an {@link UnknownSchemaException}.
     */
    public int idOf(String subject, Schema schema) {
        String key = subject + "\n" + schema;
        Integer known = idBySubjectAndSchema.get(key);
        if (known != null) {
            return known;
        }
        String body = schemaBody(schema);
        URI lookup = base.resolve("subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8));
        HttpResponse<String> r = send(post(lookup, body), "lookup of subject " + subject);
        int id;
        if (r.statusCode() == 404) {
            if (!autoRegister) {
                throw new UnknownSchemaException("schema " + schema.getFullName() + " is not registered under subject '"
                        + subject + "' at " + base + " (auto-registration is off: register it on CI)");
            }
            id = register(subject, schema);
        } else {
            id = ok(r, "lookup of subject " + subject).path("id").asInt();
        }
        idBySubjectAndSchema.put(key, id);
        byId.putIfAbsent(id, schema);
        return id;
    }

    /** Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}); its id. */
    public int register(String subject, Schema schema) {
        URI versions = base.resolve("subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions");
        int id = ok(send(post(versions, schemaBody(schema)), "registration under " + subject), "registration under "
                + subject).path("id").asInt();
        byId.putIfAbsent(id, schema);
        return id;
    }

    private HttpRequest.Builder post(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        request.timeout(timeout).header("Accept", MEDIA_TYPE);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaUnavailableException("the schema registry at " + base + " cannot be reached (" + what + "): "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaUnavailableException("interrupted asking the schema registry at " + base, e);
        }
        if (r.statusCode() >= 500 || r.statusCode() == 429) {
            throw new SchemaUnavailableException("the schema registry at " + base + " answered " + r.statusCode()
                    + " (" + what + "): " + r.body(), null);
        }
        return r;
    }

    private JsonNode ok(HttpResponse<String> r, String what) {
        if (r.statusCode() != 200) {
            // 401/403/409/422: a configuration or contract problem, not an outage
            throw new IllegalStateException("the schema registry at " + base + " refused the " + what + " with "
                    + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("the schema registry at " + base + " answered the " + what
                    + " with something that is not JSON: " + r.body(), e);
        }
    }

    private static URI baseUri(String url) {
        Objects.requireNonNull(url, "url");
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** A schema id, or a subject's schema, that the registry does not know: the record cannot be read (or sent). */
    public static final class UnknownSchemaException extends RuntimeException {
        public UnknownSchemaException(String message) {
            super(message);
        }
    }
}
