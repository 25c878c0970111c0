package io.chordflow.workflows.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Template.DagTask;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.WorkflowSpec;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LintTest {
    @Test
    void everyShippedExperimentIsClean() {
        for (String exp : Fixtures.EXPERIMENTS) {
            for (String profile : Fixtures.PROFILES) {
                assertEquals(List.of(), Lint.check(Fixtures.compile(exp, profile)), exp + "/" + profile);
            }
        }
    }

    /** The btc-kd workflow with its DAG's tasks rewritten. */
    private static Workflow editTasks(UnaryOperator<List<DagTask>> edit) {
        Workflow wf = Fixtures.compile("btc-kd", "smoke");
        List<Template> templates = new ArrayList<>(wf.getSpec().templates());
        Template dag = templates.get(0);
        templates.set(0, new Template(dag.name(), null, null, null,
                new Template.Dag(edit.apply(new ArrayList<>(dag.dag().tasks())), true), null, null, null));
        var s = wf.getSpec();
        wf.setSpec(new WorkflowSpec(s.entrypoint(), s.serviceAccountName(), s.arguments(), s.podMetadata(), s.podGC(),
                s.ttlStrategy(), templates));
        return wf;
    }

    private static DagTask with(DagTask t, String template, List<String> deps, Arguments args, List<Object> items) {
        return new DagTask(t.name(), template, deps, args, items, null);
    }

    private static void problem(Workflow wf, String expected) {
        List<String> problems = Lint.check(wf);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), problems.toString());
    }

    @Test
    void missingTemplateIsReported() {
        problem(editTasks(ts -> {
            ts.set(0, with(ts.get(0), "synthesise", ts.get(0).dependencies(), ts.get(0).arguments(), null));
            return ts;
        }), "task synth-data: template synthesise does not exist");
    }

    @Test
    void missingDependencyIsReported() {
        problem(editTasks(ts -> {
            ts.set(0, with(ts.get(0), ts.get(0).template(), List.of("warm-up"), ts.get(0).arguments(), null));
            return ts;
        }), "task synth-data: depends on warm-up");
    }

    @Test
    void cycleIsReported() {
        problem(editTasks(ts -> {
            ts.set(0, with(ts.get(0), ts.get(0).template(), List.of("features-teacher"), ts.get(0).arguments(), null));
            return ts;
        }), "cycle synth-data -> features-teacher -> synth-data");
    }

    @Test
    void undeclaredInputParameterIsReported() {
        Workflow wf = Fixtures.compile("btc-kd", "smoke");
        List<Template> templates = new ArrayList<>(wf.getSpec().templates());
        for (int i = 0; i < templates.size(); i++) {
            Template t = templates.get(i);
            if (t.name().equals("evaluate")) {
                var c = new ContainerBuilder(t.container()).addToArgs("--threshold", "{{inputs.parameters.threshold}}").build();
                templates.set(i, new Template(t.name(), t.metadata(), t.inputs(), c, null, t.nodeSelector(), t.tolerations(),
                        t.retryStrategy()));
            }
        }
        var s = wf.getSpec();
        wf.setSpec(new WorkflowSpec(s.entrypoint(), s.serviceAccountName(), s.arguments(), s.podMetadata(), s.podGC(),
                s.ttlStrategy(), templates));
        problem(wf, "template evaluate: {{inputs.parameters.threshold}} is not a declared input parameter");
    }

    @Test
    void itemWithoutFanOutAndMissingRequiredArgumentAreReported() {
        problem(editTasks(ts -> {
            DagTask f = ts.stream().filter(t -> t.name().equals("features-unlabeled")).findFirst().orElseThrow();
            ts.set(ts.indexOf(f), with(f, f.template(), f.dependencies(), f.arguments(), null));
            return ts;
        }), "{{item}} in parameter shard but the task has no withItems");
        problem(editTasks(ts -> {
            DagTask t = ts.get(0);
            ts.set(0, with(t, t.template(), t.dependencies(), new Arguments(
                    t.arguments().parameters().stream().filter(p -> !p.name().equals("split")).toList(), null), null));
            return ts;
        }), "task synth-data: input parameter split of template synth is not given");
    }
}
