package io.chordflow.workflows.compile;

import static io.chordflow.workflows.compile.Compiler.A_INPUTS;
import static io.chordflow.workflows.compile.Compiler.A_MLFLOW_EXPERIMENT;
import static io.chordflow.workflows.compile.Compiler.A_MLFLOW_URL;
import static io.chordflow.workflows.compile.Compiler.A_OUTPUTS;
import static io.chordflow.workflows.compile.Compiler.A_SHOW_LOG;
import static io.chordflow.workflows.compile.Compiler.A_STEP;
import static io.chordflow.workflows.compile.Compiler.A_STEP_VERSION;
import static io.chordflow.workflows.compile.Compiler.CONFIG_PATH;
import static io.chordflow.workflows.compile.Compiler.DAG;
import static io.chordflow.workflows.compile.Compiler.IMAGE_CLASSPATH;
import static io.chordflow.workflows.compile.Compiler.L_EXPERIMENT;
import static io.chordflow.workflows.compile.Compiler.L_PROFILE;
import static io.chordflow.workflows.compile.Compiler.P_GIT_COMMIT;
import static io.chordflow.workflows.compile.Compiler.P_MLFLOW_EXPERIMENT;
import static io.chordflow.workflows.compile.Compiler.P_PARENT_RUN;

import io.chordflow.common.EnvNames;
import io.chordflow.contract.Compute;
import io.chordflow.contract.StepSignature;
import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Arguments.Artifact;
import io.chordflow.workflows.argo.Arguments.Parameter;
import io.chordflow.workflows.argo.Metadata;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Template.DagTask;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.WorkflowSpec;
import io.chordflow.workflows.spec.Cluster;
import io.chordflow.workflows.spec.Experiment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DAG's tasks and steps -> an Argo {@code Workflow}: its metadata, the DAG template, and one
 * container template per step, derived from the step's declaration ({@link Step}) and the
 * experiment's cluster and compute settings (image, node pool, resources, retries, env).
 */
final class ArgoRendering {
    private final Experiment exp;
    private final String profile;
    private final Cluster cluster;

    ArgoRendering(Experiment exp, String profile) {
        this.exp = exp;
        this.profile = profile;
        this.cluster = exp.cluster();
    }

    /** @param steps by name: every step a task uses */
    Workflow workflow(List<DagTask> tasks, Map<String, Step> steps) {
        Workflow wf = new Workflow();
        Map<String, String> labels = new TreeMap<>(Map.of(
                "app.kubernetes.io/part-of", "chordflow",
                L_EXPERIMENT, exp.name(),
                L_PROFILE, profile));
        wf.setMetadata(new ObjectMetaBuilder()
                .withGenerateName(exp.name() + "-" + profile + "-")
                .withLabels(labels)
                .withAnnotations(new TreeMap<>(Map.of(
                        A_MLFLOW_EXPERIMENT, exp.name(),
                        A_MLFLOW_URL, cluster.mlflowUi() + "/#/experiments?searchFilter=" + exp.name(),
                        "workflows.argoproj.io/description", exp.description() == null ? exp.name() : exp.description())))
                .build());
        List<Template> templates = new ArrayList<>();
        templates.add(new Template(DAG, null, null, null, new Template.Dag(List.copyOf(tasks), true), null, null, null));
        tasks.stream().map(DagTask::template).distinct().sorted()
                .forEach(s -> templates.add(template(steps.get(s))));
        wf.setSpec(new WorkflowSpec(DAG, cluster.serviceAccount(),
                new Arguments(List.of(Parameter.of(P_MLFLOW_EXPERIMENT, exp.name()), Parameter.of(P_PARENT_RUN, ""),
                        Parameter.of(P_GIT_COMMIT, "")), null),
                new Metadata(labels, null),
                Map.of("strategy", "OnPodSuccess"),
                Map.of("secondsAfterSuccess", 7 * 24 * 3600),
                templates));
        return wf;
    }

