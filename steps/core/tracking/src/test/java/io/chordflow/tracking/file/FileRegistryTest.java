package io.chordflow.tracking.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.tracking.registry.ModelRegistry;
import io.chordflow.tracking.registry.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mlruns/models as mlflow/store/model_registry/file_store.py writes it (same commit as the tracking
 * store): create_registered_model, create_model_version (FileModelVersion with storage_location,
 * current_stage 'None', status READY), set_registered_model_alias (aliases/ALIAS holding the version)
 * and set_model_version_tag.
 */
class FileRegistryTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path tmp;

    @Test
    void registryLayoutAndAliases() throws Exception {
        Path root = tmp.resolve("mlruns");
        FileStoreTracker t = new FileStoreTracker(root, Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
        ModelRegistry reg = t.registry();
        ModelVersion v1 = reg.register("btc", "file:///models/a", "0123456789abcdef0123456789abcdef",
                Map.of("metric.mirex", "0.8"));
        assertEquals("1", v1.version());
        assertEquals("2", reg.register("btc", "file:///models/b", null, Map.of()).version());

        Path model = root.resolve("models/btc");
        assertEquals("aliases: {}\ncreation_timestamp: " + T0 + "\ndescription: null\nlast_updated_timestamp: " + T0
                + "\nname: btc\n", Files.readString(model.resolve("meta.yaml")));
        assertEquals("aliases: []\n"
                + "creation_timestamp: " + T0 + "\n"
                + "current_stage: None\n"
                + "description: null\n"
                + "last_updated_timestamp: " + T0 + "\n"
                + "name: btc\n"
                + "run_id: 0123456789abcdef0123456789abcdef\n"
                + "run_link: null\n"
                + "source: file:///models/a\n"
                + "status: READY\n"
                + "status_message: null\n"
                + "storage_location: file:///models/a\n"
                + "user_id: null\n"
                + "version: 1\n", Files.readString(model.resolve("version-1/meta.yaml")));
        assertEquals("0.8", Files.readString(model.resolve("version-1/tags/metric.mirex")));

        reg.setAlias("btc", ModelRegistry.CHALLENGER, "2");
        assertEquals("2", Files.readString(model.resolve("aliases/challenger")));
        assertTrue(Files.readString(model.resolve("meta.yaml")).startsWith("aliases:\n  challenger: '2'\n"));
        assertEquals("file:///models/b", reg.resolve("models:/btc@challenger").source());
        assertEquals(List.of("challenger"), reg.version("btc", "2").aliases());
        assertEquals("file:///models/a", reg.resolve("models:/btc/1").source());
        assertTrue(reg.byAlias("btc", "champion").isEmpty());
        InputException e = assertThrows(InputException.class, () -> reg.resolve("models:/btc@champion"));
        assertTrue(e.getMessage().contains("no alias 'champion'"), e.getMessage());
        assertThrows(InputException.class, () -> reg.version("btc", "9"));
        assertThrows(InputException.class, () -> reg.register("../evil", "x", null, Map.of()));

        assertEquals(1, reg.list().size());
        assertEquals(Map.of("challenger", "2"), reg.list().get(0).aliases());
        assertEquals(2, reg.list().get(0).versions().size());
    }
}
