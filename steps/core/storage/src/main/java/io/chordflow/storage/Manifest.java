package io.chordflow.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chordflow.common.InputException;
import io.chordflow.common.io.ContentHash;
import io.chordflow.common.io.Hashes;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The commit marker of a published output ({@value #FILE_NAME}): every file of the output with
 * its SHA-256 and size, sorted by path. It is written last, so its presence means the output is
 * complete; its absence means readers must treat the output as not there. No timestamps, so the
 * same content always gives the same bytes (and the same marker on a re-publish).
 * Schema version {@value #SCHEMA_VERSION}; newer versions are rejected.
 */
public record Manifest(@JsonProperty("schema_version") int schemaVersion, List<Entry> files) {
    public static final String FILE_NAME = "_SUCCESS.json";
    public static final int SCHEMA_VERSION = 1;

    public record Entry(String path, String sha256, long size) {
    }

    public Manifest {
        files = List.copyOf(files);
    }

    public long totalSize() {
        return files.stream().mapToLong(Entry::size).sum();
    }

    /**
     * Hashes every regular file below {@code dir} (streaming), except an existing marker.
     * Paths use '/' and are checked like keys.
     */
    public static Manifest of(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": not a directory (publish takes a step's output folder)");
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                String rel = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (rel.equals(FILE_NAME)) {
                    continue;
                }
                StorageUri.checkRelative(dir.toString(), rel);
                entries.add(new Entry(rel, Hashes.sha256(p), Files.size(p)));
            }
        }
        entries.sort((a, b) -> a.path().compareTo(b.path()));
        return new Manifest(SCHEMA_VERSION, entries);
    }

    /** The folder's content hash ({@link ContentHash}), the value provenance and the local cache give the same files. */
    public String contentHash() {
        Map<String, String> byPath = new java.util.TreeMap<>();
        files.forEach(e -> byPath.put(e.path(), e.sha256()));
        return ContentHash.ofFiles(byPath);
    }

    public byte[] toBytes() {
        try {
            return Json.MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("manifest is always serialisable", e);
        }
    }

    /** Parses and validates a marker read from {@code where}. */
    public static Manifest parse(byte[] bytes, String where) {
        Manifest m;
        try {
            m = Json.MAPPER.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new InputException(where + ": commit marker is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (m.schemaVersion() < 1 || m.schemaVersion() > SCHEMA_VERSION) {
            throw new InputException(where + ": field schema_version: expected 1.." + SCHEMA_VERSION
                    + ", got " + m.schemaVersion());
        }
        for (int i = 0; i < m.files().size(); i++) {
            Entry e = m.files().get(i);
            if (e == null || e.path() == null || e.sha256() == null || !e.sha256().matches("[0-9a-f]{64}") || e.size() < 0) {
                throw new InputException(where + ": field files[" + i + "]: expected {path, sha256 (64 hex), size >= 0}");
            }
            StorageUri.checkRelative(where + ": field files[" + i + "].path", e.path());
        }
        return m;
    }
}
