package io.chordflow.common.io.shard;

import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Half;
import io.chordflow.common.io.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes one shard ({@code NAME.cfshard} and its index {@code NAME.cfshard.json}, see
 * {@link ShardIndex}), song after song, streaming: one song in memory at a time. The data file is
 * written to a temporary sibling and renamed by {@link #finish()}, the index after it, so a reader
 * that finds an index finds its whole data file. Same songs in the same order, same bytes.
 */
public final class ShardWriter implements AutoCloseable {
    private static final byte[] MAGIC = {'C', 'F', 'S', 'H', 'A', 'R', 'D', 0};

    private final Path data;
    private final Path tmp;
    private final String kind;
    private final ShardDType dtype;
    private final int columns;
    private final Map<String, Object> featureSpec;
    private final MessageDigest sha;
    private final OutputStream out;
    private final List<ShardIndex.Song> songs = new ArrayList<>();
    private long rows;
    private long bytes;
    private boolean done;

    /** A shard {@code dir/NAME.cfshard}; {@code featureSpec} may be null. */
    public ShardWriter(Path dir, String name, String kind, ShardDType dtype, int columns, Map<String, Object> featureSpec)
            throws IOException {
        Files.createDirectories(dir);
        this.data = dir.resolve(name + ".cfshard");
        this.tmp = AtomicFiles.tempSibling(data);
        this.kind = kind;
        this.dtype = dtype;
        this.columns = columns;
        this.featureSpec = featureSpec;
        this.sha = io.chordflow.common.io.Hashes.sha256();
        this.out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), sha);
        ByteBuffer h = ByteBuffer.allocate(ShardIndex.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC).putInt(ShardIndex.FORMAT_VERSION).putInt(dtype.code());
        out.write(h.array());
        bytes = ShardIndex.HEADER_BYTES;
    }

    static byte[] magic() {
        return MAGIC.clone();
    }

    /** Appends a song of float rows ({@code values.length} a multiple of {@code columns}); FLOAT32 or FLOAT16 shards. */
    public void add(String id, float[] values) throws IOException {
        if (dtype == ShardDType.INT32) {
            throw new IllegalStateException("an int32 shard takes int[] rows");
        }
        int frames = frames(id, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
        double sum = 0;
        double sq = 0;
        for (float v : values) {
            if (dtype == ShardDType.FLOAT32) {
                b.putFloat(v);
            } else {
                b.putShort(Half.fromFloat(v));
            }
            sum += v;
            sq += (double) v * v;
        }
        append(id, frames, b.array(), kind.equals("features") ? sum : null, kind.equals("features") ? sq : null);
    }

    /** Appends a song of int32 values (one column: a class per frame). */
    public void add(String id, int[] values) throws IOException {
        if (dtype != ShardDType.INT32) {
            throw new IllegalStateException("a " + dtype + " shard takes float[] rows");
        }
        int frames = frames(id, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        append(id, frames, b.array(), null, null);
    }

    private int frames(String id, int values) {
        if (values % columns != 0) {
            throw new IllegalArgumentException(id + ": " + values + " values is not a whole number of " + columns + "-value rows");
        }
        return values / columns;
    }

    private void append(String id, int frames, byte[] body, Double sum, Double sq) throws IOException {
        out.write(body);
        songs.add(new ShardIndex.Song(id, rows, frames, sum, sq));
        rows += frames;
        bytes += body.length;
    }

    /** Closes the data file, moves it in place and writes the index; returns the index. */
    public ShardIndex finish() throws IOException {
        out.close();
        done = true;
        Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        ShardIndex ix = new ShardIndex(ShardIndex.FORMAT_VERSION, kind, dtype, columns, featureSpec,
                data.getFileName().toString(), bytes, HexFormat.of().formatHex(sha.digest()), List.copyOf(songs));
        AtomicFiles.write(data.resolveSibling(data.getFileName() + ".json"), Json.MAPPER.writeValueAsBytes(ix));
        return ix;
    }

    /** Without {@link #finish()}: removes the temporary file (nothing is published). */
    @Override
    public void close() throws IOException {
        if (!done) {
            out.close();
            Files.deleteIfExists(tmp);
            done = true;
        }
    }
}
