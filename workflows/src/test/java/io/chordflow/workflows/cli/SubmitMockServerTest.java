package io.chordflow.workflows.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.cli.Cli;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.WorkflowStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** submit / status against Fabric8's mock API server in CRUD mode (it stores what is created). */
@EnableKubernetesMockClient(crud = true)
class SubmitMockServerTest {
    static KubernetesMockServer server;
    /** The mock server logs every request at INFO through java.util.logging; held so the level sticks. */
    static final java.util.logging.Logger MOCK_LOG = quiet();

    static java.util.logging.Logger quiet() {
        var l = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }
    static KubernetesClient client;

    record Outcome(int code, String out, String err) {
    }

    static Outcome exec(Object command, String... args) {
        CommandLine cl = Cli.commandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void submitCreatesTheWorkflowAndPrintsNameAndLinks() {
        Outcome o = exec(new SubmitCommand(server::createClient), "btc-kd", "--namespace", "research", "--parent-run-id", "abc123");
        assertEquals(0, o.code(), o.err());
        List<Workflow> stored = client.resources(Workflow.class).inNamespace("research").list().getItems();
        assertEquals(1, stored.size());
        Workflow wf = stored.get(0);
        String name = wf.getMetadata().getName();
        assertTrue(name.startsWith("btc-kd-default-"), name);
        assertTrue(o.out().contains("submitted " + name + " to namespace research"), o.out());
        assertTrue(o.out().contains("https://localhost:2746/workflows/research/" + name), o.out());
        assertTrue(o.out().contains("mlflow: http://localhost:5000/#/experiments?searchFilter=btc-kd"), o.out());
        // what the server stored is the compiled workflow, typed end to end
        assertEquals("main", wf.getSpec().entrypoint());
        assertEquals("btc-kd", wf.getMetadata().getLabels().get("chordflow.io/experiment"));
        assertTrue(wf.getSpec().template("kd-stage2").isPresent() || wf.getSpec().template("kd-finetune").isPresent());
        assertEquals("abc123", wf.getSpec().arguments().parameters().stream()
                .filter(p -> p.name().equals("mlflow-parent-run-id")).findFirst().orElseThrow().value());
    }

    @Test
    void dryRunPrintsAndContactsNoCluster() {
        Outcome o = exec(new SubmitCommand(() -> {
            throw new AssertionError("dry run must not connect");
        }), "supervised", "--dry-run");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("apiVersion: argoproj.io/v1alpha1"), o.out());
        assertTrue(o.out().contains("# dry run: not submitted"), o.out());
    }

    @Test
    void statusShowsPhaseAndSteps() {
        Workflow wf = new Workflow();
        wf.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("btc-kd-default-x1").build());
        wf.setSpec(new io.chordflow.workflows.argo.WorkflowSpec("main", null, null, null, null, null, List.of()));
        wf.setStatus(new WorkflowStatus("Failed", "2026-11-22T01:00:00Z", "2026-11-22T02:00:00Z", "child failed", "3/5",
                Map.of("n1", new WorkflowStatus.Node("n1", "btc-kd-default-x1.train-stage1", "train-stage1", "Pod", "train",
                        "Failed", "2026-11-22T01:10:00Z", null, "OOMKilled"),
                        "n0", new WorkflowStatus.Node("n0", "btc-kd-default-x1", "btc-kd-default-x1", "DAG", "main",
                        "Failed", "2026-11-22T01:00:00Z", null, null))));
        client.resources(Workflow.class).inNamespace("research").resource(wf).create();
        Outcome o = exec(new StatusCommand(server::createClient), "btc-kd-default-x1", "-n", "research");
        assertEquals(1, o.code(), "a failed workflow exits 1: " + o.err());
        assertTrue(o.out().contains("btc-kd-default-x1: Failed, 3/5 steps"), o.out());
        assertTrue(o.out().contains("train-stage1") && o.out().contains("OOMKilled"), o.out());

        Outcome missing = exec(new StatusCommand(server::createClient), "nope", "-n", "research");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("workflow nope not found in namespace research"), missing.err());
    }
}
