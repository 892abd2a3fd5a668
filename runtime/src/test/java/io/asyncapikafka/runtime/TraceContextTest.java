package io.asyncapikafka.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextTest {

    @Test
    void scopesNestAndRestoreWhatWasInScopeBefore() {
        assertThat(TraceContext.currentOrNull()).isNull();
        try (TraceContext.Scope outer = TraceContext.open("00-a-01")) {
            assertThat(TraceContext.currentOrNull()).isEqualTo("00-a-01");
            try (TraceContext.Scope none = TraceContext.open(null)) {
                assertThat(TraceContext.current()).isEmpty();
                try (TraceContext.Scope inner = TraceContext.open("00-b-01")) {
                    assertThat(TraceContext.currentOrNull()).isEqualTo("00-b-01");
                }
                assertThat(TraceContext.current()).isEmpty();
            }
            assertThat(TraceContext.currentOrNull()).isEqualTo("00-a-01");
        }
        assertThat(TraceContext.currentOrNull()).isNull();
    }

    @Test
    void closingAScopeOpenedWithNothingInScopeClearsWhatTheHandlerLeftBehind() {
        try (TraceContext.Scope scope = TraceContext.open(null)) {
            TraceContext.open("00-leaked-01"); // never closed, as a careless handler might do
            assertThat(TraceContext.currentOrNull()).isEqualTo("00-leaked-01");
        }
        assertThat(TraceContext.currentOrNull()).isNull();
    }
}
