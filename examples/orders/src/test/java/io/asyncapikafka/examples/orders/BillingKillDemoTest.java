package io.asyncapikafka.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo's crash step as its main runs it: a billing JVM SIGKILLed mid-batch, the next one charging nothing twice. */
class BillingKillDemoTest {

    @Test
    void aBillingJvmKilledMidBatchLeavesEachOrderChargedOnce() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BillingKillDemo.Outcome outcome = BillingKillDemo.run(30, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(outcome.chargedBeforeKill()).as(text).isPositive();
        assertThat(outcome.committedAtKill()).as("the kill came before any commit: every order is delivered again")
                .isZero();
        // the second JVM got all 30 again; those the first had charged were skipped by the inbox, not charged again
        assertThat(outcome.skippedByInbox()).as(text).isGreaterThanOrEqualTo(outcome.chargedBeforeKill());
        assertThat(outcome.ledgerRows()).as(text).isEqualTo(30);
        assertThat(outcome.distinctOrders()).isEqualTo(30);
        // the pipeline in the same JVMs: the kill aborted its open transactions, billing.v1 has one charge per order
        assertThat(outcome.pipeline().charges()).as(text).isEqualTo(30);
        assertThat(outcome.pipeline().distinctOrders()).as(text).isEqualTo(30);
        assertThat(outcome.pipeline().committedAtKill()).as(text).isLessThan(30);
        assertThat(outcome.eachOrderChargedOnce()).isTrue();
        assertThat(text).contains("SIGKILLed after charging").contains("each order charged once")
                .contains("no duplicate downstream");
    }
}
