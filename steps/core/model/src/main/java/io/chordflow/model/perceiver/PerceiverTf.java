package io.chordflow.model.perceiver;

import io.chordflow.contract.PerceiverTfConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.nn.Module;
import java.util.List;

/**
 * Paper 2's model (Hung et al., ICASSP 2024, section 2.2):
 * <ol>
 *   <li>{@link HarmonicFilters}: six trainable harmonic filters per centre frequency over the input
 *       spectrogram, one channel per harmonic;</li>
 *   <li>a 3x3 convolution to {@code spec_dim} maps, then per {@code pool} entry a {@link ResidualUnit}
 *       followed by a {@code [frequency, time]} max-pooling;</li>
 *   <li>{@code layers} {@link PerceiverTfBlock}s over the pooled map's frequency tokens (plus a learnt
 *       frequency embedding), starting from a learnt array of {@code latents} vectors of width
 *       {@code hidden};</li>
 *   <li>LayerNorm, then one dense layer per frame from the frame's {@code latents * hidden} values to
 *       {@code classes} logits.</li>
 * </ol>
 * Input {@code [B,T,F]}, output {@code [B,T/pool_t,classes]}.
 */
public final class PerceiverTf extends Module {
    private final Parameter frequencyEmbedding;
    private final Parameter latentArray;
    private final HarmonicFilters harmonic;
    private final Conv2d stem;
    private final ResidualUnit[] residual;
    private final PerceiverTfBlock[] blocks;
    private final LayerNorm norm;
    private final Linear output;
    private final ModelConfig config;
    private final PerceiverTfConfig p;

    public PerceiverTf(ModelConfig c) {
        this.config = c;
        this.p = c.perceiver();
        frequencyEmbedding = addParameter(Parameter.builder().setName("freq_pos").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(p.frequencyTokens(), p.specDim())).optInitializer(new NormalInitializer(0.02f)).build());
        latentArray = addParameter(Parameter.builder().setName("latents").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(p.latents(), c.hidden())).optInitializer(new NormalInitializer(0.02f)).build());
        harmonic = addChildBlock("harmonic", new HarmonicFilters(c.featureSize(), p));
        stem = addChildBlock("stem", ResidualUnit.conv(p.specDim()));
        residual = new ResidualUnit[p.pool().size()];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = addChildBlock("res" + i, new ResidualUnit(p.specDim()));
        }
        blocks = new PerceiverTfBlock[c.layers()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = addChildBlock("block" + i, new PerceiverTfBlock(c));
        }
        norm = addChildBlock("norm", LayerNorm.builder().axis(3).build()); // over the width of [B,T,K,D]
        output = addChildBlock("output", Linear.builder().setUnits(c.classes()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0);
        NDArray s = apply(stem, ps, apply(harmonic, ps, x, training), training); // [B,C,T,F0]
        for (int i = 0; i < residual.length; i++) {
            List<Integer> pool = p.pool().get(i);
            Shape window = new Shape(pool.get(1), pool.get(0));
            s = Pool.maxPool2d(apply(residual[i], ps, s, training), window, window, new Shape(0, 0), false);
        }
        long frames = s.getShape().get(2);
        long tokens = s.getShape().get(3);
        NDArray spectral = s.transpose(0, 2, 3, 1).reshape(b * frames, tokens, p.specDim())
                .add(ps.getValue(frequencyEmbedding, x.getDevice(), training));
        NDArray z = x.getManager().zeros(new Shape(b, frames, p.latents(), config.hidden()))
                .add(ps.getValue(latentArray, x.getDevice(), training));
        for (PerceiverTfBlock block : blocks) {
            z = block.forward(ps, new NDList(z, spectral), training).singletonOrThrow();
        }
        z = apply(norm, ps, z, training).reshape(b, frames, (long) p.latents() * config.hidden());
        return new NDList(apply(output, ps, z, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {new Shape(in[0].get(0), in[0].get(1) / p.pooling(1), config.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int frames = (int) inputShapes[0].get(1);
        harmonic.initialize(manager, dataType, inputShapes[0]);
        stem.initialize(manager, dataType, new Shape(1, p.harmonics(), frames, p.f0Bins()));
        for (ResidualUnit r : residual) {
            r.initialize(manager, dataType, new Shape(1, p.specDim(), frames, p.f0Bins()));
        }
        for (PerceiverTfBlock block : blocks) {
            block.initialize(manager, dataType, new Shape(1, 1, p.latents(), config.hidden()),
                    new Shape(1, p.frequencyTokens(), p.specDim()));
        }
        norm.initialize(manager, dataType, new Shape(1, 1, p.latents(), config.hidden()));
        output.initialize(manager, dataType, new Shape(1, 1, (long) p.latents() * config.hidden()));
    }
}
