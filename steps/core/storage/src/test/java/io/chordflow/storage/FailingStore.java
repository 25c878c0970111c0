package io.chordflow.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delegates to a real store and dies after {@code putsBeforeDeath} uploads, the way a step killed
 * mid-publish stops: whatever was uploaded stays, nothing after it happens. Also counts uploads.
 */
final class FailingStore implements ArtifactStore {
    private final ArtifactStore delegate;
    private final int putsBeforeDeath;
    final AtomicInteger puts = new AtomicInteger();

    FailingStore(ArtifactStore delegate, int putsBeforeDeath) {
        this.delegate = delegate;
        this.putsBeforeDeath = putsBeforeDeath;
    }

    @Override
    public void put(Path file, URI dest) throws IOException {
        if (puts.get() >= putsBeforeDeath) {
            throw new IllegalStateException("killed during publish");
        }
        delegate.put(file, dest);
        puts.incrementAndGet();
    }

    @Override
    public void get(URI src, Path file) throws IOException {
        delegate.get(src, file);
    }

    @Override
    public Optional<byte[]> read(URI src) throws IOException {
        return delegate.read(src);
    }

    @Override
    public void write(byte[] content, URI dest) throws IOException {
        if (puts.get() >= putsBeforeDeath) {
            throw new IllegalStateException("killed during publish");
        }
        delegate.write(content, dest);
    }

    @Override
    public List<String> list(URI prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public void delete(URI uri) throws IOException {
        delegate.delete(uri);
    }
}
