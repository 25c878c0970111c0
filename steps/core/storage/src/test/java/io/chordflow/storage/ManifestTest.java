package io.chordflow.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.chordflow.common.io.ContentHash;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit marker names the same folder hash as provenance and the local cache. */
class ManifestTest {
    @Test
    void theMarkersContentHashIsTheFoldersContentHash(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("model.json"), "{}");
        Files.writeString(dir.resolve("sub/a.npy"), "weights");
        Files.writeString(dir.resolve("provenance.json"), "{\"started\": 1}");
        String h = ContentHash.of(dir);
        assertEquals(h, Manifest.of(dir).contentHash());
        // the sidecar's timestamps do not change the content
        Files.writeString(dir.resolve("provenance.json"), "{\"started\": 2}");
        assertEquals(h, ContentHash.of(dir));
        assertEquals(h, Manifest.of(dir).contentHash());
        Files.writeString(dir.resolve("sub/a.npy"), "weights2");
        assertNotEquals(h, ContentHash.of(dir));
        assertEquals(ContentHash.of(dir), Manifest.of(dir).contentHash());
    }
}
