package io.chordflow.audio.synth;

import io.chordflow.audio.AudioLoader;
import io.chordflow.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An MP3 encode and decode: {@code ffmpeg -bitexact} with libmp3lame (deterministic for a given ffmpeg/LAME
 * build), decoded back by the project's gapless {@link AudioLoader} so the audio stays aligned with its labels.
 * {@link #unavailableBecause} says why the round trip is skipped where ffmpeg or its MP3 encoder is missing.
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
            float[] y = AudioLoader.load(mp3, sr);
            return java.util.Arrays.copyOf(y, x.length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(mp3);
        }
    }
}
