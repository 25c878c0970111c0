package io.chordflow.model.chordnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.chordflow.model.nn.Module;
import io.chordflow.model.nn.MultiHeadAttention;

/**
 * 2E1D's decoder, as ChordMini's {@code Decoder}. Inputs {@code (frequency, time)} encodings
 * {@code [B,T,F]}; {@code y = frequency + time + 0.01 * positional signal}, then per layer
 * <pre>
 *   y = norm(y + alpha1 * drop(self_attention(y)))
 *   y = norm(y + alpha2 * drop(attention(y, time)))   // queries y, keys and values the time encoding
 *   y = ff(y)
 * </pre>
 * with one LayerNorm shared by every layer, as there. Output: that {@code y}; ChordNet's head reads it,
 * not the decoder's own {@code fc}, which ChordMini computes and discards and which is therefore left out.
 */
final class Decoder extends Module {
    private final int width;
    private final Parameter[] alphas1;
    private final Parameter[] alphas2;
    private final MultiHeadAttention[] self;
    private final MultiHeadAttention[] cross;
    private final FeedForward[] feedForward;
    private final Dropout dropout;
    private final LayerNorm norm;

    Decoder(int width, int heads, int layers, int ff, float p) {
        this.width = width;
        alphas1 = new Parameter[layers];
        alphas2 = new Parameter[layers];
        self = new MultiHeadAttention[layers];
        cross = new MultiHeadAttention[layers];
        feedForward = new FeedForward[layers];
        for (int i = 0; i < layers; i++) {
            alphas1[i] = addParameter(ChordNet.rezero("attn1_alphas." + i));
        }
        for (int i = 0; i < layers; i++) {
            alphas2[i] = addParameter(ChordNet.rezero("attn2_alphas." + i));
        }
        for (int i = 0; i < layers; i++) {
            self[i] = addChildBlock("attn_layer1." + i, ChordNet.attention(width, heads));
        }
        for (int i = 0; i < layers; i++) {
            cross[i] = addChildBlock("attn_layer2." + i, ChordNet.attention(width, heads));
        }
        for (int i = 0; i < layers; i++) {
            feedForward[i] = addChildBlock("ff_layer." + i, new FeedForward(width, ff, p));
        }
        dropout = addChildBlock("dropout", Dropout.builder().optRate(p).build());
        norm = addChildBlock("norm_layer", LayerNorm.builder().build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray time = inputs.get(1);
        NDArray y = inputs.get(0).add(time);
        y = y.add(PositionalEncoding.create(y.getManager(), (int) y.getShape().get(1), width, 0.01));
        for (int i = 0; i < self.length; i++) {
            NDArray a = apply(dropout, ps, apply(self[i], ps, y, training), training);
            y = apply(norm, ps, y.add(a.mul(ps.getValue(alphas1[i], y.getDevice(), training))), training);
            NDArray c = cross[i].forward(ps, new NDList(y, time), training).singletonOrThrow();
            c = apply(dropout, ps, c, training);
            y = apply(norm, ps, y.add(c.mul(ps.getValue(alphas2[i], y.getDevice(), training))), training);
            y = apply(feedForward[i], ps, y, training);
        }
        return new NDList(y);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = new Shape(1, 4, width);
        for (int i = 0; i < self.length; i++) {
            self[i].initialize(manager, dataType, s);
            cross[i].initialize(manager, dataType, s, s);
            feedForward[i].initialize(manager, dataType, s);
        }
        dropout.initialize(manager, dataType, s);
        norm.initialize(manager, dataType, new Shape(1, width));
    }
}
