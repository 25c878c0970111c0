package io.chordflow.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * BTC's position-wise feed-forward: two Conv1d over time (kernel 3, zero padding one frame on
 * both sides, {@code in -> filter -> out}), each followed by ReLU and dropout. The original code
 * applies ReLU and dropout after the last convolution too (its {@code i < len(layers)} test is
 * always true); kept for weight compatibility. Input and output {@code [B,T,C]}.
 */
public final class ConvFeedForward extends Module {
    private final Conv1d first;
    private final Conv1d second;
    private final Dropout dropout;
    private final int input;
    private final int filter;
    private final int outputDepth;

    public ConvFeedForward(int input, int filter, int output, int kernel, float reluDropout) {
        this.input = input;
        this.filter = filter;
        this.outputDepth = output;
        Shape pad = new Shape(kernel / 2);
        first = addChildBlock("conv1", Conv1d.builder().setKernelShape(new Shape(kernel)).setFilters(filter).optPadding(pad).build());
        second = addChildBlock("conv2", Conv1d.builder().setKernelShape(new Shape(kernel)).setFilters(output).optPadding(pad).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(reluDropout).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow().transpose(0, 2, 1); // [B,C,T] for Conv1d
        x = apply(dropout, ps, Activation.relu(apply(first, ps, x, training)), training);
        x = apply(dropout, ps, Activation.relu(apply(second, ps, x, training)), training);
        return new NDList(x.transpose(0, 2, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {lastDim(inputShapes[0], outputDepth)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        first.initialize(manager, dataType, new Shape(1, input, 8));
        second.initialize(manager, dataType, new Shape(1, filter, 8));
        dropout.initialize(manager, dataType, new Shape(1, filter, 8));
    }
}
