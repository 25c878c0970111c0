package io.chordflow.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import io.chordflow.tracking.file.FileStoreTracker;
import io.chordflow.tracking.rest.RestTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackersTest {
    @TempDir
    Path tmp;

    @Test
    void choosesLikeMlflowClients() throws Exception {
        try (Tracker t = Trackers.from(Map.of(io.chordflow.common.EnvNames.MLFLOW_TRACKING_URI, tmp.resolve("runs").toString()))) {
            assertInstanceOf(FileStoreTracker.class, t);
            assertEquals(tmp.resolve("runs"), ((FileStoreTracker) t).root());
        }
        try (Tracker t = Trackers.from(Map.of(io.chordflow.common.EnvNames.MLFLOW_TRACKING_URI, tmp.resolve("u").toUri().toString()))) {
            assertEquals(tmp.resolve("u"), ((FileStoreTracker) t).root());
        }
        try (Tracker t = Trackers.from(Map.of(io.chordflow.common.EnvNames.MLFLOW_TRACKING_URI, "http://user:pw-secret@127.0.0.1:1",
                io.chordflow.common.EnvNames.CHORDFLOW_TRACKING_BUFFER, tmp.resolve("buf").toString()))) {
            assertInstanceOf(RestTracker.class, t);
            assertFalse(t.toString().contains("pw-secret"), t.toString());
        }
        InputException e = assertThrows(InputException.class,
                () -> Trackers.from(Map.of(io.chordflow.common.EnvNames.MLFLOW_TRACKING_URI, "postgresql://me:db-secret@host/db")));
        assertFalse(e.getMessage().contains("db-secret"), e.getMessage());
    }

    @Test
    void unsetMeansMlrunsInTheWorkingDirectory() throws Exception {
        Path mlruns = Path.of(Trackers.DEFAULT_ROOT).toAbsolutePath();
        boolean existed = Files.exists(mlruns);
        try (Tracker t = Trackers.from(Map.of())) {
            assertEquals(mlruns, ((FileStoreTracker) t).root());
            assertTrue(Files.isRegularFile(mlruns.resolve("0/meta.yaml")));
        } finally {
            if (!existed) {
                try (var s = Files.walk(mlruns)) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
