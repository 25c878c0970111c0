package io.chordflow.workflows.local;

import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Arguments.Parameter;
import io.chordflow.workflows.argo.Metadata;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Template.DagTask;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.WorkflowSpec;
import io.chordflow.workflows.compile.Compiler;
import io.chordflow.workflows.local.teststeps.CopyStep;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Workflows shaped like compiled ones (templates annotated with their inputs and outputs,
 * containers {@code java -cp /app/lib/* MAIN}) over the test-only {@link CopyStep}.
 */
final class TestDags {
    private TestDags() {
    }

    /** A template "copy" (or one-input "source") running {@code main}. */
    static Template copyTemplate(String name, String main, boolean hasInput) {
        List<String> args = new ArrayList<>();
        List<Parameter> inputs = new ArrayList<>();
        for (String p : hasInput ? List.of("input", "output", "tag", "record", "fail-if", "sleep", "shard")
                : List.of("output", "tag", "record", "fail-if", "sleep", "shard")) {
            if (p.equals("shard")) {
                inputs.add(new Parameter(p, null, "0/1", null));
            } else if (p.equals("sleep") || p.equals("fail-if")) {
                inputs.add(new Parameter(p, null, p.equals("sleep") ? "0" : "/nonexistent", null));
            } else {
                inputs.add(Parameter.declared(p, null));
            }
            args.add("--" + p);
            args.add("{{inputs.parameters." + p + "}}");
        }
        var c = new ContainerBuilder().withName("main").withImage("test/copy:1")
                .withCommand("java", "-cp", Compiler.IMAGE_CLASSPATH, main).withArgs(args)
                .withEnv(new EnvVarBuilder().withName("ARGO_NODE_ID").withValue("{{pod.name}}").build(),
                        new EnvVarBuilder().withName("JAVA_TOOL_OPTIONS").withValue("-Xmx1m").build())
                .build();
        return new Template(name, new Metadata(null, Map.of(Compiler.A_STEP, name, Compiler.A_STEP_VERSION, "1",
                Compiler.A_INPUTS, hasInput ? "input" : "", Compiler.A_OUTPUTS, "output")),
                new Arguments(inputs, null), c, null, null, null, null);
    }

    static DagTask task(String name, String template, List<String> deps, Map<String, String> params, List<Object> items) {
        List<Parameter> ps = new ArrayList<>();
        params.forEach((k, v) -> ps.add(Parameter.of(k, v)));
        return new DagTask(name, template, deps.isEmpty() ? null : deps, new Arguments(ps, null), items, null);
    }

    static Workflow workflow(String name, List<DagTask> tasks, List<Template> templates) {
        Workflow wf = new Workflow();
        wf.setMetadata(new ObjectMetaBuilder().withGenerateName(name + "-").build());
        List<Template> all = new ArrayList<>();
        all.add(new Template("main", null, null, null, new Template.Dag(tasks, true), null, null, null));
        all.addAll(templates);
        wf.setSpec(new WorkflowSpec("main", null, null, null, null, null, all));
        return wf;
    }

    /**
     * source -> (left, right) -> join, and shards(0..1) of source: the diamond plus a fan-out.
     * {@code source} reads {@code seed} (a file outside the artifact folder).
     */
    static Workflow diamond(Path seed, Path record, Map<String, Map<String, String>> extra) {
        String main = CopyStep.class.getName();
        String b = "s3://bucket/test/";
        List<DagTask> tasks = List.of(
                task("source", "copy", List.of(), with(extra, "source", Map.of("input", seed.toString(), "output", b + "source",
                        "tag", "S", "record", record.toString())), null),
                task("left", "copy", List.of("source"), with(extra, "left", Map.of("input", b + "source", "output", b + "left",
                        "tag", "L", "record", record.toString(), "sleep", "1500")), null),
                task("right", "copy", List.of("source"), with(extra, "right", Map.of("input", b + "source", "output", b + "right",
                        "tag", "R", "record", record.toString(), "sleep", "1500")), null),
                task("join", "copy", List.of("left", "right"), with(extra, "join", Map.of("input", b + "left", "output", b + "join",
                        "tag", "J", "record", record.toString())), null),
                task("shards", "copy", List.of("source"), with(extra, "shards", Map.of("input", b + "source", "output", b + "shards",
                        "tag", "X", "record", record.toString(), "shard", "{{item}}/2")), List.of("0", "1")));
        return workflow("diamond", tasks, List.of(copyTemplate("copy", main, true)));
    }

    private static Map<String, String> with(Map<String, Map<String, String>> extra, String task, Map<String, String> base) {
        Map<String, String> m = new java.util.LinkedHashMap<>(base);
        m.putAll(extra.getOrDefault(task, Map.of()));
        return m;
    }
}
