package io.chordflow.model.perceiver;

import io.chordflow.contract.PerceiverTfConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.nn.Module;
import io.chordflow.model.nn.TimingSignal;

/**
 * One PerceiverTF block (Lu et al., ICASSP 2023): per frame, the {@code K} latents cross-attend to the
 * frame's spectral tokens and then attend to each other ({@code latent_layers}); then each latent attends
 * over time ({@code temporal_layers}, the sinusoidal timing signal added first).
 * Inputs {@code (latents [B,T,K,D], spectral tokens [B*T,F,C])}, output {@code [B,T,K,D]}.
 */
final class PerceiverTfBlock extends Module {
    private final PreNormLayer cross;
    private final PreNormLayer[] latent;
    private final PreNormLayer[] temporal;
    private final int width;
    private final int latents;
    private final int specDim;

    PerceiverTfBlock(ModelConfig c) {
        PerceiverTfConfig p = c.perceiver();
        width = c.hidden();
        latents = p.latents();
        specDim = p.specDim();
        float drop = c.dropout().floatValue();
        cross = addChildBlock("cross", new PreNormLayer(width, specDim, c.heads(), p.headDim(), c.filter(), drop));
        latent = new PreNormLayer[p.latentLayers()];
        for (int i = 0; i < latent.length; i++) {
            latent[i] = addChildBlock("latent" + i, new PreNormLayer(width, 0, c.heads(), p.headDim(), c.filter(), drop));
        }
        temporal = new PreNormLayer[p.temporalLayers()];
        for (int i = 0; i < temporal.length; i++) {
            temporal[i] = addChildBlock("time" + i, new PreNormLayer(width, 0, c.heads(), p.headDim(), c.filter(), drop));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.get(0);
        NDArray spectral = inputs.get(1);
        long b = z.getShape().get(0);
        int frames = (int) z.getShape().get(1);
        NDManager m = z.getManager();
        // spectral cross-attention and the latent transformer: one sequence of K latents per frame
        NDArray perFrame = z.reshape(b * frames, latents, width);
        perFrame = cross.forward(ps, new NDList(perFrame, spectral), training).singletonOrThrow();
        for (PreNormLayer l : latent) {
            perFrame = apply(l, ps, perFrame, training);
        }
        // temporal transformer: one sequence of frames per latent
        NDArray perLatent = perFrame.reshape(b, frames, latents, width).transpose(0, 2, 1, 3)
                .reshape(b * latents, frames, width).add(TimingSignal.create(m, frames, width));
        for (PreNormLayer l : temporal) {
            perLatent = apply(l, ps, perLatent, training);
        }
        return new NDList(perLatent.reshape(b, latents, frames, width).transpose(0, 2, 1, 3));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = new Shape(1, latents, width);
        cross.initialize(manager, dataType, s, new Shape(1, 1, specDim));
        for (PreNormLayer l : latent) {
            l.initialize(manager, dataType, s);
        }
        for (PreNormLayer l : temporal) {
            l.initialize(manager, dataType, s);
        }
    }
}
