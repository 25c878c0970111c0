package io.chordflow.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.storage.S3ProxyServer;
import io.chordflow.storage.S3Settings;
import io.chordflow.tracking.registry.ModelResolver;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.rest.RestTracker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * An MLflow server whose artifact root is S3 (as with MinIO in the cluster): artifacts are written
 * straight to s3:// with the artifact store, and models:/ URIs resolve and download from there.
 */
class RestS3ArtifactsTest {
    @TempDir
    Path tmp;

    @Test
    void modelArtifactsInS3RegisterAndResolve() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer(); FakeMlflowServer mlflow = new FakeMlflowServer("s3://mlflow/")) {
            ArtifactStore store = ArtifactStores.from(Map.of(io.chordflow.common.EnvNames.MLFLOW_S3_ENDPOINT_URL, s3.endpoint(),
                    io.chordflow.common.EnvNames.AWS_ACCESS_KEY_ID, S3ProxyServer.ACCESS, io.chordflow.common.EnvNames.AWS_SECRET_ACCESS_KEY, S3ProxyServer.SECRET));
            Path model = tmp.resolve("model");
            Files.createDirectories(model);
            Files.writeString(model.resolve("model.json"), "{\"arch\":\"2e1d\"}");
            try (RestTracker t = new RestTracker(new BasicMlflowHostCreds(mlflow.uri()), store, tmp.resolve("buf"),
                    Clock.systemUTC(), Duration.ZERO)) {
                RunInfo run = t.startRun(new RunSpec("chordflow", "register", null, Map.of()));
                assertTrue(run.artifactUri().startsWith("s3://mlflow/1/"), run.artifactUri());
                String source = t.logArtifacts(run.runId(), model, "model");
                assertEquals(run.artifactUri() + "/model", source);
                assertEquals(List.of("_SUCCESS.json", "model.json"), store.list(URI.create(source)));

                Path plot = tmp.resolve("confusion.txt");
                Files.writeString(plot, "c");
                t.logArtifact(run.runId(), plot, "plots");
                assertTrue(store.read(URI.create(run.artifactUri() + "/plots/confusion.txt")).isPresent());

                ModelVersion v = t.registry().register("btc", source, run.runId(), Map.of("metric.root", "0.8"));
                t.registry().setAlias("btc", "challenger", v.version());
                Path local = new ModelResolver(t.registry(), store, tmp.resolve("cache")).localPath("models:/btc@challenger");
                assertEquals("{\"arch\":\"2e1d\"}", Files.readString(local.resolve("model.json")));
                assertTrue(local.startsWith(tmp.resolve("cache")));
            }
            assertEquals(List.of(), mlflow.violations());
        }
    }
}
