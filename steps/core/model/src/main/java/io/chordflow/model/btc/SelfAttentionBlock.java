package io.chordflow.model.btc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.nn.BtcLayerNorm;
import io.chordflow.model.nn.ConvFeedForward;
import io.chordflow.model.nn.Module;
import io.chordflow.model.nn.MultiHeadAttention;

/**
 * One pre-LayerNorm block of BTC ({@code self_attention_block}):
 * {@code x = drop(x + MHA(LN(x)))}, then {@code y = drop(x + FFN(LN(x)))}. {@code [B,T,H] -> [B,T,H]}.
 */
final class SelfAttentionBlock extends Module {
    private final BtcLayerNorm normAttention;
    private final MultiHeadAttention attention;
    private final BtcLayerNorm normFeedForward;
    private final ConvFeedForward feedForward;
    private final Dropout dropout;
    private final int hidden;

    SelfAttentionBlock(ModelConfig c, MultiHeadAttention.Mask mask) {
        hidden = c.hidden();
        float p = c.dropout().floatValue();
        normAttention = addChildBlock("ln_mha", new BtcLayerNorm(hidden, Btc.LN_EPS));
        attention = addChildBlock("mha", new MultiHeadAttention(hidden, hidden, hidden, hidden, c.heads(), false, p, mask));
        normFeedForward = addChildBlock("ln_ffn", new BtcLayerNorm(hidden, Btc.LN_EPS));
        feedForward = addChildBlock("ffn", new ConvFeedForward(hidden, c.filter(), hidden, 3, p));
        dropout = addChildBlock("dropout", Dropout.builder().optRate(p).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = apply(attention, ps, apply(normAttention, ps, x, training), training);
        x = apply(dropout, ps, x.add(y), training);
        y = apply(feedForward, ps, apply(normFeedForward, ps, x, training), training);
        return new NDList(apply(dropout, ps, x.add(y), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = new Shape(1, 8, hidden);
        for (var child : getChildren().values()) {
            child.initialize(manager, dataType, s);
        }
    }
}
