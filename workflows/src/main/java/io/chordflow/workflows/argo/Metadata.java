package io.chordflow.workflows.argo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Argo {@code Metadata}: labels and annotations on a template's pods. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Metadata(Map<String, String> labels, Map<String, String> annotations) {
    public String annotation(String key) {
        return annotations == null ? null : annotations.get(key);
    }
}
