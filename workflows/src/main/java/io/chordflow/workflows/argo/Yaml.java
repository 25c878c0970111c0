package io.chordflow.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/**
 * Renders a Workflow as plain Jackson YAML: minimal quotes, no document-start marker, multi-line
 * strings (the step config JSON) as literal blocks so they read as written. Strings
 * that look like numbers stay quoted so that IntOrString and Quantity fields read back as
 * strings, as Argo's schema types them.
 */
public final class Yaml {
    public static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private Yaml() {
    }

    public static String render(Workflow wf) {
        try {
            return MAPPER.writeValueAsString(wf);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rendered workflow as a generic tree: what the schema check and the lint read. */
    public static JsonNode tree(Workflow wf) {
        try {
            return MAPPER.readTree(render(wf));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Workflow parse(String yaml) {
        try {
            return MAPPER.readValue(yaml, Workflow.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
