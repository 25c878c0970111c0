package io.chordflow.model.perceiver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.chordflow.model.nn.Module;

/**
 * A pre-activation residual unit (He et al., ECCV 2016, without batch normalisation):
 * {@code x + conv_b(relu(conv_a(relu(x))))}, both convolutions 3x3 with {@code channels} maps.
 * {@code [B,C,T,F] -> [B,C,T,F]}.
 */
final class ResidualUnit extends Module {
    private final Conv2d convA;
    private final Conv2d convB;

    ResidualUnit(int channels) {
        convA = addChildBlock("conv_a", conv(channels));
        convB = addChildBlock("conv_b", conv(channels));
    }

    static Conv2d conv(int channels) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(channels).optPadding(new Shape(1, 1)).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray h = apply(convA, ps, Activation.relu(x), training);
        return new NDList(x.add(apply(convB, ps, Activation.relu(h), training)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        convA.initialize(manager, dataType, inputShapes[0]);
        convB.initialize(manager, dataType, inputShapes[0]);
    }
}
