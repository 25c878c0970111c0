package io.chordflow.workflows.compile;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chordflow.common.io.Json;
import io.chordflow.contract.StepSignature;
import io.chordflow.workflows.argo.Arguments;
import io.chordflow.workflows.argo.Arguments.Artifact;
import io.chordflow.workflows.argo.Arguments.Parameter;
import io.chordflow.workflows.argo.Arguments.Raw;
import io.chordflow.workflows.argo.Template.DagTask;
import io.chordflow.workflows.argo.Workflow;
import io.chordflow.workflows.spec.Experiment;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The DAG every pipeline builds on: tasks in the order they are added (the rendered order), the
 * steps they use, and the URIs an experiment's run writes under
 * {@code s3://BUCKET/experiments/NAME/PROFILE/}. {@link #workflow()} hands both to {@link ArgoRendering}.
 */
final class DagBuilder {
    private final Experiment exp;
    private final String profile;
    private final List<DagTask> tasks = new ArrayList<>();
    private final Map<String, Step> steps = new LinkedHashMap<>();

    DagBuilder(Experiment exp, String profile) {
        this.exp = exp;
        this.profile = profile;
    }

    Experiment exp() {
        return exp;
    }

    /** Where the run keeps {@code what}: {@code s3://BUCKET/experiments/NAME/PROFILE/WHAT}. */
    String run(String what) {
        return "s3://" + exp.cluster().bucket() + "/experiments/" + exp.name() + "/" + profile + "/" + what;
    }

    void task(String name, Step step, List<String> deps, Map<String, String> args, String config) {
        task(name, step, deps, args, config, null);
    }

    /** A task that runs only when {@code when} holds (Argo's {@code when}; null: always). */
    void task(String name, Step step, List<String> deps, Map<String, String> args, String config, String when) {
        add(name, step, deps, args, config, null, when);
    }

    /** A task split over the shards of {@code split}: one pod per shard, {@code --shard I/N}. */
    void fanOut(String name, Step step, String split, List<String> deps, Map<String, String> args, String config,
                String when) {
        int n = exp.shardsOf(split);
        if (n > 1) {
            args.put("shard", "{{item}}/" + n);
        }
        add(name, step, deps, args, config, n > 1 ? IntStream.range(0, n).mapToObj(i -> (Object) Integer.toString(i)).toList() : null,
                when);
    }

    private void add(String name, Step step, List<String> deps, Map<String, String> args, String config,
                     List<Object> items, String when) {
        args.putIfAbsent(StepSignature.SEED, Long.toString(exp.seed()));
        steps.putIfAbsent(step.name(), step);
        List<Parameter> params = new ArrayList<>();
        args.forEach((k, v) -> params.add(Parameter.of(k, v)));
        List<Artifact> artifacts = config == null ? null : List.of(new Artifact("config", null, new Raw(config)));
        tasks.add(new DagTask(name, step.name(), deps.isEmpty() ? null : deps, new Arguments(params, artifacts), items, null, when));
    }

    /** The step's --config JSON: the spec's blocks verbatim, plus task and seed. */
    String config(Map<String, Object> model, Map<String, Object> training, Map<String, Object> kd) {
        Map<String, Object> c = new TreeMap<>();
        c.put("task", exp.task());
        c.put("seed", exp.seed());
        c.put("model", model);
        c.put("training", training);
        if (kd != null) {
            c.put("kd", kd);
        }
        try {
            return Json.MAPPER.writeValueAsString(c) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    Workflow workflow() {
        return new ArgoRendering(exp, profile).workflow(tasks, steps);
    }

    /** Dependencies without the absent ones (null: a task the pipeline did not add) and without repeats. */
    static List<String> deps(String... names) {
        return Arrays.stream(names).filter(Objects::nonNull).distinct().toList();
    }

    /** Task arguments in the order given: name, value, name, value, ... */
    static Map<String, String> args(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
