package io.chordflow.workflows.cli;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.submit.ArgoClient;
import io.chordflow.workflows.submit.KubeAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chordflow status NAME}: a submitted workflow's phase and its steps. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a submitted workflow's phase and the state of each step (--watch: until it finishes).")
public final class StatusCommand implements CliCommand, Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "the workflow name submit printed")
    String name;

    @Option(names = {"-n", "--namespace"}, description = "namespace (default: the kube context's, else chordflow)")
    String namespace;

    @Option(names = {"-w", "--watch"}, description = "poll until the workflow has finished")
    boolean watch;

    @Option(names = "--interval", defaultValue = "10", description = "seconds between polls with --watch (default: ${DEFAULT-VALUE})")
    int interval;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Supplier<KubernetesClient> clients;

    public StatusCommand() {
        this(KubeAccess::client);
    }

    StatusCommand(Supplier<KubernetesClient> clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        try (KubernetesClient client = clients.get()) {
            String ns = KubeAccess.namespace(namespace, client, "chordflow");
            ArgoClient argo = new ArgoClient(client);
            while (true) {
                Workflow wf = argo.get(name, ns);
                ArgoClient.describe(wf).forEach(out::println);
                out.flush();
                if (!watch || ArgoClient.finished(wf)) {
                    String phase = wf.getStatus() == null ? null : wf.getStatus().phase();
                    return "Failed".equals(phase) || "Error".equals(phase) ? 1 : 0;
                }
                Thread.sleep(interval * 1000L);
            }
        }
    }
}
