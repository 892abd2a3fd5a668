package io.asyncapikafka.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Locations in both documents, $ref'd files, modes from options and from the contract, transitive baselines. */
class CompatCheckerTest {

    private static AsyncApiModel edit(String name, String side, Role role) {
        return Fixtures.read(EditCorpusTest.EDITS.resolve(name).resolve(side).resolve("asyncapi.yaml"), role);
    }

    private static List<Finding> compare(String name, Role role, CompatOptions options) {
        return CompatChecker.compare(edit(name, "old", role), edit(name, "new", role), options);
    }

    private static Finding only(List<Finding> findings, Rule rule) {
        List<Finding> of = findings.stream().filter(f -> f.rule() == rule).toList();
        assertThat(of).as(findings.toString()).hasSize(1);
        return of.get(0);
    }

    @Test
    void aFindingIsLocatedInBothDocumentsAndPrintsBoth() {
        Finding f = only(compare("required-property-removed-v2", Role.APPLICATION, CompatOptions.defaults()),
                Rule.REQUIRED_PROPERTY_REMOVED);

        assertThat(f.severity()).isEqualTo(Severity.BREAKING);
        assertThat(f.mode()).isEqualTo(CompatMode.FORWARD);
        assertThat(f.breaks()).isEqualTo(Breaks.FORWARD);
        assertThat(f.channel()).isEqualTo("orders.v1");
        assertThat(f.oldLocation().pointer()).isEqualTo("/components/schemas/Order/properties/amount");
        assertThat(f.oldLocation().line()).isPositive();
        assertThat(f.newLocation().pointer()).isEqualTo("/components/schemas/Order");
        assertThat(f.newLocation().file()).isEqualTo("asyncapi.yaml");
        assertThat(f.format()).matches("asyncapi\\.yaml:\\d+:\\d+: REQUIRED_PROPERTY_REMOVED BREAKING channel"
                + " 'orders.v1' message 'OrderPlaced' payload: required property 'amount' removed \\(old readers"
                + ".*orders\\.v2.*\\) #/components/schemas/Order \\[was asyncapi\\.yaml:\\d+:\\d+"
                + " #/components/schemas/Order/properties/amount]");
    }

    @Test
    void aChangeInAReferencedFileIsLocatedInThatFile() {
        Finding f = only(compare("ref-file-type-changed-v3", Role.CLIENT, CompatOptions.defaults()),
                Rule.TYPE_CHANGED);

        assertThat(f.newLocation().file()).isEqualTo("address.yaml");
        assertThat(f.newLocation().pointer()).isEqualTo("/properties/city");
        assertThat(f.newLocation().line()).isEqualTo(3);
        assertThat(f.oldLocation().file()).isEqualTo("address.yaml");
        assertThat(f.mode()).isEqualTo(CompatMode.BACKWARD);
        assertThat(f.isBreaking()).isTrue();
    }

    @Test
    void optionsChooseTheModeGloballyPerChannelAndPerMessage() {
        assertThat(compare("required-property-removed-v2", Role.APPLICATION, CompatOptions.defaults().withMode(
                CompatMode.NONE))).allMatch(f -> f.severity() == Severity.SAFE).isNotEmpty();
        assertThat(compare("required-property-removed-v2", Role.APPLICATION, CompatOptions.defaults()
                .withChannelModes(Map.of("orders.v1", CompatMode.BACKWARD)))).noneMatch(Finding::isBreaking);
        assertThat(compare("enum-value-removed-v2", Role.APPLICATION, CompatOptions.defaults()))
                .noneMatch(Finding::isBreaking);
        assertThat(compare("enum-value-removed-v2", Role.APPLICATION, CompatOptions.defaults()
                .withMessageModes(Map.of("orders.v1#OrderPlaced", CompatMode.FULL)))).anyMatch(Finding::isBreaking);
    }

    @Test
    void xCompatibilityOnChannelsAndMessagesIsReadFromTheDocument() throws Exception {
        Path dir = Fixtures.RESOURCES.resolve("modes");
        AsyncApiModel old = Fixtures.read(dir.resolve("old.yaml"), Role.APPLICATION);
        AsyncApiModel now = Fixtures.read(dir.resolve("new.yaml"), Role.APPLICATION);
        Object tree = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(dir.resolve("new.yaml")));

        List<Finding> plain = CompatChecker.compare(old, now, CompatOptions.defaults());
        assertThat(plain).filteredOn(Finding::isBreaking).extracting(Finding::channel).containsExactly("a.v1");

        CompatOptions options = DocumentModes.apply(CompatOptions.defaults(), tree, now);
        assertThat(options.channelModes()).containsExactly(Map.entry("a.v1", CompatMode.NONE));
        assertThat(options.messageModes()).containsExactly(Map.entry("b.v1#Level", CompatMode.FULL));
        List<Finding> moded = CompatChecker.compare(old, now, options);
        assertThat(moded).filteredOn(Finding::isBreaking).extracting(f -> f.channel() + " " + f.rule())
                .containsExactly("b.v1 ENUM_VALUE_REMOVED");

        CompatOptions overridden = DocumentModes.apply(CompatOptions.defaults().withChannelModes(Map.of("a.v1",
                CompatMode.FULL)), tree, now);
        assertThat(overridden.channelModes()).containsEntry("a.v1", CompatMode.FULL);

        Object bad = new Load(LoadSettings.builder().build()).loadFromString(
                Files.readString(dir.resolve("new.yaml")).replace("x-compatibility: NONE", "x-compatibility: LOOSE"));
        assertThatThrownBy(() -> DocumentModes.apply(CompatOptions.defaults(), bad, now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#/channels/a.v1")
                .hasMessageContaining("LOOSE");
    }

    @Test
    void severalBaselinesAreCheckedTransitivelyOnlyWhereTheModeSaysSo() {
        AsyncApiModel v1 = edit("enum-value-added-v2", "old", Role.APPLICATION);
        AsyncApiModel v2 = edit("enum-value-added-v2", "new", Role.APPLICATION);
        AsyncApiModel current = edit("enum-value-added-v2", "new", Role.APPLICATION);
        Map<String, AsyncApiModel> baselines = new LinkedHashMap<>();
        baselines.put("v1", v1);
        baselines.put("v2", v2);

        assertThat(CompatChecker.compare(baselines, current, CompatOptions.defaults())).isEmpty();
        List<Finding> transitive = CompatChecker.compare(baselines, current,
                CompatOptions.defaults().withTransitive(true));
        Finding f = only(transitive, Rule.ENUM_VALUE_ADDED);
        assertThat(f.baseline()).isEqualTo("v1");
        assertThat(f.mode()).isEqualTo(CompatMode.FORWARD_TRANSITIVE);
        assertThat(f.isBreaking()).isTrue();
        assertThat(CompatChecker.compare(baselines, current, CompatOptions.defaults()
                .withChannelModes(Map.of("orders.v1", CompatMode.FORWARD_TRANSITIVE)))).hasSize(1);
    }

    @Test
    void modesParseLeniently() {
        assertThat(CompatMode.parse("full-transitive")).isEqualTo(CompatMode.FULL_TRANSITIVE);
        assertThat(CompatMode.BACKWARD.transitive()).isEqualTo(CompatMode.BACKWARD_TRANSITIVE);
        assertThatThrownBy(() -> CompatMode.parse("sideways")).hasMessageContaining("BACKWARD, FORWARD, FULL or NONE");
    }
}
