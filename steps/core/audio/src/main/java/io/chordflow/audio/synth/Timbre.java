package io.chordflow.audio.synth;

/**
 * Additive-synthesis instruments: a harmonic spectrum (amplitude of harmonic h), an optional duller
 * spectrum the sound decays towards (brightness fading as in plucked and struck strings), and an
 * amplitude envelope. Notes are rendered from single-cycle wavetables, band-limited per pitch.
 */
public enum Timbre {
    PIANO(0.004, 1.4, 0.25, 0.0) {
        double bright(int h) { return StrictMath.pow(h, -1.1); }
        double dull(int h) { return h <= 2 ? StrictMath.pow(h, -2) : 0; }
    },
    ORGAN(0.012, 0, 0, 0.9) {
        double bright(int h) {
            return switch (h) { case 1 -> 1; case 2 -> 0.8; case 3 -> 0.6; case 4 -> 0.4; case 6 -> 0.3; case 8 -> 0.25; default -> 0; };
        }
    },
    PAD(0.15, 0, 0, 0.8) {
        double bright(int h) { return 1.0 / h; } // sawtooth-like strings
    },
    EPIANO(0.003, 2.0, 0.6, 0.0) {
        double bright(int h) { return h == 1 ? 1 : h == 2 ? 0.35 : h == 3 ? 0.15 : h == 7 ? 0.12 : 0.02 / h; }
        double dull(int h) { return h == 1 ? 1 : h == 2 ? 0.1 : 0; }
    },
    PLUCK(0.002, 0.9, 0.12, 0.0) {
        double bright(int h) { return StrictMath.pow(h, -1.5) * (h % 5 == 0 ? 0.3 : 1); }
        double dull(int h) { return h == 1 ? 1 : h == 2 ? 0.2 : 0; }
    },
    REED(0.03, 0, 0, 0.85) {
        double bright(int h) { return h % 2 == 1 ? 1.0 / h : 0.05 / h; } // clarinet-like odd harmonics
    },
    FLUTE(0.05, 0, 0, 0.9) {
        double bright(int h) { return h == 1 ? 1 : h == 2 ? 0.25 : h == 3 ? 0.08 : 0; }
    },
    BASS(0.004, 1.8, 0.3, 0.0) {
        double bright(int h) { return StrictMath.pow(h, -1.6); }
        double dull(int h) { return h == 1 ? 1 : h == 2 ? 0.3 : 0; }
    },
    SYNTH_BASS(0.003, 0.8, 0.5, 0.35) {
        double bright(int h) { return 1.0 / h; }
        double dull(int h) { return h <= 3 ? 1.0 / (h * h) : 0; }
    };

    final double attack;
    final double decay;      // seconds to 1/e (0: none)
    final double brightDecay; // seconds for the bright->dull crossfade (0: stays bright)
    final double sustain;    // level the decay settles at

    Timbre(double attack, double decay, double brightDecay, double sustain) {
        this.attack = attack;
        this.decay = decay;
        this.brightDecay = brightDecay;
        this.sustain = sustain;
    }

    abstract double bright(int h);

    /** The additive timbre closest to a General MIDI program's family. */
    static Timbre forProgram(int program) {
        int family = program / 8;
        return switch (family) {
            case 0 -> program == 4 || program == 5 ? EPIANO : PIANO;   // pianos
            case 1 -> program == 11 ? EPIANO : PIANO;                  // chromatic percussion
            case 2 -> program == 21 || program == 22 || program == 23 ? REED : ORGAN;
            case 3 -> PLUCK;                                           // guitars
            case 4 -> program >= 38 ? SYNTH_BASS : BASS;
            case 5, 6 -> program == 43 ? BASS : program == 45 || program == 46 ? PLUCK : PAD; // strings, ensembles
            case 7, 8 -> REED;                                         // brass, reeds
            case 9 -> FLUTE;                                           // pipes
            case 10 -> REED;                                           // synth leads
            case 11 -> PAD;                                            // synth pads
            default -> PLUCK;                                          // ethnic (banjo, fiddle...), the rest
        };
    }

    double dull(int h) {
        return bright(h);
    }

    double envelope(double t) {
        double a = Math.min(1, t / attack);
        double d = decay > 0 ? sustain + (1 - sustain) * StrictMath.exp(-t / decay) : 1;
        return a * d;
    }
}
