package io.chordflow.steps.features;

import io.chordflow.audio.cqt.CqtFeatures;
import io.chordflow.common.io.Json;
import io.chordflow.common.io.Npy;
import io.chordflow.common.io.shard.ShardDType;
import io.chordflow.common.io.shard.ShardIndex;
import io.chordflow.common.io.shard.ShardWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * With {@code --shards}: this shard's features once more as one streamable shard,
 * {@code OUTPUT/stream/features-IIII-of-NNNN.cfshard} and its index (see {@link ShardIndex}), the
 * songs in manifest order under the ids the trainer uses (the {@code .npy} path without
 * {@code .npy}). The {@code .npy} files stay: evaluation, teacher-inference and small trainings read them.
 */
final class FeatureShards {
    static final String DIR = "stream";

    private FeatureShards() {
    }

    static String name(Shard sh) {
        return String.format("features-%04d-of-%04d", sh.index(), sh.count());
    }

    @SuppressWarnings("unchecked")
    static ShardIndex write(Path out, Shard sh, List<FeaturesManifest.Track> tracks) throws IOException {
        Map<String, Object> spec = Json.MAPPER.convertValue(CqtFeatures.SPEC, Map.class);
        try (ShardWriter w = new ShardWriter(out.resolve(DIR), name(sh), "features", ShardDType.FLOAT32,
                CqtFeatures.SPEC.bins(), spec)) {
            for (FeaturesManifest.Track t : tracks) {
                Npy.Array x = Npy.read(out.resolve(t.features())); // one song in memory at a time
                w.add(t.features().substring(0, t.features().length() - ".npy".length()), x.data());
            }
            return w.finish();
        }
    }
}
