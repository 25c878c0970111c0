package io.chordflow.audio.cqt;

/**
 * The slow, obvious constant-Q transform that librosa's fast one approximates: for every bin and frame,
 * the full-rate inner product of the signal with the bin's L1-normalised Hann-windowed complex exponential
 * of length Q*sr/f_k, centred on the frame time, scaled by sqrt of that length. No FFT, no sparsity, no
 * resampling. (In librosa's pipeline the decimation gains, the sqrt(sr/sr_octave) basis scale and the final
 * 1/sqrt(N_k) at the early-downsampled rate cancel to exactly this scaling.)
 */
final class DirectCqt {
    private DirectCqt() {
    }

    static double[][] magnitude(float[] y, int sr, int hop, double fmin, int nBins, int bpo) {
        int frames = 1 + y.length / hop;
        double[][] out = new double[frames][nBins];
        for (int k = 0; k < nBins; k++) {
            double f = fmin * Math.pow(2.0, (double) k / bpo);
            double ilen = ConstantQ.length(f, sr, bpo);
            int m = (int) (Math.floor(ilen / 2) - Math.floor(-ilen / 2));
            int c = (m + 1) / 2; // window index at lag 0 (librosa's centring, see class doc)
            double[] wr = new double[m];
            double[] wi = new double[m];
            double l1 = 0;
            for (int q = 0; q < m; q++) {
                l1 += ConstantQ.hann(q, m);
            }
            double w0 = 2 * Math.PI * f / sr;
            // weight for lag u = c - q
            for (int q = 0; q < m; q++) {
                int u = c - q;
                double w = ConstantQ.hann(q, m) / l1;
                wr[q] = w * Math.cos(w0 * u);
                wi[q] = -w * Math.sin(w0 * u);
            }
            double scale = Math.sqrt(ilen);
            for (int t = 0; t < frames; t++) {
                double re = 0;
                double im = 0;
                int base = t * hop + c;
                for (int q = 0; q < m; q++) {
                    int i = base - q;
                    if (i >= 0 && i < y.length) {
                        re += wr[q] * y[i];
                        im += wi[q] * y[i];
                    }
                }
                out[t][k] = scale * Math.hypot(re, im);
            }
        }
        return out;
    }
}
