package io.chordflow.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StorageUriTest {
    @Test
    void parsesS3AndLocal() {
        StorageUri s3 = StorageUri.parse(URI.create("s3://bucket/runs/a/"));
        assertEquals(StorageUri.Kind.S3, s3.kind());
        assertEquals("bucket", s3.bucket());
        assertEquals("runs/a", s3.key());
        assertEquals("s3://bucket/runs/a/model.json", s3.child("model.json").toString());

        StorageUri local = StorageUri.parse("out/features");
        assertEquals(StorageUri.Kind.LOCAL, local.kind());
        assertEquals(Path.of("out/features").toAbsolutePath().normalize(), local.path());
        assertEquals(local.path(), StorageUri.parse(local.toUri()).path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "a\\b", "C:/x"})
    void keysCannotEscapeTheirPrefix(String key) {
        InputException e = assertThrows(InputException.class, () -> StorageUri.parse("s3://bkt/prefix").child(key));
        assertTrue(e.getMessage().contains("s3://bkt/prefix"), e.getMessage());
        assertThrows(InputException.class, () -> StorageUri.parse("/tmp/out").child(key));
    }

    @Test
    void rejectsEscapingS3UriAndUnknownScheme() {
        assertThrows(InputException.class, () -> StorageUri.parse(URI.create("s3://bkt/a/../../c")));
        assertThrows(InputException.class, () -> StorageUri.parse("s3://B_ad/x"));
        InputException e = assertThrows(InputException.class, () -> StorageUri.parse("gs://b/x"));
        assertTrue(e.getMessage().contains("unsupported URI scheme"), e.getMessage());
    }
}
