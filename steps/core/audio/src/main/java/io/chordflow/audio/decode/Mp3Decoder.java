package io.chordflow.audio.decode;

import io.chordflow.common.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;

/**
 * MP3 through mp3spi (JLayer). An MP3 decoder's output starts late and ends long: the encoder prepends
 * {@code delay} samples (LAME: 576) and pads the end, and the MDCT synthesis adds 529 samples of decoder
 * delay. To line frames up with labels (and with librosa, whose libsndfile/mpg123 path is gapless), the
 * decoder skips {@code delay + 529} samples and cuts {@code padding - 529} from the end, as the LAME tag
 * says. JLayer emits the tag frame itself as one frame of silence (1152 samples for MPEG-1, 576 for MPEG-2),
 * which is skipped too. Without a LAME tag the standard LAME delay of 576 + 529 is assumed and nothing is
 * cut from the end. The test measures the alignment on an ffmpeg/LAME-encoded burst.
 */
final class Mp3Decoder {
    static final int DECODER_DELAY = 529;
    static final int DEFAULT_ENCODER_DELAY = 576;

    private Mp3Decoder() {
    }

    static DecodedAudio decode(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        LameTag tag = LameTag.parse(Arrays.copyOf(bytes, Math.min(bytes.length, 1 << 16)));
        try (AudioInputStream in = new MpegAudioFileReader().getAudioInputStream(new ByteArrayInputStream(bytes))) {
            AudioFormat src = in.getFormat();
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, src.getSampleRate(), 16,
                    src.getChannels(), src.getChannels() * 2, src.getSampleRate(), false);
            try (AudioInputStream pcm = new javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider()
                    .getAudioInputStream(target, in)) {
                byte[] data = Pcm.readAll(pcm);
                float[] all = Pcm.toMono(data, data.length, target);
                int frameSamples = src.getSampleRate() >= 32000 ? 1152 : 576;
                int skip = tag.present()
                        ? frameSamples + tag.delay() + DECODER_DELAY
                        : DEFAULT_ENCODER_DELAY + DECODER_DELAY;
                int cut = tag.present() ? Math.max(0, tag.padding() - DECODER_DELAY) : 0;
                int end = Math.max(skip, all.length - cut);
                if (skip >= all.length) {
                    throw new InputException(file + ": MP3 holds no audio after the encoder delay");
                }
                return new DecodedAudio(Arrays.copyOfRange(all, skip, end), Math.round(src.getSampleRate()));
            }
        } catch (UnsupportedAudioFileException e) {
            throw new InputException(file + ": not a readable MP3 (" + e.getMessage() + ")", e);
        }
    }

    /** Raw decoder output, untrimmed (for the alignment test). */
    static float[] raw(Path file) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream in = new MpegAudioFileReader().getAudioInputStream(file.toFile())) {
            AudioFormat src = in.getFormat();
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, src.getSampleRate(), 16,
                    src.getChannels(), src.getChannels() * 2, src.getSampleRate(), false);
            AudioInputStream pcm = new javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider()
                    .getAudioInputStream(target, in);
            byte[] data = Pcm.readAll(pcm);
            return Pcm.toMono(data, data.length, target);
        }
    }
}
