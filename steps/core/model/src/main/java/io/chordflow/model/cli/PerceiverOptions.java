package io.chordflow.model.cli;

import io.chordflow.contract.PerceiverTfConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code model-info}'s flags for {@code perceiver-tf}'s own sizes ({@link PerceiverTfConfig}); absent flags keep the config's. */
final class PerceiverOptions {
    @Option(names = "--spec-dim", description = "perceiver-tf: residual-unit maps and spectral token width (64)") Integer specDim;
    @Option(names = "--latents", description = "perceiver-tf: latents per frame (8)") Integer latents;
    @Option(names = "--latent-layers", description = "perceiver-tf: latent self-attention layers per block (2)") Integer latentLayers;
    @Option(names = "--temporal-layers", description = "perceiver-tf: temporal self-attention layers per block (3)") Integer temporalLayers;
    @Option(names = "--head-dim", description = "perceiver-tf: width of each attention head (default: hidden)") Integer headDim;
    @Option(names = "--pool", split = ";", description = "perceiver-tf: F,T max-pooling per residual unit, e.g. 2,1;2,1") List<String> pool;

    /** {@code base} (may be null) with the given flags applied. */
    PerceiverTfConfig over(PerceiverTfConfig base) {
        PerceiverTfConfig b = base == null ? PerceiverTfConfig.DEFAULTS : base;
        return new PerceiverTfConfig(or(specDim, b.specDim()), or(latents, b.latents()), or(latentLayers, b.latentLayers()),
                or(temporalLayers, b.temporalLayers()), or(headDim, b.headDim()), b.harmonics(), b.f0Bins(),
                pool == null ? b.pool() : pools(), b.fmin(), b.binsPerOctave());
    }

    private List<List<Integer>> pools() {
        List<List<Integer>> out = new ArrayList<>();
        for (String p : pool) {
            String[] ft = p.split(",");
            try {
                out.add(ft.length == 2 ? List.of(Integer.parseInt(ft[0].strip()), Integer.parseInt(ft[1].strip())) : List.of());
            } catch (NumberFormatException e) {
                out.add(List.of());
            }
        }
        return out; // a malformed pair is reported by PerceiverTfConfig's check
    }

    private static <T> T or(T flag, T base) {
        return flag != null ? flag : base;
    }
}
