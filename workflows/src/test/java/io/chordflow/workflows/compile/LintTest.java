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

    /** The noisy-student (smoke) workflow with its DAG's tasks rewritten. */
    private static Workflow editNoisy(UnaryOperator<List<DagTask>> edit) {
        Workflow wf = Fixtures.compile("noisy-student", "smoke");
        List<Template> templates = new ArrayList<>(wf.getSpec().templates());
        Template dag = templates.get(0);
        templates.set(0, new Template(dag.name(), null, null, null,
                new Template.Dag(edit.apply(new ArrayList<>(dag.dag().tasks())), true), null, null, null));
        var s = wf.getSpec();
        wf.setSpec(new WorkflowSpec(s.entrypoint(), s.serviceAccountName(), s.arguments(), s.podMetadata(), s.podGC(),
                s.ttlStrategy(), templates));
        return wf;
    }

    private static UnaryOperator<List<DagTask>> replace(String name, UnaryOperator<DagTask> f) {
        return ts -> {
            for (int i = 0; i < ts.size(); i++) {
                if (ts.get(i).name().equals(name)) {
                    ts.set(i, f.apply(ts.get(i)));
                }
            }
            return ts;
        };
    }

    @Test
    void taskOutputReferencesMustNameADependencyThatDeclaresTheOutput() {
        assertEquals(List.of(), Lint.check(Fixtures.compile("noisy-student", "smoke")));
        // the when of round 2 reads gate-1, which is no longer a dependency
        problem(editNoisy(replace("train-student-2", t -> new DagTask(t.name(), t.template(),
                t.dependencies().stream().filter(d -> !d.equals("gate-1")).toList(), t.arguments(), t.withItems(), null, t.when()))),
                "task train-student-2: when: {{tasks.gate-1.outputs.parameters.promoted}} but gate-1 is not a dependency of train-student-2");
        // an output the gate template does not declare
        problem(editNoisy(replace("eval-valid-student-2", t -> new DagTask(t.name(), t.template(), t.dependencies(), t.arguments(),
                t.withItems(), null, "{{tasks.gate-1.outputs.parameters.winner}} == true"))),
                "declares no output parameter winner");
        // a task that does not exist, and a malformed reference
        problem(editNoisy(replace("eval-final", t -> new DagTask(t.name(), t.template(), t.dependencies(), new Arguments(
                t.arguments().parameters().stream().map(p -> p.name().equals("model")
                        ? Arguments.Parameter.of("model", "{{tasks.gate-9.outputs.parameters.champion}}") : p).toList(), null),
                null, null, "{{tasks.gate-2.outputs.result}} == ok"))), "{{tasks.gate-9.outputs.parameters.champion}} names no task");
        problem(editNoisy(replace("eval-final", t -> new DagTask(t.name(), t.template(), t.dependencies(), t.arguments(),
                null, null, "{{tasks.gate-2.outputs.result}} == ok"))), "expected {{tasks.NAME.outputs.parameters.NAME}}");
        // a gate that may itself be skipped cannot feed later tasks
        problem(editNoisy(replace("gate-2", t -> new DagTask(t.name(), t.template(), t.dependencies(), t.arguments(),
                null, null, "{{tasks.gate-1.outputs.parameters.promoted}} == true"))),
                "task eval-final: parameter model: {{tasks.gate-2.outputs.parameters.champion}} but gate-2 has a when and may be skipped");
    }
}
