package io.chordflow.workflows.spec;

import io.chordflow.contract.FieldError;

/**
 * The cluster side of a run: images, namespace, service account, the artifact bucket, the
 * in-cluster MLflow and S3 endpoints, the secret holding MinIO credentials (referenced, never
 * inlined), and the UI bases for the links submit prints. Defaults match {@code manifests/}.
 */
public record Cluster(String namespace, String serviceAccount, String imageRegistry, String imageTag,
                      String bucket, String s3Endpoint, String credentialsSecret, String mlflowUri,
                      String mlflowUi, String argoUi) {
    public static final Cluster DEFAULT = new Cluster(null, null, null, null, null, null, null, null, null, null);

    public Cluster {
        namespace = or(namespace, "chordflow");
        serviceAccount = or(serviceAccount, "chordflow-workflow");
        imageRegistry = or(imageRegistry, "ghcr.io/chordflow");
        imageTag = or(imageTag, "0.1.0");
        bucket = or(bucket, "chordflow");
        FieldError.check(bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"), "bucket", "'" + bucket + "': expected an S3 bucket name");
        s3Endpoint = or(s3Endpoint, "http://minio.chordflow.svc:9000");
        credentialsSecret = or(credentialsSecret, "minio-credentials");
        mlflowUri = or(mlflowUri, "http://mlflow.chordflow.svc:5000");
        mlflowUi = or(mlflowUi, "http://localhost:5000");
        argoUi = or(argoUi, "https://localhost:2746");
    }

    private static String or(String v, String d) {
        return v == null ? d : v;
    }
}
