package io.chordflow.steps.features;

import io.chordflow.audio.synth.SynthCommand;
import io.chordflow.common.cli.Cli;
import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.io.Json;
import io.chordflow.storage.StepIo;
import io.chordflow.tracking.StepRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data-generation task's container entry point: {@code synth} with its {@code --out} staged
 * by {@link StepIo}, so an {@code s3://} dataset is committed whole once every split is rendered.
 * The generator itself lives in the audio library, which knows nothing of object stores. The
 * step's MLflow run records what the corpus is made of (from its manifest): per split the hours,
 * songs, sources and styles, and the share of each chord quality (so a run shows its long tail).
 */
public final class SynthStep {
    private SynthStep() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, StepIo.fromEnvironment(System.getenv()), System.getenv()));
    }

    /** Without tracking (the generator alone, as in tests). */
    static int run(String[] args, StepIo io) throws Exception {
        return run(args, io, null);
    }

    /** {@code env}: where the tracker is found, as for every step; null: no MLflow run. */
    static int run(String[] args, StepIo io, Map<String, String> env) throws Exception {
        List<String> local = new ArrayList<>(List.of(args));
        Path[] out = new Path[1];
        for (int i = 0; i < local.size(); i++) {
            String a = local.get(i);
            if (a.equals("--out") && i + 1 < local.size()) {
                out[0] = staged(io, local.get(i + 1));
                local.set(i + 1, out[0].toString());
            } else if (a.startsWith("--out=")) {
                out[0] = staged(io, a.substring("--out=".length()));
                local.set(i, "--out=" + out[0]);
            }
        }
        if (env == null) {
            int code = Cli.execute(new SynthCommand(), local.toArray(new String[0]));
            if (code == Cli.OK) {
                io.publish();
            }
            return code;
        }
        return StepRun.execute(env, "synth", Map.of(), io, run -> {
            int code = Cli.execute(new SynthCommand(), local.toArray(new String[0]));
            if (code == Cli.OK && out[0] != null && Files.isRegularFile(out[0].resolve("manifest.json"))) {
                record(run, out[0].resolve("manifest.json"));
            }
            return code;
        });
    }

    /** The corpus facts from its manifest, as params (sources, styles) and metrics (hours, songs, quality shares). */
    static void record(StepRun run, Path manifest) throws java.io.IOException {
        JsonNode m = Json.MAPPER.readTree(manifest.toFile());
        Map<String, String> params = new TreeMap<>();
        Map<String, Double> metrics = new TreeMap<>();
        m.path("splits").fields().forEachRemaining(e -> {
            String split = e.getKey();
            JsonNode s = e.getValue();
            params.put(split + ".sources", join(s.path("sources")));
            params.put(split + ".styles", join(s.path("styles")));
            metrics.put(split + ".hours", s.path("hours").asDouble());
            metrics.put(split + ".songs", s.path("tracks").asDouble());
            double total = 0;
            for (JsonNode v : s.path("quality_seconds")) {
                total += v.asDouble();
            }
            double t = total;
            s.path("quality_seconds").fields().forEachRemaining(q ->
                    metrics.put(split + ".quality_share." + q.getKey(), t > 0 ? q.getValue().asDouble() / t : 0));
        });
        run.logParams(new java.util.LinkedHashMap<>(params));
        run.logMetrics(metrics, 0);
        run.logArtifact(manifest, "corpus");
    }

    private static String join(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return String.join("+", out);
    }

    private static Path staged(StepIo io, String uri) throws java.io.IOException {
        return io.output(uri, "--out");
    }
}
