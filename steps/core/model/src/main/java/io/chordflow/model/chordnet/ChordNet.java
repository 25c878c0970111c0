package io.chordflow.model.chordnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.nn.Module;
import io.chordflow.model.nn.MultiHeadAttention;

/**
 * 2E1D of paper 1, computed as its public code computes it (ChordMini, MIT: {@code src/models/chord_net.py}
 * {@code ChordNet} over {@code common/base_transformer.py}), so a ChordMini checkpoint is a teacher or a
 * starting point here. Two encoders and one decoder at the feature width {@code F}:
 * <ol>
 *   <li>frequency encoder ({@link Encoder}, {@code freq_layers}, {@code freq_heads}): attention among
 *       the {@code freq_groups} groups of {@code F/groups} bins inside each frame;</li>
 *   <li>time encoder ({@code layers}, {@code heads}, feed-forward {@code filter}): attention over frames;</li>
 *   <li>{@link Decoder} ({@code decoder_layers}, {@code heads}): self-attention over the sum of both
 *       encodings, cross-attention to the time encoding;</li>
 *   <li>dropout, linear {@code F -> classes}.</li>
 * </ol>
 * Attention is {@code nn.MultiheadAttention}'s (biases on every projection, no dropout on the weights);
 * residuals are ReZero. Children and parameters carry ChordMini's state_dict names (the DJL parts differ:
 * query/key/value for {@code in_proj}, gamma/beta for weight/bias; see the checkpoint import). Input
 * {@code [B,T,F]}, output {@code [B,T,classes]} logits. At inference the recogniser smooths these logits
 * over time with a Gaussian of 9 frames, ChordMini's evaluation default.
 */
public final class ChordNet extends Module {
    private final Encoder frequency;
    private final Encoder time;
    private final Decoder decoder;
    private final Dropout dropout;
    private final Linear output;
    private final ModelConfig config;

    public ChordNet(ModelConfig c) {
        this.config = c;
        int width = c.featureSize();
        if (width % c.freqGroups() != 0) {
            throw new IllegalArgumentException("feature size " + width + " not divisible by freq_groups " + c.freqGroups());
        }
        float p = c.dropout().floatValue();
        frequency = addChildBlock("transformer.encoder_f.0", new Encoder(Encoder.Axis.FREQUENCY, width, c.freqGroups(),
                c.freqHeads(), c.freqLayers(), 0, p));
        time = addChildBlock("transformer.encoder_t.0", new Encoder(Encoder.Axis.TIME, width, 1, c.heads(), c.layers(),
                c.filter(), p));
        decoder = addChildBlock("transformer.decoder", new Decoder(width, c.heads(), c.decoderLayers(), c.filter(), p));
        dropout = addChildBlock("dropout", Dropout.builder().optRate(p).build());
        output = addChildBlock("fc", Linear.builder().setUnits(c.classes()).build());
    }

    /** A ReZero gate: one learnt scalar, 0 at the start (Bachlechner et al. 2020). */
    static Parameter rezero(String name) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optInitializer(Initializer.ZEROS)
                .optShape(new Shape(1)).build();
    }

    /** {@code nn.MultiheadAttention(width, heads)}: biased projections, no attention dropout, no mask. */
    static MultiHeadAttention attention(int width, int heads) {
        return new MultiHeadAttention(width, width, width, width, heads, true, 0f, MultiHeadAttention.Mask.NONE);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray f = apply(frequency, ps, x, training);
        NDArray t = apply(time, ps, x, training);
        NDArray d = decoder.forward(ps, new NDList(f, t), training).singletonOrThrow();
        return new NDList(apply(output, ps, apply(dropout, ps, d, training), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {lastDim(inputShapes[0], config.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = new Shape(1, 4, config.featureSize());
        frequency.initialize(manager, dataType, s);
        time.initialize(manager, dataType, s);
        decoder.initialize(manager, dataType, s, s);
        dropout.initialize(manager, dataType, s);
        output.initialize(manager, dataType, s);
    }
}
