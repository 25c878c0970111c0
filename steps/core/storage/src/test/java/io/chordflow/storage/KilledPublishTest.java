package io.chordflow.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chordflow.common.InputException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A publishing process killed with SIGKILL part-way: no commit marker, readers refuse, a re-publish completes. */
class KilledPublishTest {
    @TempDir
    Path tmp;

    @Test
    void killDuringPublish() throws Exception {
        try (S3ProxyServer server = new S3ProxyServer()) {
            Path dir = tmp.resolve("out");
            Files.createDirectories(dir);
            Random r = new Random(7);
            byte[] buf = new byte[1 << 20];
            for (int f = 0; f < 4; f++) {
                try (OutputStream out = Files.newOutputStream(dir.resolve("part-" + f + ".bin"))) {
                    for (int mb = 0; mb < 6; mb++) { // 6 MiB: each file is a multipart upload
                        r.nextBytes(buf);
                        out.write(buf);
                    }
                }
            }
            URI dest = URI.create("s3://killed/features/x");
            S3Store store = new S3Store(server.settings());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    PublishMain.class.getName(), server.endpoint(), dir.toString(), dest.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // kill as soon as some, but not all, files are up
            while (store.list(dest).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            List<String> left = store.list(dest);
            assertFalse(left.contains(Manifest.FILE_NAME), "killed before the marker: " + left);
            assertFalse(left.isEmpty(), "the child uploaded something before the kill; see child.log");
            assertTrue(left.size() < 4, "the kill came part-way: " + left);
            assertFalse(store.isCommitted(dest));
            assertThrows(InputException.class, () -> store.fetch(dest, tmp.resolve("reader")));

            Manifest m = store.publish(dir, dest);
            assertEquals(4, m.files().size());
            assertEquals(5, store.list(dest).size());
            assertEquals(m, store.fetch(dest, tmp.resolve("reader")));
        }
    }
}
