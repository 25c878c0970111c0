package io.chordflow.audio.synth;

import io.chordflow.audio.augment.Biquad;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The production chain a song goes through after its stems are mixed, each stage drawn per song with its
 * probability, in a fixed order: EQ (low shelf, bell, high shelf, each +-6 dB), compression (feed-forward,
 * ratio 2-6), reverb (Schroeder/Freeverb: 4 damped combs + 2 all-passes), stereo fold-down (a wide mix summed
 * to mono: the signal plus a 3-20 ms delayed copy, a comb filter), noise (white or pink, 15-50 dB below
 * the music), loudness (RMS set to -30..-10 dBFS; RMS, not K-weighted LUFS) with a look-ahead peak limiter
 * at -0.2 dBFS where needed, and an MP3 round trip at 64-192 kbps. Every stage and its parameters go into
 * the manifest.
 */
final class Production {
    static final double P_EQ = 0.6;
    static final double P_COMPRESS = 0.5;
    static final double P_REVERB = 0.6;
    static final double P_FOLD = 0.3;
    static final double P_NOISE = 0.5;
    static final double P_MP3 = 0.3;
    private static final int[] KBPS = {64, 96, 128, 160, 192};
    private static final float CEILING = 0.977f; // -0.2 dBFS

    /** One stage: its name, parameters, and why it was skipped (null when applied). */
    record Stage(String name, Map<String, Double> params, String skipped) {
    }

    private Production() {
    }

    /** Draws the chain. The loudness stage is always there. */
    static List<Stage> plan(SplittableRandom r, String mp3Unavailable) {
        List<Stage> out = new ArrayList<>();
        if (r.nextDouble() < P_EQ) {
            out.add(stage("eq", "low_hz", 60 + 240 * r.nextDouble(), "low_db", u(r, -6, 6), "mid_hz", 300 * StrictMath.pow(10, r.nextDouble()),
                    "mid_db", u(r, -6, 6), "mid_q", u(r, 0.5, 2), "high_hz", 2000 + 6000 * r.nextDouble(), "high_db", u(r, -6, 6)));
        }
        if (r.nextDouble() < P_COMPRESS) {
            out.add(stage("compress", "threshold_db_over_rms", u(r, 0, 8), "ratio", u(r, 2, 6), "attack_ms", u(r, 2, 20),
                    "release_ms", u(r, 50, 250)));
        }
        if (r.nextDouble() < P_REVERB) {
            out.add(stage("reverb", "room", u(r, 0.7, 0.9), "damping", u(r, 0.2, 0.6), "wet", u(r, 0.08, 0.35),
                    "predelay_ms", u(r, 0, 30)));
        }
        if (r.nextDouble() < P_FOLD) {
            out.add(stage("stereo_fold", "delay_ms", u(r, 3, 20), "gain", u(r, 0.3, 0.8)));
        }
        if (r.nextDouble() < P_NOISE) {
            out.add(stage("noise", "snr_db", u(r, 15, 50), "pink", r.nextBoolean() ? 1.0 : 0.0, "seed", (double) (r.nextInt() & 0x7fffffff)));
        }
        out.add(stage("loudness", "rms_dbfs", u(r, -30, -10)));
        if (r.nextDouble() < P_MP3) {
            Stage s = stage("mp3", "kbps", (double) KBPS[r.nextInt(KBPS.length)]);
            out.add(mp3Unavailable == null ? s : new Stage(s.name, s.params, mp3Unavailable));
        }
        return out;
    }

    static float[] apply(float[] x, int sr, List<Stage> chain, Mp3RoundTrip mp3, Path scratch, String tag, RenderTimes times)
            throws IOException {
        for (Stage s : chain) {
            if (s.skipped != null) {
                continue;
            }
            boolean child = s.name.equals("mp3");
            long t0 = child ? System.nanoTime() : RenderTimes.cpu();
            Map<String, Double> p = s.params;
            switch (s.name) {
                case "eq" -> {
                    Biquad.lowShelf(p.get("low_hz"), p.get("low_db"), sr).filter(x);
                    Biquad.peaking(p.get("mid_hz"), p.get("mid_db"), p.get("mid_q"), sr).filter(x);
                    Biquad.highShelf(p.get("high_hz"), p.get("high_db"), sr).filter(x);
                }
                case "compress" -> compress(x, sr, p.get("threshold_db_over_rms"), p.get("ratio"), p.get("attack_ms"), p.get("release_ms"));
                case "reverb" -> x = reverb(x, sr, p.get("room"), p.get("damping"), p.get("wet"), p.get("predelay_ms"));
                case "stereo_fold" -> fold(x, sr, p.get("delay_ms"), p.get("gain"));
                case "noise" -> noise(x, p.get("snr_db"), p.get("pink") > 0, p.get("seed").longValue());
                case "loudness" -> loudness(x, sr, p.get("rms_dbfs"));
                case "mp3" -> x = mp3.apply(x, sr, p.get("kbps").intValue(), scratch, tag);
                default -> throw new IllegalStateException(s.name);
            }
            times.add("production " + s.name + (child ? " (wall)" : " (cpu)"), (child ? System.nanoTime() : RenderTimes.cpu()) - t0,
                    x.length / (double) sr);
        }
        return x;
    }

