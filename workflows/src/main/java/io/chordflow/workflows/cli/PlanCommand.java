package io.chordflow.workflows.cli;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.workflows.local.LocalRunner;
import io.chordflow.workflows.local.RunnerSettings;
import io.chordflow.workflows.spec.ExperimentLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chordflow plan EXP}: which tasks a local run would execute and which come from the cache, then each
 * task's estimated cost ({@link io.chordflow.workflows.plan.CostModel}); exit 2 when a task would need more
 * memory than its pod's limit.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show, in run order, which tasks of a local run would run and which come from the cache.")
public final class PlanCommand implements CliCommand, Callable<Integer> {
    @Parameters(paramLabel = "EXP", description = "experiment name (experiments/EXP.yaml) or a path to a spec")
    String exp;

    @Option(names = {"-p", "--profile"}, defaultValue = ExperimentLoader.DEFAULT_PROFILE,
            description = "profile: default, smoke, full, ... (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--state", description = "folder holding .chordflow/ (default: the project root), as given to run")
    java.nio.file.Path state;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Compiled c = Compiled.of(exp, profile);
        var out = spec.commandLine().getOut();
        var plan = new LocalRunner(RunnerSettings.defaults(ExperimentLoader.projectRoot(), state), System.out).plan(c.workflow());
        int width = plan.stream().mapToInt(d -> d.task().length()).max().orElse(10);
        for (LocalRunner.Decision d : plan) {
            out.printf("%-" + width + "s  %-7s %s%n", d.task(), d.cached() ? "cached" : d.skipped() ? "skip" : "run",
                    d.cached() ? "key " + d.key().substring(0, 12) : d.reason());
        }
        long cached = plan.stream().filter(LocalRunner.Decision::cached).count();
        long skipped = plan.stream().filter(LocalRunner.Decision::skipped).count();
        out.printf("%d tasks: %d to run, %d from cache%s%n", plan.size(), plan.size() - cached - skipped, cached,
                skipped > 0 ? ", " + skipped + " skipped (condition)" : "");
        io.chordflow.workflows.plan.Rates rates = io.chordflow.workflows.plan.Rates.recorded();
        io.chordflow.workflows.plan.CostTable.print(out, new io.chordflow.workflows.plan.CostModel(c.experiment(), rates)
                .estimate(c.workflow()), rates, c.file() + " (profile " + profile + ")");
        return 0;
    }
}
