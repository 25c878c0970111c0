package io.chordflow.common.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
    @Test
    void roundTripsAndFillsUnknownKeys(@TempDir Path dir) throws Exception {
        Provenance p = Provenance.forStep("features", "1", 42).config("hop", 2048).input("file:///a.wav", "abc").build();
        p.write(dir);
        Provenance back = Provenance.read(dir.resolve(Provenance.FILE_NAME));
        assertEquals("features", back.fact(Provenance.STEP));
        assertEquals("42", back.fact(Provenance.SEED));
        assertEquals(2048, back.config().get("hop"));
        assertEquals("abc", back.inputs().get("file:///a.wav"));
        assertEquals(p.facts().keySet(), back.facts().keySet());
    }

    @Test
    void olderFileReadsMissingKeysAsUnknown(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"facts\":{\"step\":\"train\"}}");
        Provenance p = Provenance.read(f);
        assertEquals("train", p.fact(Provenance.STEP));
        assertEquals(Provenance.UNKNOWN, p.fact(Provenance.MLFLOW_RUN));
    }

    @Test
    void newerSchemaIsRejectedNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"facts\":{\"schema_version\":\"99\"}}");
        InputException e = assertThrows(InputException.class, () -> Provenance.read(f));
        assertEquals(true, e.getMessage().contains("p.json"));
    }
}
