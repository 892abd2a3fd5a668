package io.asyncapikafka.avro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server (the JDK's) answering the three calls of the Confluent Schema Registry REST API the client makes,
 * with the request and response shapes of its API reference (docs.confluent.io/platform/current/schema-registry/develop/api.html,
 * see src/test/resources/registry-exchanges.md): {@code GET /schemas/ids/{id}} → {@code {"schema": "..."}} or 404
 * {@code {"error_code": 40403, ...}}; {@code POST /subjects/{subject}} → {@code {"subject", "id", "version", "schema"}}
 * or 404 {@code 40401}/{@code 40403}; {@code POST /subjects/{subject}/versions} → {@code {"id": n}}. No real registry
 * could be started in-JVM here (see the avro module README). {@link #down} makes it answer 503 (error 50001-style),
 * as a registry whose store is down does.
 */
final class RegistryStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpServer server;
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> subjects = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicBoolean down = new AtomicBoolean();
    /** "METHOD path" of every request, and the Authorization and Content-Type headers seen. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();

    private RegistryStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static RegistryStub start() {
        try {
            return new RegistryStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers as {@code POST /subjects/{subject}/versions} would; the id. */
    int register(String subject, String schema) {
        String canonical = new org.apache.avro.Schema.Parser().parse(schema).toString();
        return subjects.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).computeIfAbsent(canonical, c -> {
            int id = nextId.getAndIncrement();
            schemas.put(id, c);
            return id;
        });
    }

    void down(boolean isDown) {
        down.set(isDown);
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        requests.add(method + " " + path);
        authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        contentTypes.add(String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (down.get()) {
            reply(ex, 503, Map.of("error_code", 50003, "message", "Error while forwarding the request to the leader"));
            return;
        }
        String[] parts = path.substring(1).split("/");
        if (method.equals("GET") && parts.length == 3 && parts[0].equals("schemas") && parts[1].equals("ids")) {
            String schema = schemas.get(Integer.parseInt(parts[2]));
            if (schema == null) {
                reply(ex, 404, Map.of("error_code", 40403, "message", "Schema not found"));
            } else {
                reply(ex, 200, Map.of("schema", schema));
            }
            return;
        }
        if (method.equals("POST") && parts.length >= 2 && parts[0].equals("subjects")) {
            String subject = java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            String schema = new org.apache.avro.Schema.Parser().parse(JSON.readTree(body).path("schema").asText())
                    .toString();
            if (parts.length == 3 && parts[2].equals("versions")) {
                reply(ex, 200, Map.of("id", register(subject, schema)));
                return;
            }
            Map<String, Integer> versions = subjects.get(subject);
            if (versions == null) {
                reply(ex, 404, Map.of("error_code", 40401, "message", "Subject '" + subject + "' not found."));
            } else if (!versions.containsKey(schema)) {
                reply(ex, 404, Map.of("error_code", 40403, "message", "Schema not found"));
            } else {
                reply(ex, 200, Map.of("subject", subject, "id", versions.get(schema), "version", 1, "schema", schema));
            }
            return;
        }
        reply(ex, 404, Map.of("error_code", 404, "message", "HTTP 404 Not Found"));
    }

    private static void reply(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", TYPE);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
