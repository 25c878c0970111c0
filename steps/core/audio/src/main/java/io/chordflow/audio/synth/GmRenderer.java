package io.chordflow.audio.synth;

import io.chordflow.common.InputException;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sound.midi.Instrument;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Patch;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * Renders a {@link Score} through the JDK's software synthesizer (Gervill) with a General MIDI soundfont,
 * e.g. Debian's fluid-soundfont-gm. Offline, pull-based rendering ({@code AudioSynthesizer.openStream}) is
 * deterministic, but that interface sits in the JDK's non-exported {@code com.sun.media.sound} package, so
 * the JVM needs {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED}; {@link #check} says so
 * when it is missing. The real-time path would need a sound card and is not repeatable. About 50-150x real
 * time per core, so it is opt-in ({@code synth --gm-share}).
 */
final class GmRenderer {
    static final Path DEFAULT_SOUNDFONT = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");
    static final String EXPORT_FLAG = "--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED";

    private final Soundbank bank;
    private final Method openStream;

    private GmRenderer(Soundbank bank, Method openStream) {
        this.bank = bank;
        this.openStream = openStream;
    }

    /** Loads the soundfont, or says exactly why GM rendering is unavailable. */
    static GmRenderer check(Path soundfont) {
        return check(soundfont, "--soundfont");
    }

    /** As {@link #check(Path)}, naming {@code where} (an option or source) in the error. */
    static GmRenderer check(Path soundfont, String where) {
        if (!Files.isRegularFile(soundfont)) {
            throw new InputException(where + ": soundfont " + soundfont + " missing (Debian: apt-get install "
                    + SourceCatalog.packageOf(soundfont) + ")");
        }
        Method open;
        try {
            Class<?> as = Class.forName("com.sun.media.sound.AudioSynthesizer");
            open = as.getMethod("openStream", AudioFormat.class, Map.class);
            Synthesizer probe = MidiSystem.getSynthesizer();
            if (!as.isInstance(probe)) {
                throw new InputException("--gm-share: this JDK's synthesizer cannot render offline");
            }
            open.invoke(probe, new AudioFormat(22050f, 16, 1, true, false), null);
            probe.close();
        } catch (IllegalAccessException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException("GM rendering through the JDK synthesizer (--gm-share, @gervill sources): the JVM must run with " + EXPORT_FLAG
                    + " (e.g. JAVA_TOOL_OPTIONS) to render offline through the JDK synthesizer", e);
        } catch (ReflectiveOperationException | MidiUnavailableException e) {
            throw new InputException("--gm-share: the JDK synthesizer is unavailable: " + e, e);
        }
        try {
            return new GmRenderer(MidiSystem.getSoundbank(new File(soundfont.toString())), open);
        } catch (InvalidMidiDataException | IOException e) {
            throw new InputException(soundfont + ": not a readable soundfont: " + e.getMessage(), e);
        }
    }

    /** Renders a whole score (every part) through this soundfont, with the score's fixed noise and level. */
    float[] render(Score s) throws IOException {
        float[] y = new float[s.lengthSamples()];
        for (Part p : Part.values()) {
            List<Score.Note> notes = s.notes().stream().filter(n -> n.part() == p).toList();
            List<Score.Hit> hits = p == Part.DRUMS ? s.hits() : List.of();
            if (notes.isEmpty() && hits.isEmpty()) {
                continue;
            }
            float[] stem = render(notes, hits, s.drumKit(), s.sampleRate(), s.lengthSamples(), false);
            for (int i = 0; i < y.length; i++) {
                y[i] += stem[i];
            }
        }
        return y;
    }

    /** Renders one stem (see {@link MidiEvents}); {@code kitAtBankZero} for drum-kit soundfonts. */
    float[] render(List<Score.Note> notes, List<Score.Hit> hits, int drumKit, int sr, int lengthSamples, boolean kitAtBankZero)
            throws IOException {
        AudioFormat fmt = new AudioFormat(sr, 16, 1, true, false);
        Synthesizer syn;
        AudioInputStream stream;
        try {
            syn = MidiSystem.getSynthesizer();
            stream = (AudioInputStream) openStream.invoke(syn, fmt, null);
        } catch (ReflectiveOperationException | MidiUnavailableException e) {
            throw new IOException("GM synthesizer: " + e, e);
        }
        try {
            syn.unloadAllInstruments(syn.getDefaultSoundbank());
            Receiver r = syn.getReceiver();
            MidiEvents ev = new MidiEvents(notes, hits, sr, kitAtBankZero, drumKit);
            for (MidiEvents.Setup su : ev.setups) {
                int program = load(syn, new Patch(su.bank(), su.program()));
                r.send(new ShortMessage(ShortMessage.PROGRAM_CHANGE, su.channel(), program, 0), 0);
            }
            for (MidiEvents.Event e : ev.events) {
                r.send(new ShortMessage(e.status(), e.channel(), e.data1(), e.data2()), e.micros());
            }
            byte[] pcm = new byte[lengthSamples * 2];
            int got = 0;
            while (got < pcm.length) {
                int k = stream.read(pcm, got, pcm.length - got);
                if (k < 0) {
                    break;
                }
                got += k;
            }
            float[] y = new float[lengthSamples];
            for (int i = 0; i < y.length; i++) {
                y[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8)) / 32768f;
            }
            return y;
        } catch (InvalidMidiDataException | MidiUnavailableException e) {
            throw new IOException("GM rendering: " + e, e);
        } finally {
            stream.close();
            syn.close();
        }
    }

    /** Loads the patch's instrument; returns the program loaded (a missing drum kit falls back to kit 0, as FluidSynth does). */
    private int load(Synthesizer syn, Patch patch) {
        Instrument ins = bank.getInstrument(patch);
        int program = patch.getProgram();
        if (patch.getBank() == 128) {
            // Gervill lists a soundfont's bank-128 kits as percussion patches of bank 0 (ModelPatch.isPercussion)
            ins = kit(patch.getProgram());
            if (ins == null) {
                ins = kit(0);
                program = 0;
            }
        }
        if (ins != null) {
            syn.loadInstrument(ins);
        }
        return program;
    }

    private Instrument kit(int program) {
        for (Instrument i : bank.getInstruments()) {
            if (i.getPatch().getProgram() == program && isPercussion(i.getPatch())) {
                return i;
            }
        }
        return null;
    }

    private static boolean isPercussion(Patch p) {
        try {
            return (Boolean) p.getClass().getMethod("isPercussion").invoke(p);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // a plain Patch: not a percussion kit
        }
    }
}
