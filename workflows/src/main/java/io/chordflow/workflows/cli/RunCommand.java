package io.chordflow.workflows.cli;

import io.chordflow.common.EnvNames;
import io.chordflow.common.text.Redact;
import io.chordflow.common.cli.CliCommand;
import io.chordflow.workflows.local.LocalRunner;
import io.chordflow.workflows.local.RunnerSettings;
import io.chordflow.workflows.spec.ExperimentLoader;
import io.chordflow.tracking.RunSpec;
import io.chordflow.tracking.RunStatus;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import java.io.PrintStream;
import java.nio.file.Path;
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

    @Option(names = "--state", description = "folder for .chordflow/ (artifacts, cache, logs) and mlruns/ (default: the project root)")
    Path state;

    @Override
    public Integer call() {
        Compiled c = Compiled.of(exp, profile);
        PrintStream out = System.out;
        c.check().ifPresent(note -> System.err.println("run: " + note));
        RunnerSettings s = RunnerSettings.defaults(ExperimentLoader.projectRoot(), state).withCache(!noCache);
        if (parallel != null) {
            s = s.withParallelism(parallel);
        }
        String runName = LocalRunner.runName(c.workflow());
        if (!skipMissing) {
            new LocalRunner(s, out).checkSteps(c.workflow());
        }
        Map<String, String> trackingEnv = new HashMap<>(System.getenv());
        trackingEnv.putIfAbsent(EnvNames.MLFLOW_TRACKING_URI, "file://" + s.mlruns().toAbsolutePath().normalize());
        trackingEnv.putIfAbsent(EnvNames.CHORDFLOW_TRACKING_BUFFER, s.home().resolve("tracking-buffer").toString()); // all state under --state
        try (Tracker tracker = Trackers.from(trackingEnv)) {
            // one parent run per local run; every step's run nests under it (MLFLOW_PARENT_RUN_ID)
            String parent = parentRunId;
            if (parent == null) {
                parent = tracker.startRun(new RunSpec(c.experiment().name(), runName, null, Map.of(
                        "chordflow.workflow", runName, "chordflow.profile", profile,
                        "chordflow.experiment_file", c.file().toString()))).runId();
            }
            s = s.withEnv(Map.of(EnvNames.MLFLOW_PARENT_RUN_ID, parent));
            out.printf("run %s (profile %s): %d parallel, artifacts in %s, mlflow parent run %s in %s%n", c.experiment().name(),
                    profile, s.parallelism(), s.artifacts().root(), parent, Redact.uris(trackingEnv.get(EnvNames.MLFLOW_TRACKING_URI)));
            boolean ok = false;
            try {
                var results = new LocalRunner(s, out).run(c.workflow(), skipMissing);
                ok = results.stream().allMatch(r -> r.status() == LocalRunner.Status.OK || r.status() == LocalRunner.Status.CACHED
                        || r.status() == LocalRunner.Status.SKIPPED);
            } finally {
                if (parentRunId == null) {
                    tracker.endRun(parent, ok ? RunStatus.FINISHED : RunStatus.FAILED);
                }
            }
            if (s.mlruns().isAbsolute() && trackingEnv.get(EnvNames.MLFLOW_TRACKING_URI).startsWith("file:")) {
                out.println("look: mlflow ui --backend-store-uri " + Redact.uris(trackingEnv.get(EnvNames.MLFLOW_TRACKING_URI)));
            }
            out.flush();
            return ok ? 0 : 1;
        }
    }
}
