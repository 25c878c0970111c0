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
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.chordflow.model.nn.Module;
import io.chordflow.model.nn.MultiHeadAttention;

/**
 * A Transformer layer with ReZero residuals ({@code x + alpha * drop(f(x))}, each alpha a learnt
 * scalar starting at 0, Bachlechner et al. 2020) as 2E1D uses them: self-attention, optionally
 * cross-attention to a memory (decoder layers; inputs {@code (x, memory)}), then a two-layer
 * ReLU feed-forward. {@code [B,T,D] -> [B,T,D]}.
 */
final class ReZeroLayer extends Module {
    private final MultiHeadAttention self;
    private final MultiHeadAttention cross;
    private final Linear ff1;
    private final Linear ff2;
    private final Dropout dropout;
    private final Parameter[] alpha;
    private final int width;
    private final int ff;

    ReZeroLayer(int width, int heads, int ff, float p, boolean withCross) {
        this.width = width;
        this.ff = ff;
        self = addChildBlock("self_attention", new MultiHeadAttention(width, width, width, width, heads, true, p,
                MultiHeadAttention.Mask.NONE));
        cross = withCross ? addChildBlock("cross_attention", new MultiHeadAttention(width, width, width, width, heads,
                true, p, MultiHeadAttention.Mask.NONE)) : null;
        ff1 = addChildBlock("ff1", Linear.builder().setUnits(ff).build());
        ff2 = addChildBlock("ff2", Linear.builder().setUnits(width).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(p).build());
        alpha = new Parameter[withCross ? 3 : 2];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = addParameter(Parameter.builder().setName("alpha" + i).setType(Parameter.Type.OTHER)
                    .optInitializer(Initializer.ZEROS).optShape(new Shape(1)).build());
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        int a = 0;
        x = residual(ps, x, self.forward(ps, new NDList(x), training).singletonOrThrow(), a++, training);
        if (cross != null) {
            NDArray y = cross.forward(ps, new NDList(x, inputs.get(1)), training).singletonOrThrow();
            x = residual(ps, x, y, a++, training);
        }
        NDArray h = apply(dropout, ps, Activation.relu(apply(ff1, ps, x, training)), training);
        return new NDList(residual(ps, x, apply(ff2, ps, h, training), a, training));
    }

    private NDArray residual(ParameterStore ps, NDArray x, NDArray y, int i, boolean training) {
        return x.add(apply(dropout, ps, y, training).mul(ps.getValue(alpha[i], x.getDevice(), training)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = new Shape(1, 4, width);
        self.initialize(manager, dataType, s);
        if (cross != null) {
            cross.initialize(manager, dataType, s, s);
        }
        ff1.initialize(manager, dataType, s);
        ff2.initialize(manager, dataType, new Shape(1, 4, ff));
        dropout.initialize(manager, dataType, s);
    }
}
