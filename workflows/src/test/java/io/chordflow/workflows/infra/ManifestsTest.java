package io.chordflow.workflows.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chordflow.workflows.spec.Cluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `kubectl kustomize manifests/` builds offline and agrees with what the compiler references. */
class ManifestsTest {
    static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    static List<JsonNode> objects;

    @BeforeAll
    static void build() throws Exception {
        if (!Files.isExecutable(KUBECTL)) {
            System.out.println("ManifestsTest skipped: " + KUBECTL + " not installed");
            return;
        }
        Process p = new ProcessBuilder(KUBECTL.toString(), "kustomize", ContainersTest.ROOT.resolve("manifests").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "kubectl kustomize manifests/ failed:\n" + out);
        objects = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (var it = yaml.readerFor(JsonNode.class).readValues(out)) {
            while (it.hasNext()) {
                objects.add((JsonNode) it.next());
            }
        }
    }

    private static JsonNode find(String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in kubectl kustomize output"));
    }

    @Test
    void theBaseHasEveryPiece() {
        assumeTrue(objects != null, "kubectl not installed");
        Cluster c = Cluster.DEFAULT;
        find("Namespace", c.namespace());
        find("Deployment", "minio");
        find("Service", "minio");
        find("StatefulSet", "postgres");
        JsonNode mlflow = find("Deployment", "mlflow");
        assertTrue(mlflow.toString().contains("postgresql://") && mlflow.toString().contains("s3://" + c.bucket() + "/mlflow"));
        find("ServiceAccount", c.serviceAccount());
        JsonNode binding = find("RoleBinding", "chordflow-workflow-executor");
        assertEquals(c.serviceAccount(), binding.at("/subjects/0/name").asText());
        JsonNode repo = find("ConfigMap", "artifact-repositories");
        assertEquals("default-v1", repo.at("/metadata/annotations").path("workflows.argoproj.io/default-artifact-repository").asText());
        assertTrue(repo.at("/data/default-v1").asText().contains("bucket: " + c.bucket()));
        for (JsonNode o : objects) {
            if (!o.path("kind").asText().equals("Namespace")) {
                assertEquals(c.namespace(), o.at("/metadata/namespace").asText(), o.at("/metadata/name").asText());
            }
        }
    }

    @Test
    void endpointsTheWorkflowsUseExist() {
        assumeTrue(objects != null, "kubectl not installed");
        Cluster c = Cluster.DEFAULT;
        // http://minio.chordflow.svc:9000 and http://mlflow.chordflow.svc:5000
        for (String url : List.of(c.s3Endpoint(), c.mlflowUri())) {
            String host = url.replaceFirst("^https?://", "").replaceFirst(":.*$", "");
            int port = Integer.parseInt(url.replaceFirst("^.*:", ""));
            String[] parts = host.split("\\.");
            assertEquals(c.namespace(), parts[1]);
            JsonNode svc = find("Service", parts[0]);
            assertTrue(svc.at("/spec/ports").findValues("port").stream().anyMatch(p -> p.asInt() == port), url);
        }
    }

    @Test
    void secretsAreOnlyReferenced() {
        assumeTrue(objects != null, "kubectl not installed");
        Set<String> referenced = new HashSet<>();
        for (JsonNode o : objects) {
            assertFalse(o.path("kind").asText().equals("Secret"), "no Secret objects in the base: " + o.at("/metadata/name"));
            o.findValues("secretKeyRef").forEach(r -> referenced.add(r.path("name").asText()));
            String text = o.toString().toLowerCase();
            assertFalse(text.contains("minioadmin") || text.contains("password=") , "literal credential in " + o.at("/metadata/name"));
        }
        assertEquals(Set.of(Cluster.DEFAULT.credentialsSecret(), "mlflow-db"), referenced);
    }
}
