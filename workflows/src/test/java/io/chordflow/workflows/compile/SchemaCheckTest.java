package io.chordflow.workflows.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordflow.workflows.argo.Yaml;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rendered workflows against Argo's own JSON schema, closed to unknown fields as Argo decodes. */
class SchemaCheckTest {
    static SchemaCheck check;

    @BeforeAll
    static void load() {
        var schema = Fixtures.schema();
        if (schema.isEmpty()) {
            System.out.println("SchemaCheckTest skipped: Argo's schema not found under -Dchordflow.shared/" + SchemaCheck.RELATIVE);
        }
        check = schema.map(SchemaCheck::new).orElse(null);
    }

    @Test
    void everyExperimentAndProfileValidates() {
        assumeTrue(check != null, "Argo's schema (shared fixtures) not present");
        for (String exp : Fixtures.EXPERIMENTS) {
            for (String profile : Fixtures.PROFILES) {
                assertEquals(List.of(), check.validate(Yaml.tree(Fixtures.compile(exp, profile))), exp + "/" + profile);
            }
        }
    }

    @Test
    void unknownFieldsAreRejectedAsArgoDoes() {
        assumeTrue(check != null, "Argo's schema (shared fixtures) not present");
        ObjectNode wf = (ObjectNode) Yaml.tree(Fixtures.compile("btc-kd", "smoke"));
        ((ObjectNode) wf.at("/spec/templates/1")).put("retries", 3);
        ((ObjectNode) wf.at("/spec/templates/1/container")).put("gpu", true);
        List<String> problems = check.validate(wf);
        assertTrue(problems.stream().anyMatch(p -> p.contains("retries")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("gpu")), problems.toString());
    }

    @Test
    void wrongTypesAreRejected() {
        assumeTrue(check != null, "Argo's schema (shared fixtures) not present");
        ObjectNode wf = (ObjectNode) Yaml.tree(Fixtures.compile("btc-kd", "smoke"));
        ((ObjectNode) wf.at("/spec/templates/1/retryStrategy")).put("limit", 3); // IntOrString is a string in the schema
        ((ObjectNode) wf.at("/spec")).put("entrypoint", 7);
        List<String> problems = check.validate(wf);
        assertTrue(problems.stream().anyMatch(p -> p.contains("limit")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("entrypoint")), problems.toString());
    }
}
