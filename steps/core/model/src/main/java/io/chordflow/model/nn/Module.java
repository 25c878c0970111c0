package io.chordflow.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;

/**
 * Base of chordflow's composite blocks: children are sized in the constructor from the model
 * config, so initialisation only has to pass each child the shape it will see. Shapes keep the
 * frame layout {@code [batch, frames, channels]} unless a block says otherwise.
 *
 * <p>Native-memory rule for every subclass: the receiver of each op is the data array (which lives
 * in the caller's per-step sub-manager), never a parameter, because DJL attaches an op's result to
 * the manager of its receiver; {@code gamma.mul(x)} would leak into the model's manager.
 *
 * <p>Numbers: an op on an array that needs a gradient takes its number as {@link Scalars#of} when the backward pass
 * needs that number ({@code mul}, {@code div}, {@code pow}, {@code maximum}, {@code minimum}); DJL's own number
 * operand can be freed before the backward pass reads it (issue 15's NaN gradient).
 */
public abstract class Module extends AbstractBlock {
    protected Module() {
        super((byte) 1);
    }

    /** Shape-preserving by default. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    protected static NDArray apply(Block b, ai.djl.training.ParameterStore ps, NDArray x, boolean training) {
        return b.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    protected static Shape lastDim(Shape s, long channels) {
        long[] d = s.getShape().clone();
        d[d.length - 1] = channels;
        return new Shape(d);
    }
}
