package io.chordflow.audio;

import io.chordflow.audio.decode.AudioDecoder;
import io.chordflow.audio.decode.DecodedAudio;
import io.chordflow.audio.resample.Resampler;
import java.nio.file.Path;

/**
 * Audio files to mono float samples at a requested rate: decode (WAV, AIFF, FLAC, MP3 built in; anything else
 * through ffmpeg when installed), average the channels, resample with a band-limited filter
 * ({@link Resampler}). Bad files throw {@link io.chordflow.common.InputException} naming the file.
 */
public final class AudioLoader {
    private AudioLoader() {
    }

    public static float[] load(Path file, int sampleRate) {
        DecodedAudio d = AudioDecoder.decode(file);
        if (d.sampleRate() == sampleRate) {
            return d.samples();
        }
        return new Resampler(d.sampleRate(), sampleRate).resample(d.samples());
    }
}
