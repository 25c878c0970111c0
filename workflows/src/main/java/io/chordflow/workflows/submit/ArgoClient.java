package io.chordflow.workflows.submit;

import io.chordflow.common.InputException;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.WorkflowStatus;
import io.chordflow.workflows.compile.Compiler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Submits Workflows and follows them, through a Fabric8 client given by the caller. */
public final class ArgoClient {
    /** The label Argo's controller puts on every pod of a workflow. */
    public static final String WORKFLOW_LABEL = "workflows.argoproj.io/workflow";

    private final KubernetesClient client;

    public ArgoClient(KubernetesClient client) {
        this.client = client;
    }

    public Workflow submit(Workflow wf, String namespace) {
        try {
            return client.resources(Workflow.class).inNamespace(namespace).resource(wf).create();
        } catch (KubernetesClientException e) {
            throw KubeAccess.explain(e, "submit", namespace, server());
        }
    }

    public Workflow get(String name, String namespace) {
        Workflow wf;
        try {
            wf = client.resources(Workflow.class).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw KubeAccess.explain(e, "status " + name, namespace, server());
        }
        if (wf == null) {
            throw new InputException("workflow " + name + " not found in namespace " + namespace);
        }
        return wf;
    }

    /** The workflow's pods, oldest first, with each pod's log of its main container. */
    public List<Map.Entry<Pod, String>> logs(String name, String namespace) {
        get(name, namespace);
        try {
            List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace).withLabel(WORKFLOW_LABEL, name).list().getItems());
            pods.sort(Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                    .thenComparing(p -> p.getMetadata().getName()));
            List<Map.Entry<Pod, String>> out = new ArrayList<>();
            for (Pod p : pods) {
                String log;
                try {
                    log = client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).inContainer("main")
                            .withReadyWaitTimeout(0).getLog(); // finished pods never become ready: do not wait
                } catch (KubernetesClientException e) {
                    log = "(no log: " + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage()) + ")";
                }
                out.add(Map.entry(p, log == null ? "" : log));
            }
            return out;
        } catch (KubernetesClientException e) {
            throw KubeAccess.explain(e, "logs " + name, namespace, server());
        }
    }

    public String server() {
        return client.getConfiguration().getMasterUrl();
    }

    /** "phase, progress" and one line per pod node, as {@code chordflow status} prints it. */
    public static List<String> describe(Workflow wf) {
        List<String> lines = new ArrayList<>();
        WorkflowStatus s = wf.getStatus();
        String name = wf.getMetadata().getName();
        if (s == null || s.phase() == null) {
            lines.add(name + ": Pending (not picked up by the Argo controller yet)");
            return lines;
        }
        lines.add(name + ": " + s.phase() + (s.progress() == null ? "" : ", " + s.progress() + " steps")
                + (s.startedAt() == null ? "" : ", started " + s.startedAt())
                + (s.finishedAt() == null ? "" : ", finished " + s.finishedAt())
                + (s.message() == null ? "" : ": " + s.message()));
        if (s.nodes() != null) {
            s.nodes().values().stream().filter(n -> "Pod".equals(n.type()) || "Retry".equals(n.type()))
                    .sorted(Comparator.comparing((WorkflowStatus.Node n) -> String.valueOf(n.startedAt())).thenComparing(n -> String.valueOf(n.displayName())))
                    .forEach(n -> lines.add(String.format("  %-28s %-10s %s", n.displayName(), n.phase(),
                            n.message() == null ? "" : n.message())));
        }
        return lines;
    }

    public static boolean finished(Workflow wf) {
        String p = wf.getStatus() == null ? null : wf.getStatus().phase();
        return "Succeeded".equals(p) || "Failed".equals(p) || "Error".equals(p);
    }

    /** Links printed after a submit: the Argo UI page and the MLflow experiment. */
    public static List<String> links(Workflow created, String namespace, String argoUi) {
        String mlflow = created.getMetadata().getAnnotations() == null ? null
                : created.getMetadata().getAnnotations().get(Compiler.A_MLFLOW_URL);
        return List.of("argo:   " + argoUi + "/workflows/" + namespace + "/" + created.getMetadata().getName(),
                "mlflow: " + (mlflow == null ? "(no mlflow annotation)" : mlflow));
    }
}
