package io.chordflow.audio.decode;

import io.chordflow.common.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Picks a decoder from the file's first bytes (not its name); falls back to ffmpeg when one fails or none fits. */
public final class AudioDecoder {
    enum Kind { WAV, AIFF, FLAC, MP3, OTHER }

    private AudioDecoder() {
    }

    public static DecodedAudio decode(Path file) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new InputException(file + ": empty file (0 bytes)");
            }
            Kind kind = sniff(file);
            DecodedAudio d;
            try {
                d = switch (kind) {
                    case WAV, AIFF, FLAC -> JavaSoundDecoder.decode(file);
                    case MP3 -> Mp3Decoder.decode(file);
                    case OTHER -> FfmpegDecoder.decode(file);
                };
            } catch (IOException | RuntimeException e) {
                // a built-in decoder gave up: ffmpeg may still read it (e.g. WAV with an exotic codec)
                if (kind == Kind.OTHER || !FfmpegDecoder.available() || isTruncation(e)) {
                    throw e;
                }
                d = FfmpegDecoder.decode(file);
            }
            if (d.samples().length == 0) {
                throw new InputException(file + ": no audio samples");
            }
            if (d.sampleRate() <= 0) {
                throw new InputException(file + ": bad sample rate " + d.sampleRate());
            }
            return d;
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new InputException(file + ": unreadable: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new InputException(file + ": unreadable: " + e.getCause().getMessage(), e);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            // decoders' own failures on corrupt data (array bounds, jflac's checks) are bad input, not bugs here
            throw new InputException(file + ": corrupt audio: " + e, e);
        }
    }

    private static boolean isTruncation(Exception e) {
        return e instanceof InputException && e.getMessage() != null && e.getMessage().contains("truncated");
    }

    static Kind sniff(Path file) throws IOException {
        byte[] b = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(b, 0, b.length);
        }
        if (n >= 12 && (tag(b, 0, "RIFF") || tag(b, 0, "RF64")) && tag(b, 8, "WAVE")) {
            return Kind.WAV;
        }
        if (n >= 12 && tag(b, 0, "FORM") && (tag(b, 8, "AIFF") || tag(b, 8, "AIFC"))) {
            return Kind.AIFF;
        }
        if (n >= 4 && tag(b, 0, "fLaC")) {
            return Kind.FLAC;
        }
        if (n >= 3 && tag(b, 0, "ID3")) {
            return Kind.MP3;
        }
        if (n >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0 && ((b[1] >> 1) & 3) == 1) {
            return Kind.MP3; // MPEG audio frame sync, layer III
        }
        return Kind.OTHER;
    }

    private static boolean tag(byte[] b, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
