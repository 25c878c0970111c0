package io.chordflow.workflows.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.workflows.argo.Workflow;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/** What the user sees when the cluster says no: the mock server in expectation mode. */
@EnableKubernetesMockClient
class SubmitErrorsTest {
    static KubernetesMockServer server;
    /** The mock server logs every request at INFO through java.util.logging; held so the level sticks. */
    static final java.util.logging.Logger MOCK_LOG = quiet();

    static java.util.logging.Logger quiet() {
        var l = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }
    static final String WORKFLOWS = "/apis/argoproj.io/v1alpha1/namespaces/research/workflows";

    @Test
    void missingArgoCrdIsNamed() {
        server.expect().post().withPath(WORKFLOWS).andReturn(404,
                new StatusBuilder().withCode(404).withReason("NotFound").withMessage("the server could not find the requested resource").build()).once();
        var o = SubmitMockServerTest.exec(new SubmitCommand(server::createClient), "supervised", "-n", "research");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("Argo Workflows (its Workflow CRD) is not installed"), o.err());
    }

    @Test
    void forbiddenIsNamedWithTheServerMessage() {
        server.expect().post().withPath(WORKFLOWS).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("workflows.argoproj.io is forbidden: User \"bob\" cannot create resource").build()).once();
        var o = SubmitMockServerTest.exec(new SubmitCommand(server::createClient), "supervised", "-n", "research");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("forbidden in namespace research") && o.err().contains("User \"bob\""), o.err());
    }

    @Test
    void unreachableApiServerIsNamed() {
        var o = SubmitMockServerTest.exec(new SubmitCommand(() -> new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0).withConnectionTimeout(2000).build()).build()),
                "supervised", "-n", "research");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("cannot reach the Kubernetes API server at https://127.0.0.1:1"), o.err());
    }

    @Test
    void logsPrintEachStepPod() {
        Workflow wf = new Workflow();
        wf.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("wf1").withNamespace("research").build());
        server.expect().get().withPath(WORKFLOWS + "/wf1").andReturn(200, wf).always();
        server.expect().get().withPath("/api/v1/namespaces/research/pods?labelSelector=workflows.argoproj.io%2Fworkflow%3Dwf1")
                .andReturn(200, new PodListBuilder().addToItems(
                        new PodBuilder().withNewMetadata().withName("wf1-train-2").withCreationTimestamp("2026-11-22T01:02:00Z")
                                .addToAnnotations("workflows.argoproj.io/node-name", "wf1.train-stage1").endMetadata().build(),
                        new PodBuilder().withNewMetadata().withName("wf1-features-1").withCreationTimestamp("2026-11-22T01:01:00Z")
                                .addToAnnotations("workflows.argoproj.io/node-name", "wf1.features-test").endMetadata().build()).build()).always();
        for (String pod : new String[] {"wf1-features-1", "wf1-train-2"}) {
            // the client looks the pod up before reading its log
            server.expect().get().withPath("/api/v1/namespaces/research/pods?fieldSelector=metadata.name%3D" + pod)
                    .andReturn(200, new PodListBuilder().withNewMetadata().withResourceVersion("1").endMetadata()
                            .addToItems(new PodBuilder().withNewMetadata().withName(pod).withNamespace("research").endMetadata()
                                    .withNewStatus().withPhase("Succeeded").endStatus().build()).build()).always();
        }
        server.expect().get().withPath("/api/v1/namespaces/research/pods/wf1-features-1/log?pretty=false&container=main")
                .andReturn(200, "features: 12 songs\n").always();
        server.expect().get().withPath("/api/v1/namespaces/research/pods/wf1-train-2/log?pretty=false&container=main")
                .andReturn(200, "epoch 1 loss 2.3\n").always();
        var o = SubmitMockServerTest.exec(new LogsCommand(server::createClient), "wf1", "-n", "research");
        assertEquals(0, o.code(), o.err());
        int f = o.out().indexOf("== wf1-features-1 (wf1.features-test) ==\nfeatures: 12 songs");
        int t = o.out().indexOf("== wf1-train-2 (wf1.train-stage1) ==\nepoch 1 loss 2.3");
        assertTrue(f >= 0 && t > f, o.out());
    }
}
