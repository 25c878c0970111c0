package io.chordflow.tracking;

/** Tag keys: MLflow's own system tags (so its UI understands them) and chordflow's. */
public final class Tags {
    public static final String RUN_NAME = "mlflow.runName";
    public static final String PARENT_RUN_ID = "mlflow.parentRunId";
    public static final String USER = "mlflow.user";
    public static final String SOURCE_NAME = "mlflow.source.name";
    public static final String SOURCE_TYPE = "mlflow.source.type";
    public static final String GIT_COMMIT = "mlflow.source.git.commit";

    public static final String WORKFLOW = "chordflow.workflow";
    public static final String STEP = "chordflow.step";
    public static final String IMAGE = "chordflow.image";
    public static final String CACHE_KEY = "chordflow.cache_key";
    public static final String INPUTS = "chordflow.inputs";
    public static final String SEED = "chordflow.seed";
    /**
     * Run and version tag: the temporary id a run or version got while the server was unreachable;
     * a replay looks it up before creating, so a replay repeated after a crash creates nothing twice.
     */
    public static final String OFFLINE_ID = "chordflow.offline_id";

    /** Model-version tags holding evaluation metrics: {@code metric.<name>}. */
    public static final String METRIC_PREFIX = "metric.";
    public static final String PROMOTION = "chordflow.promotion";
    public static final String FORCED_REASON = "chordflow.forced_promotion_reason";
    /** Where the last promotion decision's report (table, JSON, per-quality plot) was logged. */
    public static final String PROMOTION_REPORT = "chordflow.promotion_report";

    /** Run and version tags: the evaluation suite of the {@code metric.*} numbers (name, content hash). */
    public static final String SUITE = "chordflow.suite";
    public static final String SUITE_HASH = "chordflow.suite_hash";
    /** Version tags {@code chordflow.eval.<suite short hash>}: the version's scores on that suite (JSON). */
    public static final String EVAL_PREFIX = "chordflow.eval.";

    private Tags() {
    }
}
