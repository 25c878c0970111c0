package io.chordflow.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Mono 16-bit PCM WAV. Samples are clipped to [-1, 1] and rounded half away from zero to
 * {@code round(x * 32767)}, so the same samples always give the same bytes.
 */
public final class WavWriter {
    private WavWriter() {
    }

    public static byte[] bytes(float[] samples, int sampleRate) {
        int dataBytes = samples.length * 2;
        byte[] out = new byte[44 + dataBytes];
        ByteBuffer b = ByteBuffer.wrap(out, 0, 44).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + dataBytes).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(dataBytes);
        // plain array writes: a ByteBuffer per sample was the synth's slowest step
        int o = 44;
        for (float s : samples) {
            float v = s * 32767f;
            if (v > 32767f) {
                v = 32767f;
            } else if (v < -32767f) {
                v = -32767f;
            }
            int q = (int) (v >= 0 ? v + 0.5f : v - 0.5f);
            out[o++] = (byte) q;
            out[o++] = (byte) (q >> 8);
        }
        return out;
    }

    public static void write(OutputStream out, float[] samples, int sampleRate) throws IOException {
        out.write(bytes(samples, sampleRate));
    }
}
