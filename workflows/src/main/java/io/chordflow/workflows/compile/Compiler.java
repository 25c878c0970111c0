package io.chordflow.workflows.compile;

import static io.chordflow.workflows.compile.DagBuilder.args;

import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.spec.Experiment;
import java.util.List;

/**
 * Experiment -> Argo Workflow, a pure function of the spec and the profile name (no clock, no
 * randomness), so the rendered YAML in the repo can be compared byte for byte.
 *
 * <p>The pipeline builds the DAG ({@link TeacherStudentPipeline}, {@link NoisyStudentPipeline}, both
 * over one {@link DagBuilder}, starting with {@link DataTasks} and ending with {@link EvaluationTasks});
 * {@link ArgoRendering} turns it into the Workflow. Artifacts move as URIs in parameters: data under
 * {@code s3://BUCKET/data/}, everything an experiment makes under {@code s3://BUCKET/experiments/NAME/PROFILE/}.
 * Synthetic corpora are keyed by their generator settings so experiments share them.
 */
public final class Compiler {
    public static final String DAG = "main";
    public static final String CONFIG_PATH = "/chordflow/config.json";
    public static final String A_STEP = "chordflow.io/step";
    public static final String A_STEP_VERSION = "chordflow.io/step-version";
    public static final String A_INPUTS = "chordflow.io/inputs";
    public static final String A_OUTPUTS = "chordflow.io/outputs";
    /** The local runner prints this task's output after its summary (the comparison table). */
    public static final String A_SHOW_LOG = "chordflow.io/show-log";
    public static final String L_EXPERIMENT = "chordflow.io/experiment";
    public static final String L_PROFILE = "chordflow.io/profile";
    public static final String A_MLFLOW_EXPERIMENT = "chordflow.io/mlflow-experiment";
    public static final String A_MLFLOW_URL = "chordflow.io/mlflow-url";
    public static final String P_PARENT_RUN = "mlflow-parent-run-id";
    public static final String P_MLFLOW_EXPERIMENT = "mlflow-experiment";
    /** Filled by submit (and the local runner) from `git rev-parse HEAD`; empty in the rendered file. */
    public static final String P_GIT_COMMIT = "git-commit";
    /** Image layout shared with containers/: the app's jars under /app/lib. */
    public static final String IMAGE_CLASSPATH = "/app/lib/*";

    private Compiler() {
    }

    public static Workflow compile(Experiment exp, String profile) {
        DagBuilder dag = new DagBuilder(exp, profile);
        if (Experiment.NOISY_STUDENT.equals(exp.pipeline())) {
            NoisyStudentPipeline.build(dag);
        } else {
            TeacherStudentPipeline.build(dag);
        }
        return dag.workflow();
    }

    /**
     * A one-step workflow ({@code generateName: promote-eval-}): the evaluate step on one model and
     * one split, with the experiment's cluster settings (images, bucket, MLflow, compute). The
     * promote command's champion evaluation on a cluster.
     */
    public static Workflow evaluation(Experiment exp, String profile, String model, String features, String labels,
                                      String output, String name, String suite) {
        DagBuilder dag = new DagBuilder(exp, profile);
        dag.task("evaluate", Steps.EVALUATE, List.of(), args("model", model, "features", features, "labels", labels,
                "output", output, "name", name, "suite", suite), null);
        Workflow wf = dag.workflow();
        wf.getMetadata().setGenerateName("promote-eval-");
        return wf;
    }
}
