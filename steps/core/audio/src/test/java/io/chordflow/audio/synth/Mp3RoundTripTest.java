package io.chordflow.audio.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp3RoundTripTest {
    /** Tone bursts survive the round trip at the same samples (no encoder/decoder delay left), with the same length, repeatably. */
    @Test
    void keepsTimingAndLength(@TempDir Path tmp) throws Exception {
        Mp3RoundTrip mp3 = new Mp3RoundTrip("ffmpeg");
        assumeTrue(mp3.unavailableBecause() == null, "no ffmpeg with libmp3lame");
        int sr = 22050;
        float[] x = new float[sr * 3 + 123];
        for (int b = 0; b < 5; b++) {
            int at = 7000 + b * 12000;
            for (int i = 0; i < 3000; i++) {
                x[at + i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / sr) * Math.exp(-i / 1500.0));
            }
        }
        float[] y = mp3.apply(x, sr, 128, tmp, "t");
        assertEquals(x.length, y.length);
        assertArrayEquals(y, mp3.apply(x, sr, 128, tmp, "u"), "deterministic");
        int best = 0;
        double bestC = -1;
        for (int lag = -2000; lag <= 2000; lag++) {
            double c = 0;
            for (int i = 2000; i < x.length - 2000; i++) {
                c += x[i] * y[i + lag];
            }
            if (c > bestC) {
                bestC = c;
                best = lag;
            }
        }
        assertEquals(0, best, "lag of the decoded audio");
        assertTrue(bestC > 0);
    }

    @Test
    void aMissingFfmpegIsAReasonNotAFailure() {
        assertNotNull(new Mp3RoundTrip("/nonexistent/ffmpeg").unavailableBecause());
    }
}
