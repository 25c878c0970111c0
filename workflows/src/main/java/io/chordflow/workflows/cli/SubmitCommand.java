package io.chordflow.workflows.cli;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.Yaml;
import io.chordflow.workflows.compile.Compiler;
import io.chordflow.workflows.spec.ExperimentLoader;
import io.chordflow.workflows.submit.ArgoClient;
import io.chordflow.workflows.submit.KubeAccess;
import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.WorkflowSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chordflow submit EXP}: compile, check, and create the Workflow in the current kube context. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit an experiment to Argo Workflows on the current kube context; prints the workflow name and links.")
public final class SubmitCommand implements CliCommand, Callable<Integer> {
    @Parameters(paramLabel = "EXP", description = "experiment name (experiments/EXP.yaml) or a path to a spec")
    String exp;

    @Option(names = {"-p", "--profile"}, defaultValue = ExperimentLoader.DEFAULT_PROFILE,
            description = "profile: default, smoke, full, ... (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = {"-n", "--namespace"}, description = "namespace (default: the kube context's, else the spec's cluster.namespace)")
    String namespace;

    @Option(names = "--dry-run", description = "print the Workflow that would be submitted; contact no cluster")
    boolean dryRun;

    @Option(names = "--parent-run-id", description = "MLflow parent run id every step reports under")
    String parentRunId;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Supplier<KubernetesClient> clients;

    public SubmitCommand() {
        this(KubeAccess::client);
    }

    SubmitCommand(Supplier<KubernetesClient> clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        Compiled c = Compiled.of(exp, profile).checkForCluster();
        c.check().ifPresent(note -> spec.commandLine().getErr().println("submit: " + note));
        Workflow wf = withParameter(c.workflow(), Compiler.P_PARENT_RUN, parentRunId);
        wf = withParameter(wf, Compiler.P_GIT_COMMIT, gitCommit(ExperimentLoader.projectRoot()));
        var out = spec.commandLine().getOut();
        if (dryRun) {
            out.print(Yaml.render(wf));
            out.printf("# dry run: not submitted (namespace would be %s)%n",
                    namespace != null ? namespace : "the kube context's, else " + c.experiment().cluster().namespace());
            out.flush();
            return 0;
        }
        try (KubernetesClient client = clients.get()) {
            String ns = KubeAccess.namespace(namespace, client, c.experiment().cluster().namespace());
            Workflow created = new ArgoClient(client).submit(wf, ns);
            out.println("submitted " + created.getMetadata().getName() + " to namespace " + ns + " at " + client.getConfiguration().getMasterUrl());
            ArgoClient.links(created, ns, c.experiment().cluster().argoUi()).forEach(out::println);
            out.println("follow:  bin/chordflow status " + created.getMetadata().getName() + " -n " + ns + " --watch");
            out.flush();
        }
        return 0;
    }

    /** The source commit for provenance; null (parameter left empty) outside a git checkout. */
    static String gitCommit(java.nio.file.Path root) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static Workflow withParameter(Workflow wf, String name, String value) {
        if (value == null) {
            return wf;
        }
        WorkflowSpec s = wf.getSpec();
        List<Arguments.Parameter> ps = s.arguments().parameters().stream()
                .map(p -> p.name().equals(name) ? Arguments.Parameter.of(p.name(), value) : p).toList();
        wf.setSpec(new WorkflowSpec(s.entrypoint(), s.serviceAccountName(), new Arguments(ps, s.arguments().artifacts()),
                s.podMetadata(), s.podGC(), s.ttlStrategy(), s.templates()));
        return wf;
    }
}
