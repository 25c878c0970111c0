package io.chordflow.workflows.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeAccessTest {
    @TempDir
    Path home;

    @Test
    void noKubeConfigIsNamed() {
        String msg = KubeAccess.missingConfig(Map.of(), home).orElseThrow();
        assertTrue(msg.startsWith("no kube config: " + home.resolve(".kube/config") + " does not exist"), msg);
        msg = KubeAccess.missingConfig(Map.of("KUBECONFIG", "/no/such/file"), home).orElseThrow();
        assertTrue(msg.contains("KUBECONFIG=/no/such/file names no existing file"), msg);
    }

    @Test
    void aConfigFileOrInClusterAccountIsEnough() throws Exception {
        assertEquals(Optional.empty(), KubeAccess.missingConfig(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), home));
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), "apiVersion: v1\nkind: Config\n");
        assertEquals(Optional.empty(), KubeAccess.missingConfig(Map.of(), home));
    }
}
