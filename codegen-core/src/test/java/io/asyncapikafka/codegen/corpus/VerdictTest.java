package io.asyncapikafka.codegen.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a verdicts.tsv row must follow, so that the corpus test cannot be quietly weakened by its data. */
class VerdictTest {

    private static Verdict row(String official, String expected, String today, String note) {
        return new Verdict("x/a.yaml", "2.6.0", official, "-", expected, today, note);
    }

    @Test
    void readsExpectationsAndKnownGaps() {
        Verdict v = row("invalid", "refused AKM010,AKM020", "fails AKM045|accepted (why)", "");
        assertThat(v.expectsOk()).isFalse();
        assertThat(v.expectedCodes()).containsExactly("AKM010", "AKM020");
        assertThat(v.knownGap()).containsExactly("AKM045", "accepted");
        assertThat(row("valid", "ok", "", "").knownGap()).isNull();
        assertThat(row("valid", "ok", "fails javac (why)", "").knownGap()).isEqualTo(List.of("javac"));
    }

    @Test
    void anOfficiallyValidDocumentIsNeverExpectedToBeRefusedAsInvalid() {
        assertThatThrownBy(() -> row("valid", "refused AKM045", "", "")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> row("valid", "unsupported AKM030", "", " ")).hasMessageContaining("reason");
    }

    @Test
    void acceptingAnOfficiallyInvalidDocumentNeedsADocumentedDeviation() {
        assertThatThrownBy(() -> row("invalid", "ok", "", "")).hasMessageContaining("deviation");
        assertThat(row("invalid", "ok", "", "deviation: why").expectsOk()).isTrue();
    }

    @Test
    void aPendingCodeMustBeMarkedAsAKnownGap() {
        assertThatThrownBy(() -> row("invalid", "refused pending", "", "rule")).hasMessageContaining("known gap");
        assertThat(row("invalid", "refused pending", "fails accepted (no check)", "rule").knownGap())
                .containsExactly("accepted");
    }

    @Test
    void malformedColumnsAreRefused() {
        assertThatThrownBy(() -> row("maybe", "ok", "", "")).hasMessageContaining("official");
        assertThatThrownBy(() -> row("valid", "fine", "", "")).hasMessageContaining("expected");
        assertThatThrownBy(() -> row("valid", "ok", "fails sometimes", "")).hasMessageContaining("today");
        assertThatThrownBy(() -> row("valid", "ok", "fails AKM45 (why)", "")).hasMessageContaining("today");
    }
}
