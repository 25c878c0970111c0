package io.chordflow.workflows.cli;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.workflows.spec.ExperimentLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chordflow validate EXP}: the spec in every profile, and the workflow each compiles to. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an experiment spec (all its profiles) and the Argo workflow it compiles to, without running it.")
public final class ValidateCommand implements CliCommand, Callable<Integer> {
    @Parameters(paramLabel = "EXP", description = "experiment name (experiments/EXP.yaml) or a path to a spec")
    String exp;

    @picocli.CommandLine.Option(names = "--cluster", description = "also check that the spec can run on a cluster: no local paths or file:// URIs (what submit checks)")
    boolean cluster;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var file = ExperimentLoader.resolve(exp, ExperimentLoader.projectRoot());
        List<String> profiles = new ArrayList<>(List.of(ExperimentLoader.DEFAULT_PROFILE));
        profiles.addAll(ExperimentLoader.profileNames(file).stream().filter(p -> !p.equals(ExperimentLoader.DEFAULT_PROFILE)).toList());
        var out = spec.commandLine().getOut();
        for (String profile : profiles) {
            Compiled c = Compiled.of(file.toString(), profile);
            if (cluster) {
                c.checkForCluster();
            }
            var note = c.check();
            out.printf("%s (profile %s): ok, %d tasks%s%n", file, profile,
                    c.workflow().getSpec().template("main").orElseThrow().dag().tasks().size(),
                    note.map(n -> " (" + n + ")").orElse(""));
        }
        out.flush();
        return 0;
    }
}
