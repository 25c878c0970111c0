package io.chordflow.tracking.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Tracking calls that could not reach the server, one JSON object per line, in call order. Each
 * process owns one file (held with a file lock); files left by processes that ended while the
 * server was down are adopted and replayed by the next one that finds the server up. An entry is
 * removed (the file rewritten atomically) right after the server accepted it, so a replay never
 * sends an entry twice; a crash between those two steps could repeat that single entry. The folder,
 * the file and its lock are made on the first entry, so a process that never buffers (a read such as
 * {@code chordflow models}) leaves nothing behind.
 */
final class OfflineJournal implements AutoCloseable {
    private final Path dir;
    private final Path file;
    private FileChannel channel;
    private FileLock lock;

    OfflineJournal(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(UUID.randomUUID() + ".jsonl");
    }

    /** Makes the folder and takes this process's lock, before the first entry is written. */
    private void open() {
        if (lock != null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(file.getFileName() + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = channel.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open tracking buffer in " + dir, e);
        }
    }

    Path file() {
        return file;
    }

    synchronized void append(ObjectNode entry) {
        open();
        try {
            String line = Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(entry) + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tracking buffer " + file, e);
        }
    }

    synchronized List<ObjectNode> entries() {
        return read(file);
    }

    synchronized boolean isEmpty() {
        return entries().isEmpty();
    }

    synchronized void rewrite(List<ObjectNode> remaining) {
        rewrite(file, remaining);
    }

    private static List<ObjectNode> read(Path f) {
        List<ObjectNode> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode n = Json.MAPPER.readTree(line);
                    if (n instanceof ObjectNode o) {
                        out.add(o);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tracking buffer " + f, e);
        }
        return out;
    }

    private static void rewrite(Path f, List<ObjectNode> remaining) {
        try {
            if (remaining.isEmpty()) {
                Files.deleteIfExists(f);
                return;
            }
            StringBuilder sb = new StringBuilder();
            for (ObjectNode n : remaining) {
                sb.append(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(n)).append('\n');
            }
            AtomicFiles.write(f, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite tracking buffer " + f, e);
        }
    }

    /** Buffers other processes left behind (their lock is free), oldest first. */
    List<Orphan> orphans() {
        List<Orphan> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).filter(p -> !p.equals(file)).sorted().toList()) {
                Path lockFile = dir.resolve(f.getFileName() + ".lock");
                FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    l = null;
                }
                if (l == null) {
                    ch.close();
                    continue;
                }
                out.add(new Orphan(f, lockFile, ch));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Another process's buffer, locked by us while we replay it. */
    record Orphan(Path file, Path lockFile, FileChannel channel) implements AutoCloseable {
        List<ObjectNode> entries() {
            return read(file);
        }

        void rewrite(List<ObjectNode> remaining) {
            OfflineJournal.rewrite(file, remaining);
        }

        @Override
        public void close() throws IOException {
            boolean done = !Files.exists(file);
            channel.close();
            if (done) {
                Files.deleteIfExists(lockFile);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (lock == null) {
            return;
        }
        try {
            boolean empty = !Files.exists(file);
            lock.release();
            channel.close();
            if (empty) {
                Files.deleteIfExists(dir.resolve(file.getFileName() + ".lock"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
