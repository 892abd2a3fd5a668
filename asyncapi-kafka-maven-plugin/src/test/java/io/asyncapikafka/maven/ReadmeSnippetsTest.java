package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's pom and command are the ones the invoker ITs build (readme-pom, readme-standalone; on Maven 3.8.7 and
 * 3.9), so what a reader copies is what was tested.
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmesPomIsTheOneTheInvokerItBuilds() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String pom = block(readme, "A complete `pom.xml`", "```xml\n");
        assertThat(pom).isEqualTo(Files.readString(ROOT.resolve("src/it/projects/readme-pom/pom.xml")));
        assertThat(pom).contains("<version>" + version() + "</version>");
    }

    @Test
    void theReadmesStandaloneCommandIsTheOneTheInvokerItRuns() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String command = block(readme, "Or, in a project whose pom does not declare the plugin", "```bash\n")
                .replace("\\\n", " ").replaceAll("\\s+", " ").trim();
        String goals = Files.readAllLines(ROOT.resolve("src/it/projects/readme-standalone/invoker.properties"))
                .stream().filter(l -> l.startsWith("invoker.goals")).findFirst().orElseThrow();
        String tested = "mvn " + goals.substring(goals.indexOf('=') + 1).trim().replaceFirst("^-V ", "")
                .replace("${project.version}", version());
        assertThat(command).isEqualTo(tested);
    }

    /** The fenced block that opens with {@code fence} first after {@code anchor}. */
    private static String block(String text, String anchor, String fence) {
        int at = text.indexOf(anchor);
        assertThat(at).as("README has '%s'", anchor).isNotNegative();
        int open = text.indexOf(fence, at) + fence.length();
        return text.substring(open, text.indexOf("```", open));
    }

    private static String version() throws Exception {
        Matcher m = Pattern.compile("<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("asyncapi-kafka-maven-plugin/pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
