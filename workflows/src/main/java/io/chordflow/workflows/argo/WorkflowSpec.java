package io.chordflow.workflows.argo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Argo {@code WorkflowSpec}: the subset chordflow renders (field names as in Argo). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowSpec(
        String entrypoint,
        String serviceAccountName,
        Arguments arguments,
        Metadata podMetadata,
        Map<String, Object> podGC,
        Map<String, Object> ttlStrategy,
        List<Template> templates) {

    public Optional<Template> template(String name) {
        return templates == null ? Optional.empty() : templates.stream().filter(t -> name.equals(t.name())).findFirst();
    }
}
