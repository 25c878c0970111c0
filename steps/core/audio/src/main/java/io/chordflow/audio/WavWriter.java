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
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + dataBytes).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(dataBytes);
        for (float s : samples) {
            float v = Math.max(-1f, Math.min(1f, s)) * 32767f;
            b.putShort((short) (int) (v >= 0 ? v + 0.5f : v - 0.5f));
        }
        return b.array();
    }

    public static void write(OutputStream out, float[] samples, int sampleRate) throws IOException {
        out.write(bytes(samples, sampleRate));
    }
}
