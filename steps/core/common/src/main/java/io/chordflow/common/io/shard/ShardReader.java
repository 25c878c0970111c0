package io.chordflow.common.io.shard;

import io.chordflow.common.InputException;
import io.chordflow.common.io.Half;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads rows of one shard by position (no song is read whole unless asked for), thread-safe
 * ({@link FileChannel}'s positional reads). {@link #open} checks the data file against its index:
 * a missing file is an input error; a wrong size, header or SHA-256 is a {@link CorruptShardException}.
 */
public final class ShardReader implements AutoCloseable {
    private final ShardIndex index;
    private final Path file;
    private final FileChannel channel;

    private ShardReader(ShardIndex index, Path file, FileChannel channel) {
        this.index = index;
        this.file = file;
        this.channel = channel;
    }

    /** Opens {@code file} (the data file of {@code index}), verifying size, header and, when {@code verify}, its SHA-256. */
    public static ShardReader open(ShardIndex index, Path file, boolean verify) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": shard data file missing (its index lists " + index.songs().size() + " songs)");
        }
        long size = Files.size(file);
        if (size != index.bytes()) {
            throw new CorruptShardException(file + ": " + size + " bytes, its index says " + index.bytes());
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteBuffer h = ByteBuffer.allocate(ShardIndex.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, h, 0);
            h.flip();
            byte[] magic = new byte[8];
            h.get(magic);
            int version = h.getInt();
            int code = h.getInt();
            if (!Arrays.equals(magic, ShardWriter.magic()) || version != ShardIndex.FORMAT_VERSION || code != index.dtype().code()) {
                throw new CorruptShardException(file + ": bad header (not a version " + ShardIndex.FORMAT_VERSION + " "
                        + index.dtype().numpy() + " shard)");
            }
            if (verify) {
                String actual = sha256(file);
                if (!actual.equals(index.sha256())) {
                    throw new CorruptShardException(file + ": SHA-256 " + actual.substring(0, 12) + "..., its index says "
                            + index.sha256().substring(0, Math.min(12, index.sha256().length())) + "...");
                }
            }
            return new ShardReader(index, file, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md = io.chordflow.common.io.Hashes.sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public ShardIndex index() {
        return index;
    }

    public Path file() {
        return file;
    }

    /**
     * Rows {@code start .. start+n-1} of {@code song} as floats into {@code dst} from {@code dstOffset}
     * ({@code n * columns} values; int32 values converted exactly up to 2^24).
     */
    public void read(ShardIndex.Song song, int start, int n, float[] dst, int dstOffset) throws IOException {
        ByteBuffer b = rows(song, start, n);
        int count = n * index.columns();
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = switch (index.dtype()) {
                case FLOAT32 -> b.getFloat();
                case FLOAT16 -> Half.toFloat(b.getShort());
                case INT32 -> b.getInt();
            };
        }
    }

    /** Rows of an int32 shard as ints. */
    public void read(ShardIndex.Song song, int start, int n, int[] dst, int dstOffset) throws IOException {
        if (index.dtype() != ShardDType.INT32) {
            throw new IllegalStateException(file + ": a " + index.dtype().numpy() + " shard has no int rows");
        }
        ByteBuffer b = rows(song, start, n);
        for (int i = 0; i < n * index.columns(); i++) {
            dst[dstOffset + i] = b.getInt();
        }
    }

    private ByteBuffer rows(ShardIndex.Song song, int start, int n) throws IOException {
        if (start < 0 || n < 0 || start + n > song.frames()) {
            throw new IndexOutOfBoundsException(song.id() + ": rows " + start + ".." + (start + n) + " of " + song.frames());
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(n * index.rowBytes())).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, b, ShardIndex.HEADER_BYTES + (song.offset() + start) * index.rowBytes());
        b.flip();
        return b;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new CorruptShardException("shard ends at byte " + pos + " before the rows its index lists");
            }
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
