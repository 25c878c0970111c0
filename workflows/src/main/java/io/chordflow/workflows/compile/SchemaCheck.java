package io.chordflow.workflows.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Validates a rendered Workflow against Argo's own JSON schema. The schema leaves
 * {@code additionalProperties} unset on every object (so any field would pass), while Argo's
 * controller decodes strictly and rejects unknown fields; to check what Argo checks, every
 * object definition with declared properties is closed ({@code additionalProperties: false})
 * before validating, and the root is narrowed to the Workflow definition.
 */
public final class SchemaCheck {
    public static final String RELATIVE = "fixtures/argo/workflow-schema.json";
    private static final String WORKFLOW_DEF = "io.argoproj.workflow.v1alpha1.Workflow";

    private final JsonSchema schema;

    public SchemaCheck(Path schemaFile) {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(schemaFile.toFile());
            ObjectNode defs = (ObjectNode) root.get("definitions");
            defs.fields().forEachRemaining(e -> {
                if (e.getValue() instanceof ObjectNode def && def.has("properties") && !def.has("additionalProperties")) {
                    def.put("additionalProperties", false);
                }
            });
            stripExtensions(root);
            root.remove("oneOf");
            root.remove("$id");
            root.put("$ref", "#/definitions/" + WORKFLOW_DEF);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Argo's schema " + schemaFile, e);
        }
    }

    /** Kubernetes' x-kubernetes-* keywords only guide merging; dropping them keeps the validator from warning. */
    private static void stripExtensions(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(o.properties().stream().map(java.util.Map.Entry::getKey).filter(k -> k.startsWith("x-kubernetes-")).toList());
        }
        node.forEach(SchemaCheck::stripExtensions);
    }

    /** Where Argo's schema is: {@code -Dchordflow.shared}, else {@code ../shared} beside the project root. */
    public static Optional<Path> locate(Path projectRoot) {
        String shared = System.getProperty("chordflow.shared");
        List<Path> candidates = shared != null ? List.of(Path.of(shared).resolve(RELATIVE))
                : List.of(projectRoot.resolve("../shared").resolve(RELATIVE).normalize());
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** Problems as "path: message", empty when valid. */
    public List<String> validate(JsonNode workflow) {
        return schema.validate(workflow).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
