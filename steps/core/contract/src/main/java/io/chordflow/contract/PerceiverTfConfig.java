package io.chordflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The sizes of a {@code perceiver-tf} model that BTC and 2E1D do not have (the {@code perceiver:} block
 * inside {@code model:}); the shared ones stay in the model config: {@code hidden} (the latents' and the
 * temporal transformer's width, Table 2's "Temp D."), {@code layers} (PerceiverTF blocks), {@code heads},
 * {@code filter} (feed-forward width) and {@code dropout}. Absent fields take paper 2's first-round chord
 * size (Table 2: Spec D. 64, 8 latents).
 *
 * @param specDim feature maps of the residual units and width of the spectral tokens (Table 2's "Spec D.")
 * @param latents latent array size per frame (Table 2's "L. Arr")
 * @param latentLayers self-attention layers among the latents of a frame, per block
 * @param temporalLayers self-attention layers over time, per latent, per block
 * @param headDim width of each attention head; each head sees the full width by default, which is what
 *     makes Table 2's counts grow with the number of heads (chord: 2.9 M, 11.4 M, 91.9 M)
 * @param harmonics trainable harmonic filters per centre frequency (6, Won et al. 2020)
 * @param f0Bins centre frequencies; by default every input bin whose top harmonic stays inside the input
 * @param pool one residual unit per entry, each followed by a {@code [frequency, time]} max-pooling;
 *     the output has {@code timestep / product(time)} frames
 * @param fmin centre frequency of the input's first bin in Hz (the CQT's C1)
 * @param binsPerOctave input bins per octave (24)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PerceiverTfConfig(Integer specDim, Integer latents, Integer latentLayers, Integer temporalLayers,
                                Integer headDim, Integer harmonics, Integer f0Bins, List<List<Integer>> pool,
                                Double fmin, Integer binsPerOctave) {
    public static final int HIDDEN = 64;
    public static final int LAYERS = 5;
    public static final int HEADS = 4;
    /** Every field absent. */
    public static final PerceiverTfConfig DEFAULTS = new PerceiverTfConfig(null, null, null, null, null, null, null, null,
            null, null);

    /**
     * Defaults for the absent fields; {@code featureSize} and {@code hidden} are the model's. A bad value is a
     * {@link FieldError} named inside this block ({@code pool}); the caller puts it under {@code model.perceiver}.
     */
    public PerceiverTfConfig complete(int featureSize, int hidden) {
        int h = harmonics == null ? 6 : harmonics;
        int bpo = binsPerOctave == null ? 24 : binsPerOctave;
        int f0 = f0Bins == null ? featureSize - (int) Math.round(bpo * Math.log(h) / Math.log(2)) : f0Bins;
        List<List<Integer>> p = pool == null ? List.of(List.of(2, 1), List.of(2, 1)) : pool;
        PerceiverTfConfig c = new PerceiverTfConfig(specDim == null ? 64 : specDim, latents == null ? 8 : latents,
                latentLayers == null ? 2 : latentLayers, temporalLayers == null ? 3 : temporalLayers,
                headDim == null ? hidden : headDim, h, f0, p, fmin == null ? 32.70319566257483 : fmin, bpo);
        c.check();
        return c;
    }

    private void check() {
        positive("spec_dim", specDim);
        positive("latents", latents);
        positive("head_dim", headDim);
        positive("harmonics", harmonics);
        positive("f0_bins", f0Bins);
        positive("bins_per_octave", binsPerOctave);
        if (latentLayers < 0 || temporalLayers < 0) {
            throw new FieldError(latentLayers < 0 ? "latent_layers" : "temporal_layers", (latentLayers < 0 ? latentLayers
                    : temporalLayers) + ": expected a count >= 0");
        }
        if (!(fmin > 0)) {
            throw new FieldError("fmin", fmin + ": expected a frequency > 0 Hz");
        }
        for (List<Integer> p : pool) {
            if (p == null || p.size() != 2 || p.get(0) == null || p.get(1) == null || p.get(0) < 1 || p.get(1) < 1) {
                throw new FieldError("pool", p + ": expected [frequency, time] pairs of positive integers");
            }
        }
        if (frequencyTokens() < 1) {
            throw new FieldError("pool", f0Bins + " centre frequencies pooled by " + pooling(0) + " leave no spectral token");
        }
    }

    /** Product of the pooling sizes along {@code axis} (0 frequency, 1 time). */
    public int pooling(int axis) {
        int n = 1;
        for (List<Integer> p : pool) {
            n *= p.get(axis);
        }
        return n;
    }

    /** Spectral tokens per frame after pooling. */
    @JsonIgnore
    public int frequencyTokens() {
        int f = f0Bins;
        for (List<Integer> p : pool) {
            f /= p.get(0);
        }
        return f;
    }

    private static void positive(String field, Integer v) {
        if (v <= 0) {
            throw new FieldError(field, v + ": expected a positive integer");
        }
    }
}
