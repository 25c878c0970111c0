package io.chordflow.audio.decode;

import io.chordflow.common.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * WAV/AIFF through the JDK's javax.sound, FLAC through jflac's javax.sound provider (org.jflac:jflac-codec).
 * A file whose header promises more frames than it holds is reported as truncated.
 */
final class JavaSoundDecoder {
    private JavaSoundDecoder() {
    }

    static DecodedAudio decode(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
            AudioFormat src = in.getFormat();
            AudioInputStream pcm = in;
            AudioFormat.Encoding enc = src.getEncoding();
            boolean isPcm = AudioFormat.Encoding.PCM_SIGNED.equals(enc) || AudioFormat.Encoding.PCM_UNSIGNED.equals(enc)
                    || AudioFormat.Encoding.PCM_FLOAT.equals(enc);
            if (!isPcm) {
                int bits = src.getSampleSizeInBits() > 0 ? src.getSampleSizeInBits() : 16;
                AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, src.getSampleRate(), bits,
                        src.getChannels(), src.getChannels() * ((bits + 7) / 8), src.getSampleRate(), false);
                pcm = AudioSystem.getAudioInputStream(target, in);
            }
            AudioFormat f = pcm.getFormat();
            byte[] data = Pcm.readAll(pcm);
            long promised = in.getFrameLength();
            int frameBytes = f.getChannels() * ((f.getSampleSizeInBits() + 7) / 8);
            long got = data.length / frameBytes;
            if (promised != AudioSystem.NOT_SPECIFIED && promised > 0 && got < promised) {
                throw new InputException(file + ": truncated: header says " + promised + " frames, file holds " + got);
            }
            return new DecodedAudio(Pcm.toMono(data, data.length, f), Math.round(f.getSampleRate()));
        } catch (UnsupportedAudioFileException e) {
            throw new InputException(file + ": not a readable audio file (" + e.getMessage() + ")", e);
        }
    }
}
