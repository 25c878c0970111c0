package io.chordflow.storage;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/** Shared with other modules' tests through this module's test-jar. A real S3 protocol server (s3proxy, in-memory blobs) on a free loopback port, for tests. */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS = "test-access-key";
    public static final String SECRET = "test-secret-key-Zq8v";

    private final S3Proxy proxy;

    public S3ProxyServer() throws Exception {
        this(new TransientNio2BlobStore());
    }

    /** Blobs kept as files under {@code dir} (kept across servers; out of the JVM's heap, for benchmarks). */
    public S3ProxyServer(java.nio.file.Path dir) throws Exception {
        this(new org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore(java.nio.file.Files.createDirectories(dir).toString()));
    }

    private S3ProxyServer(org.gaul.s3proxy.blobstore.BlobStore blobs) throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public S3Settings settings() {
        return new S3Settings(endpoint(), ACCESS, SECRET, null);
    }

    /** An artifact store on this server with short retry pauses, as the tests use it. */
    public ArtifactStore store() {
        return ArtifactStores.with(new S3Store(settings(),
                new Retry(3, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(40), Thread::sleep), S3Store.PART_SIZE));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
