package io.chordflow.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code s3://bucket/key} through the MinIO Java SDK (works with MinIO, AWS S3 and s3proxy).
 * Files stream up in parts of {@link #PART_SIZE} (S3 multipart upload), so memory use is one part
 * however large the file. Every call retries transient errors ({@link Retry}). Buckets are created
 * on first write if missing, so a fresh MinIO works without a setup step.
 */
public final class S3Store implements ArtifactStore {
    /** S3's minimum part size; files larger than this are uploaded in parts. */
    public static final long PART_SIZE = 5L * 1024 * 1024;

    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "SlowDown", "ServiceUnavailable",
            "RequestTimeout", "RequestTimeTooSkewed", "OperationAborted", "ServiceFailure");

    private final MinioClient client;
    private final S3Settings settings;
    private final Retry retry;
    private final long partSize;
    private final Set<String> knownBuckets = ConcurrentHashMap.newKeySet();

    public S3Store(S3Settings settings) {
        this(settings, Retry.DEFAULT, PART_SIZE);
    }

    public S3Store(S3Settings settings, Retry retry, long partSize) {
        if (partSize < PART_SIZE) {
            throw new IllegalArgumentException("part size must be >= 5 MiB (S3 minimum), got " + partSize);
        }
        this.settings = settings;
        this.retry = retry;
        this.partSize = partSize;
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .build();
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T call() throws MinioException, IOException;
    }

    private <T> T call(String what, StorageUri uri, S3Call<T> c) throws IOException {
        return retry.run(what + " " + uri, () -> {
            try {
                return c.call();
            } catch (MinioException | IOException e) {
                throw translate(what, uri, e);
            } catch (RuntimeException e) {
                // The SDK runs requests asynchronously and wraps connection errors unchecked.
                IOException io = ioCause(e);
                if (io == null) {
                    throw e;
                }
                throw translate(what, uri, io);
            }
        });
    }

    /** Maps SDK errors to {@link StorageException}: message from our own fields, credentials scrubbed. */
    private StorageException translate(String what, StorageUri uri, Exception e) {
        if (e instanceof StorageException se) {
            return se;
        }
        boolean transientError;
        String detail;
        if (e instanceof ErrorResponseException ere) {
            String code = ere.errorResponse().code();
            transientError = TRANSIENT_CODES.contains(code) || ere.response().code() >= 500;
            detail = code + ": " + ere.errorResponse().message();
        } else if (e instanceof ServerException se) {
            transientError = se.statusCode() >= 500 || se.statusCode() == 429;
            detail = "HTTP " + se.statusCode();
        } else if (e instanceof InsufficientDataException) {
            transientError = false;
            detail = "local file changed while uploading";
        } else if (e instanceof IOException) {
            transientError = true; // connection refused/reset, timeouts
            detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        } else {
            Throwable cause = e.getCause();
            transientError = cause instanceof IOException;
            detail = e.getClass().getSimpleName() + ": " + (cause != null ? cause.getMessage() : e.getMessage());
        }
        // The SDK's exception (and its HTTP trace) is deliberately not chained: it can carry
        // signed headers. Our message names the operation, the URI and the server's code.
        return new StorageException(settings.redact(what + " " + uri + " at " + settings.endpoint() + " failed: "
                + detail), transientError, null);
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private StorageUri s3(URI uri) {
        StorageUri u = StorageUri.parse(uri);
        if (u.kind() != StorageUri.Kind.S3) {
            throw new IllegalArgumentException(uri + ": not an s3:// URI");
        }
        return u;
    }

    private void ensureBucket(StorageUri u) throws IOException {
        if (knownBuckets.contains(u.bucket())) {
            return;
        }
        call("create bucket", u, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(u.bucket()).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(u.bucket()).build());
            }
            return null;
        });
        knownBuckets.add(u.bucket());
    }

    @Override
    public void put(Path file, URI dest) throws IOException {
        StorageUri u = s3(dest);
        ensureBucket(u);
        long size = Files.size(file);
        // Each attempt reopens the file: a retried upload starts from byte 0.
        call("upload", u, () -> {
            try (InputStream in = Files.newInputStream(file)) {
                client.putObject(PutObjectArgs.builder().bucket(u.bucket()).object(u.key())
                        .stream(in, size, partSize).build());
            }
            return null;
        });
    }

    @Override
    public void get(URI src, Path file) throws IOException {
        StorageUri u = s3(src);
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        call("download", u, () -> {
            Path tmp = io.chordflow.common.io.AtomicFiles.tempSibling(target); // umask permissions, not 0600
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(u.bucket()).object(u.key()).build())) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return null;
        });
    }

    @Override
    public Optional<byte[]> read(URI src) throws IOException {
        StorageUri u = s3(src);
        return call("read", u, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(u.bucket()).object(u.key()).build())) {
                return Optional.of(in.readAllBytes());
            } catch (ErrorResponseException e) {
                String code = e.errorResponse().code();
                if ("NoSuchKey".equals(code) || "NoSuchBucket".equals(code)) {
                    return Optional.<byte[]>empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void write(byte[] content, URI dest) throws IOException {
        StorageUri u = s3(dest);
        ensureBucket(u);
        call("write", u, () -> {
            client.putObject(PutObjectArgs.builder().bucket(u.bucket()).object(u.key())
                    .stream(new ByteArrayInputStream(content), (long) content.length, partSize).build());
            return null;
        });
    }

    @Override
    public List<String> list(URI prefix) throws IOException {
        StorageUri u = s3(prefix);
        String p = u.key().isEmpty() ? "" : u.key() + "/";
        return call("list", u, () -> {
            List<String> keys = new ArrayList<>();
            try {
                for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(u.bucket()).prefix(p)
                        .recursive(true).build())) {
                    String name = r.get().objectName();
                    if (name.startsWith(p) && name.length() > p.length()) {
                        keys.add(name.substring(p.length()));
                    }
                }
            } catch (ErrorResponseException e) {
                if ("NoSuchBucket".equals(e.errorResponse().code())) {
                    return List.<String>of();
                }
                throw e;
            }
            keys.sort(null);
            return keys;
        });
    }

    @Override
    public void delete(URI uri) throws IOException {
        StorageUri u = s3(uri);
        call("delete", u, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(u.bucket()).object(u.key()).build());
            return null;
        });
    }

    @Override
    public String toString() {
        return "S3Store[" + settings + "]";
    }
}
