package io.chordflow.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands that libtorch owns, for every op in a training graph whose backward pass needs the scalar
 * ({@code mul}, {@code div}, {@code pow}, {@code maximum}, {@code minimum}).
 *
 * <p>Why not {@code x.mul(2f)}: DJL's PyTorch engine turns the number into a 0-d tensor with {@code torch::from_blob}
 * over a Java direct buffer (on the CPU), runs the op and closes that array at once. Autograd keeps the tensor for the
 * backward pass, but not the buffer under it: after a garbage collection between the forward and the backward pass
 * the buffer's memory is freed and reused, and the backward pass multiplies by whatever is there by then. That was
 * issue 15's first-step NaN (a finite loss with a NaN gradient norm, one training in seven, at random); other
 * garbage would have given a wrong but finite gradient, unseen. A scalar from {@code full} is a libtorch allocation
 * that autograd's reference keeps alive. {@code add} and {@code sub} keep no operand for the backward pass and are
 * safe with a number; so is any op on arrays that need no gradient. {@code GcBetweenForwardAndBackwardTest} checks
 * each model and loss.
 */
public final class Scalars {
    private Scalars() {
    }

    /** {@code value} as a 0-d array of {@code like}'s type, in {@code like}'s manager, owned by libtorch. */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
