package io.chordflow.common.io.shard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chordflow.common.InputException;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The index of one shard file ({@code NAME.cfshard.json} beside {@code NAME.cfshard}): what the
 * rows are and where each song's rows start. Format version {@value #FORMAT_VERSION}.
 *
 * <p>The data file is a 16-byte header ({@code "CFSHARD\0"}, int32 format version, int32 dtype
 * code, little-endian) followed by every song's rows in index order, {@code columns} values per
 * row, little-endian {@code dtype}. Song {@code s}'s frame {@code t} starts at byte
 * {@code 16 + (s.offset + t) * columns * dtype.size}.
 *
 * @param kind         what the rows are: {@code features}, {@code hard} (int32 class per frame,
 *                     {@code columns} 1), {@code soft} (probabilities per frame)
 * @param featureSpec  the feature spec the rows were computed with (features) or from (targets), as JSON
 * @param data         the data file's name, relative to the index
 * @param bytes        the data file's size, header included
 * @param sha256       the data file's SHA-256 (hex): a shard whose bytes differ is corrupt
 * @param songs        the songs in file order; {@code sum}/{@code sum_sq} of a features song are
 *                     the sums of its values and squares (double), so a normalisation over any set
 *                     of songs needs no pass over the data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardIndex(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("kind") String kind,
        @JsonProperty("dtype") ShardDType dtype,
        @JsonProperty("columns") int columns,
        @JsonProperty("feature_spec") Map<String, Object> featureSpec,
        @JsonProperty("data") String data,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("songs") List<Song> songs) {
    public static final int FORMAT_VERSION = 1;
    /** Index files end so; the data file is the index's name without {@code .json}. */
    public static final String SUFFIX = ".cfshard.json";
    public static final int HEADER_BYTES = 16;

    /** One song's rows: {@code frames} rows from row {@code offset} of the file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Song(@JsonProperty("id") String id, @JsonProperty("offset") long offset,
                       @JsonProperty("frames") int frames, @JsonProperty("sum") Double sum,
                       @JsonProperty("sum_sq") Double sumSq) {
    }

    /** Total rows of the shard. */
    public long rows() {
        return songs.isEmpty() ? 0 : songs.get(songs.size() - 1).offset() + songs.get(songs.size() - 1).frames();
    }

    /** Bytes per row. */
    public long rowBytes() {
        return (long) columns * dtype.size();
    }

    /**
     * Reads and checks an index: a file that is not one, of an unknown version, or whose songs do
     * not tile the data is an input error naming the file.
     */
    public static ShardIndex read(Path file) throws IOException {
        ShardIndex ix;
        try {
            ix = Json.MAPPER.readValue(Files.readAllBytes(file), ShardIndex.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InputException(file + ": not a shard index (" + e.getOriginalMessage() + ")", e);
        }
        if (ix.formatVersion() != FORMAT_VERSION) {
            throw new InputException(file + ": shard index format_version " + ix.formatVersion() + ", this build reads "
                    + FORMAT_VERSION);
        }
        if (ix.dtype() == null || ix.columns() < 1 || ix.songs() == null || ix.data() == null || ix.kind() == null) {
            throw new InputException(file + ": shard index lacks kind, dtype, columns, data or songs");
        }
        long next = 0;
        for (Song s : ix.songs()) {
            if (s.offset() != next || s.frames() < 0) {
                throw new InputException(file + ": song " + s.id() + " at row " + s.offset() + ", expected " + next);
            }
            next += s.frames();
        }
        if (ix.bytes() != HEADER_BYTES + next * ix.rowBytes()) {
            throw new InputException(file + ": " + ix.bytes() + " bytes for " + next + " rows of " + ix.rowBytes());
        }
        return ix;
    }

    /** Every index file below {@code dir} (any depth), sorted by path. */
    public static List<Path> find(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).sorted().toList();
        }
    }
}
