package io.asyncapikafka.codegen.types;

import static io.asyncapikafka.codegen.testing.Compiled.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.Contracts;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.model.AsyncApiModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every good fixture of the contract reader, and this module's own contracts (the seed among them), read by the real
 * reader, generate sources that compile with {@code -Xlint:all -Werror}; each sample payload under
 * {@code samples/<contract>/<Type>.json} round-trips to the same JSON and validates clean.
 */
class ContractFixturesTest {

    private static final String BASE = "com.example.events";
    private static final Path SAMPLES = Path.of("src/test/resources/samples");
    private static final Pattern COUNTER = Pattern.compile("(.*\\D)(\\d+)");

    static Stream<Path> contracts() {
        List<Path> all = new ArrayList<>(Contracts.contractsIn(Contracts.MODEL_GOOD));
        all.addAll(Contracts.contractsIn(Contracts.OWN));
        assertThat(all).as("the reader's good fixtures must be there").hasSizeGreaterThanOrEqualTo(7);
        return all.stream();
    }

    private static GenerationResult generate(Path contract) {
        AsyncApiModel model = Contracts.read(contract);
        return CodeGenerator.create(GeneratorOptions.of(BASE)).generate(model);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void compilesAndRoundTripsSamples(Path contract) throws IOException {
        GenerationResult result = generate(contract);
        // AKG011 is true of good contracts too: a scalar key's constraints (a pattern on a SKU) are not checked; so is
        // AKG014: a one-sided integer bound (qty: {minimum: 1}) is typed long, which narrows its open side
        List<String> codes = result.diagnostics().stream().map(d -> d.code())
                .filter(c -> !c.equals("AKG011") && !c.equals("AKG014")).toList();
        if (contract.getFileName().toString().equals("orders-seed.asyncapi.yaml")) {
            // The seed's "SASL/SCRAM-SHA-256" scheme has type userPassword (PLAIN): the one warning it must get.
            assertThat(codes).containsExactly("AKK204");
        } else {
            assertThat(codes).as("no diagnostics for a good contract").isEmpty();
        }
        Compiled compiled = InMemoryCompiler.compile(result.files());
        Path samples = SAMPLES.resolve(contract.getFileName().toString());
        if (!Files.isDirectory(samples)) {
            return; // compiled with -Werror is the check; samples exercise the contracts we have written them for
        }
        try (Stream<Path> files = Files.list(samples)) {
            for (Path sample : files.sorted().toList()) {
                String type = sample.getFileName().toString().replace(".json", "");
                String json = Files.readString(sample, StandardCharsets.UTF_8);
                Class<?> cls = compiled.load(BASE + ".model." + type);
                assertThat(compiled.roundTrip(json, cls)).as(sample.toString()).isEqualTo(compiled.tree(json));
                assertThat(violations(compiled.read(json, cls))).as(sample.toString()).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void generatingTwiceGivesByteIdenticalOutput(Path contract) {
        List<String> first = generate(contract).files().stream().map(JavaFile::toString).toList();
        List<String> second = generate(contract).files().stream().map(JavaFile::toString).toList();
        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void namesAreMeaningfulAndNumberedOnlyOnGenuineCollision(Path contract) {
        Set<String> names = generate(contract).files().stream().map(f -> f.typeSpec().name())
                .collect(Collectors.toSet());
        for (String n : names) {
            assertThat(n).doesNotContain("Anonymous");
            Matcher m = COUNTER.matcher(n);
            if (m.matches()) {
                assertThat(names).as(n + " is numbered, so its base name must be taken").contains(m.group(1));
            }
        }
    }

    @Test
    void everyFileStartsWithTheGeneratedLineAndCarriesBothAnnotations() {
        for (JavaFile f : generate(Contracts.OWN.resolve("orders-seed.asyncapi.yaml")).files()) {
            String src = f.toString();
            assertThat(src).startsWith(
                    "// Generated by asyncapi-kafka from orders-seed.asyncapi.yaml. Do not edit.\n");
            assertThat(src).contains("@Generated(", "value = \"io.asyncapikafka\"", "comments = \"version dev\"",
                    "@GeneratedCode(", "contract = \"orders-seed.asyncapi.yaml\"");
            assertThat(src).doesNotContain("/work/", "date =", "\r");
        }
    }

    @Test
    void summaryHasOneLinePerOperationMessage() {
        assertThat(generate(Contracts.OWN.resolve("orders-seed.asyncapi.yaml")).summary()).startsWith(
                "orders.v1 publishOrderCreated send OrderCreated: payload com.example.events.model.OrderCreated, "
                        + "headers com.example.events.model.OrderCreatedHeaders",
                "orders.retry.v1 consumeOrderCreatedRetry receive OrderCreated: payload "
                        + "com.example.events.model.OrderCreated, headers com.example.events.model.OrderCreatedHeaders");
    }

    @Test
    void seedValidationReportsNestedPaths() throws IOException {
        Compiled c = InMemoryCompiler.compile(generate(Contracts.OWN.resolve("orders-seed.asyncapi.yaml")).files());
        String json = Files.readString(SAMPLES.resolve("orders-seed.asyncapi.yaml/OrderCreated.json"))
                .replace("\"qty\":1", "\"qty\":0").replace("\"total\":59.90", "\"total\":-1");
        assertThat(violations(c.read(json, c.load(BASE + ".model.OrderCreated")))).containsExactly(
                "$.total: must be >= 0 but was -1", "$.items[1].qty: must be >= 1 but was 0");
    }

    @Test
    void paymentsDiscriminatedCardAndDeducedTarget() throws Exception {
        Compiled c = InMemoryCompiler.compile(generate(Contracts.MODEL_GOOD.resolve("payments.asyncapi.yaml")).files());
        Class<?> card = c.load(BASE + ".model.Card");
        Object sepa = c.json().readValue("{\"kind\":\"sepa\",\"iban\":\"DE89370400440532013000\"}", card);
        assertThat(sepa.getClass().getSimpleName()).isEqualTo("SepaMandate");
        Object credit = c.json().readValue("{\"kind\":\"credit\",\"last4\":\"42\"}", card);
        assertThat(violations(credit)).containsExactly("$.last4: must match pattern ^[0-9]{4}$");
        Object built = Compiled.call(Compiled.call(Compiled.call(c.load(BASE + ".model.CreditCard"), "builder"),
                "last4", "4242"), "build");
        assertThat(c.json().writeValueAsString(built)).isEqualTo("{\"kind\":\"credit\",\"last4\":\"4242\"}");

        Class<?> target = c.load(BASE + ".model.CapturePaymentTarget");
        assertThat(c.json().readValue("{\"accountId\":\"a-1\"}", target).getClass().getSimpleName())
                .isEqualTo("AccountTarget");
    }

    @Test
    void shippingDiscriminatedBaseBecomesASealedInterfaceOfItsAllOfSubtypes() throws Exception {
        Compiled c = InMemoryCompiler.compile(generate(Contracts.MODEL_GOOD.resolve("shipping.asyncapi.yaml")).files());
        Class<?> event = c.load(BASE + ".model.ParcelEvent");
        assertThat(event.isInterface() && event.isSealed()).isTrue();
        assertThat(event.getPermittedSubclasses()).extracting(Class::getSimpleName)
                .containsExactly("ParcelShipped", "ParcelDelivered");
        Object delivered = c.json().readValue("{\"kind\":\"ParcelDelivered\","
                + "\"parcelId\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"signedBy\":\"Ada\"}", event);
        assertThat(delivered.getClass().getSimpleName()).isEqualTo("ParcelDelivered");
        Object built = Compiled.call(Compiled.call(Compiled.call(Compiled.call(c.load(BASE + ".model.ParcelDelivered"),
                "builder"), "parcelId", java.util.UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7")),
                "signedBy", "Ada"), "build");
        assertThat(built).as("the builder presets the type id").isEqualTo(delivered);
    }

    @Test
    void auditExclusiveMaximum() throws IOException {
        Compiled c = InMemoryCompiler.compile(generate(Contracts.MODEL_GOOD.resolve("audit.asyncapi.json")).files());
        String json = Files.readString(SAMPLES.resolve("audit.asyncapi.json/AuditEvent.json"))
                .replace("\"severity\":6", "\"severity\":7");
        assertThat(violations(c.read(json, c.load(BASE + ".model.AuditEvent"))))
                .containsExactly("$.severity: must be < 7 but was 7");
    }
}
