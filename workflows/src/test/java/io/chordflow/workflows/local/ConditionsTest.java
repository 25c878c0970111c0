package io.chordflow.workflows.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Arguments.Parameter;
import io.chordflow.workflows.argo.Metadata;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Template.DagTask;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.compile.Compiler;
import io.chordflow.workflows.compile.Lint;
import io.chordflow.workflows.local.LocalRunner.Result;
import io.chordflow.workflows.local.LocalRunner.Status;
import io.chordflow.workflows.local.teststeps.CopyStep;
import io.chordflow.workflows.local.teststeps.ParamStep;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output parameters and {@code when} in the local runner, with real processes: a gate
 * ({@link ParamStep}) hands {@code promoted} to later tasks ({@link CopyStep}).
 */
class ConditionsTest {
    @TempDir
    Path dir;
    Path seed;
    Path record;
    ByteArrayOutputStream console;

    @BeforeEach
    void setUp() throws Exception {
        seed = Files.writeString(dir.resolve("seed.txt"), "seed;");
        record = dir.resolve("record");
    }

    static final String PROMOTED = "{{tasks.gate.outputs.parameters.promoted}}";

    /** A gate template with output parameter promoted read from /chordflow/outputs/promoted. */
    static Template gateTemplate() {
        List<String> args = new ArrayList<>();
        List<Parameter> inputs = new ArrayList<>();
        for (String p : List.of("value", "output", "record")) {
            inputs.add(Parameter.declared(p, null));
            args.add("--" + p);
            args.add("{{inputs.parameters." + p + "}}");
        }
        args.add("--parameters");
        args.add("/chordflow/outputs");
        var c = new ContainerBuilder().withName("main").withImage("test/gate:1")
                .withCommand("java", "-cp", Compiler.IMAGE_CLASSPATH, ParamStep.class.getName()).withArgs(args).build();
        return new Template("gate", new Metadata(null, Map.of(Compiler.A_STEP, "gate", Compiler.A_STEP_VERSION, "1",
                Compiler.A_INPUTS, "", Compiler.A_OUTPUTS, "output")), new Arguments(inputs, null),
                new Template.Outputs(List.of(new Template.OutputParameter("promoted",
                        new Template.ValueFrom("/chordflow/outputs/promoted"), null))), c, null, null, null, null);
    }

    /**
     * gate -> after (when promoted == true) -> next (when promoted == true, also on gate);
     * report (no when, after gate and next) gets the value as its tag; other (when promoted != true).
     */
    Workflow dag(String value) {
        String b = "s3://bucket/cond/";
        List<DagTask> tasks = List.of(
                TestDags.task("gate", "gate", List.of(), Map.of("value", value, "output", b + "gate", "record", record.toString()), null),
                when(TestDags.task("after", "copy", List.of("gate"), Map.of("input", seed.toString(), "output", b + "after", "tag", "A",
                        "record", record.toString()), null), PROMOTED + " == true"),
                when(TestDags.task("next", "copy", List.of("after", "gate"), Map.of("input", b + "after", "output", b + "next", "tag", "N",
                        "record", record.toString()), null), PROMOTED + " == true"),
                when(TestDags.task("other", "copy", List.of("gate"), Map.of("input", seed.toString(), "output", b + "other", "tag", "O",
                        "record", record.toString()), null), PROMOTED + " != true"),
                TestDags.task("report", "copy", List.of("gate", "next"), Map.of("input", seed.toString(), "output", b + "report",
                        "tag", "promoted=" + PROMOTED, "record", record.toString()), null));
        return TestDags.workflow("cond", tasks, List.of(gateTemplate(), TestDags.copyTemplate("copy", CopyStep.class.getName(), true)));
    }

    private static DagTask when(DagTask t, String when) {
        return new DagTask(t.name(), t.template(), t.dependencies(), t.arguments(), t.withItems(), null, when);
    }

