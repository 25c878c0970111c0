package io.chordflow.workflows.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.storage.ArtifactStore;
import io.chordflow.storage.ArtifactStores;
import io.chordflow.storage.S3ProxyServer;
import io.chordflow.storage.S3Settings;
import io.chordflow.tracking.registry.ModelVersion;
import io.chordflow.tracking.registry.RemoteEvaluation;
import io.chordflow.tracking.suite.Suite;
import io.chordflow.tracking.suite.SuiteScores;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.Yaml;
import io.chordflow.workflows.compile.SchemaCheck;
import io.chordflow.workflows.spec.ExperimentLoader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** promote --remote's champion evaluation against Fabric8's mock API server (CRUD) and s3proxy. */
@EnableKubernetesMockClient(crud = true)
class ArgoEvaluationTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path tmp;

    static final Suite HELDOUT = new Suite("heldout", "c".repeat(64), List.of(new Suite.Split("heldout",
            "s3://chordflow/data/heldout/features", "s3://chordflow/data/heldout/labels")));
    static final ModelVersion CHAMPION = new ModelVersion("btc-student", "3", "s3://mlflow/1/r/artifacts/model", "r",
            Map.of(), List.of("champion"), 0);

    @Test
    void submitsAOneStepWorkflowThenReadsItsResult() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            Map<String, String> env = Map.of(io.chordflow.common.EnvNames.MLFLOW_S3_ENDPOINT_URL, s3.endpoint(), io.chordflow.common.EnvNames.AWS_ACCESS_KEY_ID,
                    S3ProxyServer.ACCESS, io.chordflow.common.EnvNames.AWS_SECRET_ACCESS_KEY, S3ProxyServer.SECRET);
            ArgoEvaluation remote = new ArgoEvaluation(server::createClient, ArtifactStores::from);
            RemoteEvaluation.Settings settings = new RemoteEvaluation.Settings("btc-kd", "default", "research", false, env);
            StringWriter out = new StringWriter();
            assertEquals(Optional.empty(), remote.evaluate(CHAMPION, HELDOUT, settings, new PrintWriter(out, true)));
            List<Workflow> stored = client.resources(Workflow.class).inNamespace("research").list().getItems();
            assertEquals(1, stored.size());
            Workflow wf = stored.get(0);
            assertTrue(wf.getMetadata().getName().startsWith("promote-eval-"), wf.getMetadata().getName());
            String yaml = Yaml.render(wf);
            assertTrue(yaml.contains("value: models:/btc-student/3") && yaml.contains("value: heldout")
                    && yaml.contains("value: s3://chordflow/promote/btc-student/v3/cccccccccccccccc"), yaml);
            assertEquals(List.of("evaluate"), wf.getSpec().templates().stream().map(t -> t.name())
                    .filter(n -> !n.equals("main")).toList());
            SchemaCheck.locate(ExperimentLoader.projectRoot()).ifPresent(schema ->
                    assertEquals(List.of(), new SchemaCheck(schema).validate(Yaml.tree(wf))));
            assertTrue(out.toString().contains("run the same promote again"), out.toString());

            // the workflow has finished: its committed output is read, nothing more is submitted
            Path done = Files.createDirectories(tmp.resolve("out"));
            Files.writeString(done.resolve("metrics.json"), "{\"suite\":{\"name\":\"heldout\",\"hash\":\"" + "c".repeat(64)
                    + "\",\"splits\":[{\"name\":\"heldout\",\"features\":\"s3://chordflow/data/heldout/features\","
                    + "\"labels\":\"s3://chordflow/data/heldout/labels\"}]},\"total\":{\"root\":0.5}}");
            ArtifactStore store = ArtifactStores.from(env);
            store.publish(done, URI.create("s3://chordflow/promote/btc-student/v3/cccccccccccccccc"));
            SuiteScores scores = remote.evaluate(CHAMPION, HELDOUT, settings, new PrintWriter(new StringWriter())).orElseThrow();
            assertEquals(0.5, scores.totals().get("root"));
            assertEquals(HELDOUT.hash(), scores.suite().hash());
            assertEquals(1, client.resources(Workflow.class).inNamespace("research").list().getItems().size());
        }
    }

    @Test
    void dryRunPrintsAndLocalDataIsRefused() throws Exception {
        ArgoEvaluation remote = new ArgoEvaluation(() -> {
            throw new AssertionError("dry run must not connect");
        }, env -> {
            throw new AssertionError("dry run reads no store");
        });
        StringWriter out = new StringWriter();
        remote.evaluate(CHAMPION, HELDOUT, new RemoteEvaluation.Settings("btc-kd", "default", null, true, Map.of()),
                new PrintWriter(out, true));
        assertTrue(out.toString().startsWith("apiVersion: argoproj.io/v1alpha1") && out.toString().contains("# dry run"),
                out.toString());
        Suite local = new Suite("test", "d".repeat(64), List.of(new Suite.Split("test", "file:///data/test/features",
                "file:///data/test/labels")));
        InputException e = assertThrows(InputException.class, () -> remote.evaluate(CHAMPION, local,
                new RemoteEvaluation.Settings("btc-kd", "default", null, true, Map.of()), new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("promote without --remote"), e.getMessage());
        assertTrue(ServiceLoader.load(RemoteEvaluation.class).stream().anyMatch(p -> p.type() == ArgoEvaluation.class));
    }
}
