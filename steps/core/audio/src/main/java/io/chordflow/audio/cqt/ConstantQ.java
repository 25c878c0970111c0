package io.chordflow.audio.cqt;

import io.chordflow.audio.resample.HalfbandDecimator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Constant-Q magnitude |C| following librosa 0.10's {@code cqt} (= {@code vqt} with gamma 0) step by step:
 * <ol>
 * <li>centre frequencies {@code f_k = fmin * 2^(k/bpo)}; relative bandwidth
 *     {@code alpha = (r^2-1)/(r^2+1)}, {@code r = 2^(1/bpo)}; {@code Q = filter_scale/alpha};
 *     filter lengths {@code N_k = Q*sr/f_k} (librosa's {@code wavelet_lengths});</li>
 * <li>early downsampling by {@code 2^c} when the top filter's cut-off
 *     {@code max f_k (1 + 0.5*1.50018/Q)} leaves room ({@code __early_downsample_count}); for BTC's
 *     parameters c = 1: 22050 Hz -> 11025 Hz, hop 2048 -> 1024;</li>
 * <li>per octave, from the top: the octave's filters are Hann windows (periodic, {@code ceil(N_k)} long)
 *     times complex exponentials, L1-normalised, centred in an FFT frame of the next power of two,
 *     scaled by {@code N_k/n_fft}, transformed, kept for non-negative frequencies and sparsified
 *     (the smallest entries holding 1% of each row's L1 mass dropped, {@code util.sparsify_rows}),
 *     then scaled by {@code sqrt(sr/sr_octave)};</li>
 * <li>the response is the basis times a centred STFT (rectangular window, zero padding, hop
 *     {@code hop/2^octave}) of the octave's signal; the signal is then decimated by 2 with
 *     {@code scale=True} (amplitude times sqrt 2);</li>
 * <li>octaves are stacked, trimmed to the shortest, and divided by {@code sqrt(N_k)} at the
 *     post-early-downsampling rate ({@code scale=True}).</li>
 * </ol>
 * librosa decimates with soxr_hq; this uses {@link HalfbandDecimator} (see there why that is enough; the
 * fidelity test measures the difference). Immutable and thread-safe; the filter bank is built once.
 */
public final class ConstantQ {
    /** Bandwidth of the Hann window in FFT bins, scipy/librosa's {@code window_bandwidth('hann')}. */
    static final double HANN_BANDWIDTH = 1.50018310546875;

    private final int sampleRate;
    private final int hop;
    private final int nBins;
    private final int bpo;
    private final int earlyCount;
    private final int octaves;
    private final Octave[] stages;
    private final float[] invSqrtLength;
    private final HalfbandDecimator decimator;

    /** One octave's sparse FFT-domain filter bank. */
    private record Octave(int nFft, int firstBin, int[][] index, float[][] re, float[][] im) {
    }

    public ConstantQ(int sampleRate, int hop, double fmin, int nBins, int bpo, double sparsity,
                     HalfbandDecimator decimator) {
        if (nBins % bpo != 0) {
            throw new IllegalArgumentException("bins must be whole octaves: " + nBins + " % " + bpo);
        }
        this.sampleRate = sampleRate;
        this.hop = hop;
        this.nBins = nBins;
        this.bpo = bpo;
        this.octaves = nBins / bpo;
        this.decimator = decimator;
        double[] freqs = frequencies(fmin, nBins, bpo);
        double alpha = alpha(bpo);
        double q = 1.0 / alpha;
        double cutoff = 0;
        for (double f : freqs) {
            cutoff = Math.max(cutoff, f * (1 + 0.5 * HANN_BANDWIDTH / q));
        }
        double nyquist = sampleRate / 2.0;
        if (cutoff > nyquist) {
            throw new IllegalArgumentException("top filter cut-off " + cutoff + " Hz exceeds Nyquist " + nyquist);
        }
        this.earlyCount = earlyDownsampleCount(nyquist, cutoff, hop, octaves);
        double sr = sampleRate / (double) (1 << earlyCount);
        if (hop % (1 << (earlyCount + octaves - 1)) != 0) {
            throw new IllegalArgumentException("hop " + hop + " must halve " + (earlyCount + octaves - 1) + " times");
        }
        this.invSqrtLength = new float[nBins];
        for (int k = 0; k < nBins; k++) {
            invSqrtLength[k] = (float) (1 / Math.sqrt(q * sr / freqs[k]));
        }
        this.stages = new Octave[octaves];
        double mySr = sr;
        for (int i = 0; i < octaves; i++) {
            int first = nBins - bpo * (i + 1);
            stages[i] = octave(mySr, Arrays.copyOfRange(freqs, first, first + bpo), first, q, sparsity,
                    Math.sqrt(sr / mySr));
            mySr /= 2;
        }
    }

    /** librosa's {@code cqt_frequencies}. */
    static double[] frequencies(double fmin, int nBins, int bpo) {
        double[] f = new double[nBins];
        for (int k = 0; k < nBins; k++) {
            f[k] = fmin * StrictMath.pow(2.0, (double) k / bpo);
        }
        return f;
    }

    /** librosa 0.10's {@code __bpo_to_alpha}: relative bandwidth of a constant-Q filter. */
    static double alpha(int bpo) {
        double r = StrictMath.pow(2.0, 1.0 / bpo);
        return (r * r - 1) / (r * r + 1);
    }

    /** Filter length in samples at rate {@code sr}: {@code Q*sr/f}. */
    static double length(double f, double sr, int bpo) {
        return sr / (alpha(bpo) * f);
    }

    /** librosa 0.10's {@code __early_downsample_count}. */
    static int earlyDownsampleCount(double nyquist, double cutoff, int hop, int octaves) {
        int c1 = Math.max(0, (int) Math.ceil(log2(nyquist / cutoff)) - 1 - 1);
        int twos = Integer.numberOfTrailingZeros(hop);
        int c2 = Math.max(0, twos - octaves + 1);
        return Math.min(c1, c2);
    }

    private static double log2(double x) {
        return StrictMath.log(x) / StrictMath.log(2);
    }

    public int earlyDownsampleCount() {
        return earlyCount;
    }

    public int frames(int samples) {
        return 1 + samples / hop;
    }

    private static Octave octave(double sr, double[] freqs, int firstBin, double q, double sparsity, double scale) {
        int n = freqs.length;
        double[] lengths = new double[n];
        double maxLen = 0;
        for (int k = 0; k < n; k++) {
            lengths[k] = q * sr / freqs[k];
            maxLen = Math.max(maxLen, lengths[k]);
        }
        int nFft = 1 << (int) Math.ceil(log2(maxLen));
        DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
        int[][] index = new int[n][];
        float[][] re = new float[n][];
        float[][] im = new float[n][];
        for (int k = 0; k < n; k++) {
            double ilen = lengths[k];
            // np.arange(-ilen // 2, ilen // 2): floor division of a float
            double start = Math.floor(-ilen / 2);
            int m = (int) (Math.floor(ilen / 2) - start);
            double[] sig = new double[2 * nFft];
            double l1 = 0;
            for (int j = 0; j < m; j++) {
                l1 += hann(j, m);
            }
            int lpad = (nFft - m) / 2;
            double w0 = 2 * Math.PI * freqs[k] / sr;
            for (int j = 0; j < m; j++) {
                double a = (start + j) * w0;
                double w = hann(j, m) / l1 * ilen / nFft;
                sig[2 * (lpad + j)] = w * StrictMath.cos(a);
                sig[2 * (lpad + j) + 1] = w * StrictMath.sin(a);
            }
            fft.complexForward(sig);
            int half = nFft / 2 + 1;
            double[] mag = new double[half];
            double norm = 0;
            for (int j = 0; j < half; j++) {
                mag[j] = Math.hypot(sig[2 * j], sig[2 * j + 1]);
                norm += mag[j];
            }
            double threshold = sparsityThreshold(mag, norm, sparsity);
            List<Integer> keep = new ArrayList<>();
            for (int j = 0; j < half; j++) {
                if (mag[j] >= threshold) {
                    keep.add(j);
                }
            }
            index[k] = keep.stream().mapToInt(Integer::intValue).toArray();
            re[k] = new float[index[k].length];
            im[k] = new float[index[k].length];
            for (int t = 0; t < index[k].length; t++) {
                int j = index[k][t];
                re[k][t] = (float) (sig[2 * j] * scale);
                im[k][t] = (float) (sig[2 * j + 1] * scale);
            }
        }
        return new Octave(nFft, firstBin, index, re, im);
    }

    /** librosa's {@code sparsify_rows}: the magnitude below which entries hold {@code quantile} of the mass. */
    static double sparsityThreshold(double[] mag, double norm, double quantile) {
        if (quantile <= 0) {
            return 0;
        }
        double[] sorted = mag.clone();
        Arrays.sort(sorted);
        double cum = 0;
        for (double v : sorted) {
            cum += v / norm;
            if (!(cum < quantile)) {
                return v;
            }
        }
        return sorted[sorted.length - 1];
    }

    /** scipy's periodic Hann window ({@code get_window('hann', m)}, fftbins=True). */
    static double hann(int j, int m) {
        return 0.5 - 0.5 * StrictMath.cos(2 * Math.PI * j / m);
    }

    /** |C| as float [frames][bins], bin 0 = fmin; {@code y} is mono at the configured rate. */
    public float[][] magnitude(float[] y) {
        int frames = frames(y.length);
        float[][] out = new float[frames][nBins];
        float[] sig = y;
        for (int c = 0; c < earlyCount; c++) {
            sig = decimator.decimate(sig);
        }
        int myHop = hop >> earlyCount;
        for (int i = 0; i < octaves; i++) {
            respond(stages[i], sig, myHop, out);
            if (i + 1 < octaves) {
                sig = decimator.decimate(sig);
                myHop /= 2;
            }
        }
        return out;
    }

    /** One octave's filter responses for every frame, written into {@code out} with the length scaling. */
    private void respond(Octave oct, float[] y, int myHop, float[][] out) {
        int nFft = oct.nFft;
        int half = nFft / 2;
        FloatFFT_1D fft = new FloatFFT_1D(nFft);
        float[] buf = new float[nFft];
        float[] dre = new float[half + 1];
        float[] dim = new float[half + 1];
        int n = y.length;
        for (int t = 0; t < out.length; t++) {
            int from = t * myHop - half; // centred frame, zero padded
            if (from >= 0 && from + nFft <= n) {
                System.arraycopy(y, from, buf, 0, nFft);
            } else {
                Arrays.fill(buf, 0f);
                int lo = Math.max(0, -from);
                int hi = Math.min(nFft, n - from);
                if (hi > lo) {
                    System.arraycopy(y, from + lo, buf, lo, hi - lo);
                }
            }
            fft.realForward(buf);
            dre[0] = buf[0];
            dim[0] = 0;
            dre[half] = buf[1];
            dim[half] = 0;
            for (int j = 1; j < half; j++) {
                dre[j] = buf[2 * j];
                dim[j] = buf[2 * j + 1];
            }
            float[] row = out[t];
            for (int k = 0; k < oct.index.length; k++) {
                int[] idx = oct.index[k];
                float[] br = oct.re[k];
                float[] bi = oct.im[k];
                float sr = 0;
                float si = 0;
                for (int p = 0; p < idx.length; p++) {
                    int j = idx[p];
                    sr += br[p] * dre[j] - bi[p] * dim[j];
                    si += br[p] * dim[j] + bi[p] * dre[j];
                }
                int bin = oct.firstBin + k;
                row[bin] = (float) Math.sqrt(sr * sr + si * si) * invSqrtLength[bin];
            }
        }
    }
}