    /** The step's container template: {@code java -cp /app/lib/* MAIN} with its options, in its node pool. */
    private Template template(Step step) {
        Compute compute = exp.compute();
        boolean gpu = compute.usesGpu(step.poolAs());
        Compute.Pool pool = gpu ? compute.gpu() : compute.cpu();
        List<String> args = new ArrayList<>();
        List<Parameter> inputs = new ArrayList<>();
        for (StepSignature.Param p : step.params()) {
            args.add(p.flag());
            if (p.role() == StepSignature.Role.FLAG) {
                continue;
            }
            args.add(p.arg());
            inputs.add(new Parameter(p.name(), null, p.defaultValue(), null));
        }
        Template.Outputs outputs = null;
        if (!step.outputParameters().isEmpty()) {
            args.add("--parameters");
            args.add(Steps.PARAMETERS_DIR);
            outputs = new Template.Outputs(step.outputParameters().stream().map(o -> new Template.OutputParameter(o,
                    new Template.ValueFrom(Steps.PARAMETERS_DIR + "/" + o), null)).toList());
        }
        List<Artifact> artifacts = null;
        if (step.config()) {
            args.add("--config");
            args.add(CONFIG_PATH);
            artifacts = List.of(new Artifact("config", CONFIG_PATH, null));
        }
        Container c = new ContainerBuilder()
                .withName("main")
                .withImage(step.image(cluster.imageRegistry(), cluster.imageTag(), gpu))
                .withImagePullPolicy("IfNotPresent")
                .withCommand("java", "-cp", IMAGE_CLASSPATH, step.mainClass())
                .withArgs(args)
                .withEnv(env(step, gpu))
                .withResources(resources(pool, gpu))
                .build();
        List<Toleration> tolerations = pool.tolerations().stream().map(t -> new TolerationBuilder()
                .withKey(t.key()).withOperator(t.operator()).withValue(t.value()).withEffect(t.effect()).build()).toList();
        Compute.Retry r = compute.retry();
        return new Template(step.name(),
                new Metadata(Map.of("chordflow.io/pool", gpu ? "gpu" : "cpu"), annotations(step)),
                new Arguments(inputs, artifacts), outputs, c, null,
                pool.nodeSelector().isEmpty() ? null : new TreeMap<>(pool.nodeSelector()),
                tolerations.isEmpty() ? null : tolerations,
                new Template.RetryStrategy(Integer.toString(r.limit()), "Always",
                        // errors (preempted or evicted pods) always retry; bad input (exit 2) never does
                        "lastRetry.status == \"Error\" || asInt(lastRetry.exitCode) != 2",
                        new Template.Backoff(r.backoff(), Integer.toString(r.factor()), r.maxDuration())));
    }

    private static io.fabric8.kubernetes.api.model.ResourceRequirements resources(Compute.Pool pool, boolean gpu) {
        Map<String, Quantity> limits = new TreeMap<>();
        pool.limits().forEach((k, v) -> limits.put(k, new Quantity(v)));
        if (gpu && pool.gpus() > 0) {
            limits.put("nvidia.com/gpu", new Quantity(Integer.toString(pool.gpus())));
        }
        Map<String, Quantity> requests = new TreeMap<>();
        pool.requests().forEach((k, v) -> requests.put(k, new Quantity(v)));
        return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
    }

    /** What the local runner reads back from the template: the step, its version, which params are artifacts. */
    private static Map<String, String> annotations(Step step) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(A_STEP, step.name());
        annotations.put(A_STEP_VERSION, step.version());
        annotations.put(A_INPUTS, String.join(",", step.names(StepSignature.Role.INPUT)));
        annotations.put(A_OUTPUTS, String.join(",", step.names(StepSignature.Role.OUTPUT)));
        if (step.name().equals("compare") || step.name().equals("rounds-report")) {
            annotations.put(A_SHOW_LOG, "true");
        }
        return annotations;
    }

    /** Names as chordflow-common's Provenance and chordflow-tracking's StepRun read them. */
    private List<EnvVar> env(Step step, boolean gpu) {
        return List.of(
                env(EnvNames.CHORDFLOW_STEP, step.name()),
                env(EnvNames.CHORDFLOW_WORKFLOW, "{{workflow.name}}"),
                env(EnvNames.CHORDFLOW_IMAGE, step.image(cluster.imageRegistry(), cluster.imageTag(), gpu)),
                env(EnvNames.CHORDFLOW_GIT_COMMIT, "{{workflow.parameters." + P_GIT_COMMIT + "}}"),
                env(EnvNames.MLFLOW_TRACKING_URI, cluster.mlflowUri()),
                env(EnvNames.MLFLOW_EXPERIMENT_NAME, "{{workflow.parameters." + P_MLFLOW_EXPERIMENT + "}}"),
                env(EnvNames.MLFLOW_PARENT_RUN_ID, "{{workflow.parameters." + P_PARENT_RUN + "}}"),
                env(EnvNames.ARGO_WORKFLOW_NAME, "{{workflow.name}}"),
                env(EnvNames.ARGO_NODE_ID, "{{pod.name}}"),
                env(EnvNames.AWS_ENDPOINT_URL, cluster.s3Endpoint()),
                env(EnvNames.MLFLOW_S3_ENDPOINT_URL, cluster.s3Endpoint()),
                secret(EnvNames.AWS_ACCESS_KEY_ID, cluster.credentialsSecret(), "access-key"),
                secret(EnvNames.AWS_SECRET_ACCESS_KEY, cluster.credentialsSecret(), "secret-key"),
                env(EnvNames.JAVA_TOOL_OPTIONS, "-XX:MaxRAMPercentage=75 -Dai.djl.offline=true"));
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar secret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef(key, secret, false)
                .endValueFrom().build();
    }
}
