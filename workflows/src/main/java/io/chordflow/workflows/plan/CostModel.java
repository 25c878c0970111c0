package io.chordflow.workflows.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.io.Json;
import io.chordflow.contract.Compute;
import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Template;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.spec.Experiment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each task of a compiled experiment will cost, before it runs, scaled from {@link Rates}:
 * <ul>
 *   <li>synth, features: CPU seconds = audio seconds / real-time factor per core; features write
 *       {@code frames * 144 * 4} bytes (and as much again as shards when its template passes {@code --shards},
 *       {@code features-shards});</li>
 *   <li>teacher-inference, evaluate: device seconds = frames / inference frames per second x P, with
 *       P = the model's {@code layers * hidden^2} over the reference BTC's; teacher-inference writes
 *       4 bytes per frame (+ 2 x classes soft), twice with {@code --shards};</li>
 *   <li>train, kd-finetune: up to {@code epochs * ceil(0.9 frames / stride / batch)} steps (early stopping may
 *       end sooner), each {@code step seconds x (batch * window) / (16 * 108) x P} (kd: x 4/3 for the teacher's
 *       forward pass); writes {@code 20 x params} bytes (weights, best weights, checkpoint with two moments);
 *       peak memory = {@link Rates#processBytes} + the songs in memory, {@code frames * (144 * 4 + 4)} bytes
 *       ({@code 144 * 4 + 4 * classes} with soft targets). A train task's pseudo-labelled songs are streamed
 *       instead when they are above the in-memory limit and both their features and pseudo-labels come as
 *       shards (the producing tasks' templates pass {@code --shards}); then the split's size no longer counts,
 *       only what streaming holds: the download cache ({@link Rates#streamCachedShards} data files per input,
 *       features and targets, each the split's bytes over its shard count: counted as memory, an upper bound,
 *       since the page cache of the downloaded files is charged to the pod), the batches made ahead plus the
 *       one in use ({@link Rates#streamPrefetchBatches} + 1) and the shuffle buffer's keys (8 bytes a window);
 *       a {@code --mix-*} side (the labelled songs) is still loaded.</li>
 * </ul>
 * Frames = hours x 3600 x {@link Rates#framesPerSecond}; the split's hours come from the spec's synthetic data
 * ({@code datasets.synthetic.hours}, and a noisy-student data tier's {@code hours} for the unlabeled split); a task
 * over data of unknown size (given by URI) is left at 0.
 */
public final class CostModel {
    private static final Pattern SPLIT = Pattern.compile("/(teacher|labeled|unlabeled|valid|test|heldout)(/|$)");

    private final Experiment exp;
    private final Rates rates;

    public CostModel(Experiment exp, Rates rates) {
        this.exp = exp;
        this.rates = rates;
    }

    public List<StepCost> estimate(Workflow wf) {
        Map<String, Template> templates = new HashMap<>();
        for (Template t : wf.getSpec().templates()) {
            templates.put(t.name(), t);
        }
        Template main = templates.get(wf.getSpec().entrypoint());
        List<Template.DagTask> tasks = main == null || main.dag() == null ? List.of() : main.dag().tasks();
        // "STEP:SPLIT" of the tasks that write shards: their template passes --shards
        Set<String> sharded = new HashSet<>();
        for (Template.DagTask t : tasks) {
            String split = split(params(t), step(t.template()).equals("features") ? "input" : "features");
            if (split != null && shards(templates.get(t.template()))) {
                sharded.add(step(t.template()) + ":" + split);
            }
        }
        List<StepCost> out = new ArrayList<>();
        for (Template.DagTask t : tasks) {
            out.add(estimate(t, shards(templates.get(t.template())), sharded));
        }
        return out;
    }

    /** Whether the template's program is given {@code --shards}. */
    private static boolean shards(Template t) {
        return t != null && t.container() != null && t.container().getArgs() != null && t.container().getArgs().contains("--shards");
    }

    private StepCost estimate(Template.DagTask t, boolean writesShards, Set<String> sharded) {
        Map<String, String> p = params(t);
        String step = step(t.template());
        Compute compute = exp.compute() == null ? Compute.DEFAULT : exp.compute();
        boolean gpu = compute.usesGpu(step);
        long limit = memory((gpu ? compute.gpu() : compute.cpu()).limits().get("memory"));
        String split = split(p, step.equals("features") ? "input" : "features");
        double frames = frames(split);
        JsonNode cfg = config(t);
        double scale = modelScale(cfg == null ? null : cfg.get("model"));
        long base = rates.processBytes();
        int copies = writesShards ? 2 : 1;
        return switch (step) {
            case "synth" -> new StepCost(t.name(), step, gpu, totalHours() * 3600 / rates.synthRealtimePerCore() / 3600, -1,
                    base / 2, limit, ""); // audio bytes depend on the formats the sources write: not estimated
            case "features" -> new StepCost(t.name(), step, gpu, frames / rates.framesPerSecond() / rates.featuresRealtimePerCore() / 3600,
                    (long) (frames * 144 * 4 * copies), base / 2, limit, "");
            case "teacher-inference" -> new StepCost(t.name(), step, gpu, frames / rates.inferenceFramesPerSecond() * scale / 3600,
                    (long) ((frames * 4 + (t.template().endsWith("soft") ? frames * 2 * classes(cfg) : 0)) * copies), base, limit, "");
            case "evaluate" -> new StepCost(t.name(), step, gpu, frames / rates.inferenceFramesPerSecond() * scale / 3600,
                    0, base, limit, "");
            case "train", "kd-finetune" -> training(t, p, step, gpu, limit, split, frames, cfg, scale, sharded);
            default -> new StepCost(t.name(), step, gpu, 0, 0, base / 2, limit, "");
        };
    }

    private StepCost training(Template.DagTask t, Map<String, String> p, String step, boolean gpu, long limit, String split,
                              double frames, JsonNode cfg, double scale, Set<String> sharded) {
        String mixSplit = split(p, "mix-features");
        double mixFrames = frames(mixSplit);
        double all = frames + mixFrames;
        JsonNode tr = cfg == null ? null : cfg.get("training");
        int epochs = intOr(tr, "epochs", 100);
        int batch = intOr(tr, "batch_size", 16);
        int window = intOr(tr, "window", 108);
        int stride = intOr(tr, "stride", window);
        double steps = epochs * Math.ceil(0.9 * all / stride / batch);
        double perStep = rates.trainStepSeconds() * (batch * (double) window) / (rates.trainStepBatch() * rates.trainStepWindow())
                * scale * (step.equals("kd-finetune") ? 4.0 / 3 : 1);
        boolean soft = "soft".equals(p.get("target-kind")) || "soft".equals(p.get("mix-target-kind"));
        double targetBytes = soft ? 4.0 * classes(cfg) : 4; // per frame in memory (hard ones one-hot in a soft mix)
        double frameBytes = 144 * 4 + targetBytes;
        boolean pseudo = "hard".equals(p.get("target-kind")) || "soft".equals(p.get("target-kind"));
        boolean streams = step.equals("train") && pseudo && frames * frameBytes > rates.inMemoryLimitBytes()
                && sharded.contains("features:" + split) && sharded.contains("teacher-inference:" + split);
        long peak;
        if (streams) {
            int n = exp.shardsOf(split);
            // on disk: features float32, hard int32, soft float16 per class
            double shardBytes = frames / n * (144 * 4 + ("soft".equals(p.get("target-kind")) ? 2.0 * classes(cfg) : 4));
            double cache = rates.streamCachedShards() * shardBytes;
            double batches = (rates.streamPrefetchBatches() + 1.0) * batch * window * frameBytes;
            double keys = 8.0 * rates.streamBufferWindows();
            peak = rates.processBytes() + (long) (cache + batches + keys + mixFrames * frameBytes);
        } else {
            peak = rates.processBytes() + (long) (all * frameBytes);
        }
        long written = (long) (20 * rates.referenceParams() * scale);
        return new StepCost(t.name(), step, gpu, steps * perStep / 3600, written, peak, limit, streams ? "streamed" : "memory");
    }

    /** The step a template runs ({@code teacher-inference-soft} is teacher-inference, {@code train-mix} train...). */
    static String step(String template) {
        for (String s : List.of("teacher-inference", "kd-finetune", "features", "evaluate", "register", "synth", "train")) {
            if (template.startsWith(s)) {
                return s;
            }
        }
        return template;
    }

    private static Map<String, String> params(Template.DagTask t) {
        Map<String, String> out = new HashMap<>();
        if (t.arguments() != null && t.arguments().parameters() != null) {
            for (Arguments.Parameter p : t.arguments().parameters()) {
                out.put(p.name(), p.value());
            }
        }
        return out;
    }

    private static JsonNode config(Template.DagTask t) {
        if (t.arguments() == null || t.arguments().artifacts() == null) {
            return null;
        }
        for (Arguments.Artifact a : t.arguments().artifacts()) {
            if (a.name().equals("config") && a.raw() != null) {
                try {
                    return Json.MAPPER.readTree(a.raw().data());
                } catch (java.io.IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String split(Map<String, String> p, String param) {
        String v = p.get(param);
        if (v == null) {
            return null;
        }
        Matcher m = SPLIT.matcher(v);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    private double frames(String split) {
        Double h = split == null ? null : hours().get(split);
        return h == null ? 0 : h * 3600 * rates.framesPerSecond();
    }

    private double totalHours() {
        return hours().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * Each generated split's hours, as the data tasks generate them: the spec's synthetic hours, and for a
     * noisy-student experiment the unlabeled split from its data tier's hours (a tier given by URI: unknown).
     */
    private Map<String, Double> hours() {
        Map<String, Double> out = new HashMap<>();
        if (exp.datasets() != null && exp.datasets().synthetic() != null) {
            out.putAll(exp.datasets().synthetic().hours());
        }
        if (exp.tier() != null) {
            out.remove("unlabeled");
            if (exp.tier().hours() != null) {
                out.put("unlabeled", exp.tier().hours());
            }
        }
        if (exp.datasets() != null) {
            exp.datasets().uris().keySet().forEach(out::remove); // given by URI: not generated, size unknown
        }
        return out;
    }

    /** The model's size relative to the reference BTC: {@code layers * hidden^2} over the reference's. */
    private double modelScale(JsonNode model) {
        if (model == null) {
            return 1;
        }
        int layers = intOr(model, "layers", rates.referenceLayers());
        int hidden = intOr(model, "hidden", rates.referenceHidden());
        return (double) layers * hidden * hidden / ((double) rates.referenceLayers() * rates.referenceHidden() * rates.referenceHidden());
    }

    private static int classes(JsonNode cfg) {
        JsonNode m = cfg == null ? null : cfg.get("model");
        if (m != null && m.has("classes")) {
            return m.get("classes").asInt();
        }
        String vocab = m != null && m.has("vocabulary") ? m.get("vocabulary").asText() : "large";
        return vocab.equals("large") ? 170 : 25;
    }

    private static int intOr(JsonNode n, String field, int dflt) {
        return n != null && n.hasNonNull(field) ? n.get(field).asInt() : dflt;
    }

    /** A Kubernetes memory quantity ({@code 24Gi}, {@code 512Mi}, {@code 8G}, bytes) in bytes; 0 when absent. */
    static long memory(String q) {
        if (q == null || q.isBlank()) {
            return 0;
        }
        Matcher m = Pattern.compile("([0-9.]+)([KMGTE]i?)?").matcher(q.strip());
        if (!m.matches()) {
            throw new io.chordflow.common.InputException("memory limit '" + q + "': expected a quantity such as 24Gi");
        }
        double v = Double.parseDouble(m.group(1));
        String u = m.group(2) == null ? "" : m.group(2);
        int power = u.isEmpty() ? 0 : "KMGTE".indexOf(u.charAt(0)) + 1;
        double base = u.endsWith("i") ? 1024 : 1000;
        return (long) (v * Math.pow(base, power));
    }
}
