package io.chordflow.common.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The content identity of an artifact folder (or file), the one folder hash: provenance records
 * it for each input, the local runner's cache keys on it, and a commit marker
 * ({@code storage.Manifest}) gives the same value from its entries. SHA-256 over the files'
 * relative paths and SHA-256s, in path order. Provenance sidecars and commit markers are left out:
 * they carry timestamps and run ids, and must not make identical data look different.
 */
public final class ContentHash {
    private ContentHash() {
    }

    /** Null when the path does not exist; a file's own SHA-256 for a file. */
    public static String of(Path path) {
        if (!Files.exists(path)) {
            return null;
        }
        if (Files.isRegularFile(path)) {
            return Hashes.sha256(path);
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(path)) {
            s.filter(Files::isRegularFile).forEach(f -> files.put(path.relativize(f).toString().replace('\\', '/'), Hashes.sha256(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ofFiles(files);
    }

    /** The folder hash from its files' relative paths ('/'-separated) and SHA-256s, as {@link #of} computes it. */
    public static String ofFiles(Map<String, String> sha256ByPath) {
        MessageDigest md = Hashes.sha256();
        new TreeMap<>(sha256ByPath).forEach((rel, sha) -> {
            if (metadata(rel)) {
                return;
            }
            md.update(rel.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(sha.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        });
        return HexFormat.of().formatHex(md.digest());
    }

    private static boolean metadata(String rel) {
        String n = rel.substring(rel.lastIndexOf('/') + 1);
        return n.equals("provenance.json") || (n.startsWith("_SUCCESS") && n.endsWith(".json"));
    }
}
