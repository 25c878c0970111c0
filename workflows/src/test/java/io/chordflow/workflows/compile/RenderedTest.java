package io.chordflow.workflows.compile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.workflows.argo.Yaml;
import io.chordflow.workflows.spec.ExperimentLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * workflows/rendered/NAME.yaml is the default-profile render of experiments/NAME.yaml, kept in
 * the repo so a spec change shows its effect on the DAG in review. Run with
 * -Dchordflow.refresh=true to rewrite them.
 */
class RenderedTest {
    static final Path DIR = Fixtures.ROOT.resolve("workflows/rendered");
    static final String REFRESH = "mvn -B -q -o -pl workflows -am test -Dtest=RenderedTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dchordflow.refresh=true   (or: bin/chordflow render NAME > workflows/rendered/NAME.yaml)";

    @Test
    void renderedWorkflowsAreUpToDate() throws Exception {
        boolean refresh = Boolean.getBoolean("chordflow.refresh");
        List<String> names = ExperimentLoader.names(Fixtures.ROOT);
        assertTrue(names.containsAll(Fixtures.EXPERIMENTS), names.toString());
        Files.createDirectories(DIR);
        for (String name : names) {
            String fresh = Yaml.render(Fixtures.compile(name, ExperimentLoader.DEFAULT_PROFILE));
            Path file = DIR.resolve(name + ".yaml");
            if (refresh) {
                Files.writeString(file, fresh);
            }
            assertTrue(Files.isRegularFile(file), file + " is missing; refresh with: " + REFRESH);
            // not assertEquals: a 1000-line diff in the report helps nobody; git diff after refreshing does
            assertTrue(fresh.equals(Files.readString(file)), file + " is stale; refresh with: " + REFRESH);
        }
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path f : s.toList()) {
                String n = f.getFileName().toString().replaceFirst("\\.yaml$", "");
                assertTrue(names.contains(n), f + " has no experiments/" + n + ".yaml: delete it");
            }
        }
    }
}
