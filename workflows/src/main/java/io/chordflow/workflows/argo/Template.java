package io.chordflow.workflows.argo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Argo {@code Template}: either a container step or the DAG. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Template(
        String name,
        Metadata metadata,
        Arguments inputs,
        Container container,
        Dag dag,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        RetryStrategy retryStrategy) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dag(List<DagTask> tasks, Boolean failFast) {
    }

    /** A DAG node; {@code withItems} fans it out, one pod per item, {@code {{item}}} in its arguments. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DagTask(String name, String template, List<String> dependencies, Arguments arguments,
                          List<Object> withItems, String withParam) {
    }

    /** Counts and factors are IntOrString, which Argo's schema types as strings. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RetryStrategy(String limit, String retryPolicy, String expression, Backoff backoff) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Backoff(String duration, String factor, String maxDuration) {
    }
}
