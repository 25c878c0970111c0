package io.chordflow.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product attention. Inputs {@code (queries [B,Tq,D], memory [B,Tk,D])} or
 * one array for self-attention; output {@code [B,Tq,out]}:
 * {@code softmax(Q K^T / sqrt(dk) + mask) V W_o} per head, with dropout on the attention weights.
 * The mask is additive (0 or -inf), {@code [Tq,Tk]}: BTC's forward block attends to the past
 * (upper triangle -inf), its backward block to the future.
 */
public final class MultiHeadAttention extends Module {
    /** Which frames a query may attend to. */
    public enum Mask { NONE, PAST, FUTURE }

    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final Dropout dropout;
    private final int heads;
    private final int keyDepth;
    private final int valueDepth;
    private final int inputDepth;
    private final int outputDepth;
    private final Mask mask;

    public MultiHeadAttention(int inputDepth, int keyDepth, int valueDepth, int outputDepth, int heads,
                              boolean bias, float attentionDropout, Mask mask) {
        if (keyDepth % heads != 0 || valueDepth % heads != 0) {
            throw new IllegalArgumentException("key/value depth " + keyDepth + "/" + valueDepth
                    + " not divisible by " + heads + " heads");
        }
        this.inputDepth = inputDepth;
        this.outputDepth = outputDepth;
        this.heads = heads;
        this.keyDepth = keyDepth;
        this.valueDepth = valueDepth;
        this.mask = mask;
        query = addChildBlock("query", Linear.builder().setUnits(keyDepth).optBias(bias).build());
        key = addChildBlock("key", Linear.builder().setUnits(keyDepth).optBias(bias).build());
        value = addChildBlock("value", Linear.builder().setUnits(valueDepth).optBias(bias).build());
        output = addChildBlock("output", Linear.builder().setUnits(outputDepth).optBias(bias).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(attentionDropout).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray memory = inputs.size() > 1 ? inputs.get(1) : x;
        long b = x.getShape().get(0);
        long tq = x.getShape().get(1);
        long tk = memory.getShape().get(1);
        // project and split heads: [B,T,D] -> [B,H,T,D/H]
        NDArray q = split(apply(query, ps, x, training), b, tq, keyDepth);
        NDArray k = split(apply(key, ps, memory, training), b, tk, keyDepth);
        NDArray v = split(apply(value, ps, memory, training), b, tk, valueDepth);
        q = q.mul(Scalars.of(q, (float) Math.pow((double) keyDepth / heads, -0.5))); // not mul(float): see Scalars
        NDArray logits = q.matMul(k.transpose(0, 1, 3, 2));
        if (mask != Mask.NONE) {
            logits = logits.add(maskArray(x.getManager(), (int) tq, (int) tk, mask));
        }
        NDArray weights = apply(dropout, ps, logits.softmax(-1), training);
        NDArray context = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, tq, valueDepth);
        return new NDList(apply(output, ps, context, training));
    }

    private NDArray split(NDArray t, long b, long len, int depth) {
        return t.reshape(b, len, heads, depth / heads).transpose(0, 2, 1, 3);
    }

    static NDArray maskArray(NDManager manager, int tq, int tk, Mask mask) {
        float[] m = new float[tq * tk];
        for (int i = 0; i < tq; i++) {
            for (int j = 0; j < tk; j++) {
                boolean blocked = mask == Mask.PAST ? j > i : j < i;
                m[i * tk + j] = blocked ? Float.NEGATIVE_INFINITY : 0f;
            }
        }
        return manager.create(m, new Shape(tq, tk));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {lastDim(inputShapes[0], outputDepth)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = new Shape(1, 1, inputDepth);
        Shape mem = inputShapes.length > 1 ? inputShapes[1] : in;
        query.initialize(manager, dataType, in);
        key.initialize(manager, dataType, lastDim(mem, mem.get(mem.dimension() - 1)));
        value.initialize(manager, dataType, lastDim(mem, mem.get(mem.dimension() - 1)));
        output.initialize(manager, dataType, new Shape(1, 1, valueDepth));
        dropout.initialize(manager, dataType, in);
    }
}
