package io.chordflow.audio.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.sound.sampled.AudioFormat;

/** Interleaved PCM bytes to mono float: integer PCM divided by 2^(bits-1) (as libsndfile does), channels averaged (librosa's to_mono). */
final class Pcm {
    private Pcm() {
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        in.transferTo(out);
        return out.toByteArray();
    }

    static float[] toMono(byte[] data, int length, AudioFormat f) {
        int channels = f.getChannels();
        int bytes = (f.getSampleSizeInBits() + 7) / 8;
        boolean big = f.isBigEndian();
        AudioFormat.Encoding enc = f.getEncoding();
        boolean isFloat = AudioFormat.Encoding.PCM_FLOAT.equals(enc);
        boolean unsigned = AudioFormat.Encoding.PCM_UNSIGNED.equals(enc);
        int frameBytes = bytes * channels;
        int frames = length / frameBytes;
        float[] out = new float[frames];
        if (bytes == 2 && !big && AudioFormat.Encoding.PCM_SIGNED.equals(enc)) {
            // the common case (16-bit little-endian) without the general per-byte loop
            float scale16 = 1f / (32768f * channels);
            for (int i = 0, o = 0; i < frames; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++, o += 2) {
                    sum += (short) ((data[o] & 0xff) | (data[o + 1] << 8));
                }
                out[i] = sum * scale16;
            }
            return out;
        }
        double scale = 1.0 / (1L << (8 * bytes - 1));
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int off = i * frameBytes + c * bytes;
                long v = 0;
                for (int b = 0; b < bytes; b++) {
                    int by = data[off + (big ? b : bytes - 1 - b)] & 0xff;
                    v = (v << 8) | by;
                }
                double s;
                if (isFloat) {
                    s = bytes == 4 ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
                } else if (unsigned) {
                    s = (v - (1L << (8 * bytes - 1))) * scale;
                } else {
                    long shift = 64 - 8L * bytes;
                    s = ((v << shift) >> shift) * scale; // sign-extend
                }
                sum += s;
            }
            out[i] = (float) (sum / channels);
        }
        return out;
    }
}
