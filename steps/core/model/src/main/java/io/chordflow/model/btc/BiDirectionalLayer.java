package io.chordflow.model.btc;

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
import io.chordflow.model.nn.MultiHeadAttention;

/**
 * BTC's {@code bi_directional_self_attention}: a forward-masked and a backward-masked
 * self-attention block over the same input, outputs concatenated ({@code 2H}) and projected back
 * to {@code H} with a biased linear layer.
 */
final class BiDirectionalLayer extends Module {
    private final SelfAttentionBlock forward;
    private final SelfAttentionBlock backward;
    private final Linear merge;
    private final int hidden;

    BiDirectionalLayer(ModelConfig c) {
        hidden = c.hidden();
        forward = addChildBlock("forward", new SelfAttentionBlock(c, MultiHeadAttention.Mask.PAST));
        backward = addChildBlock("backward", new SelfAttentionBlock(c, MultiHeadAttention.Mask.FUTURE));
        merge = addChildBlock("linear", Linear.builder().setUnits(hidden).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray both = apply(forward, ps, x, training).concat(apply(backward, ps, x, training), 2);
        return new NDList(apply(merge, ps, both, training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = new Shape(1, 8, hidden);
        forward.initialize(manager, dataType, s);
        backward.initialize(manager, dataType, s);
        merge.initialize(manager, dataType, new Shape(1, 8, 2L * hidden));
    }
}
