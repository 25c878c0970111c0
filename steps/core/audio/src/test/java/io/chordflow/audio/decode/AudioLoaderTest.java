package io.chordflow.audio.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chordflow.audio.AudioLoader;
import io.chordflow.audio.WavWriter;
import io.chordflow.common.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixtures (src/test/resources/audio): 1 s at 44.1 kHz stereo, silent except a 0.5 amplitude 440 Hz sine
 * from 0.25 s to 0.75 s; the WAV was written by Python, the FLAC, MP3 (libmp3lame 128k) and Ogg by ffmpeg.
 */
class AudioLoaderTest {
    static final Path DIR = Path.of("src/test/resources/audio");
    static final int ONSET = 11025;

    static float[] wav() {
        return AudioDecoder.decode(DIR.resolve("burst44k-stereo.wav")).samples();
    }

    /** Lag (in samples) that best aligns {@code x} with the fixture's sine onset. */
    static int lag(float[] x) {
        double best = -1;
        int bestLag = 0;
        for (int lag = -200; lag <= 200; lag++) {
            double s = 0;
            for (int i = 0; i < 4410; i++) {
                s += x[ONSET + lag + i] * Math.sin(2 * Math.PI * 440 * i / 44100.0);
            }
            if (s > best) {
                best = s;
                bestLag = lag;
            }
        }
        return bestLag;
    }

    @Test
    void wavDecodesToMonoFloat() {
        DecodedAudio d = AudioDecoder.decode(DIR.resolve("burst44k-stereo.wav"));
        assertEquals(44100, d.sampleRate());
        assertEquals(44100, d.samples().length);
        assertEquals(0f, d.samples()[ONSET - 1], 1e-6f);
        assertEquals(0.5 * Math.sin(2 * Math.PI * 440 * 100 / 44100.0), d.samples()[ONSET + 100], 1e-4);
        assertEquals(0, lag(d.samples()));
    }

    @Test
    void flacIsLosslessAgainstTheWav() {
        DecodedAudio d = AudioDecoder.decode(DIR.resolve("burst44k-stereo.flac"));
        assertEquals(44100, d.sampleRate());
        assertArrayEquals(wav(), d.samples());
    }

    @Test
    void mp3IsTrimmedOfEncoderDelayAndPadding() {
        DecodedAudio d = AudioDecoder.decode(DIR.resolve("burst44k-stereo.mp3"));
        assertEquals(44100, d.sampleRate());
        assertEquals(44100, d.samples().length, "delay and padding removed: the original length");
        assertEquals(0, lag(d.samples()), "sine onset where the WAV has it");
        float[] w = wav();
        double err = 0;
        for (int i = ONSET; i < ONSET + 10000; i++) {
            err = Math.max(err, Math.abs(w[i] - d.samples()[i]));
        }
        assertTrue(err < 0.05, "lossy but close: " + err);
    }

    @Test
    void otherFormatsGoThroughFfmpeg() {
        assumeTrue(FfmpegDecoder.available(), "ffmpeg not installed");
        DecodedAudio d = AudioDecoder.decode(DIR.resolve("burst44k-stereo.ogg"));
        assertEquals(44100, d.sampleRate());
        assertEquals(44100, d.samples().length, 256, "Vorbis via ffmpeg ends 128 samples short");
        assertEquals(0, lag(d.samples()), 2);
    }

    @Test
    void loaderResamplesTo22050() {
        float[] y = AudioLoader.load(DIR.resolve("burst44k-stereo.flac"), 22050);
        assertEquals(22050, y.length);
        double c = 0;
        double s = 0;
        for (int i = 7000; i < 15000; i++) {
            c += y[i] * Math.cos(2 * Math.PI * 440 * i / 22050.0);
            s += y[i] * Math.sin(2 * Math.PI * 440 * i / 22050.0);
        }
        assertEquals(0.5, 2 * Math.hypot(c, s) / 8000, 0.01);
        assertEquals(0f, y[ONSET / 2 - 40], 1e-3f);
    }

    @Test
    void badFilesAreInputErrorsNamingTheFile(@TempDir Path tmp) throws Exception {
        Path empty = Files.write(tmp.resolve("empty.wav"), new byte[0]);
        assertTrue(assertThrows(InputException.class, () -> AudioDecoder.decode(empty)).getMessage()
                .contains("empty.wav: empty file"));

        byte[] full = Files.readAllBytes(DIR.resolve("burst44k-stereo.wav"));
        Path cut = Files.write(tmp.resolve("cut.wav"), Arrays.copyOf(full, full.length / 2));
        InputException e = assertThrows(InputException.class, () -> AudioDecoder.decode(cut));
        assertTrue(e.getMessage().contains("cut.wav") && e.getMessage().contains("truncated"), e.getMessage());

        byte[] junk = new byte[5000];
        new java.util.Random(1).nextBytes(junk);
        Path garbage = Files.write(tmp.resolve("junk.flac"), junk);
        assertTrue(assertThrows(InputException.class, () -> AudioDecoder.decode(garbage)).getMessage()
                .contains("junk.flac"));

        Path missing = tmp.resolve("nope.wav");
        assertThrows(InputException.class, () -> AudioLoader.load(missing, 22050));
    }

    @Test
    void wavWriterRoundTrips(@TempDir Path tmp) throws Exception {
        float[] x = {0f, 0.5f, -0.5f, 1.2f, -1f, 1e-5f};
        Path f = Files.write(tmp.resolve("x.wav"), WavWriter.bytes(x, 22050));
        DecodedAudio d = AudioDecoder.decode(f);
        assertEquals(22050, d.sampleRate());
        assertEquals(6, d.samples().length);
        assertEquals(0.5f, d.samples()[1], 1e-4f);
        assertEquals(32767 / 32768f, d.samples()[3], 1e-6f, "clipped");
        // the exact bytes (synthetic corpora are cached and hashed by content): the canonical 44-byte PCM header
        // (RIFF size 36 + 12, fmt chunk 16: PCM, mono, 22050 Hz, 44100 B/s, align 2, 16 bit; data 12 bytes), then
        // round(x * 32767) half away from zero, clipped, little-endian: 0, 16384, -16384, 32767, -32767, 0
        byte[] want = java.util.HexFormat.of().parseHex("52494646" + "30000000" + "57415645" + "666d7420" + "10000000"
                + "0100" + "0100" + "22560000" + "44ac0000" + "0200" + "1000" + "64617461" + "0c000000"
                + "0000" + "0040" + "00c0" + "ff7f" + "0180" + "0000");
        assertArrayEquals(want, WavWriter.bytes(x, 22050));
    }
}