    private LocalRunner runner() {
        console = new ByteArrayOutputStream();
        return new LocalRunner(RunnerSettings.defaults(dir).withParallelism(2), new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private static Map<String, Status> statuses(List<Result> results) {
        return results.stream().collect(Collectors.toMap(Result::task, Result::status));
    }

    private Path artifact(String key) {
        return dir.resolve(".chordflow/artifacts/bucket/cond").resolve(key);
    }

    @Test
    void aFalseConditionSkipsItsTaskAndWhatCarriesTheSameConditionAndTheRestReadsTheOutput() throws Exception {
        Workflow wf = dag("false");
        assertEquals(List.of(), Lint.check(wf));
        Map<String, Status> st = statuses(runner().run(wf));
        String out = console.toString(StandardCharsets.UTF_8);
        assertEquals(Status.OK, st.get("gate"), out);
        assertEquals(Status.SKIPPED, st.get("after"), out);
        assertEquals(Status.SKIPPED, st.get("next"), out);
        assertEquals(Status.OK, st.get("other"), out);
        assertEquals(Status.OK, st.get("report"), "a skipped dependency counts as done, as with Argo's dependencies: " + out);
        assertEquals("seed;promoted=false", Files.readString(artifact("report/data.txt")));
        assertFalse(Files.exists(artifact("after")));
        assertTrue(out.contains("skipped (condition)") && out.contains("when false == true is false"), out);
        assertTrue(out.contains("{promoted=false}"), out);
        assertTrue(out.contains("5 tasks: 3 ran, 0 from cache, 2 skipped (condition), 0 failed, 0 not run"), out);
    }

    @Test
    void aTrueConditionRunsTheRound() throws Exception {
        Map<String, Status> st = statuses(runner().run(dag("true")));
        String out = console.toString(StandardCharsets.UTF_8);
        assertEquals(Status.OK, st.get("after"), out);
        assertEquals(Status.OK, st.get("next"), out);
        assertEquals(Status.SKIPPED, st.get("other"), out);
        assertEquals("seed;AN", Files.readString(artifact("next/data.txt")));
        assertEquals("seed;promoted=true", Files.readString(artifact("report/data.txt")));
    }

    @Test
    void aCachedGateRestoresItsOutputAndThePlanKnowsIt() throws Exception {
        runner().run(dag("false"));
        assertEquals("x", Files.readString(record.resolve("gate.runs")));
        var plan = runner().plan(dag("false"));
        Map<String, LocalRunner.Decision> byTask = plan.stream().collect(Collectors.toMap(LocalRunner.Decision::task, d -> d));
        assertTrue(byTask.get("gate").cached());
        assertEquals("skipped (condition: false == true)", byTask.get("after").reason());
        assertTrue(byTask.get("report").cached(), plan.toString());
        Map<String, Status> st = statuses(runner().run(dag("false")));
        String out = console.toString(StandardCharsets.UTF_8);
        assertEquals(Status.CACHED, st.get("gate"), out);
        assertEquals("x", Files.readString(record.resolve("gate.runs")), "a cached gate does not run again");
        assertEquals(Status.SKIPPED, st.get("after"), out);
        assertEquals(Status.CACHED, st.get("report"), out);
        assertTrue(out.contains("{promoted=false}"), "the restored parameter is shown: " + out);
        // before the gate has run, the plan cannot know
        var fresh = new LocalRunner(RunnerSettings.defaults(dir.resolve("other-root")), new PrintStream(new ByteArrayOutputStream()))
                .plan(dag("true"));
        assertTrue(fresh.stream().filter(d -> d.task().equals("after")).findFirst().orElseThrow().reason()
                .contains("decided at run time by the outputs of gate"));
    }

    @Test
    void aGateThatWritesNoOutputParameterFails() throws Exception {
        Map<String, Status> st = statuses(runner().run(dag("none")));
        String out = console.toString(StandardCharsets.UTF_8);
        assertEquals(Status.FAILED, st.get("gate"), out);
        assertEquals(Status.NOT_RUN, st.get("after"), out);
        assertTrue(out.contains("wrote no output parameter promoted"), out);
    }

    @Test
    void conditionsAreStringComparisons() {
        LocalTask t = new LocalTask("t", "t", "s", "1", "M", Map.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(), List.of(),
                false, false, "{{tasks.g.outputs.parameters.p}} == true", Map.of());
        assertTrue(t.resolve(Map.of("g", Map.of("p", "true")), java.util.Set.of()).conditionHolds());
        assertFalse(t.resolve(Map.of("g", Map.of("p", "false")), java.util.Set.of()).conditionHolds());
        assertFalse(t.resolve(Map.of(), java.util.Set.of("g")).conditionHolds(), "a skipped task's output is empty");
        LocalTask q = new LocalTask("t", "t", "s", "1", "M", Map.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(), List.of(),
                false, false, "'a' != \"a\"", Map.of());
        assertFalse(q.conditionHolds());
    }
}
