package io.chordflow.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where steps run on the cluster: which steps take a GPU, the two node pools (selector,
 * tolerations, resources), and the retry policy every step gets.
 *
 * @param gpuSteps steps scheduled on the GPU pool with {@code nvidia.com/gpu} limits; the others go to the CPU pool
 */
public record Compute(List<String> gpuSteps, Pool gpu, Pool cpu, Retry retry) {
    public static final Set<String> STEPS = Set.of("synth", "features", "teacher-inference", "train", "kd-finetune",
            "evaluate", "register");
    public static final Compute DEFAULT = new Compute(null, null, null, null);

    public Compute {
        gpuSteps = gpuSteps == null ? List.of("teacher-inference", "train", "kd-finetune", "evaluate") : List.copyOf(gpuSteps);
        for (String s : gpuSteps) {
            FieldError.check(STEPS.contains(s), "gpu_steps", "'" + s + "': expected steps from " + STEPS);
        }
        gpu = gpu == null ? new Pool(1, Map.of("chordflow.io/pool", "gpu"),
                List.of(new Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule")),
                Map.of("cpu", "4", "memory", "16Gi"), Map.of("memory", "24Gi")) : gpu;
        cpu = cpu == null ? new Pool(0, Map.of("chordflow.io/pool", "cpu"), List.of(),
                Map.of("cpu", "2", "memory", "4Gi"), Map.of("memory", "8Gi")) : cpu;
        retry = retry == null ? Retry.DEFAULT : retry;
    }

    public boolean usesGpu(String step) {
        return gpuSteps.contains(step);
    }

    /** A node pool: GPUs per pod (0 for CPU), node selector, tolerations, resource requests and limits. */
    public record Pool(Integer gpus, Map<String, String> nodeSelector, List<Toleration> tolerations,
                       Map<String, String> requests, Map<String, String> limits) {
        public Pool {
            gpus = gpus == null ? 0 : gpus;
            FieldError.check(gpus >= 0, "gpus", "expected a count >= 0");
            nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
            tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
            requests = requests == null ? Map.of() : Map.copyOf(requests);
            limits = limits == null ? Map.of() : Map.copyOf(limits);
        }
    }

    public record Toleration(String key, String operator, String value, String effect) {
        static final Set<String> OPERATORS = Set.of("Exists", "Equal");
        static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

        public Toleration {
            FieldError.need(key, "key");
            operator = operator == null ? "Equal" : operator;
            FieldError.check(OPERATORS.contains(operator), "operator", "'" + operator + "': expected one of " + OPERATORS);
            FieldError.check(effect == null || EFFECTS.contains(effect), "effect", "'" + effect + "': expected one of " + EFFECTS);
        }
    }

    /**
     * Argo retryStrategy for every step: {@code limit} retries with exponential backoff. Errors
     * (node preemption, evicted pods) are retried; failures with exit 2 (bad input) are not,
     * since a retry cannot fix them.
     */
    public record Retry(Integer limit, String backoff, Integer factor, String maxDuration) {
        public static final Retry DEFAULT = new Retry(null, null, null, null);

        public Retry {
            limit = limit == null ? 3 : limit;
            FieldError.check(limit >= 0, "limit", "expected a count >= 0");
            backoff = backoff == null ? "30s" : backoff;
            FieldError.check(backoff.matches("[0-9]+(s|m|h)"), "backoff", "'" + backoff + "': expected a duration like 30s, 5m");
            factor = factor == null ? 2 : factor;
            maxDuration = maxDuration == null ? "1h" : maxDuration;
            FieldError.check(maxDuration.matches("[0-9]+(s|m|h)"), "max_duration", "'" + maxDuration + "': expected a duration like 30m, 1h");
        }
    }
}
