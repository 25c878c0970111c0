package io.chordflow.steps.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.io.Json;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.data.SyntheticChords;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 15's soak: libtorch has crashed (SIGSEGV) under load, and first training steps produced NaN
 * gradients. The NaN had a cause: DJL's number operands (0-d tensors over Java buffers) freed by a GC
 * before the backward pass read them, fixed with {@code Scalars} and caught by
 * {@code GcBetweenForwardAndBackwardTest}; the crash has none found yet. This runs {@code $CHORDFLOW_SOAK_RUNS} (default 30)
 * consecutive smoke trainings of the real train step, seeds 1..N, either all in this JVM
 * ({@code inJvm}: native memory and engine state carried from run to run) or each in a JVM of its
 * own ({@code acrossJvms}: engine start-up every time), and fails (JMH error, {@code -foe}) on a
 * non-zero exit, a crash of a child JVM, any non-finite loss in any epoch, or any update the trainer
 * skipped because its loss or gradient was not finite. The score is the
 * wall time of the whole soak. Not part of {@code make test}: {@code make bench} only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Timeout(time = 12, timeUnit = TimeUnit.HOURS) // JMH's default 10 min would interrupt a long soak
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1"})
public class SoakBenchmark {
    static final String CONFIG = """
            model: {arch: btc, classes: 25, hidden: 32, layers: 1, heads: 2, filter: 32, timestep: 48}
            stage1:
              epochs: 4
              batch_size: 8
              stride: 24
              val_fraction: 0.2
              loss: focal
              lr: 0.003
              schedule: cosine
              warmup_epochs: 1
              grad_clip: 1.0
              early_stopping_metric: val_majmin
            """;

    @Param({"inJvm", "acrossJvms"})
    public String mode;

    Path dir;
    int runs;

    @Setup(Level.Trial)
    public void corpus() throws IOException {
        runs = Integer.parseInt(System.getenv().getOrDefault("CHORDFLOW_SOAK_RUNS", "30"));
        dir = Files.createTempDirectory("chordflow-soak");
        SyntheticChords.writeCorpus(dir.resolve("f"), dir.resolve("l"), 8, 160, Vocabulary.MAJMIN, 3, FeatureSpec.BTC.frameSeconds());
        Files.writeString(dir.resolve("c.yaml"), CONFIG);
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private String[] args(int i) {
        Path out = dir.resolve(mode + "-" + i);
        return new String[] {"--features", dir.resolve("f").toString(), "--targets", dir.resolve("l").toString(),
            "--target-kind", "lab", "--config", dir.resolve("c.yaml").toString(), "--output", out.toString(),
            "--seed", Integer.toString(i)};
    }

    @Benchmark
    public int soak() throws Exception {
        List<String> problems = new ArrayList<>();
        int epochs = 0;
        double[] seconds = new double[runs];
        for (int i = 1; i <= runs; i++) {
            String[] a = args(i);
            int code;
            long start = System.nanoTime();
            if (mode.equals("inJvm")) {
                code = io.chordflow.common.cli.Cli.execute(new TrainStep(java.util.Map.of(
                        "MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString())), a);
            } else {
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dai.djl.offline=true", // the children run with this JVM's threads (-jvmArgsAppend may change them)
                        "-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads", "2"),
                        "-Dai.djl.pytorch.num_interop_threads=1",
                        "-cp", System.getProperty("java.class.path"), "io.chordflow.steps.train.TrainStep"));
                cmd.addAll(List.of(a));
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("run-" + i + ".log").toFile());
                pb.environment().put("MLFLOW_TRACKING_URI", dir.resolve("mlruns").toUri().toString());
                code = pb.start().waitFor();
            }
            seconds[i - 1] = (System.nanoTime() - start) / 1e9;
            int before = problems.size();
            if (code != 0) {
                problems.add("run " + i + ": exit " + code + (code > 128 ? " (signal " + (code - 128) + ")" : "")
                        + (mode.equals("acrossJvms") ? ", log " + dir.resolve("run-" + i + ".log") : ""));
                report(i, seconds[i - 1], code, 0, problems.subList(before, problems.size()));
                continue;
            }
            JsonNode history = Json.MAPPER.readTree(new File(a[9], "metrics.json")).get("history");
            int runEpochs = 0;
            for (JsonNode epoch : history) {
                epochs++;
                runEpochs++;
                for (String k : new String[] {"train_loss", "val_loss"}) {
                    JsonNode v = epoch.get(k);
                    // NaN is written as a number token or as the string "NaN"; null means "not measured" (no validation set)
                    if (v != null && !v.isNull() && (!v.isNumber() || !Double.isFinite(v.asDouble()))) {
                        problems.add(String.format(Locale.ROOT, "run %d epoch %d: %s = %s", i, epoch.path("epoch").asInt(), k, v));
                    }
                }
                // the trainer skips an update whose loss or gradient is not finite (the first-step NaN): count it
                long skipped = epoch.path("skipped_steps").asLong(0);
                if (skipped > 0) {
                    problems.add(String.format(Locale.ROOT, "run %d epoch %d: %d updates skipped (non-finite loss or gradient)",
                            i, epoch.path("epoch").asInt(), skipped));
                }
            }
            report(i, seconds[i - 1], code, runEpochs, problems.subList(before, problems.size()));
        }
        double[] sorted = seconds.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%nsoak %s: %d trainings, %d epochs, %d problems; seconds per training min %.1f median %.1f max %.1f%n",
                mode, runs, epochs, problems.size(), sorted[0], sorted[runs / 2], sorted[runs - 1]);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("soak " + mode + ": " + String.join("; ", problems));
        }
        return epochs;
    }

    /** One line per training as it ends, so a soak stopped by a time limit still leaves its figures. */
    private void report(int run, double seconds, int code, int epochs, List<String> problems) {
        System.out.printf(Locale.ROOT, "soak %s run %d: %.1f s, exit %d, %d epochs%s%n", mode, run, seconds, code, epochs,
                problems.isEmpty() ? "" : ", " + String.join("; ", problems));
        System.out.flush();
    }
}
