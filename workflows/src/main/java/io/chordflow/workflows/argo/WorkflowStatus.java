package io.chordflow.workflows.argo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The part of Argo's {@code WorkflowStatus} that {@code chordflow status} shows; the controller writes it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowStatus(String phase, String startedAt, String finishedAt, String message, String progress,
                             Map<String, Node> nodes) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Node(String id, String name, String displayName, String type, String templateName, String phase,
                       String startedAt, String finishedAt, String message) {
    }
}
