package io.chordflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.io.Json;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.data.SyntheticChords;
import io.chordflow.steps.train.TrainStep;
import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Arguments.Parameter;
import io.chordflow.workflows.argo.Metadata;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.argo.WorkflowSpec;
import io.chordflow.workflows.compile.Compiler;
import io.chordflow.workflows.local.LocalRunner;
import io.chordflow.workflows.local.LocalRunner.Result;
import io.chordflow.workflows.local.LocalRunner.Status;
import io.chordflow.workflows.local.RunnerSettings;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's resume: a real train step, run by the local runner as its own process, is killed
 * (SIGKILL) in the middle of an epoch; running the workflow again resumes it from its last
 * checkpoint (the runner no longer clears it with the task's output) and ends with weights equal,
 * byte for byte, to those of an uninterrupted run with the same seed. Each attempt keeps its log.
 */
class ResumeAfterKillTest {
    static final String CONFIG = """
            model: {arch: btc, classes: 25, hidden: 32, layers: 1, heads: 2, filter: 32, timestep: 48}
            stage1:
              epochs: 4
              batch_size: 8
              stride: 12
              val_fraction: 0.2
              loss: focal
              lr: 0.003
              schedule: cosine
              warmup_epochs: 1
              grad_clip: 1.0
              early_stopping_metric: val_majmin
              checkpoint_every: 2
            """;
    static final String OUTPUT = "s3://chordflow/test/resume/model";

    @TempDir
    Path dir;

    @Test
    void aTrainingKilledMidEpochResumesThroughTheRunnerToTheSameWeights() throws Exception {
        SyntheticChords.writeCorpus(dir.resolve("f"), dir.resolve("l"), 8, 300, Vocabulary.MAJMIN, 3, FeatureSpec.BTC.frameSeconds());
        Files.writeString(dir.resolve("c.yaml"), CONFIG);
        Workflow wf = trainWorkflow();

        Path whole = dir.resolve("whole");
        Run a = run(wf, whole);
        assertEquals(Status.OK, a.results.get(0).status(), a.console);
        byte[] expected = Files.readAllBytes(model(whole).resolve("weights.params"));
        assertTrue(checkpointFolders(whole).isEmpty(), "a finished task's checkpoints are removed");

        Path state = dir.resolve("killed");
        CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> run(wf, state));
        JsonNode at = killMidEpoch(state, first);
        Run killed = first.get();
        assertEquals(Status.FAILED, killed.results.get(0).status(), killed.console);
        assertEquals(137, killed.results.get(0).exitCode(), "killed by SIGKILL");
        Path logs = state.resolve(".chordflow/logs").resolve(LocalRunner.runName(wf));
        assertTrue(Files.isRegularFile(logs.resolve("train.1.log")));
        assertEquals(1, checkpointFolders(state).size(), "the killed task's checkpoints survive it");
        var plan = new LocalRunner(RunnerSettings.defaults(CompiledRoot.ROOT, state), System.out).plan(wf);
        assertEquals("run (resumes from its checkpoint)", plan.get(0).reason(), "plan says it will resume");

        Run second = run(wf, state);
        assertEquals(Status.OK, second.results.get(0).status(), second.console);
        String log1 = Files.readString(logs.resolve("train.1.log"));
        String log2 = Files.readString(logs.resolve("train.2.log"));
        assertFalse(log1.contains("resuming"), log1);
        Matcher m = Pattern.compile("resuming at epoch (\\d+) step (\\d+) \\(global step (\\d+)\\)").matcher(log2);
        assertTrue(m.find(), "the second attempt resumed:\n" + log2);
        int epoch = Integer.parseInt(m.group(1));
        long globalStep = Long.parseLong(m.group(3));
        // it resumed at (or after) the checkpoint seen before the kill, not from the start
        assertTrue(globalStep >= at.get("global_step").asLong() && globalStep > 0, log2);
        assertTrue(epoch >= at.get("epoch").asInt() + 1, log2);
        // the epochs before the resume point are not trained again; the ones after are
        for (int e = 1; e < epoch; e++) {
            assertFalse(log2.contains("epoch " + e + ": loss"), "epoch " + e + " trained again:\n" + log2);
        }
        assertTrue(log2.contains("epoch 4: loss") || log2.contains("early stop"), log2);
        assertArrayEquals(expected, Files.readAllBytes(model(state).resolve("weights.params")),
                "the resumed run ends with the uninterrupted run's weights (killed at checkpoint " + at + "; "
                        + m.group(0) + ")\n--- uninterrupted:\n" + epochLines(a.log) + "--- killed:\n" + epochLines(log1)
                        + "--- resumed:\n" + epochLines(log2));
        assertTrue(checkpointFolders(state).isEmpty());
    }

    private static String epochLines(String log) {
        StringBuilder sb = new StringBuilder();
        log.lines().filter(l -> l.contains("Trainer - ")).forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** Waits for a checkpoint taken inside an epoch after the first, then SIGKILLs the train process. */
    private JsonNode killMidEpoch(Path state, CompletableFuture<Run> running) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && !running.isDone()) {
            for (Path folder : checkpointFolders(state)) {
                JsonNode st = state(folder.resolve("checkpoint.bin"));
                if (st != null && st.get("epoch").asInt() >= 1 && st.get("step_in_epoch").asLong() > 0 && !st.get("finished").asBoolean()) {
                    List<ProcessHandle> train = ProcessHandle.current().descendants()
                            .filter(p -> commandLine(p).contains(TrainStep.class.getName()))
                            .toList();
                    assertEquals(1, train.size(), "one train process");
                    train.get(0).destroyForcibly();
                    train.get(0).onExit().get();
                    return st;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no mid-epoch checkpoint appeared before the training ended");
    }

    /** A process's command line (from /proc where the JDK gives none: very long class paths). */
    private static String commandLine(ProcessHandle p) {
        Path proc = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try {
            return Files.isReadable(proc) ? new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ')
                    : p.info().commandLine().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** The TrainingState JSON at the head of a checkpoint file (magic, version, length, JSON), or null while none is there. */
    private static JsonNode state(Path checkpoint) {
        try (InputStream raw = Files.newInputStream(checkpoint); DataInputStream in = new DataInputStream(raw)) {
            in.readInt();
            in.readInt();
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Path> checkpointFolders(Path state) throws IOException {
        Path root = state.resolve(".chordflow/checkpoints");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith("train-")).toList();
        }
    }

    private static Path model(Path state) {
        return state.resolve(".chordflow/artifacts").resolve(OUTPUT.substring("s3://".length()));
    }

    record Run(List<Result> results, String console, String log) {
    }

    private static Run run(Workflow wf, Path state) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        // parallelism 2 for this one task: one libtorch thread, so no reduction order can differ between runs
        var settings = RunnerSettings.defaults(CompiledRoot.ROOT, state).withParallelism(2);
        List<Result> r = new LocalRunner(settings, new PrintStream(console, true, StandardCharsets.UTF_8)).run(wf);
        String log = "";
        try {
            log = r.get(0).log() == null ? "" : Files.readString(r.get(0).log());
        } catch (IOException e) {
            log = "(log unreadable: " + e + ")";
        }
        return new Run(r, console.toString(StandardCharsets.UTF_8), log);
    }

    /** One task, "train", shaped as the compiler writes it: the real train step's container command. */
    private Workflow trainWorkflow() {
        Map<String, String> values = Map.of("features", dir.resolve("f").toString(), "targets", dir.resolve("l").toString(),
                "config", dir.resolve("c.yaml").toString(), "output", OUTPUT);
        List<Parameter> declared = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (String p : List.of("features", "targets", "config", "output")) {
            declared.add(Parameter.declared(p, null));
            args.add("--" + p);
            args.add("{{inputs.parameters." + p + "}}");
        }
        args.addAll(List.of("--target-kind", "lab", "--seed", "3"));
        var c = new ContainerBuilder().withName("main").withImage("test/train:1")
                .withCommand("java", "-cp", Compiler.IMAGE_CLASSPATH, TrainStep.class.getName()).withArgs(args).build();
        Template train = new Template("train", new Metadata(null, Map.of(Compiler.A_STEP, "train", Compiler.A_STEP_VERSION, "1",
                Compiler.A_INPUTS, "features,targets,config", Compiler.A_OUTPUTS, "output")),
                new Arguments(declared, null), c, null, null, null, null);
        List<Parameter> given = new ArrayList<>();
        values.forEach((k, v) -> given.add(Parameter.of(k, v)));
        var task = new Template.DagTask("train", "train", null, new Arguments(given, null), null, null);
        Template main = new Template("main", null, null, null, new Template.Dag(List.of(task), true), null, null, null);
        Workflow wf = new Workflow();
        wf.setMetadata(new ObjectMetaBuilder().withGenerateName("resume-").build());
        wf.setSpec(new WorkflowSpec("main", null, null, null, null, null, List.of(main, train)));
        return wf;
    }

    /** The project root the CLI tests run from (the runner starts task processes there). */
    static final class CompiledRoot {
        static final Path ROOT = Path.of(System.getProperty("chordflow.root", "..")).toAbsolutePath().normalize();
    }
}
