package io.asyncapikafka.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 500-channel contract against a copy with 50 edits: every edit is found, and the time of the comparison (and of
 * reading both contracts) is printed, not asserted (figures on a shared machine are not a test).
 */
class CompatSpeedTest {

    static final int CHANNELS = 500;

    static String contract(int channels, boolean edited) {
        StringBuilder y = new StringBuilder("asyncapi: 2.6.0\ninfo:\n  title: Speed\n  version: '1.0.0'\nchannels:\n");
        for (int i = 0; i < channels; i++) {
            y.append("  c").append(i).append(".v1:\n    bindings: {kafka: {partitions: 6}}\n")
                    .append("    subscribe:\n      operationId: send").append(i).append('\n')
                    .append("      message: {$ref: '#/components/messages/M").append(i).append("'}\n");
        }
        y.append("components:\n  messages:\n");
        for (int i = 0; i < channels; i++) {
            boolean edit = edited && i % 10 == 0;
            y.append("    M").append(i).append(":\n      name: M").append(i).append('\n')
                    .append("      bindings: {kafka: {key: {type: string}}}\n")
                    .append("      payload:\n        type: object\n        required: [id, amount")
                    .append(edit && i % 20 == 0 ? ", extra" : "").append("]\n        properties:\n")
                    .append("          id: {type: string, format: uuid}\n")
                    .append("          amount: {type: ").append(edit && i % 20 != 0 ? "string" : "integer").append("}\n")
                    .append("          status: {type: string, enum: [A, B, C]}\n")
                    .append("          note: {type: string, maxLength: 200}\n")
                    .append("          tags: {type: array, items: {type: string}}\n")
                    .append("          money: {$ref: '#/components/schemas/Money'}\n")
                    .append(edit && i % 20 == 0 ? "          extra: {type: string}\n" : "");
        }
        y.append("  schemas:\n    Money:\n      type: object\n      required: [amount, currency]\n      properties:\n")
                .append("        amount: {type: number, minimum: 0}\n        currency: {type: string}\n");
        return y.toString();
    }

    @Test
    void fiveHundredChannelsWithFiftyEdits(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("old.yaml"), contract(CHANNELS, false));
        Files.writeString(dir.resolve("new.yaml"), contract(CHANNELS, true));
        AsyncApiModel old = null;
        AsyncApiModel now = null;
        long firstRead = 0;
        long read = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            old = Fixtures.read(dir.resolve("old.yaml"), Role.APPLICATION);
            now = Fixtures.read(dir.resolve("new.yaml"), Role.APPLICATION);
            long t = System.nanoTime() - t0;
            firstRead = run == 0 ? t : firstRead;
            read = Math.min(read, t);
        }

        List<Finding> findings = List.of();
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long t = System.nanoTime();
            findings = CompatChecker.compare(old, now, CompatOptions.defaults());
            best = Math.min(best, System.nanoTime() - t);
        }

        // The application sends: a required property added is safe FORWARD, a type change breaks every reader.
        assertThat(findings).hasSize(50);
        assertThat(findings).filteredOn(f -> f.rule() == Rule.REQUIRED_PROPERTY_ADDED)
                .hasSize(25).allMatch(f -> f.severity() == Severity.SAFE);
        assertThat(findings).filteredOn(f -> f.rule() == Rule.TYPE_CHANGED).hasSize(25).allMatch(Finding::isBreaking);
        System.out.printf("compat speed: %d channels, 50 edits: read both %.0f ms (first, cold JVM: %.0f ms),"
                + " compare %.1f ms (best of 5)%n", CHANNELS, read / 1e6, firstRead / 1e6, best / 1e6);
    }
}