    private static Stage stage(String name, Object... kv) {
        Map<String, Double> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            // rounded so the manifest stays readable; the rounded value is the one applied
            m.put((String) kv[i], Math.round((Double) kv[i + 1] * 1e4) / 1e4);
        }
        return new Stage(name, m, null);
    }

    private static double u(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return Math.sqrt(s / Math.max(1, x.length));
    }

    /** Feed-forward compressor: gain from a peak envelope (attack/release), computed per 32-sample block. */
    static void compress(float[] x, int sr, double overRmsDb, double ratio, double attackMs, double releaseMs) {
        double thr = rms(x) * StrictMath.pow(10, overRmsDb / 20);
        if (thr <= 0) {
            return;
        }
        double att = StrictMath.exp(-1 / (attackMs * 1e-3 * sr));
        double rel = StrictMath.exp(-1 / (releaseMs * 1e-3 * sr));
        double env = 0;
        double makeup = StrictMath.pow(10, (1 - 1 / ratio) * 3 / 20); // a little make-up gain
        int block = 32;
        for (int b = 0; b < x.length; b += block) {
            int e = Math.min(x.length, b + block);
            for (int i = b; i < e; i++) {
                double a = Math.abs(x[i]);
                env = a > env ? att * env + (1 - att) * a : rel * env + (1 - rel) * a;
            }
            double g = env > thr ? StrictMath.pow(env / thr, 1 / ratio - 1) : 1;
            float gf = (float) (g * makeup);
            for (int i = b; i < e; i++) {
                x[i] *= gf;
            }
        }
    }

    /** Freeverb-style mono reverb: 4 damped feedback combs in parallel, then 2 all-passes, mixed in at {@code wet}. */
    static float[] reverb(float[] x, int sr, double room, double damping, double wet, double predelayMs) {
        int[] combs = {1116, 1188, 1277, 1356};
        int[] alls = {556, 441};
        double scale = sr / 44100.0;
        int pre = (int) Math.round(predelayMs * 1e-3 * sr);
        float[] acc = new float[x.length];
        for (int c : combs) {
            int d = (int) Math.round(c * scale);
            float[] buf = new float[d];
            int idx = 0;
            double store = 0;
            for (int i = 0; i < x.length; i++) {
                float in = i - pre >= 0 ? x[i - pre] : 0;
                float out = buf[idx];
                store = out * (1 - damping) + store * damping;
                buf[idx] = (float) (in * 0.015 + store * room);
                acc[i] += out;
                idx = idx + 1 == d ? 0 : idx + 1;
            }
        }
        for (int a : alls) {
            int d = (int) Math.round(a * scale);
            float[] buf = new float[d];
            int idx = 0;
            for (int i = 0; i < acc.length; i++) {
                float b = buf[idx];
                float out = b - acc[i];
                buf[idx] = acc[i] + b * 0.5f;
                acc[i] = out;
                idx = idx + 1 == d ? 0 : idx + 1;
            }
        }
        // the wet signal at the dry signal's RMS times wet
        double gw = wet * rms(x) / Math.max(1e-12, rms(acc));
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) ((1 - wet / 2) * x[i] + gw * acc[i]);
        }
        return y;
    }

    /** A wide stereo mix folded to mono: x + g * x delayed. */
    static void fold(float[] x, int sr, double delayMs, double gain) {
        int d = (int) Math.round(delayMs * 1e-3 * sr);
        for (int i = x.length - 1; i >= d; i--) {
            x[i] += (float) (gain * x[i - d]);
        }
    }

    /** White or pink (Paul Kellet's economy filter) noise at {@code snrDb} below the signal's RMS; xorshift, the same everywhere. */
    static void noise(float[] x, double snrDb, boolean pink, long seed) {
        double level = rms(x) * StrictMath.pow(10, -snrDb / 20);
        long s = seed | 1;
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double pinkNorm = pink ? 1 / 3.0 : 1; // the filter's gain on unit white noise is ~3
        double unit = Math.sqrt(3) / (1L << 31); // uniform int in [-2^31, 2^31): unit variance after this scale
        for (int i = 0; i < x.length; i++) {
            s ^= s << 13;
            s ^= s >>> 7;
            s ^= s << 17;
            double w = unit * (int) (s >> 32);
            if (pink) {
                b0 = 0.99765 * b0 + w * 0.0990460;
                b1 = 0.96300 * b1 + w * 0.2965164;
                b2 = 0.57000 * b2 + w * 1.0526913;
                w = b0 + b1 + b2 + w * 0.1848;
            }
            x[i] += (float) (level * w * pinkNorm);
        }
    }

    /** Sets the RMS to {@code dbfs}, then limits peaks to the ceiling: a backward ramp (2 ms look-ahead) and an 80 ms release. */
    static void loudness(float[] x, int sr, double dbfs) {
        double r = rms(x);
        if (r <= 0) {
            return;
        }
        float g = (float) (StrictMath.pow(10, dbfs / 20) / r);
        float peak = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] *= g;
            peak = Math.max(peak, Math.abs(x[i]));
        }
        if (peak <= CEILING) {
            return;
        }
        int n = x.length;
        float[] gain = new float[n];
        float step = 1f / Math.max(1, sr / 500); // reach any needed gain from 1 within 2 ms
        float next = 1;
        for (int i = n - 1; i >= 0; i--) {
            float need = Math.abs(x[i]) > CEILING ? CEILING / Math.abs(x[i]) : 1;
            next = Math.min(need, next + step);
            gain[i] = Math.min(1, next);
        }
        double rel = StrictMath.exp(-1 / (0.08 * sr));
        double cur = 1;
        for (int i = 0; i < n; i++) {
            cur = Math.min(gain[i], 1 - (1 - cur) * rel);
            x[i] *= (float) cur;
        }
    }
}
