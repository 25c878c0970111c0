package io.chordflow.steps.evaluate.promote;

import io.chordflow.common.EnvNames;
import io.chordflow.common.InputException;
import io.chordflow.common.cli.Cli;
import io.chordflow.contract.EvaluationReport;
import io.chordflow.steps.evaluate.EvaluateStep;
import io.chordflow.tracking.StepRun;
import io.chordflow.tracking.Tags;
import io.chordflow.tracking.Tracker;
import io.chordflow.tracking.Trackers;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.registry.Promoter;
import io.chordflow.tracking.suite.Suite;
import io.chordflow.tracking.suite.SuiteScores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Scores the champion on the candidate's suite here, with the evaluate step itself, reading the
 * suite's data from where the candidate's evaluation recorded it. The evaluation is an MLflow run
 * of its own ({@code promote-eval-NAME-vVERSION}, tags {@code chordflow.suite}/{@code suite_hash})
 * and its output stays in {@code WORK/NAME/vVERSION/SHORTHASH}.
 */
final class LocalEvaluation implements Promoter.ChampionEvaluator {
    private final Map<String, String> env;
    private final Path work;

    LocalEvaluation(Map<String, String> env, Path work) {
        this.env = env;
        this.work = work;
    }

    @Override
    public Optional<SuiteScores> evaluate(ModelVersion champion, Suite suite) throws IOException {
        if (suite.splits().size() != 1) {
            throw new InputException("suite " + suite.name() + ": has " + suite.splits().size()
                    + " splits; evaluating a model on a multi-split suite is not supported yet");
        }
        Suite.Split split = suite.splits().get(0);
        Path out = work.resolve(champion.name()).resolve("v" + champion.version()).resolve(suite.shortHash());
        String task = "promote-eval-" + champion.name() + "-v" + champion.version();
        Map<String, String> stepEnv = new HashMap<>(env);
        stepEnv.put(EnvNames.CHORDFLOW_TASK, task);
        String runId;
        try (Tracker tracker = Trackers.from(env);
             StepRun run = StepRun.open(tracker, "evaluate", stepEnv, Map.of(Tags.SEED, "0"))) {
            runId = run.runId();
        }
        stepEnv.put(EnvNames.MLFLOW_RUN_ID, runId);
        int code = Cli.execute(new EvaluateStep(stepEnv), "--model", "models:/" + champion.name() + "/" + champion.version(),
                "--features", split.features(), "--labels", split.labels(), "--output", out.toString(),
                "--name", champion.name() + "-v" + champion.version(), "--suite", suite.name());
        if (code != 0) {
            throw new InputException("evaluating " + champion.name() + " version " + champion.version() + " on suite "
                    + suite.name() + " failed (exit " + code + "; see above)");
        }
        Path metrics = out.resolve(EvaluationReport.FILE_NAME);
        return Optional.of(SuiteScores.fromReport(EvaluationReport.read(metrics), runId, metrics.toString()));
    }
}
