package io.chordflow.storage;

import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code file://} URIs and plain paths. Every file is written to a temporary sibling, then renamed. */
public final class LocalStore implements ArtifactStore {
    @Override
    public void put(Path file, URI dest) throws IOException {
        Path target = local(dest);
        if (target.equals(file.toAbsolutePath().normalize())) {
            return;
        }
        AtomicFiles.write(target, out -> {
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            }
        });
    }

    @Override
    public void get(URI src, Path file) throws IOException {
        Path source = local(src);
        if (source.equals(file.toAbsolutePath().normalize())) {
            return;
        }
        if (!Files.isRegularFile(source)) {
            throw new StorageException(source + ": no such file", false, null);
        }
        AtomicFiles.write(file, out -> {
            try (InputStream in = Files.newInputStream(source)) {
                in.transferTo(out);
            }
        });
    }

    @Override
    public Optional<byte[]> read(URI src) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(local(src)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(byte[] content, URI dest) throws IOException {
        AtomicFiles.write(local(dest), content);
    }

    @Override
    public List<String> list(URI prefix) throws IOException {
        Path dir = local(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .sorted()
                    .forEach(keys::add);
        }
        return keys;
    }

    @Override
    public void delete(URI uri) throws IOException {
        Files.deleteIfExists(local(uri));
    }

    static Path local(URI uri) {
        StorageUri u = StorageUri.parse(uri);
        if (u.kind() != StorageUri.Kind.LOCAL) {
            throw new InputException(uri + ": not a local path");
        }
        return u.path();
    }

    @Override
    public String toString() {
        return "LocalStore";
    }
}
