package io.chordflow.workflows.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.WorkflowSpec;
import io.chordflow.workflows.compile.Compiler;
import io.chordflow.workflows.local.LocalRunner.Result;
import io.chordflow.workflows.local.LocalRunner.Status;
import io.chordflow.workflows.local.teststeps.ContractStep;
import io.chordflow.workflows.spec.ExperimentLoader;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real compiled btc-kd (smoke) DAG through the local runner, every step program replaced by
 * {@link ContractStep}, which checks each task's arguments against the step's declared options
 * and that its inputs exist when it starts: the wiring of the whole DAG, end to end.
 */
class CompiledDagRunTest {
    static final Path ROOT = Path.of(System.getProperty("chordflow.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path state;

    static Workflow withContractSteps(Workflow wf) {
        List<Template> templates = new ArrayList<>();
        for (Template t : wf.getSpec().templates()) {
            if (t.container() == null) {
                templates.add(t);
                continue;
            }
            var c = new ContainerBuilder(t.container())
                    .withCommand("java", "-cp", Compiler.IMAGE_CLASSPATH, ContractStep.class.getName(), t.name()).build();
            templates.add(new Template(t.name(), t.metadata(), t.inputs(), t.outputs(), c, null, t.nodeSelector(), t.tolerations(),
                    t.retryStrategy()));
        }
        WorkflowSpec s = wf.getSpec();
        wf.setSpec(new WorkflowSpec(s.entrypoint(), s.serviceAccountName(), s.arguments(), s.podMetadata(), s.podGC(),
                s.ttlStrategy(), templates));
        return wf;
    }

    @Test
    void everyTaskOfTheCompiledDagGetsItsInputsAndArgumentsLocally() throws Exception {
        var exp = ExperimentLoader.load(ExperimentLoader.resolve("btc-kd", ROOT), "smoke");
        Workflow wf = withContractSteps(Compiler.compile(exp, "smoke"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        var runner = new LocalRunner(RunnerSettings.defaults(ROOT, state).withParallelism(2),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        List<Result> results = runner.run(wf);
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(results.stream().allMatch(r -> r.status() == Status.OK), out);
        assertEquals(29, results.size(), out); // 27 tasks (test and heldout evaluations, template row, kd-off variant), two fanned out over 2 shards
        Path artifacts = state.resolve(".chordflow/artifacts/chordflow/experiments/btc-kd/smoke");
        assertTrue(Files.exists(artifacts.resolve("labels/pseudo/teacher-inference-0-2.txt")), "shard 0 of pseudo-labelling");
        assertTrue(Files.exists(artifacts.resolve("labels/pseudo/teacher-inference-1-2.txt")), "shard 1 of pseudo-labelling");
        assertTrue(Files.exists(artifacts.resolve("reports/comparison/compare-all.txt")));
        assertTrue(out.contains("compare ok"), "the comparison's output is shown after the summary:\n" + out);

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        var second = new LocalRunner(RunnerSettings.defaults(ROOT, state).withParallelism(2),
                new PrintStream(again, true, StandardCharsets.UTF_8)).run(wf);
        assertTrue(second.stream().allMatch(r -> r.status() == Status.CACHED), again.toString(StandardCharsets.UTF_8));
    }

    private List<Result> runNoisy(String promote, Path state, ByteArrayOutputStream console) {
        var exp = ExperimentLoader.load(ExperimentLoader.resolve("noisy-student", ROOT), "smoke");
        Workflow wf = withContractSteps(Compiler.compile(exp, "smoke"));
        return new LocalRunner(RunnerSettings.defaults(ROOT, state).withParallelism(4).withEnv(java.util.Map.of("CHORDFLOW_TEST_PROMOTE", promote)),
                new PrintStream(console, true, StandardCharsets.UTF_8)).run(wf);
    }

    /**
     * The compiled noisy-student (smoke) DAG: when round 1's student is not promoted, round 2's
     * tasks are skipped, gate 2 passes the decision on, and the round-0 teacher is evaluated on
     * test and registered as the final model; when it is, round 2 runs and its teacher is round 1's student.
     */
    @Test
    void noisyStudentRoundsStopAtAGateThatDoesNotPromote() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<Result> results = runNoisy("none", state.resolve("stop"), console);
        String out = console.toString(StandardCharsets.UTF_8);
        java.util.Map<String, Status> st = new java.util.HashMap<>();
        results.forEach(r -> st.put(r.task(), r.status()));
        assertEquals(Status.OK, st.get("gate-1"), out);
        for (String t : List.of("pseudo-label-2(0)", "pseudo-label-2(1)", "train-student-2", "eval-valid-student-2")) {
            assertEquals(Status.SKIPPED, st.get(t), t + "\n" + out);
        }
        for (String t : List.of("gate-2", "eval-final", "rounds-report", "register", "compare")) {
            assertEquals(Status.OK, st.get(t), t + "\n" + out);
        }
        Path artifacts = state.resolve("stop/.chordflow/artifacts/chordflow/experiments/noisy-student/smoke");
        String eval = Files.readString(artifacts.resolve("metrics/final/evaluate-all.txt"));
        assertTrue(eval.contains("--model " + artifacts.resolve("models/round-0/teacher")), "the final model is the round-0 teacher: " + eval);
        assertTrue(out.contains("4 skipped (condition)"), out);

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        results = runNoisy("1", state.resolve("go"), again);
        out = again.toString(StandardCharsets.UTF_8);
        assertTrue(results.stream().allMatch(r -> r.status() == Status.OK), out);
        artifacts = state.resolve("go/.chordflow/artifacts/chordflow/experiments/noisy-student/smoke");
        assertTrue(Files.readString(artifacts.resolve("metrics/final/evaluate-all.txt"))
                .contains("--model " + artifacts.resolve("models/round-1/student")), "round 2 did not promote: round 1's student is final");
        assertTrue(Files.readString(artifacts.resolve("labels/round-2/teacher-inference-soft-0-2.txt"))
                .contains("--model " + artifacts.resolve("models/round-1/student")), "round 2's teacher is round 1's student");
    }
}
