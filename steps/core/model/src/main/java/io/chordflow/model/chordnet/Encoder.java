package io.chordflow.model.chordnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.chordflow.model.nn.Module;
import io.chordflow.model.nn.MultiHeadAttention;

/**
 * One of 2E1D's two encoders, as ChordMini's {@code EncoderF} / {@code EncoderT}. Tokens: for
 * {@link Axis#FREQUENCY} each frame's {@code F} bins cut into {@code groups} consecutive groups of
 * {@code F/groups} bins (attention among the groups of one frame), for {@link Axis#TIME} the frames
 * (attention over time). Plus the positional signal times {@code 0.01} (frequency) or {@code 0.02}
 * (time); then per layer {@code x = ff(x + alpha * attn(x))}; then back to {@code [B,T,F]},
 * {@code norm_layer(fc(drop(x)))}. {@code [B,T,F] -> [B,T,F]}.
 */
final class Encoder extends Module {
    enum Axis { FREQUENCY, TIME }

    private final Axis axis;
    private final int width;
    private final int groups;
    private final int tokenWidth;
    private final Parameter[] alphas;
    private final MultiHeadAttention[] attention;
    private final FeedForward[] feedForward;
    private final Dropout dropout;
    private final Linear fc;
    private final LayerNorm norm;

    /** {@code ff}: the feed-forward width of the time encoder; the frequency encoder's is 4 x its token width. */
    Encoder(Axis axis, int width, int groups, int heads, int layers, int ff, float p) {
        this.axis = axis;
        this.width = width;
        this.groups = axis == Axis.FREQUENCY ? groups : 1;
        this.tokenWidth = width / this.groups;
        alphas = new Parameter[layers];
        attention = new MultiHeadAttention[layers];
        feedForward = new FeedForward[layers];
        for (int i = 0; i < layers; i++) {
            alphas[i] = addParameter(ChordNet.rezero("attn_alphas." + i));
        }
        for (int i = 0; i < layers; i++) {
            attention[i] = addChildBlock("attn_layer." + i, ChordNet.attention(tokenWidth, heads));
        }
        for (int i = 0; i < layers; i++) {
            feedForward[i] = addChildBlock("ff_layer." + i,
                    new FeedForward(tokenWidth, axis == Axis.FREQUENCY ? 4 * tokenWidth : ff, p));
        }
        dropout = addChildBlock("dropout", Dropout.builder().optRate(p).build());
        fc = addChildBlock("fc", Linear.builder().setUnits(width).build());
        norm = addChildBlock("norm_layer", LayerNorm.builder().build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0);
        long frames = x.getShape().get(1);
        NDArray h = axis == Axis.FREQUENCY ? x.reshape(b * frames, groups, tokenWidth) : x;
        int positions = (int) h.getShape().get(1);
        h = h.add(PositionalEncoding.create(x.getManager(), positions, tokenWidth, axis == Axis.FREQUENCY ? 0.01 : 0.02));
        for (int i = 0; i < attention.length; i++) {
            NDArray a = apply(attention[i], ps, h, training);
            h = apply(feedForward[i], ps, h.add(a.mul(ps.getValue(alphas[i], x.getDevice(), training))), training);
        }
        h = h.reshape(b, frames, width);
        return new NDList(apply(norm, ps, apply(fc, ps, apply(dropout, ps, h, training), training), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = new Shape(1, groups == 1 ? 4 : groups, tokenWidth);
        for (int i = 0; i < attention.length; i++) {
            attention[i].initialize(manager, dataType, tokens);
            feedForward[i].initialize(manager, dataType, tokens);
        }
        dropout.initialize(manager, dataType, new Shape(1, width));
        fc.initialize(manager, dataType, new Shape(1, width));
        norm.initialize(manager, dataType, new Shape(1, width));
    }
}
