package io.chordflow.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void writtenFilesGetTheUmasksPermissionsLikeAnyNewFileNot0600(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Path f = dir.resolve("artifact.json");
        AtomicFiles.write(f, "{}".getBytes());
        assertEquals(PosixFilePermissions.toString(plain), PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
                "the permissions cp would give (umask), not createTempFile's rw-------");
        assertTrue(Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_READ));
        AtomicFiles.write(f, "{\"a\":1}".getBytes()); // replacing keeps them too
        assertEquals(plain, Files.getPosixFilePermissions(f));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file left");
        }
    }
}
