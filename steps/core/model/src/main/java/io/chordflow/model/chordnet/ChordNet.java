package io.chordflow.model.chordnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.nn.Module;
import io.chordflow.model.nn.TimingSignal;

/**
 * 2E1D ("ChordNet" of paper 1): two encoders and one decoder at the feature width {@code F}.
 * <ol>
 *   <li>frequency encoder: each frame's {@code F} bins form {@code freq_groups} tokens of
 *       {@code F/groups} bins; {@code freq_layers} ReZero self-attention layers across the
 *       groups inside each frame;</li>
 *   <li>temporal encoder: {@code layers} ReZero self-attention layers over time, {@code heads}
 *       heads, feed-forward {@code filter};</li>
 *   <li>decoder: {@code decoder_layers} layers of self-attention over (frequency output +
 *       temporal output) then cross-attention to the temporal output;</li>
 *   <li>linear {@code F -> classes}.</li>
 * </ol>
 * Positional encodings are the sinusoidal signal scaled by {@value #POSITION_SCALE}.
 * Input {@code [B,T,F]}, output {@code [B,T,classes]} logits. At inference the recogniser
 * smooths these logits over time with a Gaussian of 9 frames.
 */
public final class ChordNet extends Module {
    static final double POSITION_SCALE = 0.1;

    private final ReZeroLayer[] frequency;
    private final ReZeroLayer[] temporal;
    private final ReZeroLayer[] decoder;
    private final Linear output;
    private final ModelConfig config;
    private final int groupWidth;

    public ChordNet(ModelConfig c) {
        this.config = c;
        int width = c.featureSize();
        if (width % c.freqGroups() != 0) {
            throw new IllegalArgumentException("feature size " + width + " not divisible by freq_groups " + c.freqGroups());
        }
        groupWidth = width / c.freqGroups();
        float p = c.dropout().floatValue();
        frequency = new ReZeroLayer[c.freqLayers()];
        for (int i = 0; i < frequency.length; i++) {
            frequency[i] = addChildBlock("freq" + i, new ReZeroLayer(groupWidth, c.freqHeads(), 4 * groupWidth, p, false));
        }
        temporal = new ReZeroLayer[c.layers()];
        for (int i = 0; i < temporal.length; i++) {
            temporal[i] = addChildBlock("time" + i, new ReZeroLayer(width, c.heads(), c.filter(), p, false));
        }
        decoder = new ReZeroLayer[c.decoderLayers()];
        for (int i = 0; i < decoder.length; i++) {
            decoder[i] = addChildBlock("dec" + i, new ReZeroLayer(width, c.heads(), c.filter(), p, true));
        }
        output = addChildBlock("output", Linear.builder().setUnits(c.classes()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDManager m = x.getManager();
        long b = x.getShape().get(0);
        int frames = (int) x.getShape().get(1);
        int width = config.featureSize();
        int groups = config.freqGroups();

        // frequency encoder: attention among the bin groups of each frame
        NDArray f = x.reshape(b * frames, groups, groupWidth)
                .add(TimingSignal.create(m, groups, groupWidth).mul((float) POSITION_SCALE));
        for (ReZeroLayer layer : frequency) {
            f = apply(layer, ps, f, training);
        }
        f = f.reshape(b, frames, width);

        // temporal encoder: attention over frames
        NDArray t = x.add(TimingSignal.create(m, frames, width).mul((float) POSITION_SCALE));
        for (ReZeroLayer layer : temporal) {
            t = apply(layer, ps, t, training);
        }

        // decoder over the sum, attending to the temporal encoding
        NDArray d = f.add(t);
        for (ReZeroLayer layer : decoder) {
            d = layer.forward(ps, new NDList(d, t), training).singletonOrThrow();
        }
        return new NDList(apply(output, ps, d, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {lastDim(inputShapes[0], config.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (ReZeroLayer l : frequency) {
            l.initialize(manager, dataType, new Shape(1, config.freqGroups(), groupWidth));
        }
        Shape s = new Shape(1, 4, config.featureSize());
        for (ReZeroLayer l : temporal) {
            l.initialize(manager, dataType, s);
        }
        for (ReZeroLayer l : decoder) {
            l.initialize(manager, dataType, s, s);
        }
        output.initialize(manager, dataType, s);
    }
}
