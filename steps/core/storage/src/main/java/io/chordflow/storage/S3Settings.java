package io.chordflow.storage;

import io.chordflow.common.EnvNames;
import io.chordflow.common.InputException;
import java.util.Map;
import java.util.Optional;

/**
 * Where the S3 server is and how to sign requests, read from the variables MLflow and the AWS
 * tools use: {@code MLFLOW_S3_ENDPOINT_URL} (or {@code AWS_ENDPOINT_URL}), {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_DEFAULT_REGION}/{@code AWS_REGION} (default us-east-1).
 * {@link #toString()} shows the endpoint and region only: the keys never reach a log line.
 */
public record S3Settings(String endpoint, String accessKey, String secretKey, String region) {

    public S3Settings {
        if (endpoint == null || endpoint.isBlank()) {
            throw new InputException("S3: no endpoint; set " + EnvNames.MLFLOW_S3_ENDPOINT_URL + " or " + EnvNames.AWS_ENDPOINT_URL);
        }
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new InputException("S3: no credentials; set " + EnvNames.AWS_ACCESS_KEY_ID + " and " + EnvNames.AWS_SECRET_ACCESS_KEY);
        }
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    public static S3Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static S3Settings from(Map<String, String> env) {
        String endpoint = first(env, EnvNames.MLFLOW_S3_ENDPOINT_URL, EnvNames.AWS_ENDPOINT_URL).orElse(null);
        return new S3Settings(endpoint, env.get(EnvNames.AWS_ACCESS_KEY_ID), env.get(EnvNames.AWS_SECRET_ACCESS_KEY),
                first(env, EnvNames.AWS_REGION, EnvNames.AWS_DEFAULT_REGION).orElse(null));
    }

    private static Optional<String> first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Replaces every occurrence of the keys in {@code text} (server messages may echo them). */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String t = io.chordflow.common.text.Redact.uris(text); // http://key:secret@minio as an endpoint
        t = secretKey == null || secretKey.isEmpty() ? t : t.replace(secretKey, "***");
        return accessKey == null || accessKey.isEmpty() ? t : t.replace(accessKey, "***");
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + io.chordflow.common.text.Redact.uris(endpoint) + ", region=" + region + ", credentials=***]";
    }
}
