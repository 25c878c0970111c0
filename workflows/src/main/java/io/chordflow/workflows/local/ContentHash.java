package io.chordflow.workflows.local;

import io.chordflow.common.io.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The content identity of an artifact folder (or file): SHA-256 over its files' relative paths
 * and contents, in path order. Provenance sidecars and commit markers are left out: they carry
 * timestamps and run ids, and must not make identical data look different to the cache.
 */
public final class ContentHash {
    private ContentHash() {
    }

    /** Null when the path does not exist. */
    public static String of(Path path) {
        if (!Files.exists(path)) {
            return null;
        }
        if (Files.isRegularFile(path)) {
            return Hashes.sha256(path);
        }
        MessageDigest md = Hashes.sha256();
        List<Path> files;
        try (Stream<Path> s = Files.walk(path)) {
            files = s.filter(Files::isRegularFile).filter(f -> !metadata(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            md.update(path.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Hashes.sha256(f).getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static boolean metadata(Path f) {
        String n = f.getFileName().toString();
        return n.equals("provenance.json") || (n.startsWith("_SUCCESS") && n.endsWith(".json"));
    }
}
