package io.chordflow.workflows.cli;

import io.chordflow.common.InputException;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.Yaml;
import io.chordflow.workflows.compile.Compiler;
import io.chordflow.workflows.compile.Lint;
import io.chordflow.workflows.compile.SchemaCheck;
import io.chordflow.workflows.spec.Experiment;
import io.chordflow.workflows.spec.ExperimentLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An experiment loaded for a profile and compiled, with the checks every command runs before using it. */
public record Compiled(Path file, String profile, Experiment experiment, Workflow workflow) {

    public static Compiled of(String exp, String profile) {
        Path root = ExperimentLoader.projectRoot();
        Path file = ExperimentLoader.resolve(exp, root);
        Experiment e = ExperimentLoader.load(file, profile);
        io.chordflow.workflows.spec.SpecUris.checkPaths(e, file);
        return new Compiled(file, profile, e, Compiler.compile(e, profile));
    }

    /**
     * Lint and Argo's schema; a spec that compiles to an invalid workflow is a bug here, but it
     * is reported the same way so the user sees what is wrong. Returns a note when the schema
     * was not found (the lint still ran).
     */
    /** For a cluster: no local paths or file:// URIs (see {@link io.chordflow.workflows.spec.SpecUris#checkForCluster}). */
    public Compiled checkForCluster() {
        io.chordflow.workflows.spec.SpecUris.checkForCluster(experiment, file);
        return this;
    }

    public Optional<String> check() {
        List<String> problems = new ArrayList<>(Lint.check(workflow));
        Optional<Path> schemaFile = SchemaCheck.locate(ExperimentLoader.projectRoot());
        schemaFile.ifPresent(s -> new SchemaCheck(s).validate(Yaml.tree(workflow)).forEach(m -> problems.add("schema: " + m)));
        if (!problems.isEmpty()) {
            throw new InputException(file + " (profile " + profile + "): the compiled workflow is not valid: "
                    + String.join("; ", problems));
        }
        return schemaFile.isPresent() ? Optional.empty()
                : Optional.of("Argo's schema not found (-Dchordflow.shared or ../shared/" + SchemaCheck.RELATIVE + "): lint only");
    }
}
