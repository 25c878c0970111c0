package io.chordflow.workflows.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Measured speeds the plan's estimates scale from ({@code rates.json} beside this class), with the
 * machine and the benchmark each came from. No GPU figure is recorded yet: device time on a GPU
 * step is estimated at the CPU rate, an upper bound.
 *
 * @param featuresRealtimePerCore   seconds of audio the features step turns into CQT per CPU second
 * @param synthRealtimePerCore      seconds of audio synth renders per CPU second
 * @param inferenceFramesPerSecond  frames per second through the reference BTC (teacher-inference, evaluate)
 * @param trainStepSeconds          seconds per AdamW step of the reference BTC at {@code trainStepBatch} x {@code trainStepWindow}
 * @param referenceParams           the reference BTC's parameters ({@code referenceLayers} layers, width {@code referenceHidden})
 * @param framesPerSecond           feature frames per second of audio (22050 / 2048)
 * @param processBytes              a model step's memory besides its data (JVM, libtorch, model, activations)
 * @param inMemoryLimitBytes        the train step's default {@code --in-memory-limit}
 * @param streamCachedShards        a streamed training's download cache: data files kept per input (the train step's
 *                                  {@code StreamedData.CACHED_SHARDS})
 * @param streamPrefetchBatches     batches a streamed training makes ahead ({@code StreamedWindows.DEFAULT_PREFETCH})
 * @param streamBufferWindows       a streamed training's shuffle buffer, in windows ({@code StreamedWindows.DEFAULT_BUFFER})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rates(
        @JsonProperty("machine") String machine,
        @JsonProperty("features_realtime_per_core") double featuresRealtimePerCore,
        @JsonProperty("synth_realtime_per_core") double synthRealtimePerCore,
        @JsonProperty("inference_frames_per_second") double inferenceFramesPerSecond,
        @JsonProperty("train_step_seconds") double trainStepSeconds,
        @JsonProperty("train_step_batch") int trainStepBatch,
        @JsonProperty("train_step_window") int trainStepWindow,
        @JsonProperty("reference_params") long referenceParams,
        @JsonProperty("reference_layers") int referenceLayers,
        @JsonProperty("reference_hidden") int referenceHidden,
        @JsonProperty("frames_per_second") double framesPerSecond,
        @JsonProperty("process_bytes") long processBytes,
        @JsonProperty("in_memory_limit_bytes") long inMemoryLimitBytes,
        @JsonProperty("stream_cached_shards") int streamCachedShards,
        @JsonProperty("stream_prefetch_batches") int streamPrefetchBatches,
        @JsonProperty("stream_buffer_windows") int streamBufferWindows) {

    /** The recorded rates. */
    public static Rates recorded() {
        try (InputStream in = Rates.class.getResourceAsStream("rates.json")) {
            return Json.MAPPER.readValue(in, Rates.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
