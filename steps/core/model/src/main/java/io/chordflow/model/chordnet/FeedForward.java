package io.chordflow.model.chordnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.chordflow.model.nn.Module;

/**
 * ChordMini's {@code FeedForward}: {@code norm_layer(x + alpha * drop(linear2(drop(relu(norm(linear1(x)))))))},
 * a LayerNorm inside (over the hidden width) and one after the ReZero residual ({@code alpha} a learnt
 * scalar starting at 0, Bachlechner et al. 2020). {@code [.., D] -> [.., D]}.
 */
final class FeedForward extends Module {
    private final Parameter alpha;
    private final Linear linear1;
    private final Linear linear2;
    private final LayerNorm norm;
    private final LayerNorm normLayer;
    private final Dropout dropout;
    private final int width;
    private final int hidden;

    FeedForward(int width, int hidden, float p) {
        this.width = width;
        this.hidden = hidden;
        alpha = addParameter(ChordNet.rezero("alpha"));
        linear1 = addChildBlock("linear1", Linear.builder().setUnits(hidden).build());
        linear2 = addChildBlock("linear2", Linear.builder().setUnits(width).build());
        norm = addChildBlock("norm", LayerNorm.builder().build());
        normLayer = addChildBlock("norm_layer", LayerNorm.builder().build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(p).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = apply(dropout, ps, Activation.relu(apply(norm, ps, apply(linear1, ps, x, training), training)), training);
        y = apply(dropout, ps, apply(linear2, ps, y, training), training);
        return new NDList(apply(normLayer, ps, x.add(y.mul(ps.getValue(alpha, x.getDevice(), training))), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear1.initialize(manager, dataType, new Shape(1, width));
        linear2.initialize(manager, dataType, new Shape(1, hidden));
        // a [1, n] shape makes DJL's LayerNorm normalise over the last axis of n, as nn.LayerNorm(n) does
        norm.initialize(manager, dataType, new Shape(1, hidden));
        normLayer.initialize(manager, dataType, new Shape(1, width));
        dropout.initialize(manager, dataType, new Shape(1, width));
    }
}
