package io.chordflow.workflows.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate and submit refuse data URIs that climb out of their folder, and (for a cluster) files on this machine. */
class SpecUrisCommandTest {
    static final Path ROOT = CommandsTest.ROOT;

    @TempDir
    Path dir;

    /** btc-kd with its test split read from {@code uri} instead of generated. */
    private Path withTestUri(String uri) throws Exception {
        String text = Files.readString(ROOT.resolve("experiments/btc-kd.yaml"))
                .replaceAll(", test: [0-9.]+", "")
                .replace("\n  synthetic:\n", "\n  uris: {test: '" + uri + "'}\n  synthetic:\n");
        Path f = dir.resolve("btc-kd.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aRelativePathThatClimbsOutIsRefusedNamingTheField() throws Exception {
        Path f = withTestUri("../../etc");
        var o = SubmitMockServerTest.exec(new ValidateCommand(), f.toString());
        assertEquals(2, o.code(), o.out() + o.err());
        assertEquals("validate: " + f + ": field datasets.uris.test: '../../etc' leaves the folder it is resolved in"
                + " (a relative path may not climb out with ..; give an absolute path, file:// or s3:// URI)", o.err().strip());
    }

    @Test
    void localFilesPassForLocalRunsButNotForACluster() throws Exception {
        Path f = withTestUri("file:///etc/passwd");
        var local = SubmitMockServerTest.exec(new ValidateCommand(), f.toString());
        assertEquals(0, local.code(), "the local runner may read a file:// URI: " + local.err());
        var cluster = SubmitMockServerTest.exec(new ValidateCommand(), f.toString(), "--cluster");
        assertEquals(2, cluster.code());
        assertTrue(cluster.err().contains("field datasets.uris.test: 'file:///etc/passwd' is a file on this machine"), cluster.err());
        var submit = SubmitMockServerTest.exec(new SubmitCommand(), f.toString(), "--dry-run");
        assertEquals(2, submit.code(), submit.out());
        assertTrue(submit.err().contains("field datasets.uris.test"), submit.err());
        var s3 = SubmitMockServerTest.exec(new ValidateCommand(), withTestUri("s3://data/test").toString(), "--cluster");
        assertEquals(0, s3.code(), s3.err());
    }
}
