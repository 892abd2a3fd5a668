package io.asyncapikafka.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Role;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The edit corpus (src/test/resources/edits, written by src/test/edits/make_edits.py): each case is an old and a new
 * contract, the rule that must fire, and the verdict expected when the application sends on the channel (role
 * application) and when it receives (role client). One test per case and side, plus the corpus's figures.
 */
class EditCorpusTest {

    static final Path EDITS = Fixtures.RESOURCES.resolve("edits");
    static final Path VERDICTS = Path.of("target/edit-corpus-verdicts.tsv");

    record Case(String name, String rule, Severity send, Severity receive) {}

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(EDITS)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted(Comparator.naturalOrder()).toList()) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(dir.resolve("expected.properties"))) {
                    p.load(r);
                }
                out.add(new Case(dir.getFileName().toString(), p.getProperty("rule"),
                        Severity.valueOf(p.getProperty("send")), Severity.valueOf(p.getProperty("receive"))));
            }
        }
        return out;
    }

    static List<Finding> run(String name, Role role) {
        AsyncApiModel old = Fixtures.read(EDITS.resolve(name).resolve("old/asyncapi.yaml"), role);
        AsyncApiModel now = Fixtures.read(EDITS.resolve(name).resolve("new/asyncapi.yaml"), role);
        return CompatChecker.compare(old, now, CompatOptions.defaults());
    }

    static Severity verdict(List<Finding> findings) {
        return findings.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElse(Severity.SAFE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verdictPerDirection(Case c) {
        for (Role role : Role.values()) {
            List<Finding> findings = run(c.name(), role);
            Severity expected = role == Role.APPLICATION ? c.send() : c.receive();
            String side = role == Role.APPLICATION ? "sending" : "receiving";
            String all = String.join("\n", findings.stream().map(Finding::format).toList());
            assertThat(verdict(findings)).as(c.name() + " when " + side + ":\n" + all).isEqualTo(expected);
            if (!c.rule().isEmpty()) {
                assertThat(findings).as(c.name() + " when " + side + ":\n" + all).extracting(f -> f.rule().id())
                        .contains(c.rule());
            } else {
                assertThat(findings).as(c.name() + ": nothing on the wire changed").isEmpty();
            }
        }
    }

    @Test
    void everyRuleHasACaseAndTheCorpusScoresFull() throws IOException {
        Set<Rule> covered = EnumSet.noneOf(Rule.class);
        int breaking = 0;
        int caught = 0;
        int safe = 0;
        int falseAlarms = 0;
        List<String> misses = new ArrayList<>();
        List<String> verdicts = new ArrayList<>(List.of("case\tside\texpected\tgot"));
        for (Case c : cases()) {
            if (!c.rule().isEmpty()) {
                covered.add(Rule.valueOf(c.rule()));
            }
            for (Role role : Role.values()) {
                Severity expected = role == Role.APPLICATION ? c.send() : c.receive();
                Severity got = verdict(run(c.name(), role));
                verdicts.add(c.name() + "\t" + (role == Role.APPLICATION ? "send" : "receive") + "\t" + expected
                        + "\t" + got);
                if (expected == Severity.BREAKING) {
                    breaking++;
                    if (got == Severity.BREAKING) {
                        caught++;
                    } else {
                        misses.add(c.name() + "/" + role + ": missed");
                    }
                } else {
                    safe++;
                    if (got == Severity.BREAKING) {
                        falseAlarms++;
                        misses.add(c.name() + "/" + role + ": false alarm");
                    }
                }
            }
        }
        System.out.printf("compat edit corpus: %d cases, %d breaking verdicts caught %d/%d, %d false alarms on %d"
                + " non-breaking verdicts%n", cases().size(), breaking, caught, breaking, falseAlarms, safe);
        // Read by compat/tools/diff-side-by-side, which puts these verdicts beside @asyncapi/diff's on the same cases.
        Files.createDirectories(VERDICTS.getParent());
        Files.write(VERDICTS, verdicts);
        assertThat(misses).isEmpty();
        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).as("rules without a corpus case").isEmpty();
    }
}
