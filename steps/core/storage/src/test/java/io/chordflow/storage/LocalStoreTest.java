package io.chordflow.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
    @TempDir
    Path tmp;

    private final ArtifactStore store = new LocalStore();

    @Test
    void publishesToAnotherFolderAndInPlace() throws Exception {
        Path out = tmp.resolve("work");
        Files.createDirectories(out.resolve("sub"));
        Files.writeString(out.resolve("sub/a.txt"), "a");
        URI dest = tmp.resolve("published").toUri();

        store.publish(out, dest);
        assertTrue(store.isCommitted(dest));
        assertEquals(List.of("_SUCCESS.json", "sub/a.txt"), store.list(dest));

        // A step that wrote straight into its output folder only adds the marker.
        assertFalse(store.isCommitted(out.toUri()));
        Manifest m = store.publish(out, out.toUri());
        assertEquals(List.of("_SUCCESS.json", "sub/a.txt"), store.list(out.toUri()));
        assertEquals(m, store.manifest(dest).orElseThrow());
    }

    @Test
    void killedLocalPublishIsNotCommitted() throws Exception {
        Path out = tmp.resolve("work");
        Files.createDirectories(out);
        for (String n : List.of("1", "2", "3")) {
            Files.writeString(out.resolve(n), n);
        }
        URI dest = tmp.resolve("dest").toUri();
        FailingStore dying = new FailingStore(store, 1);
        assertThrows(IllegalStateException.class, () -> dying.publish(out, dest));
        assertFalse(store.isCommitted(dest));
        assertThrows(InputException.class, () -> store.fetch(dest, tmp.resolve("r")));
        store.publish(out, dest);
        assertEquals(List.of("1", "2", "3"), store.fetch(dest, tmp.resolve("r")).files().stream()
                .map(Manifest.Entry::path).toList());
    }
}
