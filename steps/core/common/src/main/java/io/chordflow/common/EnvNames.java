package io.chordflow.common;

/**
 * The environment variables that the compiler and the local runner set and the steps read: one name each,
 * in one place. It lives in common (not in the contract module) because provenance, in common, reads them too.
 * The MLflow and AWS names are those tools' own conventions.
 */
public final class EnvNames {
    private EnvNames() {}

    // MLflow's own names
    public static final String MLFLOW_TRACKING_URI = "MLFLOW_TRACKING_URI";
    public static final String MLFLOW_TRACKING_USERNAME = "MLFLOW_TRACKING_USERNAME";
    public static final String MLFLOW_TRACKING_PASSWORD = "MLFLOW_TRACKING_PASSWORD";
    public static final String MLFLOW_TRACKING_TOKEN = "MLFLOW_TRACKING_TOKEN";
    public static final String MLFLOW_TRACKING_INSECURE_TLS = "MLFLOW_TRACKING_INSECURE_TLS";
    public static final String MLFLOW_EXPERIMENT_NAME = "MLFLOW_EXPERIMENT_NAME";
    public static final String MLFLOW_RUN_ID = "MLFLOW_RUN_ID";
    public static final String MLFLOW_PARENT_RUN_ID = "MLFLOW_PARENT_RUN_ID";
    public static final String MLFLOW_S3_ENDPOINT_URL = "MLFLOW_S3_ENDPOINT_URL";

    // the AWS SDKs' names (MinIO credentials)
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_DEFAULT_REGION = "AWS_DEFAULT_REGION";

    // Argo's, set through the pod spec
    public static final String ARGO_WORKFLOW_NAME = "ARGO_WORKFLOW_NAME";
    public static final String ARGO_NODE_ID = "ARGO_NODE_ID";

    // Kubernetes': where submit finds a cluster (in a pod, or through a kube config)
    public static final String KUBERNETES_SERVICE_HOST = "KUBERNETES_SERVICE_HOST";
    public static final String KUBECONFIG = "KUBECONFIG";

    // the JVM's and OpenMP's: the compiler sets the first in pods, the local runner the second for its tasks
    public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    public static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

    // ours
    public static final String CHORDFLOW_TASK = "CHORDFLOW_TASK";
    public static final String CHORDFLOW_STEP = "CHORDFLOW_STEP";
    public static final String CHORDFLOW_WORKFLOW = "CHORDFLOW_WORKFLOW";
    public static final String CHORDFLOW_IMAGE = "CHORDFLOW_IMAGE";
    public static final String CHORDFLOW_GIT_COMMIT = "CHORDFLOW_GIT_COMMIT";
    public static final String CHORDFLOW_CACHE_KEY = "CHORDFLOW_CACHE_KEY";
    public static final String CHORDFLOW_CACHE_DIR = "CHORDFLOW_CACHE_DIR";
    public static final String CHORDFLOW_CHECKPOINTS = "CHORDFLOW_CHECKPOINTS";
    public static final String CHORDFLOW_CHECKPOINT_SYNC_S = "CHORDFLOW_CHECKPOINT_SYNC_S";
    public static final String CHORDFLOW_TRACKING_BUFFER = "CHORDFLOW_TRACKING_BUFFER";
    public static final String CHORDFLOW_JAVA_OPTS = "CHORDFLOW_JAVA_OPTS";
}
