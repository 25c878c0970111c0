package io.chordflow.model.perceiver;

import io.chordflow.contract.PerceiverTfConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.chordflow.model.nn.Module;
import io.chordflow.model.nn.Scalars;

/**
 * Trainable harmonic filters (Won et al., ICASSP 2020, as paper 2's front end uses six of them): for each
 * learnt centre frequency {@code f0} and harmonic {@code h = 1..H}, a triangular band-pass filter at
 * {@code h * f0} of bandwidth {@code (0.1079 * h * f0 + 24.7) / Q} (Glasberg and Moore's ERB, with a learnt
 * quality factor {@code Q}), applied to the input's magnitudes at their bins' centre frequencies.
 * Input {@code [B,T,F]} log magnitudes (the project's CQT features); output
 * {@code [B,H,T,F0]}: {@code log(filtered magnitude + 1e-6)} with one channel per harmonic.
 */
final class HarmonicFilters extends Module {
    static final float ERB_SLOPE = 0.1079f;
    static final float ERB_OFFSET = 24.7f;
    static final float EPS = 1e-6f;

    private final Parameter f0;
    private final Parameter bwQ;
    private final float[] binHz;
    private final int harmonics;
    private final int f0Bins;

    HarmonicFilters(int bins, PerceiverTfConfig c) {
        harmonics = c.harmonics();
        f0Bins = c.f0Bins();
        binHz = new float[bins];
        for (int k = 0; k < bins; k++) {
            binHz[k] = (float) (c.fmin() * Math.pow(2, (double) k / c.binsPerOctave()));
        }
        float[] start = new float[f0Bins];
        for (int j = 0; j < f0Bins; j++) {
            start[j] = (float) (c.fmin() * Math.pow(2, (double) j / c.binsPerOctave()));
        }
        // the filters start on the input's own bin frequencies, Q at 1 (Won et al.'s initial values)
        f0 = addParameter(Parameter.builder().setName("f0").setType(Parameter.Type.OTHER).optShape(new Shape(f0Bins))
                .optInitializer((m, s, t) -> m.create(start)).build());
        bwQ = addParameter(Parameter.builder().setName("bw_q").setType(Parameter.Type.OTHER).optShape(new Shape(1))
                .optInitializer((m, s, t) -> m.ones(s, t)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDManager m = x.getManager();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        float[] h = new float[harmonics];
        for (int i = 0; i < harmonics; i++) {
            h[i] = i + 1;
        }
        NDArray f = ps.getValue(f0, x.getDevice(), training);
        NDArray q = ps.getValue(bwQ, x.getDevice(), training);
        // centres [H*F0], harmonic-major; every receiver is an array of this step's manager
        NDArray centre = m.create(h).reshape(harmonics, 1).mul(f.reshape(1, f0Bins)).reshape(-1);
        // f0 and Q are trainable: the numbers that backward needs are Scalars (a DJL number operand can be freed before it)
        NDArray bandwidth = centre.mul(Scalars.of(centre, ERB_SLOPE)).add(ERB_OFFSET).div(q);
        NDArray fb = m.create(binHz).reshape(-1, 1).sub(centre).abs();
        fb = fb.mul(Scalars.of(fb, 2f)).div(bandwidth).neg().add(1f);
        fb = fb.maximum(Scalars.of(fb, 0f));
        NDArray y = x.exp().matMul(fb).add(EPS).log();
        return new NDList(y.reshape(b, t, harmonics, f0Bins).transpose(0, 2, 1, 3));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {new Shape(in[0].get(0), harmonics, in[0].get(1), f0Bins)};
    }
}
