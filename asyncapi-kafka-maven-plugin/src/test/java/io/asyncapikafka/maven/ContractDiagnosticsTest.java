package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Severity;
import io.asyncapikafka.model.SourceLocation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContractDiagnosticsTest {

    private final Path contract = Path.of("/work/svc/src/main/asyncapi/orders.yaml");

    @Test
    void filesBecomeAbsoluteAndNormalised() {
        Diagnostic d = error(new SourceLocation("../shared/money.yaml", 3, 7, "/properties/amount"));
        assertThat(ContractDiagnostics.format(d, contract))
                .isEqualTo("/work/svc/src/main/shared/money.yaml:3:7: error AKM020 broken (fix it)"
                        + " #/properties/amount");
    }

    @Test
    void noLocationPointsAtTheContract() {
        assertThat(ContractDiagnostics.format(error(SourceLocation.UNKNOWN), contract))
                .isEqualTo("/work/svc/src/main/asyncapi/orders.yaml: error AKM020 broken (fix it)");
    }

    @Test
    void remoteFilesAreLeftAsTheyAre() {
        Diagnostic d = error(new SourceLocation("https://example.com/s.yaml", 1, 1, ""));
        assertThat(ContractDiagnostics.format(d, contract))
                .isEqualTo("https://example.com/s.yaml:1:1: error AKM020 broken (fix it)");
    }

    @Test
    void failureCountsAndRepeatsTheLines() {
        assertThat(ContractDiagnostics.failure("Reading contract", contract, java.util.List.of("a:1:1: x", "b:2:2: y")))
                .hasMessage("Reading contract orders.yaml failed with 2 errors:\na:1:1: x\nb:2:2: y");
    }

    private static Diagnostic error(SourceLocation location) {
        return new Diagnostic("AKM020", Severity.ERROR, "broken", "fix it", location);
    }
}
