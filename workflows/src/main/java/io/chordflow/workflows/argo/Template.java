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
        Outputs outputs,
        Container container,
        Dag dag,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        RetryStrategy retryStrategy) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public Template {
    }

    /** Without outputs: every template except the ones that hand a value to later tasks (the gate). */
    public Template(String name, Metadata metadata, Arguments inputs, Container container, Dag dag,
                    Map<String, String> nodeSelector, List<Toleration> tolerations, RetryStrategy retryStrategy) {
        this(name, metadata, inputs, null, container, dag, nodeSelector, tolerations, retryStrategy);
    }

    /**
     * Output parameters: values a later task reads as {@code {{tasks.NAME.outputs.parameters.P}}},
     * each from a file the container writes ({@code valueFrom.path}).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outputs(List<OutputParameter> parameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutputParameter(String name, ValueFrom valueFrom, String description) {
        public String path() {
            return valueFrom == null ? null : valueFrom.path();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ValueFrom(String path) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dag(List<DagTask> tasks, Boolean failFast) {
    }

    /**
     * A DAG node; {@code withItems} fans it out, one pod per item, {@code {{item}}} in its arguments.
     * {@code when} ({@code "{{tasks.gate-1.outputs.parameters.promoted}} == true"}) skips it when false.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DagTask(String name, String template, List<String> dependencies, Arguments arguments,
                          List<Object> withItems, String withParam, String when) {
        @com.fasterxml.jackson.annotation.JsonCreator
        public DagTask {
        }

        public DagTask(String name, String template, List<String> dependencies, Arguments arguments,
                       List<Object> withItems, String withParam) {
            this(name, template, dependencies, arguments, withItems, withParam, null);
        }
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
