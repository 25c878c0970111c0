package io.chordflow.workflows.cli;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.workflows.local.LocalRunner;
import io.chordflow.workflows.local.RunnerSettings;
import io.chordflow.workflows.spec.ExperimentLoader;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chordflow run EXP}: the experiment's compiled DAG on this machine. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment's DAG on this machine: each task a process, independent tasks in parallel,",
            "artifacts under .chordflow/artifacts (s3://B/K -> .chordflow/artifacts/B/K), MLflow in ./mlruns.",
            "Completed tasks are cached by content; running again resumes after a failure."})
public final class RunCommand implements CliCommand, Callable<Integer> {
    @Parameters(paramLabel = "EXP", description = "experiment name (experiments/EXP.yaml) or a path to a spec")
    String exp;

    @Option(names = {"-p", "--profile"}, defaultValue = ExperimentLoader.DEFAULT_PROFILE,
            description = "profile: default, smoke, full, ... (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = {"-j", "--parallel"}, description = "tasks at once (default: the number of cores)")
    Integer parallel;

    @Option(names = "--no-cache", description = "run every task even when its output is cached")
    boolean noCache;

    @Option(names = "--skip-missing", description = "run the tasks whose step programs exist; report the others (and what depends on them) as not run")
    boolean skipMissing;

    @Option(names = "--parent-run-id", description = "MLflow parent run id passed to every step (MLFLOW_PARENT_RUN_ID)")
    String parentRunId;

    @Override
    public Integer call() {
        Compiled c = Compiled.of(exp, profile);
        PrintStream out = System.out;
        c.check().ifPresent(note -> System.err.println("run: " + note));
        RunnerSettings s = RunnerSettings.defaults(ExperimentLoader.projectRoot()).withCache(!noCache);
        if (parallel != null) {
            s = s.withParallelism(parallel);
        }
        Map<String, String> env = new HashMap<>();
        if (parentRunId != null) {
            env.put("MLFLOW_PARENT_RUN_ID", parentRunId);
        }
        s = s.withEnv(env);
        out.printf("run %s (profile %s): %d parallel, artifacts in %s, mlflow in %s%n", c.experiment().name(), profile,
                s.parallelism(), s.artifacts().root(), s.mlruns());
        var results = new LocalRunner(s, out).run(c.workflow(), skipMissing);
        return results.stream().allMatch(r -> r.status() == LocalRunner.Status.OK || r.status() == LocalRunner.Status.CACHED) ? 0 : 1;
    }
}
