package io.chordflow.workflows.cli;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.workflows.argo.Yaml;
import io.chordflow.workflows.spec.ExperimentLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chordflow render EXP}: the Argo Workflow YAML that submit would send. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print the Argo Workflow YAML an experiment compiles to (checked against Argo's schema and the lint).")
public final class RenderCommand implements CliCommand, Callable<Integer> {
    @Parameters(paramLabel = "EXP", description = "experiment name (experiments/EXP.yaml) or a path to a spec")
    String exp;

    @Option(names = {"-p", "--profile"}, defaultValue = ExperimentLoader.DEFAULT_PROFILE,
            description = "profile: default, smoke, full, ... (default: ${DEFAULT-VALUE})")
    String profile;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Compiled c = Compiled.of(exp, profile);
        c.check().ifPresent(note -> spec.commandLine().getErr().println("render: " + note));
        spec.commandLine().getOut().print(Yaml.render(c.workflow()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
