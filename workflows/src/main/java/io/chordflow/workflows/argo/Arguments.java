package io.chordflow.workflows.argo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Argo {@code Arguments} (and, with the same shape, {@code Inputs}): parameters and artifacts. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Arguments(List<Parameter> parameters, List<Artifact> artifacts) {

    /** A named string value; in a template's inputs, {@code value} is absent and {@code default} optional. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parameter(String name, String value, @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue,
                            String description) {
        public static Parameter of(String name, String value) {
            return new Parameter(name, value, null, null);
        }

        public static Parameter declared(String name, String description) {
            return new Parameter(name, null, null, description);
        }
    }

    /** A file artifact; chordflow only passes small raw ones (step config JSON). Data moves as URIs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Artifact(String name, String path, Raw raw) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Raw(String data) {
    }
}
