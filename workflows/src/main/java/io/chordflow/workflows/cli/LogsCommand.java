package io.chordflow.workflows.cli;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.workflows.submit.ArgoClient;
import io.chordflow.workflows.submit.KubeAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chordflow logs NAME}: the logs of a submitted workflow's step pods. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the logs of every step pod of a submitted workflow, oldest first.")
public final class LogsCommand implements CliCommand, Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "the workflow name submit printed")
    String name;

    @Option(names = {"-n", "--namespace"}, description = "namespace (default: the kube context's, else chordflow)")
    String namespace;

    @Option(names = "--task", description = "only pods whose Argo node name contains this (e.g. train-stage1)")
    String task;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Supplier<KubernetesClient> clients;

    public LogsCommand() {
        this(KubeAccess::client);
    }

    LogsCommand(Supplier<KubernetesClient> clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (KubernetesClient client = clients.get()) {
            String ns = KubeAccess.namespace(namespace, client, "chordflow");
            for (var e : new ArgoClient(client).logs(name, ns)) {
                var meta = e.getKey().getMetadata();
                String node = meta.getAnnotations() == null ? null : meta.getAnnotations().get("workflows.argoproj.io/node-name");
                if (task != null && (node == null || !node.contains(task)) && !meta.getName().contains(task)) {
                    continue;
                }
                out.println("== " + meta.getName() + (node == null ? "" : " (" + node + ")") + " ==");
                out.print(e.getValue().endsWith("\n") || e.getValue().isEmpty() ? e.getValue() : e.getValue() + "\n");
            }
            out.flush();
        }
        return 0;
    }
}
