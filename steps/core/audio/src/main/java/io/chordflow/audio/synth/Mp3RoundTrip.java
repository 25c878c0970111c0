package io.chordflow.audio.synth;

import io.chordflow.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An MP3 encode and decode: {@code ffmpeg -bitexact} with libmp3lame (deterministic for a given ffmpeg/LAME
 * build), decoded back by ffmpeg as 32-bit float, which honours the LAME tag's encoder delay and padding
 * (gapless), so the audio keeps its length and stays aligned with its labels (tested). ffmpeg decodes ~4x
 * cheaper than the JLayer path of {@link io.chordflow.audio.AudioLoader}. {@link #unavailableBecause} says why
 * the round trip is skipped where ffmpeg or its MP3 encoder is missing.
 */
final class Mp3RoundTrip {
    private final String ffmpeg;
    private final String unavailable;

    Mp3RoundTrip(String ffmpeg) {
        this.ffmpeg = ffmpeg;
        this.unavailable = probe(ffmpeg);
    }

    /** Null when the round trip works, else the reason it is skipped. */
    String unavailableBecause() {
        return unavailable;
    }

    private static String probe(String ffmpeg) {
        try {
            Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-encoders").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return ffmpeg + " -encoders failed";
            }
            return out.contains("libmp3lame") ? null : ffmpeg + " has no libmp3lame encoder";
        } catch (IOException e) {
            return ffmpeg + " not on the PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    float[] apply(float[] x, int sr, int kbps, Path scratch, String tag) throws IOException {
        Files.createDirectories(scratch);
        Path wav = scratch.resolve(tag + ".wav");
        Path mp3 = scratch.resolve(tag + ".mp3");
        try {
            Files.write(wav, WavWriter.bytes(x, sr));
            Process p = new ProcessBuilder(List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-y", "-i", wav.toString(),
                    "-bitexact", "-map_metadata", "-1", "-c:a", "libmp3lame", "-b:a", kbps + "k", "-threads", "1", mp3.toString()))
                    .redirectErrorStream(true).start();
            byte[] log = p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException(ffmpeg + " mp3 encode failed: " + new String(log).strip());
            }
            Process d = new ProcessBuilder(List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-i", mp3.toString(),
                    "-f", "f32le", "-ac", "1", "-ar", Integer.toString(sr), "-threads", "1", "-")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] pcm = d.getInputStream().readAllBytes();
            if (d.waitFor() != 0) {
                throw new IOException(ffmpeg + " mp3 decode failed on " + mp3);
            }
            java.nio.FloatBuffer f = java.nio.ByteBuffer.wrap(pcm).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] y = new float[x.length];
            f.get(y, 0, Math.min(y.length, f.remaining()));
            return y;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(mp3);
        }
    }
}
