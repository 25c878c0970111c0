package io.chordflow.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * BTC's LayerNorm over the last axis: {@code gamma * (x - mean) / (std + eps) + beta} with the
 * unbiased standard deviation and eps added to the std, not to the variance. This differs from
 * DJL's/PyTorch's LayerNorm; it is kept so that real pre-trained BTC weights give the same output.
 */
public final class BtcLayerNorm extends Module {
    private final Parameter gamma;
    private final Parameter beta;
    private final float eps;
    private final int features;

    public BtcLayerNorm(int features, float eps) {
        this.features = features;
        this.eps = eps;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(features)).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(features)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray g = ps.getValue(gamma, x.getDevice(), training);
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        NDArray std = centred.square().sum(new int[] {-1}, true).div(Scalars.of(x, features - 1)).sqrt(); // see Scalars
        return new NDList(centred.div(std.add(eps)).mul(g).add(b));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    }
}
