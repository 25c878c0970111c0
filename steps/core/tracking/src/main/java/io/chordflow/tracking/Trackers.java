package io.chordflow.tracking;

import io.chordflow.common.EnvNames;
import io.chordflow.common.InputException;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.tracking.file.FileStoreTracker;
import io.chordflow.tracking.rest.RestTracker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * Picks the tracker the way MLflow's clients do, from {@code MLFLOW_TRACKING_URI}: {@code http(s)://}
 * is a server (REST); unset, a path or a {@code file:} URI is the file store (default
 * {@code ./mlruns}). Server credentials: {@code MLFLOW_TRACKING_TOKEN} or
 * {@code MLFLOW_TRACKING_USERNAME}/{@code MLFLOW_TRACKING_PASSWORD}. Calls buffered while the server
 * is down go to {@code CHORDFLOW_TRACKING_BUFFER} (default {@code ./.chordflow/tracking-buffer}).
 */
public final class Trackers {
    public static final String DEFAULT_ROOT = "mlruns";

    private Trackers() {
    }

    public static Tracker fromEnvironment() {
        return from(System.getenv());
    }

    public static Tracker from(Map<String, String> env) {
        String uri = env.get(EnvNames.MLFLOW_TRACKING_URI);
        if (uri == null || uri.isBlank()) {
            return new FileStoreTracker(Path.of(DEFAULT_ROOT));
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            BasicMlflowHostCreds creds = new BasicMlflowHostCreds(uri, env.get(EnvNames.MLFLOW_TRACKING_USERNAME),
                    env.get(EnvNames.MLFLOW_TRACKING_PASSWORD), env.get(EnvNames.MLFLOW_TRACKING_TOKEN),
                    "true".equalsIgnoreCase(env.get(EnvNames.MLFLOW_TRACKING_INSECURE_TLS)));
            String buffer = env.getOrDefault(EnvNames.CHORDFLOW_TRACKING_BUFFER, ".chordflow/tracking-buffer");
            return new RestTracker(creds, ArtifactStores.from(env), Path.of(buffer), Clock.systemUTC(),
                    Duration.ofSeconds(30));
        }
        if (lower.startsWith("file:")) {
            return new FileStoreTracker(Path.of(URI.create(uri)));
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new InputException(EnvNames.MLFLOW_TRACKING_URI + "=" + io.chordflow.common.text.Redact.uris(uri)
                    + ": unsupported (use http(s):// for a server, or a path / file: URI for ./mlruns-style files)");
        }
        return new FileStoreTracker(Path.of(uri));
    }
}
