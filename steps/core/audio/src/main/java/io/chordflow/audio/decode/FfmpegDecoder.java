package io.chordflow.audio.decode;

import io.chordflow.common.InputException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Anything ffmpeg reads (Ogg, Opus, AAC/M4A, ...), when an {@code ffmpeg} binary is on the PATH: ffmpeg
 * down-mixes to mono and writes 32-bit float WAV to a pipe; this class reads the rate from the header
 * and the samples up to the end of the stream (ffmpeg cannot fill in sizes on a pipe).
 */
public final class FfmpegDecoder {
    private FfmpegDecoder() {
    }

    /** The ffmpeg binary on the PATH, or null. */
    public static Path binary() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "ffmpeg");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    public static boolean available() {
        return binary() != null;
    }

    static DecodedAudio decode(Path file) throws IOException {
        Path ffmpeg = binary();
        if (ffmpeg == null) {
            throw new InputException(file + ": format not supported without ffmpeg (WAV, FLAC, MP3 are built in)");
        }
        Process p = new ProcessBuilder(List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-i",
                file.toAbsolutePath().toString(), "-vn", "-ac", "1", "-c:a", "pcm_f32le", "-f", "wav", "-"))
                .start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try (InputStream e = p.getErrorStream()) {
                return new String(e.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            } catch (IOException ex) {
                return ex.toString();
            }
        });
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
            in.transferTo(buf);
            out = buf.toByteArray();
        }
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding " + file, e);
        }
        if (rc != 0) {
            // drop ffmpeg's "[mp3 @ 0x55...]" context pointers: the reason must not change from run to run
            String msg = err.join().replaceAll("\\[[^\\]]* @ 0x[0-9a-fA-F]+\\] ?", "");
            throw new InputException(file + ": ffmpeg could not decode it: " + (msg.isEmpty() ? "exit " + rc
                    : msg.lines().findFirst().orElse(msg)));
        }
        return parseFloatWav(out, file);
    }

    static DecodedAudio parseFloatWav(byte[] b, Object file) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b.length < 12 || bb.getInt(0) != 0x46464952 || bb.getInt(8) != 0x45564157) {
            throw new InputException(file + ": ffmpeg produced no WAV stream");
        }
        int p = 12;
        int rate = 0;
        while (p + 8 <= b.length) {
            int id = bb.getInt(p);
            long size = bb.getInt(p + 4) & 0xffffffffL;
            if (id == 0x20746d66) { // "fmt "
                rate = bb.getInt(p + 12);
            } else if (id == 0x61746164) { // "data": to the end of the stream
                int n = (b.length - p - 8) / 4;
                float[] s = new float[n];
                for (int i = 0; i < n; i++) {
                    s[i] = bb.getFloat(p + 8 + 4 * i);
                }
                if (rate <= 0) {
                    throw new InputException(file + ": ffmpeg WAV stream without a sample rate");
                }
                return new DecodedAudio(s, rate);
            }
            p += 8 + (int) Math.min(size + (size & 1), b.length);
        }
        throw new InputException(file + ": ffmpeg produced no audio samples");
    }
}
