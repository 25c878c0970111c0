package io.chordflow.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter 2019) exactly as {@code torch.optim.AdamW} steps it:
 * {@code p *= 1 - lr*wd; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.
 *
 * <p>Hand-written rather than DJL's {@code Optimizer.adamW}: DJL keeps the moment estimates in
 * private maps with no way to read or restore them, so a resumed run could not continue with the
 * same optimiser state. Here the moments are plain arrays that {@link Checkpoint} saves and loads.
 */
public final class AdamW implements AutoCloseable {
    private final List<Parameter> params;
    private final NDManager state;
    private final NDArray[] m;
    private final NDArray[] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long t;

    public AdamW(List<Parameter> params, NDManager parent, double beta1, double beta2, double eps, double weightDecay) {
        this.params = params;
        this.state = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        m = new NDArray[params.size()];
        v = new NDArray[params.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = state.zeros(params.get(i).getArray().getShape());
            v[i] = state.zeros(params.get(i).getArray().getShape());
        }
    }

    /** One update with the gradients currently held by the parameters; temporaries live in {@code step}. */
    public void step(double lr, NDManager step) {
        t++;
        float bc1 = (float) (1 - Math.pow(beta1, t));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        for (int i = 0; i < m.length; i++) {
            NDArray p = params.get(i).getArray();
            NDArray g = p.getGradient();
            g.attach(step);
            if (weightDecay != 0) {
                p.muli((float) (1 - lr * weightDecay));
            }
            m[i].muli((float) beta1).addi(g.mul((float) (1 - beta1)));
            v[i].muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
            NDArray denom = tmp(v[i].sqrt(), step).divi(bc2Sqrt).addi((float) eps);
            NDArray update = tmp(m[i].div(denom), step).muli((float) (lr / bc1));
            p.subi(update);
        }
    }

    private static NDArray tmp(NDArray a, NDManager step) {
        a.attach(step);
        return a;
    }

    public long steps() {
        return t;
    }

    public List<NDArray> firstMoments() {
        return List.of(m);
    }

    public List<NDArray> secondMoments() {
        return List.of(v);
    }

    /** Restores the state saved by a checkpoint. */
    public void restore(long steps, float[][] first, float[][] second) {
        t = steps;
        for (int i = 0; i < m.length; i++) {
            m[i].set(first[i]);
            v[i].set(second[i]);
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
