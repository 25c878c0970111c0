package io.chordflow.workflows.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.workflows.compile.Lint;
import io.chordflow.workflows.local.LocalRunner.Result;
import io.chordflow.workflows.local.LocalRunner.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's semantics with real processes of the test-only CopyStep. */
class LocalRunnerTest {
    @TempDir
    Path dir;
    Path seed;
    Path record;
    ByteArrayOutputStream console;

    @BeforeEach
    void setUp() throws Exception {
        seed = dir.resolve("seed.txt");
        Files.writeString(seed, "seed;");
        record = dir.resolve("record");
    }

    private LocalRunner runner() {
        console = new ByteArrayOutputStream();
        RunnerSettings s = RunnerSettings.defaults(dir).withParallelism(2);
        return new LocalRunner(s, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private Map<String, Status> statuses(List<Result> results) {
        return results.stream().collect(Collectors.toMap(Result::task, Result::status));
    }

    private long time(String node, String what) throws Exception {
        return Long.parseLong(Files.readString(record.resolve(node + "." + what)));
    }

    private Path artifact(String key) {
        return dir.resolve(".chordflow/artifacts/bucket/test").resolve(key);
    }

    @Test
    void runsInDependencyOrderWithIndependentTasksInParallel() throws Exception {
        var wf = TestDags.diamond(seed, record, Map.of());
        assertEquals(List.of(), Lint.check(wf));
        List<Result> results = runner().run(wf);
        assertTrue(results.stream().allMatch(r -> r.status() == Status.OK), console.toString());
        // data flowed through the mapped s3:// URIs
        assertEquals("seed;SL", Files.readString(artifact("left/data.txt")));
        assertEquals("seed;SLJ", Files.readString(artifact("join/data.txt")));
        assertEquals("seed;SX", Files.readString(artifact("shards/part-0.txt")));
        assertEquals("seed;SX", Files.readString(artifact("shards/part-1.txt")));
        // order: each task starts after its dependencies ended
        assertTrue(time("left", "start") >= time("source", "end"));
        assertTrue(time("join", "start") >= time("left", "end"));
        assertTrue(time("join", "start") >= time("right", "end"));
        // parallel: left and right (1.5 s each) overlap
        assertTrue(time("left", "start") < time("right", "end") && time("right", "start") < time("left", "end"),
                "left and right did not overlap");
        String out = console.toString();
        assertTrue(out.contains("shards(0)") && out.contains("shards(1)"), out);
        assertTrue(out.contains("6 tasks: 6 ran, 0 from cache, 0 failed, 0 not run"), out);
    }

    @Test
    void secondRunComesFromCacheAndAChangedParameterRerunsOnlyItsTask() throws Exception {
        runner().run(TestDags.diamond(seed, record, Map.of()));
        long joinStart = time("join", "start");

        LocalRunner again = runner();
        assertTrue(again.plan(TestDags.diamond(seed, record, Map.of())).stream().allMatch(LocalRunner.Decision::cached));
        var results = again.run(TestDags.diamond(seed, record, Map.of()));
        assertTrue(results.stream().allMatch(r -> r.status() == Status.CACHED), console.toString());
        assertTrue(console.toString().contains("from cache, key"), console.toString());
        assertEquals(joinStart, time("join", "start"), "a cached task must not start a process");

        var changed = TestDags.diamond(seed, record, Map.of("join", Map.of("tag", "K")));
        var plan = runner().plan(changed);
        assertEquals(List.of("join"), plan.stream().filter(d -> !d.cached()).map(LocalRunner.Decision::task).toList());
        Map<String, Status> st = statuses(runner().run(changed));
        assertEquals(Status.OK, st.get("join"));
        assertEquals(Status.CACHED, st.get("left"));
        assertEquals("seed;SLK", Files.readString(artifact("join/data.txt")));
    }

    @Test
    void changedInputContentRerunsTheTasksDownstream() throws Exception {
        runner().run(TestDags.diamond(seed, record, Map.of()));
        Files.writeString(seed, "other;");
        var plan = runner().plan(TestDags.diamond(seed, record, Map.of()));
        assertTrue(plan.stream().noneMatch(LocalRunner.Decision::cached), plan.toString());
        assertEquals("run (an input is rebuilt first)", plan.get(1).reason());
        runner().run(TestDags.diamond(seed, record, Map.of()));
        assertEquals("other;SLJ", Files.readString(artifact("join/data.txt")));
    }

    @Test
    void aFailureStopsDownstreamAndTheNextRunResumes() throws Exception {
        Path marker = dir.resolve("fail-right");
        Files.writeString(marker, "");
        var wf = TestDags.diamond(seed, record, Map.of("right", Map.of("fail-if", marker.toString())));
        Map<String, Status> first = statuses(runner().run(wf));
        assertEquals(Status.OK, first.get("source"));
        assertEquals(Status.FAILED, first.get("right"));
        assertEquals(Status.NOT_RUN, first.get("join"));
        String out = console.toString();
        assertTrue(out.contains("right") && out.contains("FAILED (exit 3)") && out.contains("failing as asked"), out);
        assertFalse(Files.exists(artifact("join")));

        Files.delete(marker);
        long sourceStart = time("source", "start");
        Map<String, Status> second = statuses(runner().run(wf));
        assertEquals(Status.CACHED, second.get("source"));
        assertEquals(Status.OK, second.get("right"));
        assertEquals(Status.OK, second.get("join"));
        assertEquals(sourceStart, time("source", "start"));
    }

    @Test
    void artifactUrisAreMappedAlsoInsideCompositeArguments() {
        Map<String, String> mapped = Map.of("s3://b/metrics/stage1", "/a/b/metrics/stage1",
                "s3://b/metrics/stage1x", "/a/b/metrics/stage1x", "/chordflow/config.json", "/w/config.json");
        List<String> uris = mapped.keySet().stream().sorted(java.util.Comparator.comparing(String::length).reversed()).toList();
        assertEquals("/a/b/metrics/stage1", TaskProcess.mapArg("s3://b/metrics/stage1", mapped, uris));
        assertEquals("stage1=/a/b/metrics/stage1/metrics.json", TaskProcess.mapArg("stage1=s3://b/metrics/stage1/metrics.json", mapped, uris));
        assertEquals("x=/a/b/metrics/stage1x/metrics.json", TaskProcess.mapArg("x=s3://b/metrics/stage1x/metrics.json", mapped, uris));
        assertEquals("/w/config.json", TaskProcess.mapArg("/chordflow/config.json", mapped, uris));
        assertEquals("s3://b/metrics/stage10", TaskProcess.mapArg("s3://b/metrics/stage10", mapped, uris), "a longer name is another URI");
        assertEquals("lab", TaskProcess.mapArg("lab", mapped, uris));
    }

    @Test
    void aMissingStepClassFailsBeforeRunningAndNamesTaskAndClass() {
        var wf = TestDags.workflow("missing", List.of(TestDags.task("train-stage1", "ghost", List.of(),
                Map.of("input", seed.toString(), "output", "s3://bucket/x", "tag", "t", "record", record.toString()), null)),
                List.of(TestDags.copyTemplate("ghost", "io.chordflow.steps.train.NoSuchStep", true)));
        var e = assertThrows(InputException.class, () -> runner().run(wf));
        assertTrue(e.getMessage().contains("task train-stage1") && e.getMessage().contains("io.chordflow.steps.train.NoSuchStep"),
                e.getMessage());
        assertFalse(Files.exists(record), "nothing may run");
    }

    @Test
    void skipMissingRunsWhatExistsAndReportsTheRest() throws Exception {
        var wf = TestDags.diamond(seed, record, Map.of());
        var spec = wf.getSpec();
        List<io.chordflow.workflows.argo.Template> templates = new java.util.ArrayList<>(spec.templates());
        templates.add(TestDags.copyTemplate("ghost", "io.chordflow.steps.kd.NotWrittenYet", true));
        List<io.chordflow.workflows.argo.Template.DagTask> tasks = new java.util.ArrayList<>(spec.template("main").orElseThrow().dag().tasks());
        var right = tasks.get(2);
        tasks.set(2, new io.chordflow.workflows.argo.Template.DagTask(right.name(), "ghost", right.dependencies(), right.arguments(), null, null));
        templates.set(0, new io.chordflow.workflows.argo.Template("main", null, null, null,
                new io.chordflow.workflows.argo.Template.Dag(tasks, true), null, null, null));
        wf.setSpec(new io.chordflow.workflows.argo.WorkflowSpec("main", null, null, null, null, null, templates));
        Map<String, Status> st = statuses(runner().run(wf, true));
        assertEquals(Status.NO_STEP, st.get("right"));
        assertEquals(Status.NOT_RUN, st.get("join"));
        assertEquals(Status.OK, st.get("left"));
        assertEquals(Status.OK, st.get("shards(1)"));
        assertTrue(console.toString().contains("no step program"), console.toString());
    }

    @Test
    void aDeletedOutputIsNotServedFromTheCache() throws Exception {
        var wf = TestDags.workflow("liar", List.of(TestDags.task("liar", "copy", List.of(),
                Map.of("input", seed.toString(), "output", "s3://bucket/test/real", "tag", "t", "record", record.toString()), null)),
                List.of(TestDags.copyTemplate("copy", io.chordflow.workflows.local.teststeps.CopyStep.class.getName(), true)));
        // sanity: the normal case commits
        assertEquals(Status.OK, runner().run(wf).get(0).status());
        Files.walk(artifact("real")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        // output gone: the cache must not claim it
        assertFalse(runner().plan(wf).get(0).cached());
    }
}
