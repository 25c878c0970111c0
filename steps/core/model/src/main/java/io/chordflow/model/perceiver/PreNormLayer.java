package io.chordflow.model.perceiver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.chordflow.model.nn.Module;
import io.chordflow.model.nn.MultiHeadAttention;

/**
 * A pre-LayerNorm Transformer layer: {@code x + drop(attn(norm(x), norm_memory(memory)))} (self-attention
 * when built without a memory width), then {@code x + drop(ff2(gelu(ff1(ff_norm(x)))))}.
 * Input {@code [N,L,width]} (and {@code [N,M,memoryWidth]} for cross-attention), output {@code [N,L,width]}.
 */
final class PreNormLayer extends Module {
    private final LayerNorm norm;
    private final LayerNorm memoryNorm;
    private final MultiHeadAttention attention;
    private final LayerNorm ffNorm;
    private final Linear ff1;
    private final Linear ff2;
    private final Dropout dropout;
    private final int width;
    private final int memoryWidth;
    private final int filter;

    /** {@code memoryWidth} 0: self-attention. */
    PreNormLayer(int width, int memoryWidth, int heads, int headDim, int filter, float p) {
        this.width = width;
        this.memoryWidth = memoryWidth;
        this.filter = filter;
        norm = addChildBlock("norm", LayerNorm.builder().axis(2).build());
        memoryNorm = memoryWidth > 0 ? addChildBlock("norm_memory", LayerNorm.builder().axis(2).build()) : null;
        attention = addChildBlock("attention", new MultiHeadAttention(width, heads * headDim, heads * headDim, width, heads,
                true, p, MultiHeadAttention.Mask.NONE));
        ffNorm = addChildBlock("ff_norm", LayerNorm.builder().axis(2).build());
        ff1 = addChildBlock("ff1", Linear.builder().setUnits(filter).build());
        ff2 = addChildBlock("ff2", Linear.builder().setUnits(width).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(p).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray q = apply(norm, ps, x, training);
        NDList attend = memoryNorm == null ? new NDList(q) : new NDList(q, apply(memoryNorm, ps, inputs.get(1), training));
        x = x.add(apply(dropout, ps, attention.forward(ps, attend, training).singletonOrThrow(), training));
        NDArray h = Activation.gelu(apply(ff1, ps, apply(ffNorm, ps, x, training), training));
        return new NDList(x.add(apply(dropout, ps, apply(ff2, ps, h, training), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = new Shape(1, 1, width);
        norm.initialize(manager, dataType, s);
        if (memoryNorm != null) {
            Shape mem = new Shape(1, 1, memoryWidth);
            memoryNorm.initialize(manager, dataType, mem);
            attention.initialize(manager, dataType, s, mem);
        } else {
            attention.initialize(manager, dataType, s);
        }
        ffNorm.initialize(manager, dataType, s);
        ff1.initialize(manager, dataType, s);
        ff2.initialize(manager, dataType, new Shape(1, 1, filter));
        dropout.initialize(manager, dataType, s);
    }
}
