package io.chordflow.steps.train;

import io.chordflow.common.InputException;
import io.chordflow.common.io.Json;
import io.chordflow.common.io.shard.ShardLocation;
import io.chordflow.contract.FeatureSpec;
import io.chordflow.model.data.TargetKind;
import io.chordflow.model.data.stream.ShardedSongs;
import io.chordflow.storage.StepIo;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The train step's choice of data path. Small data trains in memory exactly as it always has
 * ({@code TrackLoader}, every song loaded). When the features and the targets also come as
 * shards (features and teacher-inference with {@code --shards}) and the in-memory copy would take
 * more than {@code --in-memory-limit} bytes (features and targets as Java arrays:
 * {@code frames * (bins * 4 + (soft ? classes * 4 : 4))}), the songs are streamed from the shards
 * instead ({@code StreamedWindows}): a local folder in place, an {@code s3://} output through a
 * download cache of {@value #CACHED_SHARDS} data files per input.
 */
final class StreamedData {
    /** Default limit: 4 GiB of songs in memory, a sixth of the train step's 24 Gi pod limit. */
    static final String DEFAULT_LIMIT = "4g";
    /** Data files kept per input in the download cache (features and targets each). */
    static final int CACHED_SHARDS = 4;
    private static final Logger log = LoggerFactory.getLogger(StreamedData.class);

    private StreamedData() {
    }

    /**
     * The sharded songs when they should be streamed, else null (in memory). {@code asSoft}: hard
     * targets become one-hot (a mix with soft-labelled songs).
     */
    static ShardedSongs choose(StepIo io, String features, String targets, TargetKind kind, int featureSize, int classes,
                               boolean asSoft, long limit) throws IOException {
        if (!kind.pseudo()) {
            return null; // ground truth (.lab, .key) is a small set: in memory
        }
        ShardLocation f = io.shards(features, "--features", CACHED_SHARDS);
        ShardLocation t = io.shards(targets, "--targets", CACHED_SHARDS);
        if (!ShardedSongs.has(f, "features") || !ShardedSongs.has(t, kind.name().toLowerCase(Locale.ROOT))) {
            return null;
        }
        ShardedSongs songs = ShardedSongs.open(f, t, kind, featureSize, classes, asSoft, null);
        long bytes = songs.bytesInMemory();
        if (bytes <= limit) {
            log.info("{} songs, {} in memory (--in-memory-limit {}): loading them", songs.size(), mib(bytes), mib(limit));
            songs.close();
            return null;
        }
        log.info("{} songs, {} in memory would pass --in-memory-limit {}: streaming them from {} shards",
                songs.size(), mib(bytes), mib(limit), songs.groups());
        return songs;
    }

    /** The feature spec the shards were written with, checked against {@code expected} (an --init model's). */
    static FeatureSpec spec(ShardedSongs songs, String option, String uri, FeatureSpec expected, String whose) {
        FeatureSpec spec = songs.featureSpec() == null ? (expected == null ? FeatureSpec.BTC : expected)
                : Json.MAPPER.convertValue(songs.featureSpec(), FeatureSpec.class);
        if (expected != null && !spec.equals(expected)) {
            throw new InputException(option + " " + uri + ": features " + spec + " differ from " + whose + " " + expected);
        }
        return spec;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / 1048576.0);
    }

    /** {@code 4g}, {@code 512m}, {@code 1048576}: bytes (binary units). */
    static long bytes(String option, String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1;
        };
        try {
            long n = Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1));
            if (n >= 0) {
                return Math.multiplyExact(n, unit);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new InputException(option + " '" + s + "': expected a size such as 4g, 512m or a byte count");
    }
}
