package io.chordflow.audio.cqt;

/**
 * The slow, obvious constant-Q transform that librosa's fast one approximates, written from the definitions
 * (librosa 0.10 {@code filters.wavelet}, {@code __bpo_to_alpha}, scipy's {@code get_window('hann', M)}) and
 * sharing no code with {@link ConstantQ}:
 * <ul>
 * <li>centre frequencies {@code f_k = fmin 2^(k/bpo)}; relative bandwidth {@code alpha = (r^2 - 1)/(r^2 + 1)} with
 *     {@code r = 2^(1/bpo)}; {@code Q = 1/alpha} (filter_scale 1); filter length {@code N_k = Q sr / f_k};</li>
 * <li>the filter: lags {@code n = floor(-N_k/2) .. floor(N_k/2) - 1} ({@code np.arange(-N//2, N//2)}, so
 *     {@code M = floor(N_k/2) - floor(-N_k/2)} taps, lag 0 at tap {@code ceil(N_k/2)}), a periodic Hann window
 *     {@code w[q] = 0.5 - 0.5 cos(2 pi q / M)} times {@code exp(i 2 pi f_k n / sr)}, normalised to L1 norm 1;</li>
 * <li>{@code C[k, t] = sqrt(N_k) |sum_q h_k[q] y[t hop - n_q]|}: librosa applies the filter through the product of
 *     its FFT with a centred STFT frame, which is a convolution, hence the time reversal; the samples outside
 *     the signal are 0 (librosa's centre padding is zeros); frames {@code 1 + len/hop}.</li>
 * </ul>
 * No FFT, no sparsity, no resampling: the full-rate inner product. (In librosa's pipeline the decimation gains,
 * the {@code sqrt(sr/sr_octave)} basis scale and the final {@code 1/sqrt(N_k)} at the early-downsampled rate
 * cancel to exactly the {@code sqrt(N_k)} here.)
 */
final class DirectCqt {
    private DirectCqt() {
    }

    static double[][] magnitude(float[] y, int sr, int hop, double fmin, int nBins, int bpo) {
        double r = Math.pow(2.0, 1.0 / bpo);
        double q = 1 / ((r * r - 1) / (r * r + 1));
        int frames = 1 + y.length / hop;
        double[][] out = new double[frames][nBins];
        for (int k = 0; k < nBins; k++) {
            double f = fmin * Math.pow(2.0, (double) k / bpo);
            double len = q * sr / f;
            int first = (int) Math.floor(-len / 2);
            int m = (int) Math.floor(len / 2) - first;
            double[] window = new double[m];
            double l1 = 0;
            for (int j = 0; j < m; j++) {
                window[j] = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / m);
                l1 += window[j]; // |w e^{i...}| = w
            }
            double[] hr = new double[m];
            double[] hi = new double[m];
            for (int j = 0; j < m; j++) {
                int n = first + j;
                hr[j] = window[j] / l1 * Math.cos(2 * Math.PI * f * n / sr);
                hi[j] = window[j] / l1 * Math.sin(2 * Math.PI * f * n / sr);
            }
            double scale = Math.sqrt(len);
            for (int t = 0; t < frames; t++) {
                double re = 0;
                double im = 0;
                for (int j = 0; j < m; j++) {
                    int i = t * hop - (first + j);
                    if (i >= 0 && i < y.length) {
                        re += hr[j] * y[i];
                        im += hi[j] * y[i];
                    }
                }
                out[t][k] = scale * Math.hypot(re, im);
            }
        }
        return out;
    }
}
